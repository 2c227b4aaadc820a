"""French names of each kind of validation problem (error code), as Validata names them."""

from collections.abc import Callable

from game.core.messages import N_

#: A clean-step criterion ``a-signaler-<code>``: errors of that kind the file lacks the information
#: to fix, left as they were for the data's owner (scored only where the scenario maps the kind).
KEPT_PREFIX = "a-signaler-"
KEPT = N_("{kind} — laissées pour le producteur (le fichier n'a pas l'information pour les corriger)")
#: A clean-step criterion named after an operation of the reference recipe (``evidence:``)
OPERATION_DONE = N_("« {operation} » (comparé à la recette de référence)")


def criterion_name(name: str, gettext: Callable[[str], str]) -> str:
    """The name of a clean-step criterion in the learner's language: its kind of problem, or that
    kind left for the data's owner."""
    if name.startswith(KEPT_PREFIX):
        code = name[len(KEPT_PREFIX):]
        return gettext(KEPT).format(kind=gettext(KINDS.get(code, code)))
    from game.core.operations import OPERATIONS  # an operation named in evidence (see core.op_evidence)

    if name in OPERATIONS:
        return gettext(OPERATION_DONE).format(operation=gettext(OPERATIONS[name].label))
    return gettext(KINDS.get(name, name))


KINDS = {
    "unmatched-header": N_("Aucune colonne reconnue"),
    "missing-required-header": N_("Colonne obligatoire absente"),
    "blank-header": N_("En-tête absent"),
    "blank-label": N_("Colonne sans nom"),
    "blank-label-warn": N_("Colonne sans nom"),
    "spaced-label-warn": N_("Nom de colonne entouré d'espaces"),
    "bom-label-warn": N_("Caractère invisible dans un nom de colonne"),
    "duplicate-label": N_("Nom de colonne en double"),
    "missing-header-warn": N_("Colonne facultative absente"),
    "extra-header-warn": N_("Colonne non prévue par le schéma"),
    "disordered-header-warn": N_("Colonne mal placée"),
    "donnees-preservees": N_("Données préservées (lignes et valeurs à garder)"),
    "donnees-justes": N_("Données justes (comparées à la correction de référence)"),
    "operations-utilisees": N_("Opérations utilisées (comparées à la recette de référence)"),
    "blank-row": N_("Ligne vide"),
    "extra-cell": N_("Valeur en trop"),
    "missing-cell": N_("Cellule manquante"),
    "cell-too-long": N_("Cellule trop longue"),
    "nul-character": N_("Caractère nul"),
    "type-error": N_("Format incorrect"),
    "constraint-error": N_("Valeur non conforme"),
    "unique-error": N_("Valeur en double"),
    "primary-key": N_("Clé primaire en double"),
    "french-siret-value": N_("Numéro SIRET invalide"),
    "french-siren-value": N_("Numéro SIREN invalide"),
    "one-of-required": N_("Une des deux colonnes est obligatoire"),
    "compare-columns-value": N_("Comparaison entre colonnes"),
    "sum-columns-value": N_("Somme de colonnes"),
    "cohesive-columns-value": N_("Colonnes à remplir ensemble"),
    "year-interval-value": N_("Intervalle d'années invalide"),
    "french-gps-coordinates": N_("Coordonnées GPS hors de France"),
    "phone-number-value": N_("Numéro de téléphone invalide"),
    "nomenclature-actes-value": N_("Nomenclature ACTES"),
}
