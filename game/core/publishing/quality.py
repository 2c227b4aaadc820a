"""data.gouv.fr's metadata quality score: its 9 criteria, computed as udata computes them.

Mirrored from ``opendatateam/udata``, ``udata/core/dataset/models.py``: ``Dataset.quality``,
``compute_quality``, ``compute_quality_score``, ``normalize_score`` (``QUALITY_MAX_SCORE = 9``) and
``Dataset.next_update``. Two stored versions were read and agree on every criterion: the one where
``quality`` is a ``cached_property`` (constants imported from ``udata/core/dataset/constants.py``,
read at commit ``2833941bd1df7b518bd30c84a05f8811905ed529``) and the later one that caches
``compute_quality()`` and recomputes ``update_fulfilled_in_time`` on read (the search index did not
give the commit of either models.py version; the team's anchors cite ``udata@25b5a2dd``).
``QUALITY_DESCRIPTION_LENGTH = 100`` comes from ``udata/settings.py``. Each criterion is worth one
point:

- ``license``: a licence is set;
- ``temporal_coverage``: a temporal coverage is set;
- ``spatial``: a spatial coverage is set (here: the zone *and* the granularity, as the publishing
  form asks and the data.gouv.fr guide explains);
- ``update_frequency``: a frequency other than ``unknown`` is set;
- ``update_fulfilled_in_time``: the next expected update (last update + the frequency's delay) is
  at most one day late; always true for ``continuous``, ``irregular`` and ``punctual``; not earned
  without a frequency;
- ``dataset_description_quality``: the description is longer than 100 characters;
- and, only when the dataset has resources: ``has_open_format`` (at least one resource whose format
  is declared and not closed), ``all_resources_available``, ``resources_documentation`` (a
  ``documentation`` resource, or a resource with a description).

Only the resources the learner included count. The score is ``points / 9``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from game.core.messages import N_, Message, msg

from .licences import LICENCES
from .metadata import GRANULARITIES, Metadata, is_open_format

QUALITY_DESCRIPTION_LENGTH = 100
QUALITY_MAX_SCORE = 9

#: the learner's portal shows a badge beside each dataset: the lowest score of each badge, best first
BADGES: tuple[tuple[str, float], ...] = (("excellent", 0.99), ("good", 0.7), ("to-improve", 0.4), ("poor", 0.0))

#: udata ``Dataset.next_update``: how long after the last update the next one is expected.
_DELAYS: dict[str, timedelta] = {
    "hourly": timedelta(hours=1),
    **dict.fromkeys(("fourTimesADay", "threeTimesADay", "semidaily", "daily"), timedelta(days=1)),
    **dict.fromkeys(("fourTimesAWeek", "threeTimesAWeek", "semiweekly", "weekly"), timedelta(weeks=1)),
    "biweekly": timedelta(weeks=2),
    **dict.fromkeys(("threeTimesAMonth", "semimonthly", "monthly"), timedelta(days=31)),
    "bimonthly": timedelta(days=31 * 2),
    "quarterly": timedelta(days=365 / 4),
    **dict.fromkeys(("threeTimesAYear", "semiannual", "annual"), timedelta(days=365)),
    "biennial": timedelta(days=365 * 2),
    "triennial": timedelta(days=365 * 3),
    "quinquennial": timedelta(days=365 * 5),
}
#: frequencies for which udata does not expect a regular update
_NO_SCHEDULE = ("continuous", "irregular", "punctual")


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str  # udata's key in ``Dataset.quality``
    ok: bool
    label: Message  # what is checked
    why: Message  # why it matters to a reuser


@dataclass(frozen=True, slots=True)
class QualityReport:
    criteria: tuple[Criterion, ...]
    score: float  # 0..1

    @property
    def points(self) -> int:
        return sum(c.ok for c in self.criteria)

    def criterion(self, cid: str) -> Criterion:
        return next(c for c in self.criteria if c.id == cid)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def next_update(frequency: str, last_update: date) -> date | None:
    """When the next update is expected (udata ``Dataset.next_update``); None: no schedule."""
    delay = _DELAYS.get(frequency)
    return None if delay is None else last_update + delay


def update_fulfilled_in_time(frequency: str, *, today: date, last_update: date | None) -> bool:
    expected = next_update(frequency, last_update or today)
    if expected is not None:
        return (expected - today).days >= -1  # one day late is allowed (harvesting delays)
    return frequency in _NO_SCHEDULE


_LABELS: dict[str, tuple[str, str]] = {
    "license": (N_("Une licence est choisie"),
                N_("Sans licence, un réutilisateur ne sait pas ce qu'il a le droit de faire des données : "
                   "dans le doute, il ne les utilise pas.")),
    "temporal_coverage": (N_("La couverture temporelle est renseignée (au moins sa date de début)"),
                          N_("Le réutilisateur doit savoir quelle période les données décrivent (une année, "
                             "un mandat…) pour les comparer avec d'autres ou savoir si elles sont à jour.")),
    "spatial": (N_("La couverture spatiale est renseignée : la zone couverte et sa granularité"),
                N_("La zone (« Haute-Garonne ») et la granularité (« commune ») disent où les données "
                   "s'appliquent et à quelle échelle : c'est ce qui permet de les trouver et de les croiser "
                   "avec d'autres territoires.")),
    "update_frequency": (N_("La fréquence de mise à jour est renseignée"),
                         N_("Une application qui réutilise les données doit savoir quand revenir chercher la "
                            "version suivante.")),
    "update_fulfilled_in_time": (N_("La fréquence de mise à jour annoncée est respectée"),
                                 N_("Des données annoncées « mensuelles » mais vieilles d'un an trompent les "
                                    "réutilisateurs : la promesse de mise à jour doit être tenue.")),
    "dataset_description_quality": (N_("La description fait plus de 100 caractères"),
                                    N_("La description explique ce que contient chaque ligne, d'où viennent les "
                                       "données et leurs limites : sans elle, le fichier est difficile à "
                                       "comprendre pour qui ne l'a pas produit.")),
    "has_open_format": (N_("Au moins une ressource est dans un format ouvert (CSV, JSON…)"),
                        N_("Un format ouvert se lit avec n'importe quel logiciel, gratuit ou non, et se traite "
                           "automatiquement : un PDF ou un classeur Excel ne le permettent pas.")),
    "all_resources_available": (N_("Toutes les ressources sont disponibles"),
                                N_("Un lien cassé rend le jeu de données inutilisable et fait perdre confiance "
                                   "dans tout le catalogue.")),
    "resources_documentation": (N_("Les ressources sont documentées (une documentation ou une description)"),
                                N_("La documentation dit ce que signifie chaque colonne et comment les données "
                                   "ont été produites : elle évite les contresens à la réutilisation.")),
}


def criterion_label(cid: str) -> str:
    """What udata's criterion ``cid`` checks, in French (the source string to translate), or ``cid``."""
    return _LABELS[cid][0] if cid in _LABELS else cid


