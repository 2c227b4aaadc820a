"""À 200 % le texte est remis en page : rien ne dépasse de la colonne, rien ne se chevauche."""

import itertools

import pygame
import pytest

from game.engine.fonts import FontBook
from game.ui.theme import Theme
from game.ui.widgets import (
    Button,
    ChoiceGroup,
    DialogueBox,
    Form,
    Label,
    ListBox,
    ProgressBar,
    TextInput,
)

LONG = ("Les données ouvertes permettent à chacun de réutiliser les informations publiques de "
        "la commune : horaires, budgets, équipements, qualité de l’air… ")


def widgets():
    return [
        Label("Nettoyer un tableau de données", "title", bold=True),
        ProgressBar(0.5, "Étape 3 sur 6"),
        Label(LONG * 3),
        DialogueBox("Camille", LONG * 2),
        ChoiceGroup([LONG, "Non", "Je ne sais pas encore, il faut que je vérifie"], multiple=True),
        TextInput("Été", 80, label="Nom du fichier publié"),
        ListBox([f"Scénario {n}\n{LONG}" for n in range(4)], "open", visible_rows=2),
        Label(LONG * 2, "small", tone="muted"),
        Button("Valider et passer à l’étape suivante du scénario", "next"),
        Button("Revenir", "back", primary=False),
    ]


def lay_out(scale):
    form = Form(widgets(), Theme())
    fonts = FontBook(scale)
    form.layout((1280, 720), fonts)
    form.panel.scroll_to(0)
    return form, fonts


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_no_widget_leaves_the_column_and_none_overlap(screen, scale):
    form, _ = lay_out(scale)
    column = form.panel.rect
    assert column.left >= 0 and column.right <= 1280
    for w in form.widgets:
        assert column.left <= w.rect.left and w.rect.right <= column.right, type(w).__name__
        assert w.rect.height > 0
    for a, b in itertools.combinations(form.widgets, 2):
        assert not a.rect.colliderect(b.rect), (type(a).__name__, type(b).__name__)


def test_heights_grow_with_the_text_scale(screen):
    small, _ = lay_out(1.0)
    big, _ = lay_out(2.0)
    for a, b in zip(small.widgets, big.widgets, strict=True):
        assert b.rect.height > a.rect.height, type(a).__name__
    assert big.panel.content_height > small.panel.content_height


def test_tall_content_scrolls_to_its_very_end(screen):
    form, _ = lay_out(2.0)
    assert form.panel.content_height > form.panel.rect.height
    assert form.panel.rect.bottom <= 720
    form.panel.scroll_to(10**6)
    last = form.widgets[-1]
    assert last.rect.bottom <= form.panel.rect.bottom


def test_wrapped_text_is_drawn_within_its_rect(screen):
    form, fonts = lay_out(2.0)
    label = form.widgets[2]
    img = fonts.render(label.text, label.role, width=label.rect.width)
    assert img.get_size()[0] <= label.rect.width and img.get_size()[1] == label.rect.height


def test_a_form_draws_at_200_percent_without_error(screen):
    form, fonts = lay_out(2.0)
    form.focus.move(1)
    screen.fill((247, 245, 239))
    form.draw(screen, fonts)
    assert screen.get_at((640, 360)) != pygame.Color(0, 0, 0)
