from game.core.operations import ChangeCase, FindReplace, FixEncoding, OperationError, TrimSpaces
from game.core.operations.text import french_title, repair_mojibake

from .tables import DAE, HAUTE_GARONNE, PRENOMS, col, table


def test_fix_encoding_repairs_utf8_read_as_windows_1252():
    result = FixEncoding("nature").apply(HAUTE_GARONNE)
    assert col(result, "nature") == ["Aide en numéraire", "Aide en numéraire"]
    assert result.cells_changed == 2
    assert result.changed_columns == frozenset({HAUTE_GARONNE.index("nature")})
    assert result.summary.format_source() == "Cellules modifiées dans la colonne « nature » : 2."


def test_fix_encoding_leaves_correct_text_alone():
    for text in ["Département de la Nièvre", "Noémie", "Œuvre d'été — 12 €", "plain ascii", "Âge"]:
        assert repair_mojibake(text) == text


def test_fix_encoding_repairs_twice_garbled_text_and_euro_signs():
    assert repair_mojibake("Ã\u0083Â©") == "é"
    assert repair_mojibake("12 â‚¬") == "12 €"
    assert repair_mojibake("lâ€™Ã©tÃ©") == "l’été"


def test_fix_encoding_of_the_whole_table_also_repairs_column_names():
    t = table(["AnnÃ©e", "Nom"], ["2016", "NoÃ©mie"])
    result = FixEncoding().apply(t)
    assert result.table.header == ("Année", "Nom")
    assert result.header_changed
    assert col(result, "Nom") == ["Noémie"]


def test_trim_spaces_removes_leading_spaces_of_a_comma_space_file():
    result = TrimSpaces().apply(DAE)
    assert result.table.header == ("nom", "lat_coor1", "long_coor1", "com_cp")
    assert col(result, "lat_coor1") == ["48.8521329", "2.3522219"]
    assert result.cells_changed == 6


def test_trim_spaces_collapses_inner_runs_but_keeps_a_no_break_space():
    t = table(["objet"], ["  complément d'information sur  la\tdisponibilité \n"], ["17\u00a0833"])
    assert col(TrimSpaces("objet").apply(t), "objet") == ["complément d'information sur la disponibilité",
                                                         "17\u00a0833"]


def test_change_case_first_letter_fixes_shouting_and_stray_capitals():
    result = ChangeCase("COMMUNE_NOM", "first-letter").apply(PRENOMS)
    assert col(result, "COMMUNE_NOM") == ["Rennes"] * 4
    assert col(ChangeCase("ENFANT_PRENOM", "first-letter").apply(PRENOMS), "ENFANT_PRENOM")[1] == "Alexandre"


def test_change_case_keeps_french_accents():
    t = table(["v"], ["élodie"], ["ÉCOLE ŒCUMÉNIQUE"])
    assert col(ChangeCase("v", "upper").apply(t), "v") == ["ÉLODIE", "ÉCOLE ŒCUMÉNIQUE"]
    assert col(ChangeCase("v", "lower").apply(t), "v") == ["élodie", "école œcuménique"]


def test_change_case_title_follows_french_place_names():
    assert french_title("SAINT-RÉMY-DE-PROVENCE") == "Saint-Rémy-de-Provence"
    assert french_title("boulogne-sur-mer") == "Boulogne-sur-Mer"
    assert french_title("l'haÿ-les-roses") == "L'Haÿ-les-Roses"
    assert french_title("le mans") == "Le Mans"


def test_change_case_rejects_an_unknown_mode():
    problems = ChangeCase("ANNEE", "shout").check(PRENOMS)
    assert "upper, lower, title, first-letter" in problems[0].format_source()


def test_find_replace_fixes_the_period_separator_in_one_column():
    result = FindReplace("_", "/", column="datesPeriodeVersement").apply(HAUTE_GARONNE)
    assert col(result, "datesPeriodeVersement") == ["2017-01-01/2017-12-31"] * 2
    assert col(result, "nomAttribuant") == ["COMMUNE DE ROQUES"] * 2


def test_find_replace_whole_cell_does_not_touch_words_inside_longer_text():
    t = table(["v"], ["non"], ["non renseigné"], ["NON"])
    assert col(FindReplace("non", "false", whole_cell=True).apply(t), "v") == ["false", "non renseigné", "NON"]
    assert col(FindReplace("non", "false", whole_cell=True, case_sensitive=False).apply(t), "v") == [
        "false", "non renseigné", "false"]


def test_find_replace_case_insensitive_substring_keeps_replacement_literal():
    t = table(["v"], ["Aide EN numéraire"])
    assert col(FindReplace(" en ", r" \1 ", case_sensitive=False).apply(t), "v") == [r"Aide \1 numéraire"]


def test_find_replace_needs_something_to_find():
    try:
        FindReplace("").apply(DAE)
    except OperationError as e:
        assert e.message.format_source() == "Indiquez le texte à rechercher."
    else:
        raise AssertionError("an empty search must be refused")
