"""Validata's custom checks, each on hand-written cases."""

from __future__ import annotations

from game.core.table import Table
from game.core.tableschema import CUSTOM_CHECKS, parse_schema, validate


def run(fields, checks, header, rows, **extra):
    schema = parse_schema({"fields": [{"name": n, **fields.get(n, {})} for n in header],
                           "custom_checks": checks, **extra})
    return [e for e in validate(Table.from_rows(header, rows), schema).errors
            if e.code in CUSTOM_CHECKS]


def test_siret_checksum():
    checks = [{"name": "french-siret-value", "params": {"column": "siret"}}]
    errors = run({}, checks, ["id", "siret"], [["1", "23350001600040"], ["2", "21860194600000"], ["3", ""],
                                             ["4", "32402138500000.0"]])
    assert [(e.row, e.field, e.cell) for e in errors] == [(3, "siret", "21860194600000"), (5, "siret", "32402138500000.0")]
    assert errors[0].message.format_source() == "La valeur « 21860194600000 » n'est pas un numéro SIRET français valide."
    assert errors[0].hint.format_source().startswith("Pour corriger : un SIRET compte 14 chiffres")


def test_siren_checksum_and_absent_column_is_skipped():
    checks = [{"name": "french-siren-value", "params": {"column": "siren"}}]
    assert [e.row for e in run({}, checks, ["id", "siren"], [["1", "233500016"], ["2", "123456789"]])] == [3]
    assert run({}, checks, ["id"], [["1"]]) == []


def test_one_of_required():
    checks = [{"name": "one-of-required", "params": {"column1": "idBeneficiaire", "column2": "rnaBeneficiaire"}}]
    rows = [["a", "23350001600040", ""], ["b", "", "W380475558"], ["c", "", ""]]
    [error] = run({}, checks, ["nom", "idBeneficiaire", "rnaBeneficiaire"], rows)
    assert error.row == 4
    assert error.message.format_source() == ("Les colonnes « idBeneficiaire » et « rnaBeneficiaire » sont toutes deux "
                                             "vides : l'une au moins doit être renseignée.")


def test_compare_columns_on_dates_and_integers_skips_empty_cells():
    fields = {"DELIB_DATE": {"type": "date"}, "PREF_DATE": {"type": "date"},
              "VOTE_EFFECTIF": {"type": "integer"}, "VOTE_REEL": {"type": "integer"}}
    checks = [{"name": "compare-columns-value", "params": {"column": "PREF_DATE", "op": ">=", "column2": "DELIB_DATE"}},
              {"name": "compare-columns-value", "params": {"column": "VOTE_EFFECTIF", "op": ">=", "column2": "VOTE_REEL"}}]
    header = ["DELIB_DATE", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL"]
    rows = [["2018-05-02", "2018-05-10", "30", "9"], ["2018-05-02", "2018-04-30", "9", "30"],
            ["2018-05-02", "", "", "30"]]
    errors = run(fields, checks, header, rows)
    assert [(e.row, e.field) for e in errors] == [(3, "PREF_DATE"), (3, "VOTE_EFFECTIF")]
    assert "supérieure ou égale à" in errors[0].message.format_source()


def test_sum_columns():
    checks = [{"name": "sum-columns-value", "params": {"column": "REEL", "columns": ["POUR", "CONTRE"]}}]
    errors = run({}, checks, ["REEL", "POUR", "CONTRE"], [["10", "6", "4"], ["10", "6", "3"], ["10", "", "3"]])
    assert [(e.row, e.field) for e in errors] == [(3, "REEL")]


def test_cohesive_columns_all_or_nothing():
    checks = [{"name": "cohesive-columns-value", "params": {"column": "BUDGET_ANNEE", "othercolumns": ["BUDGET_NOM"]}}]
    rows = [["1", "2017", "principal"], ["2", "", ""], ["3", "2017", ""], ["4", "", "annexe"]]
    errors = run({}, checks, ["id", "BUDGET_ANNEE", "BUDGET_NOM"], rows)
    assert [e.row for e in errors] == [4, 5]


def test_year_interval():
    checks = [{"name": "year-interval-value", "params": {"column": "BUDGET_ANNEE", "allow-year-only": "yes"}}]
    rows = [["1", "2017"], ["2", "2017/2018"], ["3", "2018/2017"], ["4", "17-18"]]
    errors = run({}, checks, ["id", "BUDGET_ANNEE"], rows)
    assert [(e.row, e.detail) for e in errors] == [(4, "order"), (5, None)]
    strict = [{"name": "year-interval-value", "params": {"column": "BUDGET_ANNEE", "allow-year-only": "no"}}]
    assert [e.row for e in run({}, strict, ["id", "BUDGET_ANNEE"], rows[:2])] == [2]


def test_french_gps_coordinates_tells_swapped_from_elsewhere():
    fields = {"coordonneesXY": {"type": "geopoint", "format": "array"}}
    checks = [{"name": "french-gps-coordinates", "params": {"column": "coordonneesXY"}}]
    rows = [["1", "[2.3522, 48.8566]"], ["2", "[48.8566, 2.3522]"], ["3", "[-73.98, 40.75]"],
            ["4", "[55.45, -20.88]"], ["5", "[-61.55, 16.25]"]]
    errors = run(fields, checks, ["id", "coordonneesXY"], rows)
    assert [(e.row, e.detail) for e in errors] == [(3, "inverted"), (4, "outside")]
    assert errors[0].message.format_source() == ("Les coordonnées « [48.8566, 2.3522] » semblent inversées : la "
                                                 "latitude est écrite avant la longitude.")
    assert "[2.3522, 48.8566]" in errors[0].hint.format_source()


def test_phone_number():
    checks = [{"name": "phone-number-value", "params": {"column": "tel"}}]
    rows = [["1", "01 40 63 39 00"], ["2", "+33 1 40 63 39 00"], ["3", "12345"]]
    assert [e.row for e in run({}, checks, ["id", "tel"], rows)] == [4]


def test_nomenclature_actes_ignores_case_and_accents():
    checks = [{"name": "nomenclature-actes-value", "params": {"column": "DELIB_MATIERE_NOM"}}]
    rows = [["1", "domaines de compétences par thèmes/aménagement du territoire"],
            ["2", "FINANCES LOCALES/decisions budgetaires"], ["3", "finances/budget"], ["4", "urbanisme"]]
    errors = run({}, checks, ["id", "DELIB_MATIERE_NOM"], rows)
    assert [(e.row, e.detail) for e in errors] == [(4, "prefix"), (5, "slash")]


def test_blank_rows_raise_no_custom_error():
    checks = [{"name": "one-of-required", "params": {"column1": "a", "column2": "b"}}]
    assert run({}, checks, ["a", "b"], [["", ""]]) == []


def test_every_custom_check_of_the_shipped_schemas_is_known():
    from game.storage.schemas import load_schema, shipped_schema_names

    names = shipped_schema_names()
    assert len(names) == 8
    for name in names:
        assert load_schema(name).problems == (), name


def test_an_unknown_check_is_a_schema_problem_with_a_suggestion():
    schema = parse_schema({"fields": [{"name": "a"}], "custom_checks": [{"name": "french-siret-values"}]})
    [problem] = schema.problems
    assert problem.hint.format_source() == "Vouliez-vous dire « french-siret-value » ?"
