"""A keyboard-only player: posts real key events through the game's intent mapping.

It reads what the screen shows (the widgets of the top scene) to decide which key to press next,
as a person would, and never calls the play session directly.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.app import scene_factory
from game.engine.fonts import FontBook
from game.engine.intents import IntentTranslator, intents_from_event
from game.engine.stack import SceneStack
from game.i18n import activate
from game.services import Services
from game.storage.scenarios import builtin_scenarios_dir
from game.storage.store import Store
from game.ui.theme import DEFAULT_THEME
from game.ui.widgets import Button, ChoiceGroup, DialogueBox, Label, ListBox, Prompt, TextInput

KEYS = {"TAB": pygame.K_TAB, "RETURN": pygame.K_RETURN, "SPACE": pygame.K_SPACE, "ESCAPE": pygame.K_ESCAPE,
        "DOWN": pygame.K_DOWN, "UP": pygame.K_UP, "PAGEDOWN": pygame.K_PAGEDOWN, "END": pygame.K_END,
        "HOME": pygame.K_HOME, "BACKSPACE": pygame.K_BACKSPACE, "LEFT": pygame.K_LEFT, "RIGHT": pygame.K_RIGHT}


class Driver:
    def __init__(self, data_dir: Path, extra_dirs: list[Path] | None = None, language: str | None = None,
                 size: tuple[int, int] = (1280, 720), scale: float | None = None, group: str | None = None,
                 wait_busy: bool = True, mode: str | None = None) -> None:
        activate(language or "fr")
        self.wait_busy = wait_busy  # let frames pass while a screen waits on a worker thread, as a person would
        self.store = Store(data_dir)
        self.fonts = FontBook(1.0)
        self.services = Services(self.store, [builtin_scenarios_dir()] + list(extra_dirs or []),
                                 theme=DEFAULT_THEME, fonts=self.fonts, language=language, group=group,
                                 mode=mode)
        if scale:
            self.services.set_text_scale(scale)
        self.stack = SceneStack(scene_factory(self.services), size)
        self.stack.push("title", {})
        self.surface = pygame.Surface(size)
        self.keys: list[str] = []
        self.quit = False

    def close(self) -> None:
        self.store.close()

    # input --------------------------------------------------------------------
    @property
    def translator(self) -> IntentTranslator:
        """Tells a held key's auto-repeat from a new press, as the game's frame loop does."""
        if "_translator" not in self.__dict__:
            self._translator = IntentTranslator()
        return self._translator

    def press(self, name: str, shift: bool = False, *, held: bool = False) -> None:
        """Press and release ``name``. With ``held``, the key is still down from the press before
        and stays down (no key-up in between): the game sees SDL's auto-repeat."""
        self.keys.append(name)
        key = KEYS[name]
        mod = pygame.KMOD_LSHIFT if shift else 0
        events = [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=" " if key == pygame.K_SPACE else "",
                                     scancode=0)]
        if key == pygame.K_SPACE:
            events.append(pygame.event.Event(pygame.TEXTINPUT, text=" "))
        up = pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        if held:  # still down since the last press: no key-up, SDL's auto-repeat
            self.translator.held.add(key)
        else:  # a new press: released first if it was held, and released after
            events = ([up] if key in self.translator.held else []) + events + [up]
        for event in events:
            for intent in self.translator.translate(event):
                top = self.stack.top
                self.stack.apply(top.handle(intent))
                if self.stack.quit_requested or not len(self.stack):
                    self.quit = True
        self.frame()

    def frame(self) -> None:
        """One frame: the top scene updates (it may move on by itself), then everything draws. With
        ``wait_busy``, frames go on passing while the top scene is busy (the library being read…)."""
        self._one_frame()
        if self.wait_busy:
            self.wait_until(lambda: not getattr(self.stack.top, "busy", False), then=self._one_frame)

    def _one_frame(self) -> None:
        if self.stack.top is not None:
            self.stack.apply(self.stack.top.update(1 / 60))
        self.draw()

    def type(self, text: str) -> None:
        for intent in intents_from_event(pygame.event.Event(pygame.TEXTINPUT, text=text)):
            self.stack.apply(self.stack.top.handle(intent))
        self.draw()

    def wait_until(self, predicate, timeout: float = 20.0, then=None) -> None:
        """Let frames pass (work on a worker thread, such as reading a big file) until ``predicate()``."""
        import time

        deadline = time.monotonic() + timeout
        while not predicate():
            assert time.monotonic() < deadline, f"still waiting on:\n{self.screen_text()}"
            time.sleep(0.01)
            (then or self.frame)()

    def draw(self) -> None:
        if self.stack.top is not None:
            self.stack.draw(self.surface)

    # what is on screen ----------------------------------------------------------
    @property
    def scene(self):
        return self.stack.top

    @property
    def widgets(self):
        forms = getattr(self.scene, "forms", None) or [self.scene.form]
        return [w for f in forms for w in f.widgets]

    @property
    def focused(self):
        forms = getattr(self.scene, "forms", None)
        if forms:
            return forms[self.scene.active].focus.focused
        return self.scene.form.focus.focused

    def texts(self) -> list[str]:
        out = []
        for w in self.widgets:
            if isinstance(w, Label | DialogueBox):
                out.append(w.text)
            elif isinstance(w, Button):
                out.append(w.label)
            elif isinstance(w, ListBox | ChoiceGroup):
                out += list(getattr(w, "items", None) or getattr(w, "options", []))
        return out

    def screen_text(self) -> str:
        return "\n".join(self.texts())

    def buttons(self) -> list[str]:
        return [w.label for w in self.widgets if isinstance(w, Button)]

    # moves ----------------------------------------------------------------------
    def tab_to(self, predicate, limit: int = 40) -> None:
        for _ in range(limit):
            if self.focused is not None and predicate(self.focused):
                return
            self.press("TAB")
        raise AssertionError(f"nothing focusable matches on screen:\n{self.screen_text()}")

    def advance(self) -> None:
        """Enter, as someone reading on would; on a question's text (where the focus lands when
        answers appear) first a deliberate Tab to the first answer, since Enter there does nothing."""
        if isinstance(self.focused, Prompt):
            self.press("TAB")
        self.press("RETURN")

    def activate_button(self, label: str) -> None:
        self.tab_to(lambda w: isinstance(w, Button) and w.label == label)
        self.press("RETURN")

    def choose_in_group(self, indexes, group: int = 0) -> None:
        """Tick options of the ``group``-th choice group on screen (arrows, then Space)."""
        target = [w for w in self.widgets if isinstance(w, ChoiceGroup)][group]
        self.tab_to(lambda w: w is target)
        for i in sorted(indexes):
            assert i < len(target.options), (i, target.options)
            for _ in range(len(target.options)):
                if target.cursor >= i:
                    break
                self.press("DOWN")
            self.press("SPACE")

    def choose_options(self, texts) -> None:
        """Tick the options showing these texts (whatever order the screen shows them in)."""
        group = next(w for w in self.widgets if isinstance(w, ChoiceGroup))
        self.choose_in_group([group.options.index(t) for t in texts])

    def fill_text(self, text: str, index: int = 0) -> None:
        target = [w for w in self.widgets if isinstance(w, TextInput)][index]
        self.tab_to(lambda w: w is target)
        self.press("END")
        for _ in range(len(target.value)):
            self.press("BACKSPACE")
        self.type(text)

    def apply_operation(self, op: str, **params) -> None:
        """Open the palette, pick ``op``, set its parameters (by label for choices), apply."""
        from game.core.operations import OPERATIONS
        from game.scenes.operation import OperationScene

        self.activate_button("Appliquer une opération…")
        assert isinstance(self.scene, OperationScene)
        names = self.scene.params.get("offered") or list(OPERATIONS)
        listbox = next(w for w in self.widgets if isinstance(w, ListBox))
        self.tab_to(lambda w: w is listbox)
        for _ in range(names.index(op)):
            self.press("DOWN")
        self.press("RETURN")
        for name, value in params.items():
            widget = self.scene.inputs[name]
            if isinstance(widget, ChoiceGroup):
                self.tab_to(lambda w, target_widget=widget: w is target_widget)
                target = widget.options.index(value)
                while widget.cursor > target:
                    self.press("UP")
                while widget.cursor < target:
                    self.press("DOWN")
                self.press("SPACE")
            else:
                index = [w for w in self.widgets if isinstance(w, TextInput)].index(widget)
                self.fill_text(str(value), index)
        self.activate_button("Appliquer")
