"""Whatever a cell holds, the validator answers with a report, never an exception.

Special numbers (``sNaN``, ``NaN``, ``Infinity``, huge exponents), JSON nested deeper than the
decoder goes, NUL characters: each gets the error frictionless gives where frictionless gives
one, and a type or constraint error where frictionless itself raises (``sNaN``).
"""

from __future__ import annotations

import json
import warnings

import pytest

from game.core.table import Table
from game.core.tableschema import parse_schema, validate
from game.storage.schemas import shipped_schema_names

from .helpers import column, one_field, scdl

SPECIAL_NUMBERS = ["sNaN", "-sNaN", "NaN", "-NaN", "nan", "Infinity", "-Infinity", "inf", "1e999999999",
                   "-1e999999999", "1e-999999999", "0x10", "1_000", "9" * 5000]
NESTED = ["[" * 5000, '{"lon":' * 3000, "[1," * 3000]
HOSTILE = SPECIAL_NUMBERS + NESTED + ["x\x00y", "\x00", "2020-01-0\x00", "sNaN,sNaN", "NaN, NaN", "[NaN, 1]",
                                      '{"lon": NaN, "lat": 1}', "[1e999999999, 1]", "Infinity,Infinity"]


def _codes(schema, cells):
    report = validate(column(*cells), schema)
    return sorted((e.row, e.code, e.detail) for e in report.errors if e.field == "x")


@pytest.mark.parametrize("cell", ["sNaN", "-sNaN"])
@pytest.mark.parametrize("constraints", [{"minimum": 0.01, "maximum": 1}, {"minimum": 0}, {"maximum": 1},
                                         {"enum": [1, 2]}])
def test_signalling_nan_fails_the_bounds_like_nan(cell, constraints):
    schema = one_field(type="number", constraints=constraints)
    assert _codes(schema, [cell]) == _codes(schema, ["NaN"])
    assert _codes(schema, [cell]) and all(code == "constraint-error" for _, code, _ in _codes(schema, [cell]))


def test_the_columns_named_in_the_issue_report_snan_instead_of_raising():
    # subventions « pourcentageSubvention », DAE coordinates, IRVE power: number columns with bounds
    for name, field in (("subventions", "pourcentageSubvention"), ("dae", "lat_coor1"), ("dae", "long_coor1"),
                        ("irve-statique", "puissance_nominale")):
        schema = scdl(name)
        header = [f.name for f in schema.fields]
        rows = [["sNaN" if h == field else "" for h in header], ["-sNaN" if h == field else "" for h in header]]
        errors = [e for e in validate(Table.from_rows(header, rows), schema).errors if e.field == field]
        assert {(e.row, e.code) for e in errors} == {(2, "constraint-error"), (3, "constraint-error")}, (name, field)
        assert {e.detail for e in errors} <= {"minimum", "maximum"}
        assert "sNaN" in errors[0].message.format_source()


def test_nan_cells_are_not_duplicates_of_each_other_as_frictionless_says():
    schema = one_field(type="number", constraints={"unique": True})
    assert _codes(schema, ["NaN", "NaN", "sNaN", "sNaN"]) == []
    assert _codes(schema, ["Infinity", "Infinity"]) == [(3, "unique-error", None)]


@pytest.mark.parametrize("cell", NESTED)
@pytest.mark.parametrize("field", [{"type": "array"}, {"type": "geopoint", "format": "array"},
                                   {"type": "geopoint", "format": "object"}])
def test_json_nested_deeper_than_the_decoder_goes_is_a_type_error(cell, field):
    assert _codes(one_field(**field), [cell]) == [(2, "type-error", None)]


def test_custom_checks_skip_numbers_they_cannot_compare():
    fields = [{"name": "REEL", "type": "number"}, {"name": "POUR", "type": "number"}, {"name": "CONTRE"},
              {"name": "gps"}]
    checks = [{"name": "compare-columns-value", "params": {"column": "REEL", "op": ">=", "column2": "POUR"}},
              {"name": "sum-columns-value", "params": {"column": "REEL", "columns": ["POUR", "CONTRE"]}},
              {"name": "french-gps-coordinates", "params": {"column": "gps"}}]
    schema = parse_schema({"fields": fields, "custom_checks": checks})
    rows = [["NaN", "1", "sNaN", "sNaN, 1"], ["sNaN", "NaN", "1", "[NaN, 48]"], ["1e999999999", "1", "1", "1, 1e999999999"]]
    report = validate(Table.from_rows(["REEL", "POUR", "CONTRE", "gps"], rows), schema)
    # the huge total is compared exactly: 1e999999999 is not 1 + 1
    assert [(e.row, e.code) for e in report.errors] == [(4, "sum-columns-value"), (4, "french-gps-coordinates")]


