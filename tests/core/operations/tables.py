"""Small tables built from the defects of the SCDL example files (see shared/reference/scdl/README.md)."""

from game.core.table import Table


def table(header, *rows):
    return Table.from_rows(list(header), [list(r) for r in rows])


def col(result_or_table, name):
    t = getattr(result_or_table, "table", result_or_table)
    return list(t.column(name))


# subventions/exemple_invalide_erreurs_cellules.csv (a few columns of it)
SUBVENTIONS = table(
    ["nomAttribuant", "idAttribuant", "dateConvention", "idBeneficiaire", "montant", "notificationUE",
     "pourcentageSubvention", "datesPeriodeVersement"],
    ["Ville de Poitiers", "21860194600000", "2016-12-05", "52499120500013", "10000", "non", "100",
     "2016-12-05/2017-12-05"],
    ["Ville de Poitiers", "21860194600000", "05/12/2016", "44088714900000", "9000", "non", "1", "2016-12-05"],
    ["Poitiers", "21860194600000", "2016-12-05", "32402138500000.0", "100000,1", "no", "1", "2016-12-05"],
    ["Ville de Poitiers", "218601946", "2017-06-27", "81223113200026", "22000.80", "non", "0.8",
     "2017-06-27/2018-06-27"],
    ["Ville de Poitiers", "21860194600000", "2017-06-27", "67895644300011", "5500.20", "yes", "0,5",
     "2017-06-27_2018-06-27"],
)

# subventions/reels-2018/SCDL_DEP_Haute-Garonne_datalocale-subvention.csv as it looks when its UTF-8 bytes
# are opened as Windows-1252 (what a spreadsheet does by default): « numéraire » becomes « numÃ©raire »
HAUTE_GARONNE = table(
    ["nomAttribuant", "nature", "conditionsVersement", "datesPeriodeVersement", "pourcentageSubvention"],
    ["COMMUNE DE ROQUES", "Aide en numÃ©raire", "Unique", "2017-01-01_2017-12-31", "1.0"],
    ["COMMUNE DE ROQUES", "Aide en numÃ©raire", "Unique", "2017-01-01_2017-12-31", "1.0"],
)

# prenoms/prenoms-nouveaux-nes_exemple-invalide.csv
PRENOMS = table(
    ["COMMUNE_NOM", "COLL_INSEE", "ENFANT_SEXE", "ENFANT_PRENOM", "NOMBRE_OCCURRENCES", "ANNEE"],
    ["Rennes", "3238", "M", "Ad am", "353", "2016"],
    ["RENNES", "35238", "M", "AlexAndre", "197", "2016"],
    ["rennes", "35238", "H", "Victor", "197", "2016"],
    ["Rennes", "35238", "F", "Noémie", "50", "2015"],
)

# dae/exemple_invalide.csv, read with "," only: every cell keeps its leading space
DAE = table(
    ["nom", " lat_coor1", " long_coor1", " com_cp"],
    ["DAE-SalleSport-Rennes", " 48.8521329", " 2.3068453", " 75350"],
    ["DAE-Mairie", " 2.3522219", " 48.856614", " 75001"],
)
