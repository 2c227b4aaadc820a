"""Library, settings and text size: what a learner sees."""

from pathlib import Path

import pytest

from game.scenes.library import LibraryScene
from game.scenes.settings import SettingsScene
from game.ui.widgets import Button, ListBox

from .driver import Driver
from .test_playthrough import open_first, start

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


def test_broken_scenarios_are_listed_as_invalid_with_their_first_problem(tmp_path):
    d = Driver(tmp_path / "d", extra_dirs=[BROKEN])
    try:
        start(d)
        text = d.screen_text()
        assert "renvoi-casse — invalide" in text
        assert "renvoi-casse/scenario.yaml:18 : Personnage inconnu : « mentr »." in text
        assert "syntaxe — invalide" in text
        entries = d.scene.entries
        d.tab_to(lambda w: isinstance(w, ListBox))
        for _ in range(next(i for i, e in enumerate(entries) if e.key == "syntaxe")):
            d.press("DOWN")
        d.press("RETURN")
        assert isinstance(d.scene, LibraryScene)  # nothing opened, no crash
        assert "Ce scénario est invalide" in d.screen_text()
    finally:
        d.close()


def test_at_200_percent_the_invalid_scenario_message_is_in_view(tmp_path):
    d = Driver(tmp_path / "d", extra_dirs=[BROKEN], scale=2.0)
    try:
        start(d)
        entries = d.scene.entries
        d.tab_to(lambda w: isinstance(w, ListBox))
        for _ in range(next(i for i, e in enumerate(entries) if e.key == "syntaxe")):
            d.press("DOWN")
        d.press("RETURN")
        label = next(w for w in d.widgets if getattr(w, "text", "").startswith("Ce scénario est invalide"))
        panel = d.scene.form.panel.rect
        assert panel.top <= label.rect.top and label.rect.bottom <= panel.bottom
    finally:
        d.close()


def test_english_is_selectable_in_settings_and_translates_the_scenario(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        d.activate_button("Paramètres")
        assert isinstance(d.scene, SettingsScene)
        d.choose_in_group([1])  # English
        assert "Settings" in d.screen_text()
        d.activate_button("Back")
        assert "Start" in d.buttons()
        d.activate_button("Start")
        d.fill_text("Sam")
        d.activate_button("Create profile")
        assert "Premiers pas" not in d.screen_text()  # the scenario title is translated too
        open_first(d)
        step = d.services.session.step
        translated = d.services.loaded["premiers-pas"].translations["en"]
        assert translated[step.title] in d.screen_text()
    finally:
        d.close()


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_every_screen_fits_at_the_text_size(tmp_path, scale):
    """No widget overflows the window width nor overlaps the next one, at 100 % and 200 %."""
    d = Driver(tmp_path / "d", scale=scale)
    try:
        seen = []

        def check():
            ws = d.widgets
            for w in ws:
                assert w.rect.right <= 1280 and w.rect.left >= 0, (type(w).__name__, w.rect)
            for a, b in zip(ws, ws[1:], strict=False):
                assert a.rect.bottom <= b.rect.top, (type(a).__name__, a.rect, type(b).__name__, b.rect)
            seen.append(type(d.scene).__name__)

        check()
        start(d)
        check()
        open_first(d)
        check()
        assert any(isinstance(w, Button) for w in d.widgets)
        assert seen == ["TitleScene", "LibraryScene", "DialogueScene"]
    finally:
        d.close()


def test_text_size_setting_persists_and_grows_text(tmp_path):
    d = Driver(tmp_path / "d")
    try:
        heading = d.widgets[0].rect.height
        d.activate_button("Paramètres")
        d.choose_in_group([4], group=1)  # 200 %
        d.activate_button("Retour")
        assert d.widgets[0].rect.height >= 1.8 * heading
        assert d.store.get_setting("text_scale") == 2.0
    finally:
        d.close()
