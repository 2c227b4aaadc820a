"""The metadata of a dataset as the learner fills the publishing form, and its vocabularies.

Vocabularies mirror data.gouv.fr (udata), read in ``opendatateam/udata``:

- update frequencies: ``udata/core/dataset/constants.py`` ``UPDATE_FREQUENCIES`` at commit
  ``2833941bd1df7b518bd30c84a05f8811905ed529`` (the stable Dublin Core–style ids); the EU
  vocabulary code of each one follows udata's ``rdf.py`` mapping (``EU_RDF_REQUENCIES``) and its
  later migration to EU codes (``constants.py`` at ``01fa1ed3001fdf19f042ab9ade1bb4839a097f8d``);
- resource types: ``RESOURCE_TYPES`` of the same file;
- closed formats: ``CLOSED_FORMATS`` of the same file — udata counts a resource as being in an
  open format when its format is declared and is not one of them;
- spatial granularities: the levels served by ``/api/1/spatial/granularities/`` (French labels of
  data.gouv.fr).

The ``catalogue`` value of a frequency / granularity is the matching value of the SCDL catalogue
simplifié (``FREQ_MAJ`` / ``COUV_SPAT_MAILLE`` enums, schema 0.1.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from game.core.messages import N_, Message, msg


@dataclass(frozen=True, slots=True)
class Frequency:
    id: str
    label: Message
    catalogue: str  # SCDL FREQ_MAJ
    eu: str  # code of the EU « frequency » authority table (dct:accrualPeriodicity)


def _f(fid: str, label: str, catalogue: str, eu: str) -> tuple[str, Frequency]:
    return fid, Frequency(fid, msg(label), catalogue, eu)


_DAY = "Quotidienne ou plusieurs fois par jour"
_WEEK = "Hebdomadaire ou plusieurs fois par semaine"
_MONTH = "Mensuelle ou plusieurs fois par mois"

FREQUENCIES: dict[str, Frequency] = dict([
    _f("unknown", N_("Inconnue"), "Inconnue", "UNKNOWN"),
    _f("punctual", N_("Ponctuelle"), "Ponctuelle", "AS_NEEDED"),
    _f("continuous", N_("Temps réel"), "Continuelle", "UPDATE_CONT"),
    _f("hourly", N_("Toutes les heures"), "Toutes les heures", "HOURLY"),
    _f("fourTimesADay", N_("Quatre fois par jour"), _DAY, "CONT"),
    _f("threeTimesADay", N_("Trois fois par jour"), _DAY, "CONT"),
    _f("semidaily", N_("Deux fois par jour"), _DAY, "DAILY_2"),
    _f("daily", N_("Quotidienne"), _DAY, "DAILY"),
    _f("fourTimesAWeek", N_("Quatre fois par semaine"), _WEEK, "OTHER"),
    _f("threeTimesAWeek", N_("Trois fois par semaine"), _WEEK, "WEEKLY_3"),
    _f("semiweekly", N_("Deux fois par semaine"), _WEEK, "WEEKLY_2"),
    _f("weekly", N_("Hebdomadaire"), _WEEK, "WEEKLY"),
    _f("biweekly", N_("Toutes les deux semaines"), _MONTH, "BIWEEKLY"),
    _f("threeTimesAMonth", N_("Trois fois par mois"), _MONTH, "MONTHLY_3"),
    _f("semimonthly", N_("Deux fois par mois"), _MONTH, "MONTHLY_2"),
    _f("monthly", N_("Mensuelle"), _MONTH, "MONTHLY"),
    _f("bimonthly", N_("Tous les deux mois (bimestrielle)"), "Bimestrielle", "BIMONTHLY"),
    _f("quarterly", N_("Trimestrielle"), "Trimestrielle", "QUARTERLY"),
    # three times a year: at least every six months, the promise « Semestrielle » keeps
    _f("threeTimesAYear", N_("Trois fois par an"), "Semestrielle", "ANNUAL_3"),
    _f("semiannual", N_("Semestrielle"), "Semestrielle", "ANNUAL_2"),
    _f("annual", N_("Annuelle"), "Annuelle", "ANNUAL"),
    _f("biennial", N_("Tous les deux ans (biennale)"), "Biennale", "BIENNIAL"),
    _f("triennial", N_("Tous les trois ans (triennale)"), "Triennale", "TRIENNIAL"),
    _f("quinquennial", N_("Tous les cinq ans (quinquennale)"), "Quinquennale", "QUINQUENNIAL"),
    _f("irregular", N_("Irrégulière"), "Irrégulière", "IRREG"),
])

EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"


@dataclass(frozen=True, slots=True)
class Granularity:
    id: str
    label: Message
    catalogue: str  # SCDL COUV_SPAT_MAILLE


def _g(gid: str, label: str, catalogue: str) -> tuple[str, Granularity]:
    return gid, Granularity(gid, msg(label), catalogue)


GRANULARITIES: dict[str, Granularity] = dict([
    _g("poi", N_("Point d'intérêt"), "Infracommunale"),
    _g("fr:iris", N_("Iris (quartiers Insee)"), "Infracommunale"),
    _g("fr:commune", N_("Commune"), "Communale"),
    _g("fr:epci", N_("Intercommunalité (EPCI)"), "Intercommunale"),
    _g("fr:canton", N_("Canton"), "Cantonale"),
    _g("fr:arrondissement", N_("Arrondissement"), "Autre"),
    _g("fr:departement", N_("Département"), "Départementale"),
    _g("fr:region", N_("Région"), "Régionale"),
    _g("fr:collectivite", N_("Collectivité d'outre-mer"), "Autre"),
    _g("country", N_("Pays"), "Autre"),
    _g("country-subset", N_("Sous-ensemble de pays"), "Autre"),
    _g("country-group", N_("Groupement de pays"), "Autre"),
    _g("other", N_("Autre"), "Autre"),
])

#: udata's resource types, with the form's labels.
RESOURCE_TYPES: dict[str, Message] = {
    "main": msg(N_("Fichier principal")),
    "documentation": msg(N_("Documentation")),
    "update": msg(N_("Mise à jour")),
    "api": msg(N_("API")),
    "code": msg(N_("Dépôt de code")),
    "other": msg(N_("Autre")),
}

#: udata ``CLOSED_FORMATS``: a resource in one of these (or with no format) is not « open ».
CLOSED_FORMATS: frozenset[str] = frozenset({"pdf", "doc", "docx", "word", "xls", "excel", "xlsx"})

#: Open formats offered in the form: the resource extensions udata accepts
#: (``ALLOWED_RESOURCES_EXTENSIONS`` in ``udata/settings.py``) that are open standards for data
#: or documentation (no office suite of one vendor, no archive, no proprietary GIS format).
OPEN_FORMATS: tuple[str, ...] = (
    "csv", "json", "geojson", "xml", "xsd", "txt", "rtf", "ods", "odt", "odp", "odg",
    "shp", "kml", "gpx", "gpkg", "rdf", "ttl", "n3", "sql", "ics", "svg", "png", "jpeg",
)


def is_open_format(fmt: str) -> bool:
    """udata's rule: a format is declared and not a closed one (``Resource.closed_or_no_format``)."""
    f = fmt.strip().lower().lstrip(".")
    return bool(f) and f not in CLOSED_FORMATS


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _bool(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _known(cls: type, data: Mapping[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    title: str
    format: str
    description: str = ""
    type: str = "main"  # udata RESOURCE_TYPES
    schema: str = ""  # declared Table Schema (``scdl/subventions``…)
    available: bool = True
    included: bool = True  # chosen by the learner for this publication

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "format": self.format, "description": self.description,
                "type": self.type, "schema": self.schema, "available": self.available, "included": self.included}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Resource:
        d = _known(cls, data)
        return cls(_str(d.get("id")), _str(d.get("title")), _str(d.get("format")), _str(d.get("description")),
                   _str(d.get("type")) or "main", _str(d.get("schema")), _bool(d.get("available"), True),
                   _bool(d.get("included"), True))


_TEXT_FIELDS = ("publisher", "title", "short_description", "description", "licence", "frequency",
                "temporal_start", "temporal_end", "spatial_zone", "granularity", "contact_name", "contact_email")


@dataclass(frozen=True, slots=True)
class Metadata:
    publisher: str = ""
    title: str = ""
    short_description: str = ""
    description: str = ""
    licence: str = ""  # a key of LICENCES
    frequency: str = ""  # a key of FREQUENCIES
    temporal_start: str = ""  # ISO date AAAA-MM-JJ
    temporal_end: str = ""
    spatial_zone: str = ""  # the zone covered, e.g. « Haute-Garonne »
    granularity: str = ""  # a key of GRANULARITIES
    keywords: tuple[str, ...] = ()
    contact_name: str = ""
    contact_email: str = ""
    resources: tuple[Resource, ...] = ()

    def included(self) -> tuple[Resource, ...]:
        """The resources chosen for publication (only they count)."""
        return tuple(r for r in self.resources if r.included)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in _TEXT_FIELDS}
        out["keywords"] = list(self.keywords)
        out["resources"] = [r.to_json() for r in self.resources]
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Metadata:
        """Tolerant: unknown keys are ignored and missing ones take their default, so a draft saved
        by an older version still loads. Keywords may be a list or a ``;``-separated string."""
        d = _known(cls, data)
        texts = {name: _str(d.get(name)) for name in _TEXT_FIELDS}
        raw_kw = d.get("keywords") or ()
        kws = raw_kw.split(";") if isinstance(raw_kw, str) else [_str(k) for k in raw_kw]
        raw_res = d.get("resources") or ()
        res = tuple(Resource.from_json(r) for r in raw_res if isinstance(r, Mapping))
        return cls(**texts, keywords=tuple(k.strip() for k in kws if k.strip()), resources=res)
