"""Each Table Schema type reads cells as frictionless does, and says in French what is wrong."""

from __future__ import annotations

import pytest

from game.core.tableschema import validate

from .helpers import column, one_field


def codes(schema, *cells):
    return [(e.row, e.code, e.detail) for e in validate(column(*cells), schema).errors]


@pytest.mark.parametrize(("field", "good", "bad"), [
    ({"type": "string", "format": "email"}, "p.nom@domaine.fr", "p.nom@@domaine.fr"),
    ({"type": "string", "format": "uri"}, "https://data.gouv.fr/x", "www.monsite.com/image.jpg"),
    ({"type": "string", "format": "uuid"}, "123e4567-e89b-12d3-a456-426614174000", "123-456"),
    ({"type": "number"}, " 47800.20 ", "100000,1"),
    ({"type": "number", "decimalChar": ",", "groupChar": " "}, "17 833,5", "17833.5"),
    ({"type": "number", "bareNumber": False}, "47 €", "€"),
    ({"type": "integer"}, "42", "4.2"),
    ({"type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]}, "non", "no"),
    ({"type": "boolean"}, "TRUE", "oui"),
    ({"type": "date"}, "2016-12-05", "05/12/2016"),
    ({"type": "date"}, "2016-5-3", "2019-13-30"),
    ({"type": "date", "format": "%d/%m/%Y"}, "05/12/2016", "2016-12-05"),
    ({"type": "date", "format": "any"}, "05/12/2016", "hier"),
    ({"type": "datetime"}, "2020-05-11T14:08:32Z", "2020-05-11"),
    ({"type": "time"}, "14:08:32", "14h08"),
    ({"type": "year"}, "2017", "17"),
    ({"type": "yearmonth"}, "2017-06", "2017-13"),
    ({"type": "geopoint"}, "2.35, 48.85", "2.35"),
    ({"type": "geopoint", "format": "array"}, "[2.35, 48.85]", "[200, 48.85]"),
    ({"type": "geopoint", "format": "object"}, '{"lon": 2.35, "lat": 48.85}', '{"lon": 2.35}'),
    ({"type": "array"}, '["a", "b"]', "a, b"),
    ({"type": "any"}, "n'importe quoi", None),
])
def test_a_good_cell_passes_and_a_bad_one_is_a_type_error(field, good, bad):
    schema = one_field(**field)
    assert codes(schema, good) == []
    if bad is not None:
        assert codes(schema, bad) == [(2, "type-error", None)]


def test_an_iso_date_error_is_worded_like_validata_with_the_fix():
    [error] = validate(column("05/12/2016"), one_field(type="date")).errors
    assert error.message.format_source() == "La valeur « 05/12/2016 » n'est pas une date au format AAAA-MM-JJ."
    assert error.hint.format_source() == "Pour corriger : écrivez la date au format AAAA-MM-JJ, ici « 2016-12-05 »."
    assert (error.field, error.column, error.cell, error.severity) == ("x", 1, "05/12/2016", "error")


def test_a_decimal_comma_is_explained():
    [error] = validate(column("0,5"), one_field(type="number")).errors
    assert error.message.format_source() == "La valeur « 0,5 » n'est pas un nombre valide."
    assert "« . » comme séparateur décimal" in error.hint.format_source()


def test_schema_missing_values_are_empty_cells():
    from game.core.tableschema import parse_schema

    schema = parse_schema({"missingValues": ["", "NA"],
                           "fields": [{"name": "n"}, {"name": "x", "type": "integer"}]})
    assert codes(schema, "NA", "", "3") == []


def test_array_items_are_checked_against_their_enum():
    schema = one_field(type="array", arrayItem={"type": "string", "constraints": {"enum": ["mixé", "haché"]}})
    assert codes(schema, '["mixé"]', '["mixé", "moulu"]') == [(3, "constraint-error", "enum")]
