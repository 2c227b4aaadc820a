"""The game's services: what the screens may ask (:class:`game.play.services.GameServices`) —
profiles, the scenario library, attempts, the portal, exports, reports, settings and the LRS sender —
over the storage adapters. How a scenario's session opens and closes is a policy
(:mod:`game.services.sessions`): the learners' attempts, or the trainer's preview
(:mod:`game.services.preview`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core.messages import N_, Message, msg
from game.i18n import _, activate, active, render
from game.play.services import GameServices, LearnerInfo, LibraryEntry, ServiceError, library_key
from game.services.sessions import Attempts, SessionPolicy
from game.storage.lrs_settings import LrsSettings
from game.storage.pending_saves import PendingSaves
from game.storage.recorder import StoreRecorder
from game.storage.scenarios import LoadedScenario, load_framework
from game.storage.store import Store, StoreError

if TYPE_CHECKING:  # the play session and the scenario model load with the first scenario opened
    from game.authoring.library import LibraryLoad
    from game.core.assessment import Assessment
    from game.core.framework import Framework
    from game.core.scenario import Scenario
    from game.play.session import PlaySession
    from game.storage.datasets import ScenarioDatasets
    from game.storage.lrs import Sender
    from game.storage.portal import Portal
    from game.storage.publisher import PortalPublisher
    from game.storage.trace import Trace

_log = logging.getLogger(__name__)


class Services(GameServices):
    """What the screens may ask (see ``game.play.services.GameServices``); ``sessions``: how a
    scenario's session opens and closes (the learners' attempts unless told otherwise)."""

    def __init__(self, store: Store, scenario_dirs: list[Path], *, theme: Any = None, fonts: Any = None,
                 language: str | None = None, lrs: LrsSettings | None = None, group: str | None = None,
                 sessions: SessionPolicy | None = None, trace: Trace | None = None, mode: str | None = None) -> None:
        self.store = store
        self.trace = trace  # ``--trace``: the reliability bench's view of what was saved
        self.saves = PendingSaves(store)  # actions the save refused for now (disk full…), tried again
        self.sessions: SessionPolicy = sessions if sessions is not None else Attempts()
        self.fixed_group = group  # ``--group``: a shared workshop machine, every profile joins this workshop
        self.fixed_mode = mode  # ``--mode``: the trainer's choice for this desk (game.core.modes), None: the workshop's
        self.sender: Sender | None = None
        if lrs is not None and lrs.enabled:  # statements leave the outbox on a background thread
            from game.storage.lrs import LrsClient, Sender  # (HTTP modules: only when an LRS is set)

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
    def preview(self) -> bool:
        return self.sessions.preview

    @property
    def loaded(self) -> dict[str, LoadedScenario]:
        """The scenarios, read and checked on first use (not before the title screen shows); the
        library screen has them read on a worker thread first (see ``library_progress``)."""
        if self._loaded is None:
            from game.authoring.library import load_all  # (packs, hashing: not before the title screen)

            items = self._library_load.result() if self._library_load is not None else load_all(self._dirs)
            self._loaded = {s.folder_id: s for s in items}
        return self._loaded

    def library_progress(self) -> float | None:
        """None once the library is read; until then the share read (0 to 1). The first call starts
        reading it on a worker thread, so the window keeps drawing and answering meanwhile."""
        if self._loaded is not None:
            return None
        if self._library_load is None:  # (zip and hashing modules: imported here, not before the title screen)
            from game.authoring.library import LibraryLoad

            self._library_load = LibraryLoad(self._dirs).start()
        if not self._library_load.done:
            return self._library_load.progress
        _ = self.loaded  # the worker's result (what stopped it is raised here, on the frame thread)
        return None

    def replace_library(self, items: list[LoadedScenario]) -> None:
        """The library is these scenarios from now on (the trainer's preview, once its file reloads)."""
        self._loaded = {s.folder_id: s for s in items}

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

    def attempt_group(self, registration: str) -> str | None:
        """An attempt stays in the workshop it started in (joining another one, or a desk's ``--group``,
        applies to the scenarios started next): the group of its first statement."""
        from game.core.report_attempts import group_of

        first = self.store.statements(registration=registration, limit=1)
        return group_of(first[0]) if first else self.next_group()

    def next_mode(self) -> str:
        """The mode of the next attempt: the desk's ``--mode``, else the workshop code's (a code ending
        with « -EVAL » is an assessment), else practice. An attempt in progress keeps its own."""
        from game.core.modes import PRACTICE, group_mode

        return self.fixed_mode or group_mode(self.next_group()) or PRACTICE

    def pass_mark(self) -> float:
        """The framework's pass mark: the end statement's success and the debrief's verdict agree."""
        from game.core.assessment import pass_mark

        return pass_mark(self.framework())

    def next_group(self) -> str | None:
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
        from game.authoring.library import load_guarded
        from game.storage.library import discover

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
        assert self.learner is not None
        item = self.loaded[key]
        sc = item.scenario
        assert sc is not None
        active().use_scenario(item.translations, sc.language)
        self.session = self.sessions.open(self, item)
        return self.session

    def statement_language(self) -> str:
        """The language tag of the statements' texts (the game's language)."""
        return "en-GB" if self.language == "en" else "fr-FR"

    def recorder(self, scenario: Scenario, *, started: bool, waits: bool = True) -> StoreRecorder:
        """The store's recorder for the current learner; ``waits``: a write the disk refuses waits in
        memory (the game's), or is raised (the preview's, which saves nothing for the learners)."""
        assert self.learner is not None
        if not waits:
            return StoreRecorder(self.store, self.learner.id, scenario, started=started)
        return StoreRecorder(self.store, self.learner.id, scenario, started=started, recorded=self._recorded,
                             saves=self.saves, committed=self.trace.committed if self.trace is not None else None)

    def _recorded(self) -> None:
        if self.sender is not None:
            self.sender.notify()

    def datasets(self) -> ScenarioDatasets:
        from game.storage.datasets import ScenarioDatasets

        return ScenarioDatasets({k: v.path.parent for k, v in self.loaded.items()})

    def publisher(self, item: LoadedScenario) -> PortalPublisher:
        from game.storage.publisher import PortalPublisher

        return PortalPublisher(self.portal(), item.path.parent / "data")

    def portal(self) -> Portal:
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
        if session is not None:
            self.sessions.close(self, session)

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

    def assessment(self) -> Assessment:
        from game.core.assessment import assess  # the debrief's; not needed before the first frame

        assert self.session is not None
        registration = self.session.registration
        stored = self.store.statements(registration=registration)
        known = {s.get("id") for s in stored}
        waiting = [s for s in self.saves.waiting(registration) if s.get("id") not in known]  # not on disk yet
        # the learner's other attempts (other scenarios, earlier tries) count for the levels, not the score
        history = ([s for s in self.store.statements(learner_id=self.learner.id)
                    if s.get("context", {}).get("registration") != registration] if self.learner is not None else [])
        scenarios = {x.scenario.id: x.scenario for x in self.loaded.values() if x.scenario is not None}
        return assess(stored + waiting, self.session.scenario, self.framework(), history=history, scenarios=scenarios)

    def save_learner_report(self) -> Path:
        """The learner's own report (every scenario they played here), as HTML + CSV under ``exports/``."""
        from game.core.ids import utc_timestamp
        from game.core.report import build_report
        from game.services.reports import report_translator, write_report
        from game.storage.oserrors import french_reason
        from game.storage.reports import learner_stem

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
