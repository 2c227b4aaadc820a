"""Le texte s'affiche à toutes les échelles, et la mise en page mesure ce qui sera dessiné."""

import logging
import shutil

import pygame

from game.engine.fonts import FontBook, fonts_dir


def test_atkinson_is_used_when_shipped(fonts):
    assert fonts.choice.family == "Atkinson Hyperlegible"


def test_measure_matches_the_rendered_surface_with_and_without_wrapping(fonts):
    text = "Les données ouvertes de la commune : 1\u202f234 lignes, « état civil », œuvre collective…"
    for width in (None, 200, 5000):
        assert fonts.measure(text, "body", width) == fonts.render(text, "body", width=width).get_size()


def test_wrapped_text_never_exceeds_the_width_and_gets_taller(fonts):
    text = "Une phrase assez longue pour tenir sur plusieurs lignes dans une colonne étroite."
    w, h = fonts.measure(text, "body", 180)
    assert w <= 180
    assert h > fonts.line_height("body")


def test_double_scale_gives_bigger_text():
    small, big = FontBook(1.0), FontBook(2.0)
    assert big.measure("Bonjour", "body")[1] >= 1.8 * small.measure("Bonjour", "body")[1]


def test_scale_is_clamped_between_100_and_200_percent():
    assert FontBook(0.5).scale == 1.0
    assert FontBook(3.0).scale == 2.0


def test_narrow_no_break_space_is_drawn_as_a_no_break_space_with_atkinson(fonts):
    assert fonts.prepare("1\u202f234\u00a0€") == "1\u00a0234\u00a0€"
    assert fonts.measure("1\u202f234", "body") == fonts.measure("1\u00a0234", "body")


def test_missing_font_files_fall_back_to_pygame_font_with_a_french_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="game.engine.fonts"):
        book = FontBook(1.5, directory=tmp_path)
    assert book.choice.family == "pygame"
    assert "introuvable" in caplog.text
    surface = book.render("Été à Besançon\u202f!", "title", bold=True, color=(0, 0, 0))
    assert surface.get_width() > 0 and surface.get_height() > 0


def test_rendered_surfaces_are_cached(fonts):
    a = fonts.render("Bonjour", "body", color=(0, 0, 0))
    b = fonts.render("Bonjour", "body", color=(0, 0, 0))
    assert a is b
    assert isinstance(a, pygame.Surface)


def test_without_atkinson_dejavu_is_used(tmp_path):
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        shutil.copy(fonts_dir() / name, tmp_path / name)
    book = FontBook(1.0, directory=tmp_path)
    assert book.choice.family == "DejaVu Sans"
    assert book.prepare("1\u202f234") == "1\u202f234"  # DejaVu a l'espace fine insécable
