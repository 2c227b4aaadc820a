"""Constraints, uniqueness, primary key and row structure, with frictionless's codes."""

from __future__ import annotations

from game.core.table import Table
from game.core.tableschema import parse_schema, validate

from .helpers import column, one_field


def found(table, schema):
    return [(e.row, e.field, e.code, e.detail) for e in validate(table, schema).errors]


def test_required_cell_left_empty_is_a_constraint_error():
    schema = one_field(constraints={"required": True})
    [error] = validate(column(""), schema).errors
    assert (error.code, error.detail) == ("constraint-error", "required")
    assert error.message.format_source() == "La colonne « x » est obligatoire : cette cellule ne doit pas être vide."


def test_pattern_must_match_the_whole_cell_and_the_hint_quotes_the_schema():
    schema = one_field(description="Débute par W et 9 chiffres.", example="W380475558",
                       constraints={"pattern": "W\\d{9}"})
    assert found(column("W380475558", "W3804755581", "xW380475558"), schema) == [
        (3, "x", "constraint-error", "pattern"), (4, "x", "constraint-error", "pattern")]
    error = validate(column("W3222"), schema).errors[0]
    assert error.message.format_source().endswith("(exemple de valeur correcte : « W380475558 »).")
    assert error.hint.format_source() == "Pour corriger : suivez la règle du schéma — Débute par W et 9 chiffres."


def test_long_schema_descriptions_become_short_plain_hints():
    from game.core.tableschema.wording import short_description

    text = ("Un prénom composé comme 'Marie-Jeanne' compte pour un prénom complet. Attention, \"[_l'alphabet utilisé "
            "doit être celui du français_](https://www.demarches.interieur.gouv.fr/x)\". " + "Suite de la règle. " * 40)
    short = short_description(text)
    assert "](" not in short and "_" not in short and len(short) <= 400
    assert short.startswith("Un prénom composé comme 'Marie-Jeanne' compte pour un prénom complet. Attention, \"l'alphabet")


def test_enum_suggests_the_right_capitalisation():
    schema = one_field(constraints={"enum": ["aide en numéraire", "aide en nature"]})
    [error] = validate(column("Aide en numéraire"), schema).errors
    assert error.hint.format_source() == ("Pour corriger : écrivez exactement « aide en numéraire » (majuscules, "
                                          "accents et espaces comptent).")


def test_bounds_and_lengths():
    schema = parse_schema({"fields": [
        {"name": "p", "type": "number", "constraints": {"minimum": 0.01, "maximum": 1}},
        {"name": "t", "type": "string", "constraints": {"minLength": 2, "maxLength": 3}},
    ]})
    table = Table.from_rows(["p", "t"], [["0.5", "ab"], ["100", "a"], ["0.001", "abcd"]])
    assert found(table, schema) == [
        (3, "p", "constraint-error", "maximum"), (3, "t", "constraint-error", "minLength"),
        (4, "p", "constraint-error", "minimum"), (4, "t", "constraint-error", "maxLength")]


def test_a_type_error_hides_the_constraints_of_that_cell():
    schema = one_field(type="integer", constraints={"minimum": 5})
    assert found(column("x"), schema) == [(2, "x", "type-error", None)]


def test_unique_reports_every_repeat_against_the_previous_one():
    schema = one_field(constraints={"unique": True})
    errors = validate(column("a", "b", "a", "", "", "a"), schema).errors
    assert [(e.row, e.code) for e in errors] == [(4, "unique-error"), (7, "unique-error")]
    assert errors[1].message.format_source().startswith("La valeur « a » apparaît déjà ligne 4")


def test_unique_compares_typed_values():
    schema = one_field(type="number", constraints={"unique": True})
    assert found(column("1", "1.0"), schema) == [(3, "x", "unique-error", None)]


def test_primary_key_over_two_columns():
    schema = parse_schema({"primaryKey": ["a", "b"], "fields": [{"name": "a"}, {"name": "b"}]})
    table = Table.from_rows(["a", "b"], [["1", "x"], ["1", "y"], ["1", "x"]])
    assert found(table, schema) == [(4, None, "primary-key", None)]


def test_short_long_and_blank_rows():
    schema = parse_schema({"fields": [{"name": "a", "constraints": {"required": True}}, {"name": "b"}]})
    table = Table.from_rows(["a", "b"], [["1"], ["1", "2", "3"], ["", ""], []])
    assert found(table, schema) == [
        (2, "b", "missing-cell", None), (3, None, "extra-cell", None),
        (4, None, "blank-row", None), (5, None, "blank-row", None)]
