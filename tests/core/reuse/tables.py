"""Small tables for the reuse tests: subsidies as published, well or badly cleaned."""

from game.core.table import Table


def table(header, *rows):
    return Table.from_rows(list(header), [list(r) for r in rows])


SUBSIDIES = table(
    ["nomAttribuant", "nomBeneficiaire", "objet", "dateConvention", "montant"],
    ["Ville de Rennes", "Cercle Paul Bert", "Sport pour tous", "2017-03-02", "12000"],
    ["Ville de Rennes", "Rennes Volley 35", "Équipe SPORTIVE féminine", "2017-06-15", "5500.5"],
    ["Ville de Rennes", "Théâtre du Cercle", "Saison culturelle", "2018-01-10", "8000"],
    ["Sicoval", "Cercle Paul Bert", "Animation sportive", "2017-11-30", "2000"],
    ["Sicoval", "Les Toiles de l'Hers", "Festival", "2018-05-04", ""],
    ["Sicoval", "Club de couture et d'activités manuelles", "Ateliers", "2016-09-01", "540"],
)

BADLY_CLEANED = table(
    ["nomBeneficiaire", "montant", "dateConvention"],
    ["Cercle Paul Bert", "12000", "2017-03-02"],
    ["Rennes Volley 35", "5 500,50", "15/06/2017"],
    ["Théâtre du Cercle", "8000 €", "2018-01-10"],
    ["Cercle Paul Bert", "2000", "2017-11-30"],
    ["Ateliers", "5 500,50", ""],
)

NOT_A_NUMBER = table(["nom", "montant"], ["A", "2 400,00 €"], ["B", "1 000"], ["C", ""])
