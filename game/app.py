"""Composition root: wires storage, play, i18n, engine, ui and scenes into the running game."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.messages import N_, Message, msg
from game.i18n import _, activate, active, render
from game.play.services import LearnerInfo, LibraryEntry, ServiceError, library_key
from game.storage.lrs import LrsClient, LrsSettings, Sender
from game.storage.paths import data_dir
from game.storage.pending_saves import PendingSaves
from game.storage.scenarios import (
    LoadedScenario,
    default_scenario_dirs,
    discover,
    load_all,
    load_framework,
    load_guarded,
)
from game.storage.store import Store, StoreError

if TYPE_CHECKING:  # the play session and the scenario model load with the first scenario opened
    from game.core.framework import Framework
    from game.core.scenario import Scenario
    from game.play.session import PlaySession
    from game.storage.library import LibraryLoad

_log = logging.getLogger(__name__)


class StoreRecorder:
    """Records a session's actions; the first one also creates the attempt (same transaction).

    With ``saves`` (the game's), a write the store refuses (disk full…) waits in memory and is tried
    again: the session goes on and the learner keeps their answer. Without it, the error is raised.
    """

    def __init__(self, store: Store, learner_id: int, scenario: Scenario, started: bool,
                 recorded: Callable[[], None] | None = None, saves: PendingSaves | None = None) -> None:
        self.store, self.learner_id, self.scenario, self.started = store, learner_id, scenario, started
        self.recorded = recorded  # wakes the LRS sender: statements leave now, not at its next poll
        self.saves = saves

    def record(self, registration: str, state: dict[str, Any], statements: list[dict[str, Any]], *,
               finished_score: float | None = None) -> None:
        starts, self.started = not self.started, True  # the first write creates the attempt, whenever it lands
        sc, learner_id = self.scenario, self.learner_id

        def write(store: Store) -> None:
            if starts:
                store.start_attempt(learner_id, sc.id, sc.version, registration, state, statements)
                if finished_score is not None:
                    store.record(registration, state, [], finished_score=finished_score)
            else:
                store.record(registration, state, statements, finished_score=finished_score)

        done = self.recorded if statements else None
        if self.saves is not None:
            self.saves.submit(write, registration, statements, done)
            return
        try:
            write(self.store)
        except Exception:
            self.started = not starts  # nothing was written: the next action creates the attempt
            raise
        if done is not None:
            done()


class PortalPublisher:
    """The play session's ``Publisher``: the cleaned table as a quality CSV, the scenario's resource
    files, the metadata and the catalogue row, written to the learner's portal all at once."""

    def __init__(self, portal: Any, data_folder: Path) -> None:
        self.portal, self.data_folder = portal, data_folder

    def publish(self, learner: str, dataset_id: str, *, table: Any, metadata: dict[str, Any],
                summary: dict[str, Any], catalogue_header: Any, catalogue_row: Any, extra_files: Any) -> str:
        from game.storage.csvfile import quality_csv_text
        from game.storage.folders import inside
        from game.storage.oserrors import french_reason

        try:
            extra = {name: inside(self.data_folder, src).read_bytes() for name, src in extra_files.items()}
        except OSError as e:  # a resource of the scenario went missing: the portal is left as it was
            raise ServiceError(msg(N_("Le portail n'a pas pu être écrit ({reason}). Votre brouillon est conservé."),
                                   reason=french_reason(e))) from e
        where = self.portal.publish(learner, dataset_id, csv_bytes=quality_csv_text(table, drop_extras=True).encode("utf-8"),
                                    metadata=metadata, summary=summary, catalogue_header=catalogue_header,
                                    catalogue_row=catalogue_row, extra_files=extra)
        return str(where)


class Services:
    """What the screens may ask (see ``game.play.services.GameServices``)."""

    def __init__(self, store: Store, scenario_dirs: list[Path], *, theme: Any = None, fonts: Any = None,
                 language: str | None = None, lrs: LrsSettings | None = None, group: str | None = None) -> None:
        self.store = store
        self.saves = PendingSaves(store)  # actions the save refused for now (disk full…), tried again
        self._unsaved: dict[tuple[int, str], PlaySession] = {}  # sessions left while their actions wait
        self.fixed_group = group  # ``--group``: a shared workshop machine, every profile joins this workshop
        self.sender: Sender | None = None
        if lrs is not None and lrs.enabled:  # statements leave the outbox on a background thread
            self.sender = Sender(store.path, LrsClient(lrs))
            self.sender.start()
            _log.info("envoi des relevés vers %s", lrs.endpoint)
        self.data_folder = Path(store.path).parent  # the portal and the exports live beside the save file
        self.theme, self.fonts = theme, fonts
        self.language = language or store.get_setting("language", "fr")
        activate(self.language)
        self.text_scale = float(store.get_setting("text_scale", 1.0))
        if fonts is not None:
            fonts.set_scale(self.text_scale)
        self._dirs = scenario_dirs
        self._loaded: dict[str, LoadedScenario] | None = None
        self._library_load: LibraryLoad | None = None  # the library being read on a worker thread
        self._framework: Framework | None = None
        self.learner: LearnerInfo | None = None
        self.session: PlaySession | None = None

    @property
    def loaded(self) -> dict[str, LoadedScenario]:
        """The scenarios, read and checked on first use (not before the title screen shows); the
        library screen has them read on a worker thread first (see ``library_progress``)."""
        if self._loaded is None:
            items = self._library_load.result() if self._library_load is not None else load_all(self._dirs)
            self._loaded = {s.folder_id: s for s in items}
        return self._loaded

    def library_progress(self) -> float | None:
        """None once the library is read; until then the share read (0 to 1). The first call starts
        reading it on a worker thread, so the window keeps drawing and answering meanwhile."""
        if self._loaded is not None:
            return None
        if self._library_load is None:  # (zip and hashing modules: imported here, not before the title screen)
            from game.storage.library import LibraryLoad

            self._library_load = LibraryLoad(self._dirs).start()
        if not self._library_load.done:
            return self._library_load.progress
        _ = self.loaded  # the worker's result (what stopped it is raised here, on the frame thread)
        return None

    # profiles -------------------------------------------------------------------
    def learners(self) -> list[LearnerInfo]:
        return [LearnerInfo(x.id, x.pseudonym, x.group) for x in self.store.learners()]

    def create_learner(self, pseudonym: str, group: str = "") -> LearnerInfo:
        """A new profile; ``group`` is the workshop code the learner typed (may be empty)."""
        from game.core.groups import normalize_group

        code = self.fixed_group or (normalize_group(group) if group.strip() else None)
        if isinstance(code, Message):
            raise ServiceError(code)
        try:
            x = self.store.add_learner(pseudonym, code)
        except StoreError as e:
            raise ServiceError(e.message) from e
        return LearnerInfo(x.id, x.pseudonym, x.group)

    def select_learner(self, learner_id: int) -> None:
        self.learner = next(x for x in self.learners() if x.id == learner_id)
        self._remember("last_learner", learner_id)

    def _remember(self, key: str, value: Any) -> None:
        """A preference (last profile, language, text size): when the save refuses it, the game
        goes on with it for this session (the notice of waiting actions says why saving fails)."""
        try:
            self.store.set_setting(key, value)
        except StoreError as e:
            _log.warning("réglage %s non enregistré : %s", key, e)

    def join_group(self, code: str) -> None:
        """The current profile joins the workshop ``code`` (empty: leaves it) for the scenarios opened next."""
        from game.core.groups import normalize_group

        assert self.learner is not None
        group = normalize_group(code) if code.strip() else None
        if isinstance(group, Message):
            raise ServiceError(group)
        try:
            self.store.set_group(self.learner.id, group)
        except StoreError as e:
            raise ServiceError(e.message) from e
        self.learner = LearnerInfo(self.learner.id, self.learner.pseudonym, group)

    def _attempt_group(self, registration: str) -> str | None:
        """An attempt stays in the workshop it started in (joining another one, or a desk's ``--group``,
        applies to the scenarios started next): the group of its first statement."""
        from game.core.report_attempts import group_of

        first = self.store.statements(registration=registration, limit=1)
        return group_of(first[0]) if first else self._group()

    def _group(self) -> str | None:
        """The workshop of the next statements: the machine's ``--group`` (this session only), else the profile's."""
        return self.fixed_group or (self.learner.group if self.learner is not None else None)

    # library --------------------------------------------------------------------
    def library(self) -> list[LibraryEntry]:
        items = sorted(self.loaded.items(), key=lambda kv: library_key(kv[0], kv[1].scenario if kv[1].valid else None))
        return [self._entry(key, item) for key, item in items]

    def _entry(self, key: str, item: LoadedScenario) -> LibraryEntry:
        sc = item.scenario
        if sc is None or not item.valid:
            p = item.problems[0] if item.problems else None
            where = f"{p.file}:{p.line}" if p and p.line else (p.file if p else "")
            return LibraryEntry(key, key, valid=False, problem=p.message if p else None, where=where, status="invalid")
        status, score, index = "new", None, 0
        if self.learner is not None:
            current = self.store.current_attempt(self.learner.id, sc.id)
            done = self.store.latest_finished(self.learner.id, sc.id)
            score = done.score if done is not None else None
            if current is not None:
                status = "in-progress"
                step = current.state.get("step_id", "")
                index = sc.index(step) if sc.has_step(step) else 0
            elif done is not None:
                status = "done"
        texts = item.translations.get(self.language, {}) if self.language != sc.language else {}
        return LibraryEntry(key, texts.get(sc.title, sc.title), texts.get(sc.summary, sc.summary), sc.duration, sc.level,
                            sc.competencies, status=status, score=score, step_index=index, step_count=len(sc.steps),
                            scenario=sc)

    def resume_for(self, learner_id: int) -> LibraryEntry | None:
        """This learner's scenario in progress (the one started last), resumed once they said who plays."""
        learner = next((x for x in self.learners() if x.id == learner_id), None)
        if learner is None:
            return None
        # only the scenario in progress is read here: the title screen shows before the whole library loads
        started = [(current.started_at, path) for path in sorted(discover(self._dirs), key=lambda p: p.parent.name)
                   if (current := self.store.current_attempt(learner.id, path.parent.name)) is not None]
        if not started:
            return None
        path = max(started, key=lambda x: x[0])[1]
        item = self._loaded[path.parent.name] if self._loaded is not None else load_guarded(path)
        previous, self.learner = self.learner, learner
        try:
            entry = self._entry(path.parent.name, item)
        finally:
            self.learner = previous
        return entry if entry.status == "in-progress" else None

    def open_scenario(self, key: str) -> PlaySession:
        from game.play.session import PlaySession
        from game.play.state import AttemptState

        assert self.learner is not None
        item = self.loaded[key]
        sc = item.scenario
        assert sc is not None
        active().use_scenario(item.translations, sc.language)
        lang = "en-GB" if self.language == "en" else "fr-FR"
        self.saves.flush()
        kept = self._unsaved.pop((self.learner.id, sc.id), None)
        if kept is not None and self.saves.has(kept.registration):  # its last actions are only in memory
            self.session = kept
            return kept
        current = self.store.current_attempt(self.learner.id, sc.id)
        if current is not None:
            rec = StoreRecorder(self.store, self.learner.id, sc, started=True, recorded=self._recorded,
                                saves=self.saves)
            self.session = PlaySession(sc, self.learner.pseudonym, current.registration, rec,
                                       AttemptState.from_json(current.state), language=lang, datasets=self._datasets(),
                                       publisher=self._publisher(item), group=self._attempt_group(current.registration))
        else:
            rec = StoreRecorder(self.store, self.learner.id, sc, started=False, recorded=self._recorded,
                                saves=self.saves)
            self.session = PlaySession(sc, self.learner.pseudonym, str(uuid.uuid4()), rec, language=lang,
                                       datasets=self._datasets(), publisher=self._publisher(item),
                                       group=self._group())
            self.session.begin()
        return self.session

    def _recorded(self) -> None:
        if self.sender is not None:
            self.sender.notify()

    def _datasets(self) -> Any:
        from game.storage.datasets import ScenarioDatasets

        return ScenarioDatasets({k: v.path.parent for k, v in self.loaded.items()})

    def _publisher(self, item: LoadedScenario) -> PortalPublisher:
        return PortalPublisher(self.portal(), item.path.parent / "data")

    def portal(self) -> Any:
        from game.storage.portal import Portal

        return Portal(self.data_folder / "portail")

    def published(self) -> list[dict[str, Any]]:
        """What the current learner published, newest first (the in-game portal page)."""
        if self.learner is None:
            return []
        from game.storage.portal import PortalError

        try:
            return self.portal().entries(self.learner.pseudonym)
        except (OSError, PortalError) as e:
            _log.warning("portail illisible : %s", e)
            return []

    def export_path(self, name: str) -> Path:
        """Where an exported file (a chart, a cleaned file) goes: ``<data dir>/exports/<name>``."""
        folder = self.data_folder / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / name

    def export_file(self, name: str, write: Callable[[Path], object]) -> Path:
        """``<data dir>/exports/<name>``, written whole by ``write(path)`` or not at all; a failure
        raises :class:`ServiceError` with a French reason (« le disque est plein »)."""
        import pygame

        from game.storage.files import replace_with
        from game.storage.oserrors import french_reason

        target = self.data_folder / "exports" / name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_with(target, write)
        except OSError as e:
            raise ServiceError(msg(N_("Le fichier {name} n'a pas pu être enregistré ({reason})."), name=name,
                                   reason=french_reason(e))) from e
        except pygame.error as e:  # SDL says why in English only: the place and the usual causes instead
            raise ServiceError(msg(N_("Le fichier {name} n'a pas pu être enregistré dans {folder}. Vérifiez la "
                                      "place libre sur le disque et vos droits sur ce dossier."),
                                   name=name, folder=str(target.parent))) from e
        return target

    def export_clean(self) -> tuple[Path, Path]:
        """Write the cleaned table (quality CSV) and its recipe (JSON) under ``<data dir>/exports``,
        each whole or not at all; a failure raises :class:`ServiceError` with a French reason."""
        import json

        from game.storage.csvfile import write_quality_csv
        from game.storage.files import replace_file
        from game.storage.oserrors import french_reason

        assert self.session is not None
        work = self.session.clean_work()
        stem = f"{self.session.scenario.id}-{work.step.id}"
        recipe = {"schema": work.step.schema, "operations": work.history.recipe()}
        try:
            csv_path, recipe_path = self.export_path(f"{stem}.csv"), self.export_path(f"{stem}.recette.json")
            write_quality_csv(work.table, csv_path)
            replace_file(recipe_path, (json.dumps(recipe, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        except OSError as e:
            raise ServiceError(msg(N_("Export impossible : {reason}"), reason=french_reason(e))) from e
        return csv_path, recipe_path

    def close_scenario(self) -> None:
        session, self.session = self.session, None
        if session is not None and self.learner is not None and self.saves.has(session.registration):
            self._unsaved[(self.learner.id, session.scenario.id)] = session  # reopened as it is, not as saved

    def save_notice(self) -> str | None:
        """While actions wait in memory because the save refuses them: why, in French, and what happens."""
        problem = self.saves.problem
        if problem is None:
            return None
        reason = render(msg(problem.reason)) if problem.reason else render(problem.message)
        return _("Progression pas encore enregistrée : {reason}. Vos réponses sont gardées en mémoire et le jeu "
                 "réessaie tout seul ; ne le fermez pas et prévenez votre formateur·rice.").format(reason=reason)

    def sync_status(self) -> Message | None:
        """The discreet LRS line (« Relevés : à jour »…), or None when no LRS is configured."""
        return self.sender.status() if self.sender is not None else None

    def close(self) -> None:
        """At exit: write what still waits, stop the LRS sender (what is not sent stays in the outbox for
        next time) and the library's reading, if still going."""
        if self._library_load is not None:
            self._library_load.cancel()
        if not self.saves.flush():
            _log.error("fermeture : %d action(s) n'ont pas pu être enregistrées (%s)", len(self.saves), self.saves.problem)
        if self.sender is not None:
            self.sender.stop()
            self.sender = None

    def assessment(self) -> Any:
        from game.core.assessment import assess  # the debrief's; not needed before the first frame

        assert self.session is not None
        registration = self.session.registration
        stored = self.store.statements(registration=registration)
        known = {s.get("id") for s in stored}
        waiting = [s for s in self.saves.waiting(registration) if s.get("id") not in known]  # not on disk yet
        return assess(stored + waiting, self.session.scenario, self.framework())

    def save_learner_report(self) -> Path:
        """The learner's own report (every scenario they played here), as HTML + CSV under ``exports/``."""
        from game.cli.reports import learner_stem, report_translator, write_report
        from game.core.ids import utc_timestamp
        from game.core.report import build_report
        from game.storage.oserrors import french_reason

        assert self.learner is not None
        scenarios = {x.scenario.id: x.scenario for x in self.loaded.values() if x.scenario is not None}
        try:
            built = build_report(self.store.statements(learner_id=self.learner.id), self.framework(),
                                 scenarios=scenarios, learner=self.learner.pseudonym, generated_at=utc_timestamp())
            folder = self.data_folder / "exports"
            html, _csv = write_report(built, report_translator(self.language, self.loaded.values()), folder,
                                      learner_stem(folder, self.learner.pseudonym))
        except StoreError as e:
            raise ServiceError(e.message) from e
        except OSError as e:
            raise ServiceError(msg(N_("Le rapport n'a pas pu être enregistré ({reason}). Vérifiez la place libre "
                                      "sur le disque, puis réessayez."), reason=french_reason(e))) from e
        return html

    def framework(self) -> Framework:
        if self._framework is None:
            fw, problems = load_framework()
            if fw is None:
                raise ServiceError(problems[0].message)
            self._framework = fw
        return self._framework

    # settings -------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.language = language
        tr = activate(language)
        self._remember("language", language)
        if self.session is not None:
            item = self.loaded[self.session.scenario.id]
            tr.use_scenario(item.translations, self.session.scenario.language)

    def set_text_scale(self, scale: float) -> None:
        self.text_scale = max(1.0, min(2.0, scale))
        if self.fonts is not None:
            self.fonts.set_scale(self.text_scale)
        self._remember("text_scale", self.text_scale)


#: scene id -> "module:class"; a scene's module is imported the first time it shows
SCENES = {
    "title": "title:TitleScene", "profiles": "profiles:ProfilesScene", "library": "library:LibraryScene",
    "settings": "settings:SettingsScene", "dialogue": "dialogue:DialogueScene", "quiz": "quiz:QuizScene",
    "sort": "sort:SortScene", "debrief": "debrief:DebriefScene", "notice": "notice:NoticeScene",
    "clean": "clean:CleanScene", "operation": "operation:OperationScene", "loading": "loading:LoadingScene",
    "publish": "publish:PublishScene", "portal": "portal:PortalScene", "reuse": "reuse:ReuseScene",
    "workshop": "workshop:WorkshopScene",
    "preview": "preview:PreviewScene",
}


def scene_factory(services: Services):
    import importlib

    def scene_class(scene_id: str) -> Any:
        module, _sep, name = SCENES[scene_id].partition(":")
        return getattr(importlib.import_module(f"game.scenes.{module}"), name)

    def factory(scene_id: str, params: dict[str, Any]):
        if scene_id in ("clean", "publish", "reuse") and services.session is not None and not services.session.clean_ready():
            scene_id = "loading"  # read the dataset on a worker thread first
        return scene_class(scene_id)(services, **params)

    return factory


def _logging() -> None:
    try:
        handler: logging.Handler = logging.FileHandler(data_dir() / "explorateurs.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    logging.basicConfig(level=logging.INFO, handlers=[handler], format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _script(value: str | None) -> list[str] | None:
    """The steps of ``--script``: comma-separated (``move:600,300`` keeps its comma), or ``@file``."""
    if not value:
        return None
    if value.startswith("@"):
        return Path(value[1:]).read_text(encoding="utf-8").splitlines()
    steps: list[str] = []
    for piece in (s.strip() for s in value.split(",")):
        if steps and piece.lstrip("-").isdigit() and steps[-1].split(":", 1)[0] in ("click", "move", "resize") \
                and steps[-1].count(",") == 0:
            steps[-1] += "," + piece
        elif piece:
            steps.append(piece)
    return steps


def run(args: argparse.Namespace, language: str | None = None) -> int:
    """Open the window and play until it is closed."""
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.engine.fonts import FontBook
    from game.engine.loop import ErrorText
    from game.engine.loop import run as loop
    from game.engine.stack import SceneStack
    from game.engine.window import open_window
    from game.ui.theme import DEFAULT_THEME

    group = None
    if getattr(args, "group", None):
        from game.core.groups import normalize_group

        group = normalize_group(args.group)
        if isinstance(group, Message):
            print(render(group), file=sys.stderr)
            return 2
    prepared = preview = None
    if getattr(args, "watch", None) or getattr(args, "warp", None):  # the trainer's preview (game.preview)
        from game import preview as pv

        try:
            prepared = pv.prepare(args)
        except pv.PreviewError as e:
            print(e.text(), file=sys.stderr)
            return 2
    try:  # a wrong step is the user's typo: say it before any window opens
        from game.engine.script import ScriptError, parse_script

        script = _script(args.script)
        if script is not None:
            import warnings

            with warnings.catch_warnings():  # key names are known before pygame.init (checked for all keys used)
                warnings.simplefilter("ignore")
                parse_script(script)
    except (ScriptError, OSError, UnicodeDecodeError) as e:
        from game.storage.oserrors import french_reason

        reason = render(french_reason(e)) if isinstance(e, OSError) else str(e)
        if isinstance(e, UnicodeDecodeError):
            reason = _("le fichier n'est pas encodé en UTF-8 (octet invalide à la position {pos})").format(pos=e.start)
        print(_("Script invalide : {reason}").format(reason=reason), file=sys.stderr)
        return 2
    _logging()
    size = (1280, 720)
    if args.size:
        w, _x, h = args.size.partition("x")
        size = (int(w), int(h))
    window = open_window("Explorateurs des données", size)
    fonts = FontBook(1.0)
    dirs = default_scenario_dirs() + list(args.scenarios or [])  # shipped, <data_dir>/scenarios, then --scenarios
    first, params = "title", {}
    try:
        if prepared is not None:  # its own throwaway profile and save, no LRS
            preview = pv.start(args, *prepared, theme=DEFAULT_THEME, fonts=fonts, language=language)
            services = preview.services
        else:
            store = Store.open_default()
            services = Services(store, dirs, theme=DEFAULT_THEME, fonts=fonts, language=language,
                                lrs=LrsSettings.load(args), group=group)
    except (StoreError, ServiceError) as e:
        _log.error("démarrage impossible : %s", e)
        activate(language or "fr")
        services = _Degraded(DEFAULT_THEME, fonts)
        first, params = "notice", {"text": render(e.message)}
    if args.text_scale:
        services.set_text_scale(args.text_scale)
    stack = SceneStack(scene_factory(services), window.size)
    if preview is None:
        stack.push(first, params)
    reload = preview.attach(stack) if preview is not None else None  # --watch: reload on save
    saves = services.saves if isinstance(services, Services) else None

    def on_update(dt: float) -> bool:
        if saves is not None:
            saves.tick()  # actions the save refused wait in memory: try them again every few seconds
        return bool(reload(dt)) if reload is not None else False

    error = ErrorText(_("Une erreur inattendue est survenue. Votre progression déjà enregistrée est conservée."),
                      _("Appuyez sur Échap pour revenir à l'écran précédent."))
    banner = services.save_notice if isinstance(services, Services) else None
    try:
        loop(stack, window, script=script, screenshot=args.screenshot, max_frames=args.max_frames,
             error_text=error, fonts=fonts, on_update=on_update, banner=banner)
    finally:
        if isinstance(services, Services):
            services.close()
    return 0


class _Degraded:
    """Just enough services for the notice screen when the save file cannot be opened."""

    def __init__(self, theme: Any, fonts: Any) -> None:
        self.theme, self.fonts, self.language, self.text_scale = theme, fonts, active().language, 1.0
        self.learner = self.session = None

    def set_text_scale(self, scale: float) -> None:
        self.fonts.set_scale(scale)