def _criterion(cid: str, ok: bool) -> Criterion:
    label, why = _LABELS[cid]
    return Criterion(cid, ok, msg(label), msg(why))


def quality(meta: Metadata, *, today: date, last_update: date | None = None) -> QualityReport:
    """The 9 criteria of udata's quality score for ``meta`` (``last_update`` defaults to today:
    a dataset being published is up to date)."""
    resources = meta.included()
    has_resources = bool(resources)
    checks = {
        "license": meta.licence in LICENCES,
        "temporal_coverage": _is_date(meta.temporal_start) and (not meta.temporal_end.strip()
                                                                 or _is_date(meta.temporal_end)),
        "spatial": bool(meta.spatial_zone.strip()) and meta.granularity in GRANULARITIES,
        "update_frequency": bool(meta.frequency) and meta.frequency != "unknown",
        "update_fulfilled_in_time": update_fulfilled_in_time(meta.frequency, today=today, last_update=last_update),
        "dataset_description_quality": len(meta.description) > QUALITY_DESCRIPTION_LENGTH,
        "has_open_format": has_resources and any(is_open_format(r.format) for r in resources),
        "all_resources_available": has_resources and all(r.available for r in resources),
        "resources_documentation": has_resources and any(r.type == "documentation" or bool(r.description)
                                                          for r in resources),
    }
    criteria = tuple(_criterion(cid, ok) for cid, ok in checks.items())
    return QualityReport(criteria, sum(c.ok for c in criteria) / QUALITY_MAX_SCORE)


def badge(score: float) -> str:
    """The portal's badge for a quality score (0..1): one of the ids of :data:`BADGES`."""
    return next((bid for bid, lowest in BADGES if score >= lowest), BADGES[-1][0])
