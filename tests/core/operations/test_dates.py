import pytest

from game.core.operations import DatesToIso
from game.core.operations.dates import parse_date

from .tables import SUBVENTIONS, col, table


@pytest.mark.parametrize(("typed", "iso"), [
    ("05/12/2016", "2016-12-05"),
    ("5/12/16", "2016-12-05"),
    ("2018/01/30", "2018-01-30"),
    ("30-01-2018", "2018-01-30"),
    ("30.01.2018", "2018-01-30"),
    ("5 déc. 2016", "2016-12-05"),
    ("5 décembre 2016", "2016-12-05"),
    ("5 DEC 2016", "2016-12-05"),
    ("1er janvier 2017", "2017-01-01"),
    ("lundi 5 décembre 2016", "2016-12-05"),
    ("15 août 2017", "2017-08-15"),
    ("2016-12-05T00:00:00", "2016-12-05"),
    ("2016-12-05 00:00", "2016-12-05"),
    ("2016-12-5", "2016-12-05"),
    ("1/2/99", "1999-02-01"),
])
def test_dates_to_iso_reads_french_dates(typed, iso):
    assert parse_date(typed) == iso


@pytest.mark.parametrize("typed", ["31/02/2016", "13/13/2016", "2016-12-05T14:30:00", "demain", "5 brumaire 2016",
                                   "12/2016", "42709"])
def test_dates_to_iso_does_not_guess(typed):
    assert parse_date(typed) is None


def test_dates_to_iso_can_read_american_order():
    assert parse_date("12/05/2016", day_first=False) == "2016-12-05"


def test_dates_to_iso_fixes_the_subventions_example():
    result = DatesToIso("dateConvention").apply(SUBVENTIONS)
    assert col(result, "dateConvention") == ["2016-12-05", "2016-12-05", "2016-12-05", "2017-06-27", "2017-06-27"]
    assert result.cells_changed == 1
    assert result.summary.format_source() == "Dates converties dans la colonne « dateConvention » : 1."


def test_dates_to_iso_leaves_unreadable_cells_and_counts_them():
    t = table(["date"], ["05/12/2016"], ["bientôt"], [""], ["31/02/2016"])
    result = DatesToIso("date").apply(t)
    assert col(result, "date") == ["2016-12-05", "bientôt", "", "31/02/2016"]
    assert (result.cells_changed, result.cells_skipped) == (1, 2)
    assert result.summary.format_source() == ("Dates converties dans la colonne « date » : 1 ; cellules "
                                              "illisibles laissées telles quelles : 2.")
