from game.core.operations import Cluster, MapToEnum, MergeCluster, clusters, fingerprint, suggest_mapping

from .tables import HAUTE_GARONNE, PRENOMS, SUBVENTIONS, col, table

NATURE = ("aide en numéraire", "aide en nature", "aide en numéraire;aide en nature",
          "aide en nature;aide en numéraire")


def test_fingerprint_ignores_case_accents_punctuation_and_word_order():
    assert fingerprint("  Aide en Numéraire ") == fingerprint("aide en numeraire") == "aide en numeraire"
    assert fingerprint("Saint-Étienne") == fingerprint("saint etienne") == fingerprint("Etienne, Saint")
    assert fingerprint("Œuvres sociales") == "oeuvres sociales"
    assert fingerprint("A.R.S.") == fingerprint("ars")


def test_clusters_group_the_spellings_of_rennes_most_frequent_first():
    found = clusters(PRENOMS.column("COMMUNE_NOM"))
    assert found == [Cluster("rennes", (("Rennes", 2), ("RENNES", 1), ("rennes", 1)))]
    assert found[0].rows == 4
    assert found[0].suggestion == "Rennes"


def test_clusters_ignore_values_without_a_near_twin_and_empty_cells():
    assert clusters(["Paris", "Lyon", "", None, "  "]) == []


def test_merge_cluster_writes_one_spelling():
    result = MergeCluster("COMMUNE_NOM", ("RENNES", "rennes"), "Rennes").apply(PRENOMS)
    assert col(result, "COMMUNE_NOM") == ["Rennes"] * 4
    assert result.cells_changed == 2


def test_map_to_enum_matches_case_and_accents_automatically():
    t = table(["nature"], ["Aide en numéraire"], ["AIDE EN NATURE"], ["aide en numeraire"], ["aide  en nature"],
              ["subvention"])
    result = MapToEnum("nature", NATURE).apply(t)
    assert col(result, "nature") == ["aide en numéraire", "aide en nature", "aide en numéraire", "aide en nature",
                                     "subvention"]
    assert (result.cells_changed, result.cells_skipped) == (4, 1)


def test_map_to_enum_uses_the_mapping_chosen_for_the_rest():
    result = MapToEnum("notificationUE", ("oui", "non"), (("no", "non"), ("yes", "oui"))).apply(SUBVENTIONS)
    assert col(result, "notificationUE") == ["non", "non", "non", "non", "oui"]
    sexe = MapToEnum("ENFANT_SEXE", ("M", "F"), (("H", "M"),)).apply(PRENOMS)
    assert col(sexe, "ENFANT_SEXE") == ["M", "M", "M", "F"]


def test_map_to_enum_maps_each_part_of_a_list_cell():
    t = table(["conditionsVersement"], ["Unique;Échelonné"], ["unique"])
    result = MapToEnum("conditionsVersement", ("unique", "échelonné"), separator=";").apply(t)
    assert col(result, "conditionsVersement") == ["unique;échelonné", "unique"]


def test_suggest_mapping_proposes_the_allowed_value_meant():
    fixed = col(HAUTE_GARONNE, "nature")
    assert suggest_mapping(fixed, NATURE) == {"Aide en numÃ©raire": "aide en numéraire"}
    assert suggest_mapping(["Aide en numéraire", "no", "aide en numéraire", ""], NATURE + ("non",)) == {
        "Aide en numéraire": "aide en numéraire", "no": "non"}
    assert suggest_mapping(["xyz"], ("oui", "non")) == {"xyz": None}
