"""The classes of files where the validator and frictionless used to disagree (issue 15), one test each.

Header labels with spaces around them, a trailing delimiter, ISO datetimes and times, URIs, e-mails,
exclusive bounds, NaN in a unique column, a double BOM: the game now decides as frictionless does,
and says in French what a learner should fix.
"""

from __future__ import annotations

import pytest

from game.core.csvquality import decode_bytes
from game.core.table import Table
from game.core.tableschema import parse_schema, validate
from game.storage.csvfile import read_text

from .helpers import column, one_field, scdl


def row_codes(schema, *cells):
    return [(e.row, e.code, e.detail) for e in validate(column(*cells), schema).errors]


def test_a_label_with_spaces_around_it_is_matched_and_its_column_checked_with_a_warning():
    schema = scdl("prenoms")
    header = [f.name for f in schema.fields]
    spaced = ["COLL_INSEE " if h == "COLL_INSEE" else h for h in header]
    row = {"COMMUNE_NOM": "Rennes", "COLL_INSEE": "3523", "ENFANT_SEXE": "F", "ENFANT_PRENOM": "Assia",
           "NOMBRE_OCCURRENCES": "43", "ANNEE": "2015"}
    report = validate(Table.from_rows(spaced, [[row[h] for h in header]]), schema)
    assert not report.by_code("missing-required-header")
    [bad] = [e for e in report.errors if e.row == 2]  # the 4-digit INSEE code is caught
    assert (bad.field, bad.code, bad.detail) == ("COLL_INSEE", "constraint-error", "pattern")
    [warning] = report.by_code("spaced-label-warn")
    assert warning.severity == "warning" and warning.field == "COLL_INSEE"
    assert warning.message.format_source() == (
        "Le nom de la colonne « COLL_INSEE » est entouré d'espaces (« COLL_INSEE  ») : la colonne est reconnue, "
        "mais d'autres logiciels ne la reconnaîtront pas.")
    assert "renommez la colonne en « COLL_INSEE », sans espace" in warning.hint.format_source()


def test_a_trailing_delimiter_on_every_line_is_a_warning_and_the_file_stays_valid():
    schema = parse_schema({"fields": [{"name": "nom", "constraints": {"required": True}}, {"name": "n", "type": "integer"}]})
    table = read_text(decode_bytes(b"nom,n,\r\nAnne,1,\r\nLouis,2,\r\n")).table
    report = validate(table, schema)
    assert report.valid
    [warning] = report.errors
    assert (warning.code, warning.severity, warning.column) == ("blank-label-warn", "warning", 2)
    assert "séparateur en trop" in warning.message.format_source()
    assert warning.hint.format_source().startswith("Pour corriger : supprimez cette dernière colonne")


@pytest.mark.parametrize(("cell", "valid"), [
    ("2020-01-01T10:00:00+02:60", False), ("2020-01-01T10:00:00 +02:00", False), ("2020-01-01T10:00:32.Z", False),
    ("2020-01-01t10:00:00z", True), ("2020-01-01T24:00:00", True), ("2020-01-01T10:00:00Z", True),
    ("2020-01-01T10:00:00+02:00", True), ("2020-02-30T10:00:00", False),
])
def test_datetimes_are_read_as_frictionless_reads_them(cell, valid):
    assert row_codes(one_field(type="datetime"), cell) == ([] if valid else [(2, "type-error", None)])


@pytest.mark.parametrize(("cell", "valid"), [
    ("10:00:00+02:60", False), ("10:00:00 +02:00", False), ("10:00:32.Z", False),
    ("10:00:00z", True), ("24:00:00", True), ("10:00:00", True), ("25:00:00", False),
])
def test_times_are_read_as_frictionless_reads_them(cell, valid):
    assert row_codes(one_field(type="time"), cell) == ([] if valid else [(2, "type-error", None)])


@pytest.mark.parametrize(("cell", "valid"), [
    (" https://exemple.fr", False), ("1https://exemple.fr", False), ("-a:b", False), ("h ttp://exemple.fr", False),
    ("https://exemple.fr/page", True), ("mailto:a@b.fr", True), ("urn:isbn:123", True),
])
def test_uris_need_an_rfc_3986_scheme(cell, valid):
    assert row_codes(one_field(type="string", format="uri"), cell) == ([] if valid else [(2, "type-error", None)])


@pytest.mark.parametrize(("cell", "valid"), [
    ("a@ex_emple.fr", False), ("a@exemple.fr\n", False), ("a@exemple.c0m", True), ("a_b@exemple.fr", True),
    ("a@@b.fr", False), ("p.nom@domaine.fr", True), ("a@exemple.123", False),
])
def test_emails_are_decided_by_the_validators_package(cell, valid):
    assert row_codes(one_field(type="string", format="email"), cell) == ([] if valid else [(2, "type-error", None)])


def test_exclusive_bounds_are_checked_and_explained():
    schema = one_field(type="number", constraints={"exclusiveMinimum": 0, "exclusiveMaximum": 100})
    assert sorted(row_codes(schema, "0", "0.5", "100", "99.9", "NaN")) == [
        (2, "constraint-error", "exclusiveMinimum"), (4, "constraint-error", "exclusiveMaximum"),
        (6, "constraint-error", "exclusiveMaximum"), (6, "constraint-error", "exclusiveMinimum")]
    [error] = validate(column("0"), schema).errors
    assert error.message.format_source() == "La valeur « 0 » doit être strictement supérieure à 0."
    dates = one_field(type="date", constraints={"exclusiveMaximum": "2030-01-01"})
    assert row_codes(dates, "2029-12-31", "2030-01-01") == [(3, "constraint-error", "exclusiveMaximum")]


def test_nan_in_a_unique_number_column_is_never_a_duplicate_whatever_object_holds_it():
    schema = one_field(type="number", constraints={"unique": True})
    nan = "NaN"
    table = Table.from_rows(["n", "x"], [["1", nan], ["2", nan], ["3", "NaN"], ["4", "-NaN"], ["5", "1"], ["6", "1.0"]])
    assert [(e.row, e.code) for e in validate(table, schema).errors] == [(7, "unique-error")]


def test_a_double_bom_is_kept_and_reported_not_stripped_silently():
    decoded = decode_bytes(b"\xef\xbb\xbf\xef\xbb\xbfnom,n\r\nAnne,1\r\n")
    assert decoded.text.startswith("\ufeffnom") and decoded.bom
    read = read_text(decoded)
    assert "double-bom" in read.codes()
    schema = parse_schema({"fields": [{"name": "nom", "constraints": {"required": True}}, {"name": "n"}]})
    report = validate(read.table, schema)
    assert [e.code for e in report.errors if e.is_error] == ["missing-required-header"]  # as frictionless
    [warning] = report.by_code("bom-label-warn")
    assert "BOM" in warning.message.format_source() and "UTF-8 sans BOM" in warning.hint.format_source()
