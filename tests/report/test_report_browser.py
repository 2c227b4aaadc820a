"""The report in a real browser (Debian's headless Chromium): it loads without a single console error
(its Content-Security-Policy turns any external asset or script into one), and its screenshot is taken.

Without Chromium these tests fail, they never skip: ``bash scripts/setup.sh --test`` installs it.
``EXPLORATEURS_DOCS_SHOTS=1`` writes the screenshot (the page's first 3,000 pixels: a full 20-learner
report is 10,000 high) to ``docs/rapport-atelier.png``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.core.report import build_report
from game.i18n import Translator
from game.report import render_html
from game.report.sample import PSEUDONYMS, workshop
from game.storage.scenarios import load_framework, load_scenario

from .browser import BrowserError, open_page

ROOT = Path(__file__).resolve().parents[2]
DOCS_SHOT = ROOT / "docs" / "rapport-atelier.png"
SHOT_HEIGHT = 3000
CSP = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"


def page(tmp_path: Path, html: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def run(path: Path, max_height: int | None = None):
    try:
        return open_page(path, max_height=max_height)
    except BrowserError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="module")
def workshop_report():
    scenarios = {sid: load_scenario(ROOT / "scenarios" / sid).scenario for sid in ("prenoms", "subventions", "hackathon")}
    fw = load_framework()[0]
    stmts = workshop(list(scenarios.values()), PSEUDONYMS, group="RENNES-3", seed=1)
    return build_report(stmts, fw, scenarios=scenarios, group="rennes-3", generated_at="2026-03-12T17:00:00Z")


def test_the_group_report_loads_without_console_error_and_is_photographed(workshop_report, tmp_path):
    # the whole page is loaded and checked; the picture keeps its top (participation, levels, heat map)
    result = run(page(tmp_path, render_html(workshop_report, Translator("fr")), "rapport.html"), max_height=SHOT_HEIGHT)
    assert result.errors == []
    assert "Rapport de l'atelier RENNES-3" in result.text and "Besoins de formation" in result.text
    assert result.size[1] > SHOT_HEIGHT and result.png.startswith(b"\x89PNG")
    shot = DOCS_SHOT if os.environ.get("EXPLORATEURS_DOCS_SHOTS") == "1" else tmp_path / "rapport-atelier.png"
    shot.write_bytes(result.png)


def test_the_learners_own_report_loads_without_console_error(tmp_path):
    scenarios = {sid: load_scenario(ROOT / "scenarios" / sid).scenario for sid in ("prenoms", "subventions", "hackathon")}
    stmts = workshop(list(scenarios.values()), ["Camille", "Sam"], group="K7M-4QX", seed=3)
    mine = build_report(stmts, load_framework()[0], scenarios=scenarios, learner="Camille", generated_at="2026-03-12T17:00:00Z")
    result = run(page(tmp_path, render_html(mine, Translator("fr")), "rapport-Camille.html"))
    assert result.errors == []
    assert "Rapport de Camille" in result.text and "Atelier K7M-4QX" in result.text
    assert all(h in result.text for h in ("Mon avancement", "Mes compétences", "À travailler", "Mes erreurs les plus fréquentes"))
    assert "participant" not in result.text.lower() and "Sam" not in result.text
    (tmp_path / "rapport-Camille.png").write_bytes(result.png)


def test_hostile_pseudonyms_and_titles_stay_text_in_the_browser(tmp_path):
    fw = load_framework()[0]
    scenario = load_scenario(ROOT / "scenarios" / "premiers-pas").scenario
    evil = ["<script>console.error('injecté')</script>", "<img src=https://example.org/x.png>", '=HYPERLINK("http://x")']
    stmts = workshop([scenario], evil + ["Camille"], group="G", seed=2)
    for s in stmts:  # scenario, step, question and card names that try to break out too (scenario not known)
        if "name" in s["object"].get("definition", {}):
            s["object"]["definition"]["name"] = {"fr-FR": "Premiers <b>pas</b></title><script>console.error(1)</script>"}
    report = build_report(stmts, fw, group="G", generated_at="2026-03-12T17:00:00Z")
    result = run(page(tmp_path, render_html(report, Translator("en"))))
    assert result.errors == []
    assert all(name in result.text for name in evil)
    assert "Premiers <b>pas</b></title><script>" in result.text


@pytest.mark.parametrize(("body", "expected"), [
    ('<img src="https://example.org/logo.png" alt="">', "example.org/logo.png"),
    ("<p>x</p><script>document.title = 'exécuté'</script>", "inline script"),
    ('<img src="absent.png" alt="">', "absent.png"),
])
def test_the_check_sees_what_a_self_contained_page_must_not_do(tmp_path, body, expected):
    """The check itself can fail: an external image, an inline script, a missing file are errors."""
    html = f'<!doctype html><html lang="fr"><head><meta charset="utf-8">{CSP}<title>t</title></head><body>{body}</body></html>'
    result = run(page(tmp_path, html))
    assert len(result.errors) == 1 and expected in result.errors[0]
