"""The licences a learner may pick when publishing, and what each one means for a public body.

Law: CRPA L323-2 and **décret n° 2017-638 du 27 avril 2017** (art. D323-2-1 CRPA) list the
licences an administration may use for its data: the **Licence Ouverte** (Etalab) and the
**ODbL**; any other licence must be homologated first (D323-2-2). The ``catalogue`` value is the
``LICENCE`` enum of the SCDL « catalogue simplifié » (schema 0.1.3); ``open`` says whether
data.gouv.fr (udata) counts the licence as an open one.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.core.messages import N_, Message, msg

DECRET_2017_638 = "décret n° 2017-638 du 27 avril 2017 (art. D323-2-1 et D323-2-2 du CRPA)"

#: Values of the ``LICENCE`` column of the SCDL catalogue simplifié.
CATALOGUE_LO = "Licence Ouverte-LO"
CATALOGUE_ODBL = "Open Database License-ODBL"
CATALOGUE_CC = "Creative Commons-CC"
CATALOGUE_OTHER = "Spécifique ou autre"


@dataclass(frozen=True, slots=True)
class Licence:
    id: str
    name: str
    url: str
    #: allowed for public data without homologation (décret 2017-638)
    allowed: bool
    #: counted as an open licence by data.gouv.fr
    open: bool
    #: value of the SCDL catalogue's LICENCE column
    catalogue: str
    #: why it is (or is not) possible and what it implies, for a non-developer agent
    why: Message
    source: str


LICENCES: dict[str, Licence] = {
    "lo-2.0": Licence(
        "lo-2.0", "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", True, True, CATALOGUE_LO,
        msg(N_("La Licence Ouverte est l'une des deux licences que la loi autorise pour les données "
               "publiques, et c'est celle que l'État recommande. Tout le monde peut réutiliser les données, "
               "y compris pour un usage commercial, à une seule condition : citer la source (au moins le nom "
               "du producteur et la date de dernière mise à jour). Celui qui réutilise choisit librement la "
               "licence de ce qu'il produit.")),
        DECRET_2017_638),
    "odbl": Licence(
        "odbl", "Open Database License (ODbL) 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/", True, True, CATALOGUE_ODBL,
        msg(N_("L'ODbL est l'autre licence que la loi autorise pour les données publiques. Elle permet toute "
               "réutilisation, y compris commerciale, en citant la source, mais avec une obligation de partage "
               "à l'identique : une base de données dérivée et diffusée doit rester ouverte, sous ODbL. "
               "Choisissez-la quand vous voulez que les améliorations apportées par d'autres restent "
               "disponibles pour tous ; sinon, préférez la Licence Ouverte, plus simple pour les réutilisateurs.")),
        DECRET_2017_638),
    "cc-by-4.0": Licence(
        "cc-by-4.0", "Creative Commons Attribution 4.0 (CC BY 4.0)",
        "https://creativecommons.org/licenses/by/4.0/deed.fr", False, True, CATALOGUE_CC,
        msg(N_("La CC BY est une licence ouverte proche de la Licence Ouverte (réutilisation libre en citant "
               "l'auteur), mais elle ne figure pas dans la liste du décret 2017-638 : une administration ne "
               "peut l'utiliser pour ses données qu'après homologation. Pour des données publiques, prenez la "
               "Licence Ouverte, qui produit le même effet.")),
        DECRET_2017_638),
    "cc-by-sa-4.0": Licence(
        "cc-by-sa-4.0", "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 (CC BY-SA 4.0)",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.fr", False, True, CATALOGUE_CC,
        msg(N_("La CC BY-SA est ouverte et impose le partage à l'identique, comme l'ODbL, mais elle est faite "
               "pour des œuvres (textes, images) plutôt que pour des bases de données, et elle ne figure pas "
               "dans la liste du décret 2017-638 : il faudrait la faire homologuer. Pour des données publiques "
               "avec partage à l'identique, choisissez l'ODbL.")),
        DECRET_2017_638),
    "cc-by-nc-4.0": Licence(
        "cc-by-nc-4.0", "Creative Commons Attribution – Pas d'utilisation commerciale 4.0 (CC BY-NC 4.0)",
        "https://creativecommons.org/licenses/by-nc/4.0/deed.fr", False, False, CATALOGUE_CC,
        msg(N_("La CC BY-NC interdit la réutilisation commerciale. Or la loi ne permet pas à une administration "
               "de réserver ses données publiques à certains usages : une entreprise a le même droit de les "
               "réutiliser qu'un citoyen ou une association. Cette licence n'est donc pas possible, et "
               "data.gouv.fr ne la compte pas comme une licence ouverte.")),
        DECRET_2017_638),
    "tous-droits-reserves": Licence(
        "tous-droits-reserves", "Tous droits réservés", "", False, False, CATALOGUE_OTHER,
        msg(N_("« Tous droits réservés » veut dire que personne ne peut réutiliser les données sans votre "
               "autorisation : ce n'est pas de l'open data du tout. Des données publiées au titre de "
               "l'ouverture par défaut doivent être librement réutilisables ; choisissez la Licence Ouverte "
               "ou l'ODbL.")),
        DECRET_2017_638),
    "licence-maison": Licence(
        "licence-maison", "Licence propre à la collectivité", "", False, False, CATALOGUE_OTHER,
        msg(N_("Une licence rédigée par la collectivité elle-même n'est possible qu'après homologation par "
               "l'État (article D323-2-2 du CRPA). Elle oblige aussi chaque réutilisateur à lire et comprendre "
               "un texte de plus, et elle empêche souvent de croiser vos données avec celles des autres. "
               "Utilisez plutôt la Licence Ouverte ou l'ODbL, que tout le monde connaît.")),
        DECRET_2017_638),
}
