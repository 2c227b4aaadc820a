"""The trainer's preview: ``play --watch FILE`` reloads the scenario at each save and replays the
path played so far; ``--warp STEP`` starts at a step. Like Ren'Py's reload and warp, Inky's replay.

A preview never touches the learners' save: it plays under a throwaway profile (« Aperçu
(formateur) ») in ``<data dir>/apercu/<process id>``, emptied at each start, and sends nothing to an LRS.
This module is a composition root, like :mod:`game.app`: the policy is
:mod:`game.services.preview`, the throwaway save :mod:`game.storage.preview_store`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.authoring.check import load_all, load_guarded
from game.core.messages import N_, Message, msg
from game.core.problems import did_you_mean
from game.i18n import render
from game.services import Services
from game.services.preview import PreviewSessions, preview_services
from game.storage.preview_store import open_preview_store
from game.storage.scenarios import SCENARIO_FILE, LoadedScenario, default_scenario_dirs
from game.storage.watch import ScenarioWatch

__all__ = ["Preview", "PreviewError", "open_preview_store", "prepare", "start"]


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


class Preview:
    """Keeps the scene stack in step with the file: the library at the bottom, the step played
    above it, and the preview notice on top when there is something to say."""

    def __init__(self, services: Services, sessions: PreviewSessions, watch: ScenarioWatch | None) -> None:
        self.services, self.sessions, self.watch = services, sessions, watch
        self.stack: Any = None

    def attach(self, stack: Any) -> Callable[[float], bool]:
        """Fill the stack and return what the frame loop calls each update."""
        self.stack = stack
        stack.push("library", {})
        item = self.services.loaded[self.sessions.folder_id]
        if item.valid:
            stack.push(self.services.open_scenario(item.folder_id).step.kind, {})
        else:
            stack.push("preview", {"problems": item.problems, "previous": False})
        return self.tick

    def tick(self, dt: float) -> bool:
        """Look at the file (every half second); True when the screens were rebuilt."""
        changed = self.watch is not None and self.watch.poll(dt)
        if changed:
            problems = self.sessions.reload(self.services)
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
        if self.sessions.note is not None and self.services.session is not None:
            note, self.sessions.note = self.sessions.note, None
            self.stack.push("preview", {"note": note})
            return True
        return changed


def start(args: argparse.Namespace, item: LoadedScenario, warp: str | None, **kwargs: Any) -> Preview:
    """The preview's services (``kwargs``: theme, fonts, language) and, with ``--watch``, its watcher."""
    services, sessions = preview_services(open_preview_store(), item, warp, **kwargs)
    return Preview(services, sessions, ScenarioWatch(item.path) if getattr(args, "watch", None) else None)
