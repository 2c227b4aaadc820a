from game.core.operations import RemoveBlankRows, RemoveDuplicateRows, RemoveRows

from .tables import SUBVENTIONS, table


def test_remove_duplicate_rows_keeps_first_row():
    t = table(["a", "b"], ["1", "x"], ["2", "y"], ["1", "x"], ["1", "X"])
    result = RemoveDuplicateRows().apply(t)
    assert list(result.table.rows()) == [("1", "x"), ("2", "y"), ("1", "X")]
    assert result.table.row_numbers == (2, 3, 5)
    assert result.rows_changed and result.changed_columns is None
    assert result.summary.format_source() == "Lignes en double supprimées : 1."


def test_remove_duplicate_rows_without_duplicates_changes_nothing():
    result = RemoveDuplicateRows().apply(SUBVENTIONS)
    assert result.table == SUBVENTIONS
    assert not result.rows_changed and result.cells_changed == 0


def test_remove_rows_by_their_number_in_the_file():
    t = table(["a"], ["Subventions 2018"], ["1"], ["2"], ["Total"])
    result = RemoveRows((2, 5)).apply(t)
    assert [r[0] for r in result.table.rows()] == ["1", "2"]
    assert result.table.row_numbers == (3, 4)


def test_remove_rows_reports_rows_that_do_not_exist():
    problems = RemoveRows((2, 99)).check(SUBVENTIONS)
    assert problems[0].format_source() == "Ligne introuvable dans ce fichier : 99."


def test_remove_blank_rows_removes_rows_of_empty_or_space_cells_only():
    t = table(["a", "b"], ["1", "x"], ["", " "], ["", "y"], ["", ""])
    result = RemoveBlankRows().apply(t)
    assert list(result.table.rows()) == [("1", "x"), ("", "y")]
    assert result.summary.format_source() == "Lignes vides supprimées : 2."
