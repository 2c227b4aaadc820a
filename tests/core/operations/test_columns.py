import json
from pathlib import Path

from game.core.operations import (
    MergeColumns,
    OperationError,
    RemoveColumn,
    RenameColumn,
    ReorderColumns,
    SplitColumn,
    SwapColumnsValues,
)

from .tables import DAE, SUBVENTIONS, col, table

SCHEMA = Path("/work/shared/reference/scdl/subventions/schema.json")
COLONNES = table(
    ["idAttribuant", "nomAttribuant", "dateConvention", "NOM_Beneficiaire", "montant"],
    ["21860194600000", "Ville de Poitiers", "2016-12-05", "Trouver sonnette a son pied", "10000"],
)


def test_rename_column_gives_the_schema_name():
    result = RenameColumn("NOM_Beneficiaire", "nomBeneficiaire").apply(COLONNES)
    assert result.table.header[3] == "nomBeneficiaire"
    assert result.table.columns == COLONNES.columns
    assert result.header_changed and result.cells_changed == 0
    assert result.summary.format_source() == "Colonne « NOM_Beneficiaire » renommée en « nomBeneficiaire »."


def test_rename_column_suggests_the_column_meant():
    problems = RenameColumn("nomBeneficiaire", "x").check(COLONNES)
    assert problems[0].format_source() == (
        "Colonne introuvable : « nomBeneficiaire ». Vouliez-vous dire « NOM_Beneficiaire » ?")


def test_rename_column_refuses_a_name_already_taken():
    try:
        RenameColumn("NOM_Beneficiaire", "montant").apply(COLONNES)
    except OperationError as e:
        assert "montant" in e.message.format_source()
    else:
        raise AssertionError("duplicate names must be refused")


def test_reorder_columns_follows_the_schema_and_puts_unknown_columns_last():
    names = [f["name"] for f in json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]]
    t = COLONNES.with_columns(COLONNES.header + ("remarque",), COLONNES.columns + (("à vérifier",),))
    t = RenameColumn("NOM_Beneficiaire", "nomBeneficiaire").apply(t).table
    result = ReorderColumns(tuple(names)).apply(t)
    assert result.table.header == ("nomAttribuant", "idAttribuant", "dateConvention", "nomBeneficiaire",
                                   "montant", "remarque")
    assert result.table.column("idAttribuant") == ("21860194600000",)
    assert result.changed_columns == frozenset({0, 1})
    assert result.rows_changed is False


def test_remove_column_counts_the_values_lost():
    result = RemoveColumn("nomAttribuant").apply(SUBVENTIONS)
    assert "nomAttribuant" not in result.table.header
    assert result.table.ncols == SUBVENTIONS.ncols - 1
    assert result.cells_changed == 5
    assert result.changed_columns == frozenset(range(result.table.ncols))


def test_split_column_splits_postcode_and_town():
    t = table(["id", "cp_ville"], ["1", "75001 Paris"], ["2", "04000 Digne-les-Bains"], ["3", "Rennes"])
    result = SplitColumn("cp_ville", " ", ("com_cp", "com_nom")).apply(t)
    assert result.table.header == ("id", "com_cp", "com_nom")
    assert col(result, "com_cp") == ["75001", "04000", "Rennes"]
    assert col(result, "com_nom") == ["Paris", "Digne-les-Bains", ""]


def test_split_column_can_keep_the_original_and_puts_the_rest_in_the_last_column():
    t = table(["adresse"], ["54 Rue de Rennes"])
    result = SplitColumn("adresse", " ", ("adr_num", "adr_voie"), keep_original=True).apply(t)
    assert result.table.header == ("adresse", "adr_num", "adr_voie")
    assert result.table.row(0) == ("54 Rue de Rennes", "54", "Rue de Rennes")


def test_merge_columns_joins_with_a_separator_and_skips_empty_cells():
    t = table(["adr_num", "adr_voie", "com_nom"], ["54", "Rue de Rennes", "Paris"], ["", "Place du Marché", "Digne"])
    result = MergeColumns(("adr_num", "adr_voie"), "adresse").apply(t)
    assert result.table.header == ("adresse", "com_nom")
    assert col(result, "adresse") == ["54 Rue de Rennes", "Place du Marché"]


def test_swap_lat_lon_on_the_rows_where_they_are_inverted():
    t = table(["nom", "lat_coor1", "long_coor1"], ["Rennes", "48.1", "-1.6"], ["Mairie", "2.35", "48.85"])
    result = SwapColumnsValues("lat_coor1", "long_coor1", rows=(3,)).apply(t)
    assert result.table.row(0) == ("Rennes", "48.1", "-1.6")
    assert result.table.row(1) == ("Mairie", "48.85", "2.35")
    assert result.cells_changed == 2
    assert result.table.header == t.header


def test_swap_values_of_every_row():
    result = SwapColumnsValues(" lat_coor1", " long_coor1").apply(DAE)
    assert col(result, " lat_coor1") == [" 2.3068453", " 48.856614"]
