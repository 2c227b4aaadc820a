"""Zone de saisie de plusieurs lignes : accents, collage, Entrée = retour à la ligne, ↑ / ↓, défilement."""

import pygame
from hypothesis import given
from hypothesis import strategies as st

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.text_area import wrap_paragraph
from game.ui.theme import Theme
from game.ui.widgets import Button, Form, TextArea

TAB, SHIFT_TAB = Intent(I.NEXT), Intent(I.PREV)
ENTER, SPACE = Intent(I.ACTIVATE), Intent(I.ACTIVATE, " ")
UP, DOWN = Intent(I.UP), Intent(I.DOWN)

PARAGRAPH = ("Ce jeu de données recense les équipements sportifs de la commune : gymnases, stades, "
             "piscines et terrains de proximité, mis à jour chaque année par le service des sports. ")


def typed(area, text):
    for ch in text:
        area.handle(Intent(I.TEXT, ch))


def laid_out(area, fonts, width=420):
    area.layout(0, 0, width, fonts)
    return area


def test_typed_accents_and_french_quotes_are_kept():
    area = TextArea()
    typed(area, "Données « ouvertes » : œuvre, ça, Ésope")
    assert area.value == "Données « ouvertes » : œuvre, ça, Ésope"
    area.handle(Intent(I.BACKSPACE))
    area.handle(Intent(I.HOME))
    area.handle(Intent(I.DELETE))
    assert area.value == "onnées « ouvertes » : œuvre, ça, Ésop"


def test_paste_keeps_line_breaks_and_drops_control_characters():
    area = TextArea("Début")
    area.handle(Intent(I.PASTE, "\r\nLigne 1\r\nLigne 2\n\n- point\tfin\x07"))
    assert area.value == "Début\nLigne 1\nLigne 2\n\n- point fin"
    assert area.caret == len(area.value)


def test_enter_inserts_a_new_line_and_returns_no_action():
    area = TextArea("Titre")
    assert area.handle(ENTER) is None
    typed(area, "Suite")
    assert area.value == "Titre\nSuite"


def test_space_key_inserts_one_space_only():
    area = TextArea("a")
    assert area.handle(SPACE) is None  # l'ACTIVATE d'Espace est ignoré…
    area.handle(Intent(I.TEXT, " "))  # …le TEXT " " qui le suit insère l'espace
    typed(area, "b")
    assert area.value == "a b"


def test_max_len_limits_typing_pasting_and_new_lines():
    area = TextArea("", max_len=10)
    area.handle(Intent(I.PASTE, "123456\n89AB"))
    assert area.value == "123456\n89A"
    area.handle(ENTER)
    typed(area, "x")
    assert len(area.value) == 10
    assert TextArea("x" * 50, max_len=20).value == "x" * 20


def test_backspace_at_the_start_of_a_line_joins_it_to_the_previous_one():
    area = TextArea("un\ndeux")
    area.handle(Intent(I.HOME))
    assert area.caret == 3
    area.handle(Intent(I.BACKSPACE))
    assert area.value == "undeux"


def test_up_and_down_move_between_paragraphs_before_any_layout():
    area = TextArea("premier\nun\ntroisième")
    area.handle(UP)
    assert area.caret == len("premier\nun")  # colonne bornée à la fin de la ligne courte
    area.handle(UP)
    assert area.caret == len("premier")  # l'abscisse voulue (colonne 9) est gardée
    area.handle(UP)
    assert area.caret == 0  # ↑ sur la première ligne : début du texte
    area.handle(Intent(I.END))
    area.handle(DOWN)
    area.handle(DOWN)
    area.handle(DOWN)
    assert area.caret == len(area.value)


def test_text_is_word_wrapped_to_the_box_and_up_down_follow_the_wrapped_lines(fonts):
    area = laid_out(TextArea(PARAGRAPH * 2), fonts)
    lines = area.lines()
    assert len(lines) >= 4
    font = fonts.font("body")
    for line in lines:
        shown = area._shown[line.start:line.end].rstrip(" ")
        assert font.size(shown)[0] <= area.inner.width
    assert all(line.soft for line in lines[:-1]) and not lines[-1].soft
    assert "".join(area.value[li.start:li.end] for li in lines) == area.value
    # Au milieu de la dernière ligne, ↑ remonte d'une ligne affichée à peu près à la même abscisse.
    area.handle(Intent(I.HOME))
    for _ in range(8):
        area.handle(Intent(I.RIGHT))
    last = area.line_of()
    x = area._x_of(area.caret)
    area.handle(UP)
    assert area.line_of() == last - 1
    assert abs(area._x_of(area.caret) - x) <= font.size("m")[0]
    area.handle(DOWN)
    assert area.line_of() == last


def test_home_and_end_work_on_the_displayed_line(fonts):
    area = laid_out(TextArea(PARAGRAPH), fonts)
    area.handle(Intent(I.HOME))
    area.handle(UP)
    line = area.lines()[area.line_of()]
    area.handle(Intent(I.HOME))
    assert area.caret == line.start
    area.handle(Intent(I.END))
    assert area.line_of() == area.lines().index(line)  # le curseur reste sur sa ligne
    assert area.value[line.start:area.caret].rstrip() == area.value[line.start:line.end].rstrip()


