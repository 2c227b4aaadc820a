"""Columns are matched by name; Validata's severities for what is missing, extra or out of place."""

from __future__ import annotations

from game.core.table import Table
from game.core.tableschema import parse_schema, validate

SCHEMA = parse_schema({"fields": [
    {"name": "nom", "constraints": {"required": True}},
    {"name": "montant", "type": "number"},
    {"name": "note"},
]})


def header_problems(*labels):
    report = validate(Table.from_rows(list(labels), [["1"] * len(labels)]), SCHEMA)
    return report, [(e.code, e.severity, e.field) for e in report.errors if e.row is None]


def test_columns_in_another_order_are_read_by_name_with_a_warning():
    report, problems = header_problems("montant", "nom", "note")
    assert ("disordered-header-warn", "warning", "montant") in problems
    assert report.valid and [e for e in report.errors if e.row] == []


def test_missing_required_column_is_an_error_and_an_optional_one_a_warning():
    report, problems = header_problems("montant")
    assert ("missing-required-header", "error", "nom") in problems
    assert ("missing-header-warn", "warning", "note") in problems
    assert not report.valid


def test_extra_column_is_a_warning_with_a_rename_hint():
    report, problems = header_problems("nom", "montant", "note", "nomm")
    assert problems == [("extra-header-warn", "warning", "nomm")]
    assert report.valid


def test_misnamed_required_column_suggests_the_rename():
    report, _ = header_problems("NOM", "montant", "note")
    [missing] = report.by_code("missing-required-header")
    assert missing.message.format_source() == "La colonne obligatoire « nom » est absente du fichier."
    assert "renommez la colonne « NOM » en « nom »" in missing.hint.format_source()


def test_a_blank_label_is_a_warning_and_a_duplicate_label_an_error():
    # frictionless reports nothing for a blank label (its cells are not checked) and aborts on a duplicate
    _, problems = header_problems("nom", "", "nom")
    assert ("blank-label-warn", "warning", None) in problems
    assert ("duplicate-label", "error", "nom") in problems
    assert ("duplicate-label", "error", "nom") in header_problems("nom", " nom", "montant")[1]


def test_no_known_column_at_all():
    report, problems = header_problems("COLL_NOM", "SUB_MONTANT")
    assert ("unmatched-header", "error", None) in problems
    assert report.by_code("unmatched-header")[0].message.format_source() == (
        "Aucune colonne du fichier ne porte un nom prévu par le schéma.")
