from game.core.operations import FillDown, NormaliseMissing

from .tables import col, table


def test_fill_down_fills_cells_left_blank_by_merged_cells():
    t = table(["commune", "prenom"], ["Digne", "Léa"], ["", "Jules"], [" ", "Lina"], ["Rennes", "Adam"], ["", "Noé"])
    result = FillDown("commune").apply(t)
    assert col(result, "commune") == ["Digne", "Digne", "Digne", "Rennes", "Rennes"]
    assert result.cells_changed == 3
    assert col(result, "prenom") == col(t, "prenom")


def test_fill_down_leaves_blanks_at_the_top():
    t = table(["v"], [""], ["a"], [""])
    assert col(FillDown("v").apply(t), "v") == ["", "a", "a"]


def test_normalise_missing_empties_what_people_write_for_nothing():
    values = ["NA", "N/A", "n/a", "-", "--", "null", "NULL", "?", "nc", "néant", " Néant ", "   "]
    t = table(["v"], *[[v] for v in values], ["0"], ["Nantes"])
    result = NormaliseMissing().apply(t)
    assert col(result, "v") == [""] * len(values) + ["0", "Nantes"]
    assert result.cells_changed == len(values)


def test_normalise_missing_accepts_its_own_list_and_one_column():
    t = table(["a", "b"], ["0", "0"], ["NA", "NA"])
    result = NormaliseMissing("a", values=("0",)).apply(t)
    assert col(result, "a") == ["", "NA"]
    assert col(result, "b") == ["0", "NA"]
    assert result.summary.format_source() == "Cellules vidées dans la colonne « a » : 1."
