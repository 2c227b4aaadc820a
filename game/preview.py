"""The trainer's preview: ``play --watch FILE`` reloads the scenario at each save and replays the
path played so far; ``--warp STEP`` starts at a step. Like Ren'Py's reload and warp, Inky's replay.

A preview never touches the learners' save: it plays under a throwaway profile (« Aperçu
(formateur) ») in ``<data dir>/apercu/<process id>``, emptied at each start, and sends nothing to an LRS.
This module is a composition root, like :mod:`game.app`.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.app import Services, StoreRecorder
from game.authoring.check import load_all, load_guarded
from game.core.messages import N_, Message, msg
from game.core.problems import Problem, did_you_mean
from game.i18n import _, active, render
from game.play.replay import LogEntry, LoggedSession, replay
from game.play.state import AttemptState
from game.storage.oserrors import french_reason
from game.storage.paths import data_dir
from game.storage.scenarios import SCENARIO_FILE, LoadedScenario, default_scenario_dirs
from game.storage.store import Store, StoreError
from game.storage.watch import ScenarioWatch

PREVIEW_DIRNAME = "apercu"
_log = logging.getLogger(__name__)


class PreviewError(Exception):
    """Why the preview cannot start (French message, shown on stderr; exit code 2)."""

    def __init__(self, message: Message, hint: Message | None = None) -> None:
        super().__init__(message.format_source())
        self.message, self.hint = message, hint

    def text(self) -> str:
        return render(self.message) + ("" if self.hint is None else " " + render(self.hint))


def prepare(args: argparse.Namespace) -> tuple[LoadedScenario, str | None]:
    """The scenario to preview (read and checked) and the step to start at, from ``--watch``,
    ``--warp`` and ``--scenarios``; raises PreviewError when they do not exist."""
    watch, warp = getattr(args, "watch", None), getattr(args, "warp", None) or None
    if watch:
        path = Path(watch) / SCENARIO_FILE if Path(watch).is_dir() else Path(watch)
        if not path.is_file():
            raise PreviewError(msg(N_("Fichier de scénario introuvable : {path}."), path=str(path)))
        item = load_guarded(path)
        if warp and warp.startswith(item.folder_id + ":"):
            warp = warp.split(":", 1)[1]
        if warp and item.valid:  # a broken file at start is shown in the game; the step is checked once it loads
            _check_step(item, warp)
        return item, warp
    scenario_id, sep, step = (warp or "").partition(":")
    if not sep or not scenario_id or not step:
        raise PreviewError(msg(N_("Sans --watch, --warp prend le scénario et l'étape : --warp SCÉNARIO:ÉTAPE "
                                  "(par exemple premiers-pas:quiz-loi).")))
    found = {x.folder_id: x for x in load_all(default_scenario_dirs() + list(getattr(args, "scenarios", None) or []))}
    if scenario_id not in found:
        raise PreviewError(msg(N_("Scénario inconnu : « {value} »."), value=scenario_id), did_you_mean(scenario_id, found))
    item = found[scenario_id]
    if not item.valid:
        raise PreviewError(msg(N_("Le scénario « {value} » contient des erreurs : lancez « explorateurs check {path} »."),
                               value=scenario_id, path=str(item.path)))
    _check_step(item, step)
    return item, step


def _check_step(item: LoadedScenario, step: str) -> None:
    assert item.scenario is not None
    ids = [s.id for s in item.scenario.steps]
    if step not in ids:
        raise PreviewError(msg(N_("Étape inconnue : « {step} » dans {path}."), step=step, path=str(item.path)),
                           did_you_mean(step, ids) or msg(N_("Étapes : {steps}."), steps=", ".join(ids)))


def open_preview_store() -> Store:
    """The throwaway save of this preview, ``<data dir>/apercu/<pid>``, emptied at each start. Two
    previews at once each keep their own; the folders of previews that ended are swept."""
    root = data_dir() / PREVIEW_DIRNAME
    folder = root / str(os.getpid())
    try:
        _sweep(root)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        return Store(folder, synchronous="NORMAL")
    except OSError as e:
        raise StoreError(msg(N_("Le dossier de l'aperçu {path} n'a pas pu être préparé ({reason})."),
                             path=str(folder), reason=french_reason(e))) from e


def _sweep(root: Path) -> None:
    """Remove what previews that no longer run left in ``root`` (and the files of the former
    layout, when every preview shared ``root``); the folders of running previews stay."""
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.name.isdigit() and _running(int(entry.name)):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        except OSError:  # still open elsewhere: left for the next sweep
            _log.info("aperçu : %s n'a pas pu être supprimé", entry)


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (another user's counts; a reused number keeps a folder
    one run longer, which is harmless)."""
    if pid == os.getpid():
        return False  # our own folder: emptied anyway
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(ctypes.get_last_error() == 5)  # type: ignore[attr-defined]  # ERROR_ACCESS_DENIED: it exists
        code = ctypes.c_ulong()
        try:
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class PreviewServices(Services):
    """The game's services on one scenario file, under the preview profile, with the replay log."""

    def __init__(self, store: Store, item: LoadedScenario, warp: str | None = None, **kwargs: Any) -> None:
        super().__init__(store, [item.path], **kwargs)
        self.path, self.warp = item.path, warp
        self.folder_id = item.folder_id  # the loader's key: the resolved folder's name (``--watch .`` has none)
        self._loaded = {item.folder_id: item}
        self.log: list[LogEntry] = []  # the path played, kept while the scenario is closed
        self.at: str | None = None  # the step it reached
        self.note: Message | None = None  # to show over the game (the replay stopped early)
        self.seed = str(uuid.uuid4())  # the same shuffled orders in every reloaded version
        self.opened = False
        self.preview = True  # the step screens say that nothing is saved for the learners
        self.select_learner(self.create_learner(_("Aperçu (formateur)")).id)

    def open_scenario(self, key: str) -> LoggedSession:
        item = self.loaded[key]
        sc = item.scenario
        assert sc is not None and self.learner is not None
        active().use_scenario(item.translations, sc.language)
        start, note = sc.steps[0].id, None
        if self.warp and sc.has_step(self.warp):
            start = self.warp
        elif self.warp:
            note = msg(N_("L'étape « {step} » de --warp n'existe plus : l'aperçu commence à la première étape."),
                       step=self.warp)
        rec = StoreRecorder(self.store, self.learner.id, sc, started=False)
        session = LoggedSession(sc, self.learner.pseudonym, str(uuid.uuid4()), rec, AttemptState(step_id=start),
                                language="en-GB" if self.language == "en" else "fr-FR", datasets=self._datasets(),
                                publisher=self._publisher(item), seed=self.seed)
        session.begin()
        self.opened = True
        self.note = replay(session, self.log, self.at).note or note
        self.session = session
        return session

    def close_scenario(self) -> None:
        """Escape keeps the path for the next opening; a finished scenario starts again."""
        s = self.session
        if isinstance(s, LoggedSession):
            self.log, self.at = ([], None) if s.state.completed else (list(s.log), s.state.step_id)
        self.session = None

    def reload(self) -> tuple[Problem, ...]:
        """Read the file again; when it loads, replay the path on it (the problems otherwise, and
        the previous version stays in play). A file broken from the start opens once fixed."""
        item = load_guarded(self.path)
        if not item.valid:
            _log.info("aperçu : %s enregistré avec %d problème(s)", self.path, len(item.problems))
            return item.problems
        _log.info("aperçu : %s rechargé", self.path)
        self.folder_id = item.folder_id
        self._loaded = {item.folder_id: item}
        s = self.session
        if isinstance(s, LoggedSession):  # on the debrief too: the path is kept
            self.log, self.at = list(s.log), s.state.step_id
        if s is not None or not self.opened:
            self.open_scenario(item.folder_id)
        return ()


