"""The data of bar, line and map charts."""

from dataclasses import astuple

import pytest

from game.core.reuse import (
    Point,
    Query,
    QueryError,
    bar_series,
    bounds,
    geopoints,
    line_series,
    parse_geopoint,
    points,
    run_query,
)

from .tables import BADLY_CLEANED, SUBSIDIES, table


def test_bar_series_from_a_grouped_result():
    result = run_query(SUBSIDIES, Query(group_by=("nomAttribuant",), aggregate="sum", measure="montant",
                                        sort="montant", descending=True))
    series = bar_series(result, "nomAttribuant", "montant")
    assert series.pairs == (("Ville de Rennes", 25500.5), ("Sicoval", 2540.0))
    assert tuple(series) == series.pairs and len(series) == 2 and series.skipped == 0


def test_bar_series_leaves_out_and_counts_values_that_are_not_numbers():
    series = bar_series(BADLY_CLEANED, "nomBeneficiaire", "montant")
    assert series.pairs == (("Cercle Paul Bert", 12000.0), ("Cercle Paul Bert", 2000.0))
    assert series.skipped == 3 and series.skipped_examples == ("5 500,50", "8000 €")


def test_line_series_sorts_years_as_numbers():
    t = table(["annee", "naissances"], ["2019", "30"], ["2017", "10"], ["2018", "20"], ["n.c.", "5"], ["2020", ""])
    series = line_series(t, "annee", "naissances")
    assert series.pairs == (("2017", 10.0), ("2018", 20.0), ("2019", 30.0))
    assert series.xs == (2017.0, 2018.0, 2019.0) and series.x_kind == "number"
    assert series.skipped == 1 and series.skipped_examples == ("n.c.",)


def test_line_series_sorts_iso_dates_by_day():
    t = table(["jour", "n"], ["2017-04-13", "3"], ["2017-01", "1"], ["2016", "0"], ["13/04/2017", "9"])
    series = line_series(t, "jour", "n")
    assert [label for label, _ in series] == ["2016", "2017-01", "2017-04-13"]
    assert series.x_kind == "date" and series.xs[2] - series.xs[1] == 102
    assert series.skipped_examples == ("13/04/2017",)


def test_points_from_two_columns_like_the_dae_schema():
    t = table(["nom", "lat_coor1", "long_coor1"], ["DAE mairie", " 48.8521329", " 2.3068453"],
              ["DAE gymnase", "48,85", "2,30"], ["DAE école", "", ""], ["DAE zéro", "0", "0"],
              ["DAE inversé", "2.30", "248.85"])
    found = points(t, "lat_coor1", "long_coor1", "nom")
    assert found.points == (Point(48.8521329, 2.3068453, "DAE mairie"),)
    assert found.skipped == 4 and found.skipped_examples == ("48,85 ; 2,30", "0 ; 0", "2.30 ; 248.85")


@pytest.mark.parametrize(("cell", "lat_lon"), [
    ("[7.48710500,48.345345]", (48.345345, 7.487105)),  # IRVE coordonneesXY: [lon, lat]
    ('{"lon": 2.35, "lat": 48.85}', (48.85, 2.35)),
    ("POINT(2.35 48.85)", (48.85, 2.35)),
    ("48.85, 2.35", (48.85, 2.35)),  # geo_point_2d: lat, lon
    ("-21.11,55.53", (-21.11, 55.53)),  # La Réunion
    ("-149.56, -17.53", (-17.53, -149.56)),  # a first number that cannot be a latitude: lon, lat
])
def test_parse_geopoint_reads_the_usual_shapes(cell, lat_lon):
    assert parse_geopoint(cell) == pytest.approx(lat_lon)


@pytest.mark.parametrize("cell", ["", "48.85", "48,85, 2,35", "[1, 2, 3]", "[true, 1]", "{\"lat\": []}", "[0, 0]",
                                  "[", "Paris", "95, 200"])
def test_parse_geopoint_refuses_what_holds_no_valid_point(cell):
    assert parse_geopoint(cell) is None


def test_geopoints_from_the_irve_coordinates_column():
    t = table(["nom_station", "coordonneesXY"], ["Picpus", "[7.48710500,48.345345]"], ["Sans", ""],
              ["Faux", "48.345345 7.487105"])
    found = geopoints(t, "coordonneesXY", "nom_station")
    assert list(found) == [Point(48.345345, 7.487105, "Picpus")]
    assert found.skipped == 2 and found.skipped_examples == ("48.345345 7.487105",)
    assert parse_geopoint("2.35, 48.85", lon_first=True) == (48.85, 2.35)


def test_bounds_add_a_margin_around_the_points():
    b = bounds([Point(43.5, 1.4), Point(43.6, 1.6)])
    assert b is not None and b.south < b.north
    assert astuple(b) == pytest.approx((43.495, 1.39, 43.605, 1.61))  # 5 % of the extent on each side
    single = bounds(geopoints(table(["c"], ["43.5, 1.4"]), "c"))
    assert astuple(single) == pytest.approx((43.495, 1.395, 43.505, 1.405))  # at least 0.005 degrees
    assert bounds([]) is None


def test_an_unknown_chart_column_has_a_did_you_mean():
    with pytest.raises(QueryError) as caught:
        bar_series(SUBSIDIES, "nomBeneficiaire", "montants")
    assert caught.value.hint.format_source() == "Vouliez-vous dire « montant » ?"
