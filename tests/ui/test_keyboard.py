"""Tout se fait au clavier : focus, boutons, listes, choix, saisie accentuée."""

import pygame

from game.engine import intents as I
from game.engine.intents import Intent
from game.ui.widgets import Button, ChoiceGroup, FocusManager, Form, Label, ListBox, TextInput

TAB, SHIFT_TAB, ENTER, SPACE = Intent(I.NEXT), Intent(I.PREV), Intent(I.ACTIVATE), Intent(I.ACTIVATE, " ")


def three_buttons():
    return [Button("Jouer", "play"), Button("Réglages", "settings"), Button("Quitter", "quit")]


def test_tab_and_shift_tab_cycle_over_three_buttons_and_wrap_around():
    buttons = three_buttons()
    focus = FocusManager([Label("Bienvenue")] + buttons)
    seen = [focus.focused]
    for _ in range(3):
        focus.handle(TAB)
        seen.append(focus.focused)
    assert seen == [buttons[0], buttons[1], buttons[2], buttons[0]]
    focus.handle(SHIFT_TAB)
    assert focus.focused is buttons[2]


def test_enter_and_space_on_the_focused_button_return_its_action():
    focus = FocusManager(three_buttons())
    focus.handle(TAB)
    assert focus.handle(ENTER) == "settings"
    assert focus.handle(SPACE) == "settings"
    assert focus.handle(Intent(I.TEXT, " ")) is None  # le TEXT d'Espace n'active pas deux fois


def test_a_held_enter_or_space_activates_no_button_or_choice_but_still_types_new_lines():
    from game.ui.widgets import Prompt, TextArea

    group = ChoiceGroup(["Oui", "Non"], action="pick")
    area = TextArea("Titre")
    focus = FocusManager([Prompt("Que répondez-vous ?"), Button("Oui", "yes"), group, area])
    assert focus.handle(Intent(I.ACTIVATE)) is None  # on the question's text: nothing
    focus.handle(Intent(I.NEXT, repeat=True))  # navigation may repeat
    assert focus.focused.action == "yes"
    assert focus.handle(Intent(I.ACTIVATE, repeat=True)) is None
    assert focus.handle(Intent(I.ACTIVATE, text=" ", repeat=True)) is None
    assert focus.handle(Intent(I.ACTIVATE)) == "yes"  # a new press
    focus.handle(TAB)
    assert focus.handle(Intent(I.ACTIVATE, repeat=True)) is None and group.values == []
    focus.handle(TAB)
    focus.handle(Intent(I.ACTIVATE, repeat=True))  # Enter held in a text: new lines, as any editor
    assert area.value == "Titre\n"


def test_arrows_move_between_buttons():
    buttons = three_buttons()
    focus = FocusManager(buttons)
    focus.handle(Intent(I.DOWN))
    assert focus.focused is buttons[1]
    focus.handle(Intent(I.UP))
    focus.handle(Intent(I.UP))
    assert focus.focused is buttons[2]


def test_click_focuses_and_activates_the_button_under_the_pointer(screen, fonts, theme):
    buttons = three_buttons()
    form = Form(buttons, theme)
    form.layout((1280, 720), fonts)
    assert form.handle(Intent(I.CLICK, pos=buttons[2].rect.center)) == "quit"
    assert form.focus.focused is buttons[2]
    assert form.handle(Intent(I.CLICK, pos=(2, 2))) is None


def test_listbox_arrows_home_end_and_enter(fonts):
    items = [f"Scénario {n}\nDurée : {n * 10} min" for n in range(1, 9)]
    box = ListBox(items, "open", visible_rows=3)
    box.layout(0, 0, 500, fonts)
    box.handle(Intent(I.DOWN))
    box.handle(Intent(I.DOWN))
    assert box.selected == 2
    box.handle(Intent(I.UP))
    assert box.selected == 1
    box.handle(Intent(I.END))
    assert box.selected == 7
    assert box.offset > 0  # la liste a défilé pour montrer le dernier élément
    box.handle(Intent(I.DOWN))
    assert box.selected == 7
    box.handle(Intent(I.HOME))
    assert (box.selected, box.offset) == (0, 0)
    assert box.handle(ENTER) == "open"


