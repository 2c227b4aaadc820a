"""The personal-data detector flags columns about individuals and leaves organisation data alone."""

from pathlib import Path

import pytest

from game.core.publishing import KINDS, detect_personal
from game.core.publishing.personal import person_shape
from game.core.table import Table
from game.storage.csvfile import read_csv

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = Path("/work/shared/reference/scdl")


def kinds(table: Table) -> dict[str, str]:
    return {p.column: p.kind for p in detect_personal(table)}


def test_a_file_about_people_has_every_kind_flagged():
    t = Table.from_rows(
        ["nom_prenom", "adresse", "telephone", "courriel", "date_naissance", "montant"],
        [["Dupont Marie", "12 rue des Lilas 31000 Toulouse", "05 61 12 34 56", "marie.dupont@gmail.com",
          "1980-03-12", "1200"],
         ["M. Jean Martin", "3 bis avenue Foch", "06 12 34 56 78", "jmartin@free.fr", "12/05/1975", "300"],
         ["DURAND Paul", "7 chemin du Moulin", "06 98 76 54 32", "paul.durand@orange.fr", "1990-01-01", "50"]])
    assert kinds(t) == {"nom_prenom": "nom", "adresse": "adresse", "telephone": "telephone",
                        "courriel": "email", "date_naissance": "naissance"}
    assert set(kinds(t).values()) == set(KINDS)


def test_each_finding_says_which_column_with_an_example_in_french():
    t = Table.from_rows(["beneficiaire_personne"], [["Mme Claire Petit"], ["M. Luc Roux"]])
    (p,) = detect_personal(t)
    assert (p.column, p.kind, p.count, p.example) == ("beneficiaire_personne", "nom", 2, "Mme Claire Petit")
    text = p.message.format_source()
    assert "beneficiaire_personne" in text and "Mme Claire Petit" in text and "données personnelles" in text


@pytest.mark.parametrize("value", ["Dupont Marie", "M. Jean Martin", "Mme DUPONT", "LE GALL Marie",
                                   "Jean-Pierre Durand", "Marie de La Tour"])
def test_person_names_have_a_person_shape(value):
    assert person_shape(value)


@pytest.mark.parametrize("value", ["Association sportive de Muret", "SARL X", "Rodriguez SA",
                                   "TENNIS ROQUES OLYMPIC CLUB", "Les amis de Jean", "Collège Jean Moulin",
                                   "Saint Martin", "Pic la poule", "COMMUNE DE ROQUES", "Toulouse", "M. 12"])
def test_organisations_and_places_have_no_person_shape(value):
    assert not person_shape(value)


def test_a_beneficiary_column_of_associations_is_not_flagged():
    t = Table.from_rows(["nomBeneficiaire", "montant"],
                        [["Association sportive de Muret", "100"], ["SARL X", "200"],
                         ["Comité des fêtes de Roques", "300"], ["Union Poitiers Basket", "400"]])
    assert kinds(t) == {}


def test_one_individual_among_associations_is_flagged():
    t = Table.from_rows(["nomBeneficiaire"],
                        [["Association sportive de Muret"], ["M. Jean Martin"], ["Amicale laïque"]])
    assert kinds(t) == {"nomBeneficiaire": "nom"}


def test_surname_and_first_name_in_two_columns_are_flagged_together():
    t = Table.from_rows(["nom", "prenom", "age"], [["DUPONT", "Marie", "34"], ["Martin", "Jean", "12"]])
    assert kinds(t) == {"nom": "nom", "prenom": "nom"}


def test_first_name_statistics_are_not_personal():
    t = Table.from_rows(["COMMUNE_NOM", "ENFANT_PRENOM", "NOMBRE_OCCURRENCES"],
                        [["Rennes", "Marie", "12"], ["Rennes", "Jean", "8"], ["Rennes", "Louise", "40"]])
    assert kinds(t) == {}


