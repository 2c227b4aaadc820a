"""The report's CSV: what French Excel opens as it is, with no formula smuggled in a pseudonym."""

import csv
import io

import pytest

from game.core.report import build_report
from game.i18n import Translator
from game.report import render_csv
from game.report.spreadsheet import neutralise
from game.storage.scenarios import load_framework

from .desk import Desk

FORMULA = '=HYPERLINK("http://x.test";"cliquez")'


@pytest.fixture(scope="module")
def report():
    fw = load_framework()[0]
    stmts = []
    for name, right in [("Camille", 2), (FORMULA, 1), ("@SUM(A1)", 0)]:
        d = Desk(name, title="Scénario").begin()
        for q in range(3):
            d.question("q", str(q), "Q ?", "x", q < right)
        stmts += d.step("q", "quiz", 90).statements
    return build_report(stmts, fw, group="ATELIER", generated_at="2026-03-12T17:00:00Z")


def rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def test_utf8_with_bom_semicolons_and_crlf(report):
    data = render_csv(report, Translator("fr"))
    assert data.startswith(b"\xef\xbb\xbfGroupe;Pseudonyme;Comp\xc3\xa9tence;")
    assert data.count(b"\r\n") == 1 + 3 * len(report.competencies) and b"\n" not in data.replace(b"\r\n", b"")


def test_one_row_per_learner_and_competency_with_a_decimal_comma(report):
    table = rows(render_csv(report, Translator("fr")))
    header, body = table[0], table[1:]
    assert len(header) == 10 and all(len(r) == 10 for r in body)
    camille = next(r for r in body if r[1] == "Camille" and r[2] == "B2")
    assert camille[:3] == ["ATELIER", "Camille", "B2"]
    assert camille[4] == "en cours d'acquisition"
    assert camille[5] == "66,7"  # two right answers of three, in per cent
    assert camille[6] == "3" and camille[9] == "1,5"  # three graded items; 90 seconds
    assert {r[1] for r in body} == {"Camille", "'" + FORMULA, "'@SUM(A1)"}


def test_a_formula_pseudonym_is_neutralised_and_reads_back_as_text(report):
    body = rows(render_csv(report, Translator("fr")))[1:]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)
    assert any(r[1] == "'" + FORMULA for r in body)  # the « ; » inside it quoted, the row still has 10 cells


@pytest.mark.parametrize(("text", "shown"), [("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-2", "'-2"), ("@A1", "'@A1"),
                                             ("\tx", "'\tx"), ("\rx", "'\rx"), ("Ana", "Ana"), ("a=b", "a=b")])
def test_neutralise(text, shown):
    assert neutralise(text) == shown


def test_english_uses_a_decimal_point_and_english_titles(report):
    table = rows(render_csv(report, Translator("en")))
    camille = next(r for r in table[1:] if r[1] == "Camille" and r[2] == "B2")
    assert camille[5] == "66.7" and camille[4] == "in progress"


def test_an_empty_report_is_its_header_alone():
    fw = load_framework()[0]
    table = rows(render_csv(build_report([], fw, generated_at="2026-03-12T17:00:00Z"), Translator("fr")))
    assert len(table) == 1
