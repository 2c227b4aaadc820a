from game.core.operations import EditCell, PseudonymiseColumn, RemoveColumn, pseudonym

from .tables import PRENOMS, col, table

PERSONNES = table(["nom", "montant"], ["Jean Dupont", "100"], ["Marie Curie", "200"], [" jean  DUPONT", "50"],
                  ["", "10"])
SALT = "sel-secret-2026"


def test_pseudonymise_gives_a_stable_token_per_person():
    result = PseudonymiseColumn("nom", salt=SALT).apply(PERSONNES)
    tokens = col(result, "nom")
    assert tokens[0] == tokens[2] != tokens[1]
    assert tokens[0].startswith("personne-") and len(tokens[0]) == len("personne-") + 8
    assert tokens[3] == ""
    assert "Jean" not in "".join(tokens)
    assert result.cells_changed == 3


def test_pseudonymise_tokens_depend_on_the_salt_and_are_reproducible():
    assert pseudonym("Jean Dupont", SALT) == pseudonym("Jean Dupont", SALT)
    assert pseudonym("Jean Dupont", SALT) != pseudonym("Jean Dupont", "un-autre-sel")


def test_pseudonymise_requires_a_secret_salt():
    assert PseudonymiseColumn("nom").check(PERSONNES)
    assert not PseudonymiseColumn("nom", method="initials").check(PERSONNES)


def test_pseudonymise_by_initials_generalises_names():
    t = table(["nom"], ["Jean-Pierre Dupont"], ["marie curie"])
    assert col(PseudonymiseColumn("nom", method="initials").apply(t), "nom") == ["J.-P. D.", "M. C."]


def test_remove_column_of_personal_data():
    assert RemoveColumn("nom").apply(PERSONNES).table.header == ("montant",)


def test_edit_cell_fixes_one_typo_by_row_number():
    result = EditCell(2, "ENFANT_PRENOM", "Adam").apply(PRENOMS)
    assert col(result, "ENFANT_PRENOM")[0] == "Adam"
    assert result.cells_changed == 1
    assert result.changed_columns == frozenset({PRENOMS.index("ENFANT_PRENOM")})
    assert result.summary.format_source() == "Cellule modifiée : ligne 2, colonne « ENFANT_PRENOM »."


def test_edit_cell_from_the_grid_index_follows_removed_rows():
    t = PRENOMS.select_rows([1, 2, 3])
    op = EditCell.at(t, 0, "ENFANT_PRENOM", "Alexandre")
    assert op.row == 3
    assert col(op.apply(t), "ENFANT_PRENOM")[0] == "Alexandre"
    assert EditCell(2, "ENFANT_PRENOM", "Adam").check(t)
