"""Sélecteur compact : flèches en boucle, Début / Fin, saut à une lettre, texte d'attente, on_change."""

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.select import fold
from game.ui.theme import Theme
from game.ui.widgets import Button, Form, Select

LEFT, RIGHT, UP, DOWN = Intent(I.LEFT), Intent(I.RIGHT), Intent(I.UP), Intent(I.DOWN)
FREQUENCIES = ["Annuelle", "Mensuelle", "Hebdomadaire", "Quotidienne", "Temps réel", "Ponctuelle",
               "Irrégulière", "Inconnue", "Mémoire vive", "Éphémère", "Œuvre collective"]


def test_arrows_cycle_through_the_options_and_wrap_around():
    select = Select(["A", "B", "C"], 0)
    select.handle(RIGHT)
    select.handle(RIGHT)
    assert select.value == "C"
    select.handle(RIGHT)
    assert select.index == 0  # après la dernière : la première
    select.handle(LEFT)
    assert select.value == "C"  # avant la première : la dernière
    select.handle(DOWN)  # ↑ / ↓ ne changent pas le choix : dans un formulaire, ils passent au champ voisin
    select.handle(UP)
    assert select.value == "C"


def test_home_and_end_go_to_the_first_and_last_option():
    select = Select(FREQUENCIES, 3)
    select.handle(Intent(I.END))
    assert select.value == "Œuvre collective"
    select.handle(Intent(I.HOME))
    assert select.value == "Annuelle"


def test_nothing_chosen_shows_the_placeholder_until_an_arrow_chooses():
    select = Select(["Licence Ouverte 2.0", "ODbL"], placeholder="— à choisir —")
    assert select.index is None and select.value is None
    assert select.shown == "— à choisir —"
    select.handle(RIGHT)
    assert select.value == "Licence Ouverte 2.0" and select.shown == select.value
    other = Select(["Licence Ouverte 2.0", "ODbL"])
    other.handle(LEFT)
    assert other.value == "ODbL"
    assert Select(["x"], index=7).index is None  # indice hors liste : rien de choisi


def test_on_change_is_returned_only_when_the_choice_changes():
    select = Select(["A", "B"], 0, on_change="frequency")
    assert select.handle(Intent(I.HOME)) is None
    assert select.handle(RIGHT) == "frequency"
    assert select.handle(Intent(I.END)) is None
    assert select.handle(Intent(I.ACTIVATE)) is None
    assert Select(["A", "B"], 0).handle(RIGHT) is None  # sans on_change : aucune action
    assert select.action == "frequency"  # nom repris par les scènes pour refocaliser après reconstruction


def test_typing_a_letter_jumps_to_the_next_option_starting_with_it():
    select = Select(FREQUENCIES)
    assert select.handle(Intent(I.TEXT, "m")) is None  # pas d'on_change : le choix change quand même
    assert select.value == "Mensuelle"
    select.handle(Intent(I.TEXT, "M"))
    assert select.value == "Mémoire vive"
    select.handle(Intent(I.TEXT, "m"))
    assert select.value == "Mensuelle"  # en boucle
    select.handle(Intent(I.TEXT, "i"))
    assert select.value == "Irrégulière"
    select.handle(Intent(I.TEXT, "I"))
    assert select.value == "Inconnue"


def test_letter_jump_ignores_accents_and_ligatures():
    select = Select(FREQUENCIES, on_change="changed")
    assert select.handle(Intent(I.TEXT, "e")) == "changed"
    assert select.value == "Éphémère"
    select.handle(Intent(I.TEXT, "o"))
    assert select.value == "Œuvre collective"
    select.handle(Intent(I.TEXT, "é"))
    assert select.value == "Éphémère"
    assert select.handle(Intent(I.TEXT, "z")) is None  # aucune option : rien ne change
    assert select.handle(Intent(I.TEXT, " ")) is None  # l'espace ne saute nulle part
    assert select.value == "Éphémère"
    assert fold("« Œuvre »") == "oeuvre »"


def test_clicks_on_the_arrows_change_the_option(fonts):
    select = Select(["A", "B", "C"], 1, label="Fréquence", on_change="changed")
    select.layout(0, 0, 600, fonts)
    assert select.handle(Intent(I.CLICK, pos=select.right_arrow.center)) == "changed"
    assert select.value == "C"
    select.handle(Intent(I.CLICK, pos=select.left_arrow.center))
    select.handle(Intent(I.CLICK, pos=select.left_arrow.center))
    assert select.value == "A"
    assert select.handle(Intent(I.CLICK, pos=select.box.center)) is None
    assert select.left_arrow.top >= select.rect.top + 10  # le libellé est au-dessus de la boîte


def test_an_empty_select_never_crashes(fonts, screen, theme):
    select = Select([], placeholder="— aucune —")
    for kind in (I.LEFT, I.RIGHT, I.HOME, I.END):
        assert select.handle(Intent(kind)) is None
    assert select.handle(Intent(I.TEXT, "a")) is None
    select.layout(0, 0, 400, fonts)
    select.draw(screen, theme, fonts, True)
    assert select.value is None


def test_left_right_change_the_choice_and_down_or_tab_leave_it_in_a_form(screen, fonts, theme):
    select = Select(["A", "B", "C"], 0, label="Fréquence", on_change="changed")
    button = Button("Valider", "ok")
    form = Form([select, button], theme)
    form.layout((1280, 720), fonts)
    assert form.handle(RIGHT) == "changed"
    assert form.focus.focused is select and select.value == "B"
    form.handle(DOWN)
    assert form.focus.focused is button and select.value == "B"  # a value is never changed by passing through
    form.handle(Intent(I.PREV))
    form.handle(Intent(I.NEXT))
    assert form.focus.focused is button
    assert form.handle(Intent(I.CLICK, pos=select.right_arrow.center)) == "changed"
    assert form.focus.focused is select and select.value == "C"


def test_layout_grows_at_200_percent_and_draws_without_error(screen):
    theme = Theme()
    heights = []
    for scale in (1.0, 2.0):
        fonts = FontBook(scale)
        select = Select(FREQUENCIES, None, label="Fréquence de mise à jour", placeholder="— à choisir —")
        select.layout(20, 20, 700, fonts)
        heights.append(select.rect.height)
        for focused in (True, False):
            screen.fill(theme.background)
            select.draw(screen, theme, fonts, focused)
        assert select.box.right <= 20 + 700
        select.hover(select.right_arrow.center)
        select.handle(Intent(I.END))
        select.draw(screen, theme, fonts, True)
    assert heights[1] > heights[0] * 1.8