def test_functional_mailboxes_of_organisations_are_not_personal():
    t = Table.from_rows(["contact_amenageur", "email"],
                        [["contact@societe-amenageur.com", "mairie@roques.fr"],
                         ["info@asso.fr", "accueil@sicoval.fr"]])
    assert kinds(t) == {}


def test_nominative_mailboxes_are_personal_even_in_an_organisation_file():
    t = Table.from_rows(["site_email"], [["p.nom@domaine.fr"], ["jean.dupont@ville.fr"]])
    assert kinds(t) == {"site_email": "email"}


def test_a_landline_of_a_place_is_not_personal_but_mobiles_are():
    landlines = Table.from_rows(["tel1"], [["+33102030405"], ["05 61 00 00 00"]])
    assert kinds(landlines) == {}
    mobiles = Table.from_rows(["tel"], [["06 12 34 56 78"], ["+33 6 98 76 54 32"]])
    assert kinds(mobiles) == {"tel": "telephone"}


def test_an_address_counts_only_in_a_file_about_people():
    places = Table.from_rows(["adresse_station", "nom_station"], [["1 avenue de la Paix 75001 Paris", "Picpus"]])
    assert kinds(places) == {}
    homes = Table.from_rows(["adresse_domicile"], [["12 rue des Lilas"], ["4 impasse des Roses"]])
    assert kinds(homes) == {"adresse_domicile": "adresse"}


def test_birth_dates_need_a_birth_column_name():
    dated = Table.from_rows(["dateConvention", "ddn"], [["2017-04-13", "13/04/1961"], ["2017-05-02", "02/05/1988"]])
    assert kinds(dated) == {"ddn": "naissance"}


def test_an_empty_table_has_no_personal_column():
    assert detect_personal(Table.from_rows(["nom", "email"], [])) == ()
    assert detect_personal(Table.from_rows([], [])) == ()


class _CountingColumn(tuple):
    """A column that counts how many of its cells are read."""

    reads = 0

    def __getitem__(self, i):
        type(self).reads += 1
        return tuple.__getitem__(self, i)


def test_a_hundred_thousand_rows_are_sampled_not_scanned():
    n = 100_000
    cols = (tuple(f"Association {i}" for i in range(n)), tuple(f"{i:014d}" for i in range(n)),
            tuple("M. Jean Martin" for _ in range(n)), _CountingColumn(f"contact{i}@asso.fr" for i in range(n)))
    t = Table(("nomBeneficiaire", "idBeneficiaire", "responsable", "email"), cols, tuple(range(2, n + 2)))
    found = detect_personal(t)
    assert {p.column: p.count for p in found} == {"responsable": 500}
    assert _CountingColumn.reads == 500  # one cell per sampled row, not 100,000


def _shipped():
    files = sorted((ROOT / "scenarios").glob("*/data/*.csv"))
    files += sorted(REFERENCE.glob("**/*.csv")) if REFERENCE.is_dir() else []
    return files


#: The DAE examples give the site's and the operator's e-mail as « p.nom@… »: a nominative address
#: is personal data (a functional one such as « dae@commune.fr » would not be).
EXPECTED = {"exemple_invalide.csv": {"site_email": "email", "expt_email": "email"},
            "exemple_valide.csv": {"site_email": "email", "expt_email": "email"},
            "exemple_invalide_structure.csv": {"site_email": "email", "expt_email": "email"},
            # the hackathon scenario's copy of the DAE example: its publish step marks these columns
            "dae-exemple-invalide.csv": {"site_email": "email", "expt_email": "email"}}


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: p.name)
def test_shipped_organisation_data_is_not_flagged(path):
    table = read_csv(path, keep_initial_spaces=False).table
    expected = EXPECTED.get(path.name, {}) if "dae" in path.parts or path.name.startswith("dae-") else {}
    assert kinds(table) == expected


def test_shipped_scenario_files_are_all_checked():
    names = {p.name for p in _shipped()}
    assert {"prenoms-rennes.csv", "haute-garonne-2018.csv", "subventions-poitiers-invalide.csv"} <= names
