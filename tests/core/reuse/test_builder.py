"""The reuse desk's rules without a screen: the builder's choices as a query, how many rows to
keep, answers asked again before grading, the columns that place rows on a map, and the series a
result draws."""

import pytest

from game.core.reuse import (
    Filter,
    Query,
    QueryError,
    QueryResult,
    answer_problem,
    build_query,
    parse_top,
    place_columns,
    result_series,
)

HEADER = ("nomBeneficiaire", "montant", "annee")


def test_sorting_sorts_on_the_results_last_column():
    q = build_query(HEADER, filters=[Filter("annee", "=", "2017")], group="nomBeneficiaire", aggregate="sum",
                    measure="montant", order="desc", top="3")
    assert q == Query(filters=(Filter("annee", "=", "2017"),), group_by=("nomBeneficiaire",), aggregate="sum",
                      measure="montant", sort="montant", descending=True, top=3)
    assert build_query(HEADER, group="annee", order="asc").sort == "nombre"  # a group alone counts its rows
    assert build_query(HEADER) == Query()


@pytest.mark.parametrize("typed", ["0", "-2", "trois", "2.5", "²"])
def test_keeping_n_rows_needs_a_whole_number_above_zero(typed):
    with pytest.raises(QueryError) as refused:
        parse_top(typed)
    assert refused.value.message.format_source().startswith(f"« {typed} » n'est pas un nombre entier")


def test_an_empty_top_keeps_every_row():
    assert parse_top("  ") is None and parse_top(" 12 ") == 12


def test_an_answer_is_asked_again_when_empty_or_not_a_number():
    assert answer_problem("number", "  ") == "empty"
    assert answer_problem("number", "trois cent dix-sept") == "not-a-number"
    assert answer_problem("number", "12 000,50") is None
    assert answer_problem("list", "Louise et Noémie") is None


def test_latitude_and_longitude_columns_are_found_by_their_names():
    cols = place_columns(["nom_station", "lat_coor1", "long_coor1"])
    assert (cols.lat, cols.lon, cols.coordinates, cols.label) == ("lat_coor1", "long_coor1", None, "nom_station")
    cols = place_columns(["EQUIP_NOM", "EQUIP_LAT", "EQUIP_LONG"])
    assert (cols.lat, cols.lon, cols.label) == ("EQUIP_LAT", "EQUIP_LONG", "EQUIP_NOM")


def test_one_coordinates_column_serves_when_there_is_no_pair():
    cols = place_columns(["id_station", "coordonneesXY"])
    assert (cols.lat, cols.coordinates, cols.label) == (None, "coordonneesXY", "")
    assert place_columns(["latitude", "geo_point_2d"]).coordinates == "geo_point_2d"  # no longitude: no pair
    assert place_columns(["montant", "annee"]) is None


def test_a_result_draws_its_first_column_against_its_last():
    r = QueryResult(("annee", "montant"), (("2017", 10.0), ("2016", 5.0)), 2)
    assert result_series(r, "bar").pairs == (("2017", 10.0), ("2016", 5.0))
    assert result_series(r, "line").pairs == (("2016", 5.0), ("2017", 10.0))  # a line goes along its x
    assert result_series(QueryResult(("montant",), ((1.0,),), 1), "bar") is None
    assert result_series(QueryResult(("annee", "montant"), (), 0), "bar") is None
