"""A trainer tells the report whom they expected: the page, the CSV and the terminal name the missing desk."""

import csv
import io
from html import unescape

import pytest

from game.core.attendance import attendance, pseudonym_key
from game.core.report import build_report
from game.i18n import Translator
from game.report import render_csv, render_html
from game.storage.scenarios import load_framework

from .desk import Desk


@pytest.fixture(scope="module")
def fw():
    return load_framework()[0]


def statements(names):
    out = []
    for name in names:
        d = Desk(name, title="Scénario").begin()
        out += d.question("q", "1", "Q ?", "x", True).step("q", "quiz", 90).statements
    return out


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def test_pseudonyms_match_without_case_accents_or_extra_spaces():
    assert pseudonym_key("  Léa ") == pseudonym_key("LEA") == pseudonym_key("lea") == "lea"
    assert pseudonym_key("Anne  Marie") == pseudonym_key("anne marie")
    a = attendance(["Camille", "Léa"], ["camille", " LEA ", "Yann", "yann", ""])
    assert (a.expected, a.present, a.missing, a.unlisted, a.absent) == (3, 2, ("Yann",), (), 1)


def test_a_participant_not_on_the_list_is_named_too():
    a = attendance(["Camille", "Yan"], ["Camille", "Yann"])
    assert a.missing == ("Yann",) and a.unlisted == ("Yan",)  # the typo on a desk shows


def test_a_count_says_how_many_desks_are_missing():
    assert attendance(["Camille", "Léa"], 3).absent == 1
    assert attendance(["Camille", "Léa", "Yann", "Zoé"], 3).absent == 0


def test_the_group_report_names_the_missing_participant_in_html_and_csv(fw):
    report = build_report(statements(["Camille", "Léa"]), fw, group="ATELIER", generated_at="2026-03-12T17:00:00Z",
                          expected=["camille", "LEA", "Yann"])
    page = unescape(render_html(report, Translator("fr")))
    assert '<p class="alert">Attendu·es mais absent·es : Yann</p>' in page
    assert '<th scope="row">Yann</th>' in page and "absent·e : aucun relevé" in page  # a row of the table
    table = rows(render_csv(report, Translator("fr")))
    yann = [r for r in table if r[1] == "Yann"]
    assert yann == [["ATELIER", "Yann", "", "", "absent·e : aucun relevé", "", "0", "0", "0", "0,0"]]
    assert {r[1] for r in table[1:]} == {"Camille", "Léa", "Yann"}


def test_a_count_shows_in_html_and_csv(fw):
    report = build_report(statements(["Camille", "Léa"]), fw, group="ATELIER", generated_at="2026-03-12T17:00:00Z",
                          expected=3)
    line = "2 participant·es sur 3 attendu·es : 1 poste manque"
    assert f'<p class="alert">{line}</p>' in unescape(render_html(report, Translator("fr")))
    assert rows(render_csv(report, Translator("fr")))[-1] == ["ATELIER", "", "", "", line, "", "", "", "", ""]


def test_everyone_there_is_said_and_adds_no_row(fw):
    report = build_report(statements(["Camille", "Léa"]), fw, group="ATELIER", generated_at="2026-03-12T17:00:00Z",
                          expected=["Léa", "Camille"])
    assert '<p class="note">Les 2 personnes attendues ont participé.</p>' in unescape(render_html(report, Translator("fr")))
    plain = build_report(statements(["Camille", "Léa"]), fw, group="ATELIER", generated_at="2026-03-12T17:00:00Z")
    assert len(rows(render_csv(report, Translator("fr")))) == len(rows(render_csv(plain, Translator("fr"))))


def test_the_missing_names_are_escaped_in_the_page(fw):
    report = build_report(statements(["Camille"]), fw, group="ATELIER", generated_at="2026-03-12T17:00:00Z",
                          expected=["Camille", "<b>Yann</b>"])
    page = render_html(report, Translator("fr"))
    assert "&lt;b&gt;Yann&lt;/b&gt;" in page and "<b>Yann" not in page
