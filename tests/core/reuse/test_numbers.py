"""How the reuse tools read numbers typed by a person, and cells of a published file."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core.reuse import (
    cell_test,
    fold_text,
    fold_words,
    iso_date,
    parse_number,
    plain_number,
    read_number,
)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("typed", "number"), [
    ("1 234,56", 1234.56),
    (f"1{NBSP}234,56", 1234.56),
    (f"1{NNBSP}234{NNBSP}567,5", 1234567.5),
    ("1234.56", 1234.56),
    ("1234,56", 1234.56),
    ("1.234,56", 1234.56),
    ("1,234.56", 1234.56),
    ("1.234.567", 1234567),
    ("1,234,567", 1234567),
    ("1 234 567", 1234567),
    ("-12", -12),
    ("\u221212", -12),
    ("+3,5", 3.5),
    ("12 €", 12),
    ("12€", 12),
    ("12 500 EUR", 12500),
    ("3 euros", 3),
    ("12,5 %", 12.5),
    (f"12,5{NBSP}%", 12.5),
    ("2400.0", 2400),
    (",5", 0.5),
    ("  42  ", 42),
    ("0", 0),
])
def test_parse_number_reads_french_and_english_writing(typed, number):
    assert parse_number(typed) == pytest.approx(number)


@pytest.mark.parametrize("typed", [
    "", "   ", "douze mille", "€", "%", "1e3", "1E3", "inf", "nan", "1_000", "0x10", "12,5,3", "1.2.3",
    "1 2", "12 34", "1.234 567", "1,234,5", "1.234,5,6", "10 à 20", "12,", "-", "+", "1 234,5 6", "٣",
])
def test_parse_number_refuses_what_it_would_have_to_guess(typed):
    assert parse_number(typed) is None


def test_a_single_separator_is_always_decimal_the_french_reading_of_1_234():
    assert parse_number("1,234") == pytest.approx(1.234)
    assert parse_number("1.234") == pytest.approx(1.234)
    assert parse_number("1 234") == 1234


def _french(x: float) -> str:
    return f"{x:,.2f}".replace(",", "\u0000").replace(".", ",").replace("\u0000", NBSP)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_a_number_formatted_the_french_way_reads_back(x):
    expected = float(f"{x:.2f}")
    assert parse_number(_french(x)) == pytest.approx(expected, abs=1e-9)
    assert parse_number(_french(x).replace(NBSP, NNBSP)) == pytest.approx(expected, abs=1e-9)
    assert parse_number(_french(x).replace(NBSP, " ") + " €") == pytest.approx(expected, abs=1e-9)
    assert parse_number(f"{x:,.2f}") == pytest.approx(expected, abs=1e-9)  # English: 1,234.56
    assert parse_number(f"{x:.2f}") == pytest.approx(expected, abs=1e-9)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_number_written_by_a_program_is_read_as_a_cell(x):
    assert read_number(repr(x)) == x


@pytest.mark.parametrize(("cell", "number"), [
    ("2400.0", 2400), ("-3", -3), (" 48.8521329", 48.8521329), ("1E3", 1000), (".5", 0.5), ("+7", 7),
])
def test_read_number_reads_cells_as_a_program_does(cell, number):
    assert read_number(cell) == pytest.approx(number)


@pytest.mark.parametrize("cell", [None, "", "2 400,00 €", "100000,1", "1 000", "12 €", "NaN", "INF", "n/c"])
def test_read_number_does_not_read_badly_cleaned_cells(cell):
    assert read_number(cell) is None


@pytest.mark.parametrize(("text", "day"), [
    ("2017", "2017"), ("2017-04", "2017-04"), ("2017-04-13", "2017-04-13"), ("2017-04-13T10:00:00Z", "2017-04-13"),
    ("2016-02-29", "2016-02-29"), ("2017-02-29", None), ("2017-13", None), ("13/04/2017", None), ("", None),
])
def test_iso_date_reads_iso_dates_and_checks_them(text, day):
    assert iso_date(text) == day


def test_fold_text_ignores_case_accents_and_spacing():
    assert fold_text(f"  École{NBSP} Saint-Exupéry ") == fold_text("ecole saint-exupery") == "ecole saint-exupery"
    assert fold_words("L’Union") == fold_words("l'union") == fold_words("L UNION") == "l union"
    assert math.isclose(float(plain_number(12345.5)), 12345.5) and plain_number(2400.0) == "2400"


def test_cell_test_compares_numbers_dates_and_text():
    assert cell_test(">", "1 000")("2400.0") is True
    assert cell_test(">", "1 000")("2 400,00 €") is None  # cannot be compared: skipped
    assert cell_test("<=", "2017")("2017-12-31") is True
    assert cell_test(">", "2017")("2017-12-31") is False
    assert cell_test(">", "2017")("31/12/2018") is None
    assert cell_test(">", "m")("Nevers") is True
