import pytest

from game.core.operations import NormaliseNumbers, PadCodes
from game.core.operations.numbers import parse_number, repair_code

from .tables import PRENOMS, SUBVENTIONS, col, table


@pytest.mark.parametrize(("typed", "number"), [
    ("100000,1", "100000.1"),
    ("0,5", "0.5"),
    ("22000.80", "22000.80"),
    ("17\u00a0833", "17833"),          # Nièvre: no-break space between thousands
    ("1\u202f234\u202f567,5", "1234567.5"),
    ("17 833", "17833"),
    ("1.234,56", "1234.56"),
    ("1,234.56", "1234.56"),
    ("1.234.567", "1234567"),
    ("12 500 €", "12500"),
    ("12500 EUR", "12500"),
    ("12500EUR", "12500"),
    ("-3,5", "-3.5"),
    ("\u22123,5", "-3.5"),
    (",5", "0.5"),
])
def test_normalise_numbers_reads_what_spreadsheets_write(typed, number):
    assert parse_number(typed)[0] == number


@pytest.mark.parametrize("typed", ["non communiqué", "1.2.3", "12,5,3", "1.234,5,6", "€", "10 à 20"])
def test_normalise_numbers_does_not_guess(typed):
    assert parse_number(typed) is None


def test_normalise_numbers_fixes_decimal_commas_of_the_subventions_example():
    result = NormaliseNumbers("montant").apply(SUBVENTIONS)
    assert col(result, "montant") == ["10000", "9000", "100000.1", "22000.80", "5500.20"]
    assert result.cells_changed == 1
    assert col(NormaliseNumbers("pourcentageSubvention").apply(SUBVENTIONS), "pourcentageSubvention")[-1] == "0.5"


def test_normalise_numbers_turns_percentages_into_ratios_on_demand():
    t = table(["taux"], ["45 %"], ["100%"], ["0,8"], ["12,5\u00a0%"])
    assert col(NormaliseNumbers("taux").apply(t), "taux") == ["45", "100", "0.8", "12.5"]
    assert col(NormaliseNumbers("taux", percent_to_ratio=True).apply(t), "taux") == ["0.45", "1", "0.8", "0.125"]


def test_normalise_numbers_counts_cells_that_are_not_numbers():
    t = table(["montant"], ["1 000"], ["non communiqué"], [""])
    result = NormaliseNumbers("montant").apply(t)
    assert col(result, "montant") == ["1000", "non communiqué", ""]
    assert result.cells_skipped == 1
    assert "laissées telles quelles : 1" in result.summary.format_source()


def test_pad_codes_repairs_excel_floats():
    assert repair_code("32402138500000.0", 14) == "32402138500000"
    assert repair_code("3.2402138500000E+13", 14) == "32402138500000"
    assert repair_code("3,2402138500000E+13", 14) == "32402138500000"
    assert repair_code("1234567800012.0", 14) == "01234567800012"
    result = PadCodes("idBeneficiaire", 14).apply(SUBVENTIONS)
    assert col(result, "idBeneficiaire")[2] == "32402138500000"
    assert result.cells_changed == 1


def test_pad_codes_refuses_digits_a_spreadsheet_lost():
    assert repair_code("3.24021385E+13", 14) is None
    assert repair_code("3.5E-2", 14) is None


def test_pad_codes_puts_back_leading_zeros_of_insee_and_postcodes():
    assert col(PadCodes("COLL_INSEE", 5).apply(PRENOMS), "COLL_INSEE") == ["03238", "35238", "35238", "35238"]
    assert repair_code("4000", 5) == "04000"
    assert repair_code("2A004", 5) == "2A004"
    assert repair_code("324 021 385 00000", 14) == "32402138500000"


def test_pad_codes_does_not_turn_a_siren_into_a_siret():
    result = PadCodes("idAttribuant", 14).apply(SUBVENTIONS)
    assert col(result, "idAttribuant")[3] == "218601946"
    assert result.cells_skipped == 1
    assert repair_code("218601946", 14, max_zeros=5) == "00000218601946"


def test_pad_codes_checks_its_width():
    assert PadCodes("COLL_INSEE", 0).check(PRENOMS)