def test_listbox_click_selects_the_item_under_the_pointer(fonts):
    box = ListBox(["Premier", "Deuxième", "Troisième"], "open")
    box.layout(0, 0, 400, fonts)
    second = box.viewport.y + box._heights[0] + 2
    assert box.handle(Intent(I.CLICK, pos=(50, second))) == "open"
    assert box.selected == 1


def test_checkbox_group_toggles_several_options():
    group = ChoiceGroup(["Nom", "Code INSEE", "Population"], multiple=True, action="changed")
    assert group.handle(SPACE) == "changed"
    group.handle(Intent(I.DOWN))
    group.handle(Intent(I.DOWN))
    group.handle(ENTER)
    assert group.values == [0, 2]
    group.handle(Intent(I.HOME))
    group.handle(SPACE)
    assert group.values == [2]


def test_radio_group_keeps_a_single_choice_and_arrows_choose():
    group = ChoiceGroup(["Oui", "Non", "Je ne sais pas"])
    group.handle(SPACE)
    assert group.values == [0]
    group.handle(Intent(I.DOWN))
    assert group.values == [1]  # boutons radio : les flèches choisissent, comme dans tout formulaire
    group.handle(SPACE)
    assert group.values == [1]


def test_checkbox_arrows_only_move_the_cursor():
    group = ChoiceGroup(["A", "B"], multiple=True)
    group.handle(Intent(I.DOWN))
    assert group.values == []


def test_text_input_takes_accents_backspace_home_and_end():
    field = TextInput("", 20)
    for ch in ("c", "a", "f", "é"):
        field.handle(Intent(I.TEXT, ch))
    assert field.value == "café"
    field.handle(Intent(I.BACKSPACE))
    field.handle(Intent(I.TEXT, "é"))
    field.handle(Intent(I.HOME))
    field.handle(Intent(I.TEXT, "ç"))
    assert field.value == "çcafé"
    field.handle(Intent(I.END))
    field.handle(Intent(I.TEXT, " «\u00a0œuvre\u00a0»"))
    assert field.value == "çcafé «\u00a0œuvre\u00a0»"
    field.handle(Intent(I.HOME))
    field.handle(Intent(I.DELETE))
    field.handle(Intent(I.RIGHT))
    field.handle(Intent(I.BACKSPACE))
    assert field.value.startswith("afé")


def test_text_input_ignores_space_activation_but_inserts_typed_space():
    field = TextInput("Bon", 20, action="submit")
    assert field.handle(SPACE) is None
    field.handle(Intent(I.TEXT, " "))
    field.handle(Intent(I.TEXT, "jour"))
    assert field.value == "Bon jour"
    assert field.handle(ENTER) == "submit"


def test_text_input_respects_max_len_and_pastes_a_single_line():
    field = TextInput("", 8)
    field.handle(Intent(I.PASTE, "Ligne 1\nLigne 2"))
    assert field.value == "Ligne 1 "
    field.handle(Intent(I.TEXT, "x"))
    assert len(field.value) == 8


def test_copy_without_a_clipboard_never_crashes(monkeypatch):
    def broken(_text):
        raise pygame.error("pas de presse-papiers")

    monkeypatch.setattr(pygame.scrap, "put_text", broken)
    field = TextInput("données", 20)
    assert field.handle(Intent(I.COPY)) is None
    assert field.value == "données"


def test_tab_inside_a_form_scrolls_the_focused_widget_into_view(screen, fonts, theme):
    widgets = [Label("Un long texte d'introduction qui prend de la place. " * 20)]
    widgets += [Button(f"Choix {n}", f"c{n}") for n in range(12)]
    form = Form(widgets, theme)
    form.layout((1280, 720), fonts)
    view = form.panel.rect
    for _ in range(11):
        form.handle(TAB)
        focused = form.focus.focused
        assert view.top <= focused.rect.top and focused.rect.bottom <= view.bottom
    assert form.panel.offset > 0


def test_choice_cursor_starts_on_the_current_choice_so_space_keeps_it():
    group = ChoiceGroup(["Français", "English"], selected=[1])
    group.handle(SPACE)
    assert group.values == [1]
