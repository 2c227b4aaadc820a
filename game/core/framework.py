"""The training-needs framework: competencies, levels and the thresholds that assess them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .messages import N_, msg
from .problems import PathPart, Problem

LEVEL_IDS = ("a-decouvrir", "en-cours", "acquis", "maitrise", "insuffisant")


@dataclass(frozen=True, slots=True)
class Localized:
    fr: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language.startswith("en") and self.en else self.fr


@dataclass(frozen=True, slots=True)
class Resource:
    title: Localized
    url: str


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    title: Localized
    descriptors: tuple[tuple[str, Localized], ...]
    resources: tuple[Resource, ...]
    digcomp: tuple[str, ...]
    pix: tuple[str, ...]

    def descriptor(self, level: str) -> Localized | None:
        return dict(self.descriptors).get(level)


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_evidence: int = 2
    en_cours: float = 0.5
    acquis: float = 0.75
    maitrise: float = 0.9
    maitrise_min_evidence: int = 4


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    version: str
    title: Localized
    levels: tuple[tuple[str, Localized], ...]
    competencies: tuple[Competency, ...]
    thresholds: Thresholds

    def competency(self, cid: str) -> Competency | None:
        return next((c for c in self.competencies if c.id == cid), None)

    def level_title(self, level: str) -> Localized:
        return dict(self.levels)[level]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.competencies)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def need(self, d: Any, key: str, kind: type | tuple[type, ...], path: tuple[PathPart, ...]) -> Any:
        if not isinstance(d, dict) or key not in d:
            self.problems.append(Problem(path, msg(N_("Champ obligatoire manquant : {key}."), key=key)))
            return None
        if not isinstance(d[key], kind):
            self.problems.append(Problem(path + (key,), msg(N_("Valeur de type inattendu pour {key}."), key=key)))
            return None
        return d[key]

    def loc(self, d: Any, key: str, path: tuple[PathPart, ...]) -> Localized:
        v = self.need(d, key, dict, path)
        if v is None:
            return Localized("", "")
        fr, en = v.get("fr"), v.get("en")
        if not isinstance(fr, str) or not fr:
            self.problems.append(Problem(path + (key,), msg(N_("Texte français manquant (fr) pour {key}."), key=key)))
        if not isinstance(en, str) or not en:
            self.problems.append(Problem(path + (key,), msg(N_("Traduction anglaise manquante (en) pour {key}."), key=key)))
        return Localized(str(fr or ""), str(en or ""))


def build_framework(doc: Any) -> tuple[Framework | None, list[Problem]]:
    r = _Reader()
    if not isinstance(doc, dict):
        return None, [Problem((), msg(N_("Le référentiel doit être un dictionnaire YAML.")))]
    fid = r.need(doc, "id", str, ())
    version = r.need(doc, "version", str, ())
    title = r.loc(doc, "title", ())
    levels = []
    for i, lv in enumerate(r.need(doc, "levels", list, ()) or []):
        lid = r.need(lv, "id", str, ("levels", i))
        if lid is not None and lid not in LEVEL_IDS:
            r.problems.append(Problem(("levels", i, "id"), msg(N_("Niveau inconnu : {value}."), value=lid)))
        levels.append((lid or "", r.loc(lv, "title", ("levels", i))))
    missing = set(LEVEL_IDS) - {lid for lid, _ in levels}
    if missing:
        r.problems.append(Problem(("levels",), msg(N_("Niveaux manquants : {value}."), value=", ".join(sorted(missing)))))
    a = doc.get("assessment", {}) or {}
    th = Thresholds(**{k: a[k] for k in Thresholds.__dataclass_fields__ if k in a})
    if not (0 <= th.en_cours <= th.acquis <= th.maitrise <= 1):
        r.problems.append(Problem(("assessment",), msg(N_("Les seuils doivent croître de en_cours à maitrise, entre 0 et 1."))))
    comps = []
    seen: set[str] = set()
    for i, c in enumerate(r.need(doc, "competencies", list, ()) or []):
        p = ("competencies", i)
        cid = r.need(c, "id", str, p) or ""
        if cid in seen:
            r.problems.append(Problem(p + ("id",), msg(N_("Deux compétences portent l'identifiant {value}."), value=cid)))
        seen.add(cid)
        descs = tuple((lid, r.loc(c.get("descriptors", {}), lid, p + ("descriptors",)))
                      for lid in LEVEL_IDS[:4])
        res = tuple(Resource(r.loc(x, "title", p + ("resources", j)), str(x.get("url", "")))
                    for j, x in enumerate(c.get("resources", []) or []))
        comps.append(Competency(cid, r.loc(c, "title", p), descs, res,
                                tuple(str(x) for x in c.get("digcomp", [])), tuple(str(x) for x in c.get("pix", []))))
    if r.problems:
        return None, r.problems
    return Framework(fid, version, title, tuple(levels), tuple(comps), th), []
