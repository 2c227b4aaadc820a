"""What must be true before publishing, each with why and what to do.

Blocking checks stop the publication (data.gouv.fr would refuse it). Two mistakes the law forbids
do not block, so that a scenario can show their consequences: publishing personal data, and a
licence the décret does not allow. Both are always flagged. ``blocking`` says whether *this*
failure stops the publication (a missing licence blocks, a wrong one does not).

- ``title``, ``description``: the fields udata requires (``DatasetForm``; title ≤ 350 characters,
  description ≤ 100,000: ``TITLE_SIZE_LIMIT``, ``DESCRIPTION_SIZE_LIMIT``);
- ``schema``: the published table still passes its schema (or has no more errors than the clean
  step accepted);
- ``personal-data``: no column of personal data is left (CRPA L312-1-2);
- ``open-format``: at least one included resource in an open format (CRPA L300-4: « dans un
  standard ouvert, aisément réutilisable et exploitable par un système de traitement automatisé »);
- ``licence``: a licence is chosen (blocking) and allowed by décret n° 2017-638 (CRPA D323-2-1;
  not blocking);
- ``temporal-coverage``: dates given are real dates, in order, and the period has begun.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from game.core.messages import N_, Message, msg

from .licences import LICENCES
from .metadata import Metadata, is_open_format

TITLE_SIZE_LIMIT = 350
DESCRIPTION_SIZE_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    ok: bool
    blocking: bool
    message: Message  # what is (or is not) the case, and why it matters
    hint: Message  # « Pour corriger : … » (« Rien à corriger. » when ok)


_NONE = msg(N_("Rien à corriger."))


def _title(meta: Metadata) -> Check:
    title = meta.title.strip()
    if not title:
        return Check("title", False, True,
                     msg(N_("Le jeu de données n'a pas de titre : data.gouv.fr l'exige, et c'est la première chose "
                            "qu'un réutilisateur lit dans les résultats d'une recherche.")),
                     msg(N_("Pour corriger : donnez un titre précis, qui dit quoi, où et quand (par exemple "
                            "« Subventions aux associations de la commune de Roques en 2017 »).")))
    if len(title) > TITLE_SIZE_LIMIT:
        return Check("title", False, True,
                     msg(N_("Le titre fait {length} caractères : data.gouv.fr n'en accepte pas plus de {limit}."),
                         length=len(title), limit=TITLE_SIZE_LIMIT),
                     msg(N_("Pour corriger : raccourcissez le titre et mettez les détails dans la description.")))
    return Check("title", True, True, msg(N_("Le jeu de données a un titre.")), _NONE)


def _description(meta: Metadata) -> Check:
    text = meta.description.strip()
    if not text:
        return Check("description", False, True,
                     msg(N_("Le jeu de données n'a pas de description : data.gouv.fr l'exige, car sans elle personne "
                            "ne sait ce que contiennent les données, d'où elles viennent ni à quoi elles servent.")),
                     msg(N_("Pour corriger : décrivez ce que représente une ligne, qui a produit les données, la "
                            "période couverte et les limites à connaître.")))
    if len(meta.description) > DESCRIPTION_SIZE_LIMIT:
        return Check("description", False, True,
                     msg(N_("La description fait {length} caractères : data.gouv.fr n'en accepte pas plus de {limit}."),
                         length=len(meta.description), limit=DESCRIPTION_SIZE_LIMIT),
                     msg(N_("Pour corriger : raccourcissez la description et joignez un document de "
                            "documentation pour les détails.")))
    return Check("description", True, True, msg(N_("Le jeu de données a une description.")), _NONE)


def _schema(errors: int, accepted: int) -> Check:
    if errors > accepted and accepted:
        return Check("schema", False, False,
                     msg(N_("Le fichier publié a {count} erreurs de schéma, plus que les {accepted} acceptées à "
                            "l'étape de nettoyage : les réutilisateurs et les outils qui attendent ce schéma ne "
                            "pourront pas le lire correctement."), count=errors, accepted=accepted),
                     msg(N_("Pour corriger : remettez les colonnes obligatoires du schéma que vous avez retirées ; "
                            "les erreurs laissées au nettoyage, elles, se corrigent à la source avant la prochaine "
                            "publication.")))
    if errors > accepted:
        return Check("schema", False, False,
                     msg(N_("Le fichier publié ne respecte plus son schéma (une erreur) : les réutilisateurs "
                            "et les outils qui attendent ce schéma ne pourront pas le lire correctement.")
                         if errors == 1 else
                         N_("Le fichier publié ne respecte plus son schéma ({count} erreurs) : les réutilisateurs "
                            "et les outils qui attendent ce schéma ne pourront pas le lire correctement."),
                         count=errors),
                     msg(N_("Pour corriger : remettez les colonnes obligatoires du schéma que vous avez retirées ; "
                            "les erreurs laissées au nettoyage, elles, se corrigent à la source avant la prochaine "
                            "publication.")))
    if errors:
        return Check("schema", True, True,
                     msg(N_("Le fichier publié n'a pas plus d'erreurs de schéma que celles acceptées à l'étape de "
                            "nettoyage ({count})."), count=errors), _NONE)
    return Check("schema", True, True, msg(N_("Le fichier publié respecte son schéma.")), _NONE)


def _personal(columns: Sequence[str]) -> Check:
    if columns:
        return Check("personal-data", False, False,
                     msg(N_("Le fichier contient encore des données personnelles (colonnes : {columns}). La loi "
                            "(article L312-1-2 du code des relations entre le public et l'administration) interdit "
                            "de les publier sans les avoir rendues anonymes, sauf texte ou accord des personnes."),
                         columns=", ".join(columns)),
                     msg(N_("Pour corriger : retirez ces colonnes du fichier publié, ou remplacez-les par une "
                            "information qui ne permet pas de retrouver les personnes.")))
    return Check("personal-data", True, False,
                 msg(N_("Aucune colonne de données personnelles n'est publiée.")), _NONE)


def _open_format(meta: Metadata) -> Check:
    resources = meta.included()
    if not resources:
        return Check("open-format", False, True,
                     msg(N_("Aucune ressource n'est incluse : un jeu de données sans fichier ne sert à rien et "
                            "data.gouv.fr ne l'affiche pas.")),
                     msg(N_("Pour corriger : incluez au moins le fichier de données.")))
    if not any(is_open_format(r.format) for r in resources):
        return Check("open-format", False, True,
                     msg(N_("Aucune ressource n'est dans un format ouvert. La loi demande de publier « dans un "
                            "standard ouvert, aisément réutilisable et exploitable par un système de traitement "
                            "automatisé » : un PDF ou un classeur Excel ne le sont pas.")),
                     msg(N_("Pour corriger : incluez le fichier au format CSV (ou JSON, GeoJSON…).")))
    return Check("open-format", True, True, msg(N_("Au moins une ressource est dans un format ouvert.")), _NONE)


def _licence(meta: Metadata) -> Check:
    licence = LICENCES.get(meta.licence)
    if licence is None:
        return Check("licence", False, True,
                     msg(N_("Aucune licence n'est choisie : sans licence, personne ne sait ce qu'il a le droit de "
                            "faire des données.")),
                     msg(N_("Pour corriger : choisissez la Licence Ouverte ou l'ODbL, les deux licences prévues par "
                            "le décret n° 2017-638 pour les données publiques.")))
    if not licence.allowed:  # possible (the scenario may show the consequences), but flagged
        return Check("licence", False, False,
                     msg(N_("La licence « {licence} » n'est pas autorisée pour des données publiques sans "
                            "homologation (décret n° 2017-638 du 27 avril 2017)."), licence=licence.name),
                     msg(N_("Pour corriger : choisissez la Licence Ouverte ou l'ODbL.")))
    return Check("licence", True, True,
                 msg(N_("La licence « {licence} » est prévue par le décret n° 2017-638."), licence=licence.name),
                 _NONE)


def _as_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _temporal(meta: Metadata, today: date) -> Check:
    start_text, end_text = meta.temporal_start.strip(), meta.temporal_end.strip()
    start, end = _as_date(start_text), _as_date(end_text)
    bad = next((t for t, d in ((start_text, start), (end_text, end)) if t and d is None), None)
    if bad is not None:
        return Check("temporal-coverage", False, True,
                     msg(N_("« {value} » n'est pas une date que le portail sait lire : les réutilisateurs et les "
                            "moteurs de recherche ne sauront pas quelle période le fichier couvre."), value=bad),
                     msg(N_("Pour corriger : écrivez la date en chiffres, par exemple 31/12/2017.")))
    if start and end and end < start:
        return Check("temporal-coverage", False, True,
                     msg(N_("La couverture temporelle finit ({end}) avant de commencer ({start})."),
                         start=start.isoformat(), end=end.isoformat()),
                     msg(N_("Pour corriger : inversez les deux dates.")))
    if start and start > today:
        return Check("temporal-coverage", False, True,
                     msg(N_("La couverture temporelle commence le {start}, dans le futur : des données ne peuvent "
                            "pas encore décrire cette période."), start=start.isoformat()),
                     msg(N_("Pour corriger : vérifiez l'année de la date de début.")))
    return Check("temporal-coverage", True, True, msg(N_("Les dates de couverture temporelle sont cohérentes.")),
                 _NONE)


def publish_checks(meta: Metadata, *, schema_errors: int, personal: Sequence[str], today: date,
                   accepted_errors: int = 0) -> tuple[Check, ...]:
    """Every check, in the form's order. ``schema_errors``: errors of the published table against
    its schema; ``accepted_errors``: how many the clean step accepted (its ``max_errors``: a real
    file may keep errors nobody can fix, such as a missing SIRET); ``personal``: the personal-data
    columns still in the published table."""
    return (_title(meta), _description(meta), _schema(schema_errors, accepted_errors), _personal(personal),
            _open_format(meta), _licence(meta), _temporal(meta, today))
