"""Composition root: wires storage, play, i18n, engine, ui and scenes into the running game."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.core.messages import Message
from game.i18n import _, activate, active, render
from game.play.services import GameServices, ServiceError
from game.services import Services
from game.storage.lrs_settings import LrsSettings
from game.storage.paths import data_dir
from game.storage.scenarios import default_scenario_dirs
from game.storage.store import Store, StoreError

_log = logging.getLogger(__name__)


#: scene id -> "module:class"; a scene's module is imported the first time it shows
SCENES = {
    "title": "title:TitleScene", "profiles": "profiles:ProfilesScene", "library": "library:LibraryScene",
    "settings": "settings:SettingsScene", "dialogue": "dialogue:DialogueScene", "quiz": "quiz:QuizScene",
    "sort": "sort:SortScene", "debrief": "debrief:DebriefScene", "notice": "notice:NoticeScene",
    "clean": "clean:CleanScene", "operation": "operation:OperationScene", "loading": "loading:LoadingScene",
    "publish": "publish:PublishScene", "portal": "portal:PortalScene", "reuse": "reuse:ReuseScene",
    "workshop": "workshop:WorkshopScene",
    "preview": "preview:PreviewScene", "fill": "fill:FillScene",
}


def scene_factory(services: GameServices) -> Callable[[str, dict[str, Any]], Any]:
    import importlib

    def scene_class(scene_id: str) -> Any:
        module, _sep, name = SCENES[scene_id].partition(":")
        return getattr(importlib.import_module(f"game.scenes.{module}"), name)

    def factory(scene_id: str, params: dict[str, Any]) -> Any:
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
    mode = None
    if getattr(args, "mode", None):  # « --mode evaluation »: the trainer's choice for this desk
        from game.core.modes import parse_mode

        mode = parse_mode(args.mode)
        if isinstance(mode, Message):
            print(render(mode), file=sys.stderr)
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
    trace = None
    if getattr(args, "trace", None):  # the reliability bench only
        from game.storage.trace import Trace

        trace = Trace(args.trace)
    window = open_window("Explorateurs des données", size)
    fonts = FontBook(1.0)
    dirs = default_scenario_dirs() + list(args.scenarios or [])  # shipped, <data_dir>/scenarios, then --scenarios
    first, params = "title", {}
    try:
        if prepared is not None:  # its own throwaway profile and save, no LRS
            preview = pv.start(args, *prepared, theme=DEFAULT_THEME, fonts=fonts, language=language, mode=mode)
            services = preview.services
        else:
            store = Store.open_default()
            services = Services(store, dirs, theme=DEFAULT_THEME, fonts=fonts, language=language,
                                lrs=LrsSettings.load(args), group=group, trace=trace, mode=mode)
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
             error_text=error, fonts=fonts, on_update=on_update, banner=banner,
             on_frame=trace.frame if trace is not None else None)
    finally:
        if isinstance(services, Services):
            services.close()
        if trace is not None:
            trace.close()
    return 0


class _Degraded:
    """Just enough services for the notice screen when the save file cannot be opened."""

    preview = False
    fixed_group = None

    def __init__(self, theme: Any, fonts: Any) -> None:
        self.theme, self.fonts, self.language, self.text_scale = theme, fonts, active().language, 1.0
        self.learner = self.session = None

    def sync_status(self) -> None:
        return None

    def set_text_scale(self, scale: float) -> None:
        self.fonts.set_scale(scale)