@pytest.mark.parametrize("name", [n.split("/")[1] for n in shipped_schema_names() if n.startswith("scdl/")])
def test_every_shipped_schema_reports_every_hostile_value(name):
    schema = scdl(name)
    header = [f.name for f in schema.fields]
    for j in range(len(header)):
        rows = [[cell if k == j else "" for k in range(len(header))] for cell in HOSTILE + HOSTILE]
        validate(Table.from_rows(header, rows), schema)  # raises on the code before this change


frictionless = pytest.importorskip("frictionless")


def _frictionless(descriptor, cells):
    from frictionless import Resource, Schema

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.validate(Resource(data=[["x"]] + [[c] for c in cells],
                                                schema=Schema.from_descriptor(descriptor)))
    return sorted((e.row_number, e.type) for e in report.tasks[0].errors)


@pytest.mark.parametrize("number_type", ["number", "integer"])
@pytest.mark.parametrize("constraints", [{}, {"minimum": 0}, {"maximum": 1}, {"enum": [1, 2]}, {"unique": True}])
def test_special_numbers_get_the_codes_frictionless_gives(number_type, constraints):
    descriptor = {"fields": [{"name": "x", "type": number_type, "constraints": constraints}]}
    schema = parse_schema(json.loads(json.dumps(descriptor)))
    for cell in SPECIAL_NUMBERS:
        if "sNaN" in cell and number_type == "number" and constraints:
            continue  # frictionless itself raises decimal.InvalidOperation here (see the tests above)
        cells = [cell, cell]
        table = Table.from_rows(["x"], [[c] for c in cells])
        ours = sorted((e.row, e.code) for e in validate(table, schema).errors)
        assert ours == _frictionless(descriptor, cells), (cell, constraints)


def test_a_cell_longer_than_a_spreadsheet_cell_is_reported_and_never_matched(monkeypatch):
    from game.core.tableschema import types

    monkeypatch.setattr(types, "MAX_CELL_CHARS", 10)
    schema = parse_schema({"fields": [{"name": "n", "type": "integer", "constraints": {"unique": True}},
                                      {"name": "x", "constraints": {"pattern": "[a-z]+", "unique": True}}],
                           "primaryKey": ["n"]})
    long = "A" * 11
    table = Table.from_rows(["n", "x"], [["1", long], ["2", long], ["1" * 11, "ok"], ["4", "abcdefghij"]])
    errors = validate(table, schema).errors
    # the long cells get « cell-too-long » only: no pattern error (the regex never saw them), no unique
    # error; a long key cell counts as unreadable, like a type error (the key of row 4 is then empty)
    assert [(e.row, e.field, e.code, e.cell) for e in errors] == [
        (2, "x", "cell-too-long", long), (3, "x", "cell-too-long", long), (4, None, "primary-key", None),
        (4, "n", "cell-too-long", "1" * 11)]
    assert errors[0].message.format_source() == (
        "La cellule de la colonne « x » compte 11 caractères, plus que les 10 qu'une cellule de tableur peut "
        "contenir ; elle commence par « AAAAAAAAAAA » et n'a pas été vérifiée.")


def test_the_real_limit_keeps_the_catastrophic_pattern_away_from_a_long_commune_name():
    # COMMUNE_NOM's pattern repeats a group per letter: on 50 MB it took 6.6 GB; just above the
    # limit the cell is not matched at all, just below it is matched in a few MB
    from game.core.tableschema.types import MAX_CELL_CHARS

    schema = scdl("prenoms")
    header = [f.name for f in schema.fields]
    j = header.index("COMMUNE_NOM")
    for size, code in ((MAX_CELL_CHARS, None), (MAX_CELL_CHARS + 1, "cell-too-long")):
        row = ["A" + "a" * (size - 1) if k == j else "" for k in range(len(header))]
        errors = [e for e in validate(Table.from_rows(header, [row]), schema).errors if e.field == "COMMUNE_NOM"]
        assert [e.code for e in errors] == ([code] if code else []), size


def test_past_the_error_limit_errors_are_counted_not_detailed():
    # every cell wrong: the report details the first ones and counts all, in bounded memory
    schema = parse_schema({"fields": [{"name": "n", "type": "integer", "constraints": {"unique": True}},
                                      {"name": "d", "type": "date", "constraints": {"required": True}}],
                           "primaryKey": ["n"]})
    rows = [["x", "05/12/2016"], ["1", ""], ["1", "2016-12-05", "en trop"], ["", ""]]
    full = validate(Table.from_rows(["n", "d"], rows * 50), schema)
    limited = validate(Table.from_rows(["n", "d"], rows * 50), schema, max_errors=7)
    assert len(limited.errors) == 7 and limited.omitted == len(full.errors) - 7
    assert limited.error_count == full.error_count and not limited.valid
    assert set(limited.errors) <= set(full.errors)
