"""Le clavier et la souris deviennent des intentions, quelle que soit la disposition."""

import pygame

from game.engine import intents as I
from game.engine.intents import Intent, intents_from_event


def key(k, mod=0):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def kinds(event):
    return [i.kind for i in intents_from_event(event)]


def test_tab_moves_forward_and_shift_tab_backward():
    assert kinds(key(pygame.K_TAB)) == [I.NEXT]
    assert kinds(key(pygame.K_TAB, pygame.KMOD_LSHIFT)) == [I.PREV]


def test_enter_keypad_enter_and_space_activate_but_space_is_recognisable():
    assert intents_from_event(key(pygame.K_RETURN)) == [Intent(I.ACTIVATE)]
    assert kinds(key(pygame.K_KP_ENTER)) == [I.ACTIVATE]
    (space,) = intents_from_event(key(pygame.K_SPACE))
    assert space.kind == I.ACTIVATE and space.from_space
    assert not Intent(I.ACTIVATE).from_space


def test_typed_accented_text_arrives_whole():
    event = pygame.event.Event(pygame.TEXTINPUT, text="é")
    assert intents_from_event(event) == [Intent(I.TEXT, text="é")]
    assert intents_from_event(pygame.event.Event(pygame.TEXTINPUT, text="«\u00a0")) == [Intent(I.TEXT, "«\u00a0")]


def test_navigation_and_editing_keys():
    table = {
        pygame.K_ESCAPE: I.BACK, pygame.K_UP: I.UP, pygame.K_DOWN: I.DOWN, pygame.K_LEFT: I.LEFT,
        pygame.K_RIGHT: I.RIGHT, pygame.K_HOME: I.HOME, pygame.K_END: I.END,
        pygame.K_PAGEUP: I.PAGE_UP, pygame.K_PAGEDOWN: I.PAGE_DOWN,
        pygame.K_BACKSPACE: I.BACKSPACE, pygame.K_DELETE: I.DELETE, pygame.K_F11: I.FULLSCREEN,
    }
    for k, kind in table.items():
        assert kinds(key(k)) == [kind]


def test_ctrl_c_copies_and_ctrl_v_pastes_clipboard_text(monkeypatch):
    monkeypatch.setattr("game.engine.clipboard.get_text", lambda: "Données")
    assert kinds(key(pygame.K_c, pygame.KMOD_LCTRL)) == [I.COPY]
    assert intents_from_event(key(pygame.K_v, pygame.KMOD_LCTRL)) == [Intent(I.PASTE, text="Données")]


def test_window_close_and_alt_f4_quit():
    assert kinds(pygame.event.Event(pygame.QUIT)) == [I.QUIT]
    assert kinds(key(pygame.K_F4, pygame.KMOD_LALT)) == [I.QUIT]
    assert kinds(key(pygame.K_F4)) == []


def test_mouse_click_motion_wheel_and_resize():
    assert intents_from_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 20), button=1)) == [
        Intent(I.CLICK, pos=(10, 20))]
    assert kinds(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(10, 20), button=3)) == []
    assert intents_from_event(pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 6), rel=(0, 0), buttons=(0, 0, 0))) == [
        Intent(I.MOTION, pos=(5, 6))]
    assert intents_from_event(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-2)) == [Intent(I.SCROLL, amount=-2)]
    assert intents_from_event(pygame.event.Event(pygame.VIDEORESIZE, size=(800, 600), w=800, h=600)) == [
        Intent(I.RESIZE, pos=(800, 600))]


def test_unrelated_keys_and_events_produce_nothing():
    assert kinds(key(pygame.K_a)) == []  # la lettre arrive par TEXTINPUT
    assert kinds(pygame.event.Event(pygame.KEYUP, key=pygame.K_TAB, mod=0)) == []


def up(k):
    return pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0)


def test_a_key_held_down_repeats_and_a_new_press_does_not():
    keys = I.IntentTranslator()
    assert keys.translate(key(pygame.K_RETURN)) == [Intent(I.ACTIVATE)]
    assert keys.translate(key(pygame.K_RETURN)) == [Intent(I.ACTIVATE, repeat=True)]  # SDL's auto-repeat
    assert keys.translate(key(pygame.K_TAB)) == [Intent(I.NEXT)]  # another key: a press of its own
    assert keys.translate(up(pygame.K_RETURN)) == []
    assert keys.translate(key(pygame.K_RETURN)) == [Intent(I.ACTIVATE)]  # released, then pressed again
    (tab,) = keys.translate(key(pygame.K_TAB))
    assert tab.kind == I.NEXT and tab.repeat  # navigation repeats (the form still moves on it)


def test_keys_held_when_the_window_loses_focus_count_as_released():
    keys = I.IntentTranslator()
    keys.translate(key(pygame.K_RETURN))
    keys.translate(pygame.event.Event(pygame.WINDOWFOCUSLOST))  # the key-up goes to another window
    assert keys.translate(key(pygame.K_RETURN)) == [Intent(I.ACTIVATE)]