def test_french_punctuation_never_starts_a_wrapped_line(fonts):
    text = ("mot " * 30 + "« citation » ! ") * 4
    area = laid_out(TextArea(text), fonts, width=300)
    for line in area.lines():
        assert area.value[line.start] not in "»!:;?"


def test_a_word_longer_than_the_line_is_cut():
    pieces = wrap_paragraph("x" * 25, 10, len)
    assert pieces == [(0, 10), (10, 20), (20, 25)]
    assert wrap_paragraph("ab cd ef", 5, len) == [(0, 6), (6, 8)]  # « ab cd » tient en 5
    assert wrap_paragraph("ab cd ef", 4, len) == [(0, 3), (3, 6), (6, 8)]
    assert wrap_paragraph("", 5, len) == [(0, 0)]
    assert wrap_paragraph("ab" + " " * 20, 5, len) == [(0, 22)]  # les espaces de fin pendent


@given(st.text(alphabet="ab \u00a0", max_size=60), st.integers(min_value=1, max_value=12))
def test_wrapping_covers_the_paragraph_and_each_piece_fits(text, width):
    pieces = wrap_paragraph(text, width, len)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b > a for a, b in pieces) or text == ""
    assert all(len(text[a:b].rstrip(" ")) <= width for a, b in pieces)  # seules les espaces pendent
    assert all(text[b - 1] == " " or text[b] != " " for a, b in pieces[:-1])  # pas de coupe avant une espace


def test_a_long_pasted_string_without_spaces_is_cut_to_the_box(fonts):
    area = laid_out(TextArea(), fonts)
    area.handle(Intent(I.PASTE, "https://data.example.org/" + "x" * 600))
    font = fonts.font("body")
    assert len(area.lines()) > 3
    assert all(font.size(area._shown[li.start:li.end])[0] <= area.inner.width for li in area.lines())


def test_the_caret_stays_visible_when_the_text_is_longer_than_rows(fonts):
    area = laid_out(TextArea("\n".join(f"Ligne {n}" for n in range(20)), rows=4), fonts)
    assert area.line_of() == 19 and area.top == 16
    for _ in range(10):
        area.handle(UP)
    assert area.line_of() == 9 and area.top == 9
    area.handle(Intent(I.PAGE_UP))
    assert area.line_of() == 5 and area.top == 5
    area.handle(ENTER)
    area.handle(Intent(I.PAGE_DOWN))
    assert area.top <= area.line_of() < area.top + area.rows


def test_mouse_wheel_scrolls_the_text_without_moving_the_caret(fonts):
    area = laid_out(TextArea("\n".join("abc" for _ in range(12)), rows=3), fonts)
    caret = area.caret
    assert area.scroll(1) is True
    assert area.top == 9 - 3 and area.caret == caret
    area.scroll(10)
    assert area.top == 0 and area.scroll(1) is False
    area.handle(Intent(I.TEXT, "!"))  # une frappe ramène le curseur dans la vue
    assert area.top == 9


def test_click_puts_the_caret_under_the_pointer(fonts):
    area = laid_out(TextArea("premier\ndeuxième ligne\ntroisième"), fonts)
    inner = area.inner
    y = inner.y + area._line_h + area._line_h // 2
    area.handle(Intent(I.CLICK, pos=(inner.x + 1, y)))
    assert area.caret == len("premier\n")
    area.handle(Intent(I.CLICK, pos=(inner.right - 2, y)))
    assert area.caret == len("premier\ndeuxième ligne")


def test_tab_and_shift_tab_still_leave_the_area_inside_a_form(screen, fonts, theme):
    area = TextArea("Description", label="Description")
    button = Button("Publier", "publish")
    form = Form([area, button], theme)
    form.layout((1280, 720), fonts)
    assert form.focus.focused is area
    assert form.handle(ENTER) is None  # Entrée ne valide pas le formulaire…
    assert area.value == "Description\n"  # …elle passe à la ligne
    form.handle(DOWN)
    assert form.focus.focused is area  # ↓ reste dans la zone
    form.handle(TAB)
    assert form.focus.focused is button
    assert form.handle(ENTER) == "publish"
    form.handle(SHIFT_TAB)
    assert form.focus.focused is area


def test_layout_grows_at_200_percent_and_draws_without_error(screen):
    theme = Theme()
    heights = []
    for scale in (1.0, 2.0):
        fonts = FontBook(scale)
        area = TextArea(PARAGRAPH * 5, label="Description du jeu de données", footer="850 caractères")
        area.layout(20, 20, 700, fonts)
        heights.append(area.rect.height)
        screen.fill(theme.background)
        area.draw(screen, theme, fonts, True)
        area.draw(screen, theme, fonts, False)
        assert area.top <= area.line_of() < area.top + area.rows
        font = fonts.font("body")
        assert all(font.size(area._shown[li.start:li.end].rstrip(" "))[0] <= area.inner.width
                   for li in area.lines())
    assert heights[1] > heights[0] * 1.8
    assert screen.get_at((25, area.box.y + 5)) == pygame.Color(*theme.surface)


def test_value_changed_by_the_caller_never_breaks_the_caret(fonts):
    area = laid_out(TextArea("un texte assez long"), fonts)
    area.value = "court"
    area.handle(Intent(I.LEFT))
    assert area.caret == 4
    area.handle(UP)
    assert area.caret == 0