class Preview:
    """Keeps the scene stack in step with the file: the library at the bottom, the step played
    above it, and the preview notice on top when there is something to say."""

    def __init__(self, services: PreviewServices, watch: ScenarioWatch | None) -> None:
        self.services, self.watch = services, watch
        self.stack: Any = None

    def attach(self, stack: Any) -> Callable[[float], bool]:
        """Fill the stack and return what the frame loop calls each update."""
        self.stack = stack
        stack.push("library", {})
        item = self.services.loaded[self.services.folder_id]
        if item.valid:
            stack.push(self.services.open_scenario(item.folder_id).step.kind, {})
        else:
            stack.push("preview", {"problems": item.problems, "previous": False})
        return self.tick

    def tick(self, dt: float) -> bool:
        """Look at the file (every half second); True when the screens were rebuilt."""
        changed = self.watch is not None and self.watch.poll(dt)
        if changed:
            problems = self.services.reload()
            if problems:
                if getattr(self.stack.top, "params", {}).get("problems"):
                    self.stack.pop()  # the previous save's problems
                self.stack.push("preview", {"problems": problems, "previous": self.services.session is not None})
                return True
            self.stack.truncate(1)
            if self.services.session is None:
                self.stack.top.on_resume(None)  # the library shows the new version
            else:
                self.stack.push(self.services.session.step.kind, {})
        if self.services.note is not None and self.services.session is not None:
            note, self.services.note = self.services.note, None
            self.stack.push("preview", {"note": note})
            return True
        return changed


def start(args: argparse.Namespace, item: LoadedScenario, warp: str | None, **kwargs: Any) -> Preview:
    """The preview's services (``kwargs``: theme, fonts, language) and, with ``--watch``, its watcher."""
    services = PreviewServices(open_preview_store(), item, warp, **kwargs)
    return Preview(services, ScenarioWatch(item.path) if getattr(args, "watch", None) else None)
