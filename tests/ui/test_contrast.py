"""Tout texte dessiné par les widgets est lisible (WCAG AA) et l'anneau de focus se voit."""

import dataclasses

import pytest

from game.ui.theme import Theme, contrast_ratio


def failing_pairs(theme: Theme) -> list[str]:
    bad = [f"{n}: {contrast_ratio(f, b):.2f}:1 < 4.5:1" for n, f, b in theme.text_pairs()
           if contrast_ratio(f, b) < 4.5]
    bad += [f"{n}: {contrast_ratio(f, b):.2f}:1 < 3:1" for n, f, b in theme.ui_pairs()
            if contrast_ratio(f, b) < 3.0]
    return bad


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    assert contrast_ratio((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def test_every_text_pair_of_the_default_theme_reaches_4_5_to_1():
    assert failing_pairs(Theme()) == []


def test_focus_ring_stands_out_from_every_background_at_3_to_1():
    theme = Theme()
    for bg in (theme.background, theme.surface):
        assert contrast_ratio(theme.focus, bg) >= 3.0
    assert theme.focus_width >= 3


def test_a_pale_muted_colour_is_caught():
    pale = dataclasses.replace(Theme(), muted=(160, 160, 160))
    assert any(name.startswith("muted/") for name in failing_pairs(pale))


def test_a_pale_focus_ring_is_caught():
    pale = dataclasses.replace(Theme(), focus=(250, 200, 150))
    assert any(name.startswith("focus/") for name in failing_pairs(pale))
