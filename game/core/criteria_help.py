"""Why each criterion of a clean or publish step matters, and where its rule comes from.

The debrief shows these words under a criterion the learner met or missed: what it measures,
why it matters to the people who reuse the data, and the text behind the rule (the Table Schema
specification, Validata, the step's SCDL schema, an article of the CRPA…). Texts are the game's
own (marked for gettext); the sources are the references of shared/reference/open-data-domain.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import N_
from .scenario import Source

#: The references a criterion cites (titles translated when shown).
SOURCES = {s.id: s for s in (
    Source("table-schema", N_("Spécification Table Schema (Frictionless Data), le format des schémas de données"),
           "https://specs.frictionlessdata.io/table-schema/"),
    Source("validata", N_("Validata (OpenDataFrance), le validateur des schémas du SCDL : mode d'emploi"),
           "https://opendatafrance.gitbook.io/validata/mode-demploi/introduction"),
    Source("csv-quality", N_("OpenDataFrance, « Produire un fichier CSV de qualité »"),
           "https://opendatafrance.gitbook.io/kit-de-ressources-odf/fiches-pratiques/produire/produire-un-fichier-csv-de-qualite"),
    Source("interop", N_("OpenDataFrance, « Recommandations pour favoriser l'interopérabilité des données open data »"),
           "https://opendatafrance.gitbook.io/kit-de-ressources-odf/fiches-pratiques/produire/recommandations-pour-favoriser-linteroperabilite-des-donnees-open-data"),
    Source("crpa-l300-4", N_("Code des relations entre le public et l'administration, article L300-4 (standard ouvert) — Légifrance"),
           "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000031366350/"),
    Source("crpa-l312-1-2", N_("Code des relations entre le public et l'administration, article L312-1-2 (données personnelles) — Légifrance"),
           "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000031366350/"),
    Source("d2017-638", N_("Décret n° 2017-638 du 27 avril 2017 relatif aux licences de réutilisation à titre gratuit des informations publiques"),
           "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000034502557"),
    Source("udata-quality", N_("Indicateurs de qualité des métadonnées de udata, la plateforme de data.gouv.fr (documentation de data.public.lu)"),
           "https://github.com/opendatalu/datagouvlu-pages/blob/master/pages/en/indicators-quality.md"),
)}


@dataclass(frozen=True, slots=True)
class CriterionHelp:
    text: str  # what the criterion measures and why it matters ("" when the game has no word on it)
    sources: tuple[Source, ...] = ()
    schema: bool = False  # the rule is the step's schema's: cite it too


def _help(text: str, *source_ids: str, schema: bool = False) -> CriterionHelp:
    return CriterionHelp(text, tuple(SOURCES[i] for i in source_ids), schema)


#: Per error kind (and the two measures of a clean step).
CLEAN_HELP = {
    "unmatched-header": _help(N_(
        "Aucune colonne du fichier ne porte un nom du schéma : le validateur ne peut rien vérifier, et un outil "
        "qui attend ce modèle de données n'y trouve aucune de ses colonnes."), "table-schema", "validata", schema=True),
    "missing-required-header": _help(N_(
        "Le schéma déclare cette colonne obligatoire : sans elle, un outil construit sur le modèle commun ne "
        "trouve pas l'information. Une colonne absente ou en trop n'est qu'un avertissement, sauf une colonne "
        "obligatoire."), "validata", "table-schema", schema=True),
    "blank-header": _help(N_(
        "Une colonne n'a pas de nom dans la ligne d'en-tête : personne ne sait ce qu'elle contient. Un CSV de "
        "qualité a une seule ligne d'en-tête qui nomme chaque colonne."), "csv-quality"),
    "blank-label": _help(N_(
        "Une colonne n'a pas de nom dans la ligne d'en-tête : personne ne sait ce qu'elle contient. Un CSV de "
        "qualité a une seule ligne d'en-tête qui nomme chaque colonne."), "csv-quality"),
    "duplicate-label": _help(N_(
        "Deux colonnes portent le même nom : un outil ne sait pas laquelle lire."), "csv-quality"),
    "missing-header-warn": _help(N_(
        "Une colonne facultative du schéma manque : c'est un avertissement, le fichier reste valide, mais "
        "l'information manquera à qui réutilise les données."), "validata", schema=True),
    "extra-header-warn": _help(N_(
        "Une colonne ne fait pas partie du schéma : c'est un avertissement ; vérifiez qu'elle a sa place dans "
        "une publication (une colonne de travail, des données personnelles ?)."), "validata", schema=True),
    "disordered-header-warn": _help(N_(
        "Les colonnes ne sont pas dans l'ordre du schéma : c'est un avertissement, mais un outil qui lit les "
        "colonnes à leur place plutôt qu'à leur nom se trompe."), "validata", schema=True),
    "donnees-preservees": _help(N_(
        "Nettoyer ne doit rien faire perdre : aucune ligne, aucune valeur que la consigne demande de garder, et "
        "aucune erreur nouvelle introduite par une opération. La consigne de l'étape fixe ce qui doit rester.")),
    "donnees-justes": _help(N_(
        "Un fichier valide n'est pas forcément juste : chaque valeur que la correction de référence change doit "
        "devenir ce qu'elle attend (ou une variante que le scénario accepte), et ce qu'elle garde ne doit pas "
        "être modifié. « AssiaAmélie » devenu « Assiaamélie » respecte le schéma mais ne dit plus le prénom.")),
    "operations-utilisees": _help(N_(
        "Le nombre d'opérations appliquées, comparé à la recette de référence : une indication sur la méthode, "
        "pas une règle.")),
    "blank-row": _help(N_(
        "Une ligne entièrement vide : elle se compte comme un enregistrement sans contenu. Un CSV de qualité "
        "n'en contient pas."), "csv-quality"),
    "extra-cell": _help(N_(
        "Une ligne a plus de valeurs que l'en-tête n'a de colonnes, souvent un séparateur dans une valeur sans "
        "guillemets : les valeurs se décalent d'une colonne."), "csv-quality"),
    "missing-cell": _help(N_(
        "Une ligne a moins de valeurs que l'en-tête n'a de colonnes : la fin de la ligne manque ou les valeurs "
        "sont décalées."), "csv-quality"),
    "cell-too-long": _help(N_(
        "Une cellule est plus longue que ce qu'une cellule de tableur peut contenir ; souvent un guillemet "
        "jamais refermé a avalé la suite du fichier."), "csv-quality"),
    "nul-character": _help(N_(
        "Le fichier contient un caractère nul, signe d'un fichier mal exporté : beaucoup d'outils s'arrêtent "
        "dessus."), "csv-quality"),
    "type-error": _help(N_(
        "La valeur n'a pas le type que le schéma demande pour la colonne (un nombre, une date AAAA-MM-JJ…) : "
        "un outil ne peut ni la trier, ni la calculer, ni la comparer."), "table-schema", "interop", schema=True),
    "constraint-error": _help(N_(
        "La valeur enfreint une contrainte que le schéma pose sur la colonne : valeur obligatoire, liste de "
        "valeurs permises, motif (par exemple 14 chiffres), minimum ou maximum."), "table-schema", schema=True),
    "unique-error": _help(N_(
        "Le schéma demande que chaque valeur de la colonne soit unique (un identifiant) : deux lignes la "
        "partagent, on ne sait plus laquelle est laquelle."), "table-schema", schema=True),
    "primary-key": _help(N_(
        "La clé primaire du schéma identifie chaque ligne : deux lignes ont la même."), "table-schema", schema=True),
    "french-siret-value": _help(N_(
        "Le numéro n'est pas un SIRET valide : 14 chiffres, le SIREN suivi du numéro de l'établissement, vérifiés "
        "par une clé de contrôle. Un SIRET faux ne permet pas de retrouver l'établissement."), "validata", schema=True),
    "french-siren-value": _help(N_(
        "Le numéro n'est pas un SIREN valide : 9 chiffres vérifiés par une clé de contrôle, qui identifient "
        "l'entreprise ou l'organisme."), "validata", schema=True),
    "one-of-required": _help(N_(
        "Le schéma demande qu'au moins une de deux colonnes soit remplie (par exemple le SIRET ou le numéro RNA "
        "du bénéficiaire) : sans l'une ni l'autre, on ne sait pas qui est concerné."), "validata", schema=True),
    "compare-columns-value": _help(N_(
        "Deux colonnes doivent respecter une comparaison que fixe le schéma (par exemple une date qui ne peut "
        "précéder une autre)."), "validata", schema=True),
    "sum-columns-value": _help(N_(
        "Une colonne doit être la somme d'autres colonnes, comme le schéma le demande."), "validata", schema=True),
    "cohesive-columns-value": _help(N_(
        "Des colonnes vont ensemble : toutes remplies, ou aucune."), "validata", schema=True),
    "year-interval-value": _help(N_(
        "La valeur doit être une année ou un intervalle d'années, comme le schéma le demande."), "validata", schema=True),
    "french-gps-coordinates": _help(N_(
        "Les coordonnées tombent hors de France, souvent parce que latitude et longitude sont inversées : le "
        "point s'affiche au mauvais endroit sur une carte."), "validata", schema=True),
    "phone-number-value": _help(N_(
        "La valeur n'est pas un numéro de téléphone valide : personne ne pourra appeler."), "validata", schema=True),
    "nomenclature-actes-value": _help(N_(
        "La matière doit figurer dans la nomenclature ACTES, celle qu'utilise la transmission des actes au "
        "contrôle de légalité."), "validata", schema=True),
}

#: Per publishing criterion.
PUBLISH_HELP = {
    "licence": _help(N_(
        "La licence dit ce que chacun peut faire des données. Une administration la choisit dans la liste fixée "
        "par décret : pour des données, la Licence Ouverte ou l'ODbL ; toute autre licence doit être "
        "homologuée."), "d2017-638"),
    "documentation": _help(N_(
        "Un titre précis, une description et des métadonnées (couverture, fréquence de mise à jour…) font "
        "trouver le jeu de données et disent s'il répond à une question ; data.gouv.fr en fait des critères de "
        "son score de qualité."), "udata-quality"),
    "publication": _help(N_(
        "Les données se publient dans un standard ouvert, aisément réutilisable et exploitable par un système "
        "de traitement automatisé (article L300-4 du CRPA) ; un fichier conforme au schéma, une fréquence de mise "
        "à jour et un contact permettent de compter sur elles."), "crpa-l300-4", "udata-quality"),
    "personal-data": _help(N_(
        "Sauf disposition législative contraire ou accord des personnes, un document qui contient des données "
        "personnelles ne se publie qu'après un traitement rendant impossible leur identification (article "
        "L312-1-2 du CRPA)."), "crpa-l312-1-2"),
}

NO_HELP = CriterionHelp("")


def clean_criterion_help(code: str) -> CriterionHelp:
    return CLEAN_HELP.get(code, NO_HELP)


def publish_criterion_help(criterion: str) -> CriterionHelp:
    return PUBLISH_HELP.get(criterion, NO_HELP)


def schema_source(schema: str) -> Source:
    """The step's schema as a source: its name (``scdl/prenoms`` or a file of the scenario); the
    debrief words it (« le schéma … que vérifie l'étape »)."""
    return Source("schema", schema, "")
