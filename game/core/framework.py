"""The training-needs framework: competencies, levels and the thresholds that assess them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .messages import N_, msg
from .problems import PathPart, Problem

LEVEL_IDS = ("a-decouvrir", "en-cours", "acquis", "maitrise", "insuffisant")
#: The levels in increasing order (« pas assez d'éléments » is not on this scale).
LEVEL_ORDER = LEVEL_IDS[:4]
#: The step kinds an item can come from (``performance_kinds`` names some of them).
STEP_KINDS = ("dialogue", "quiz", "sort", "clean", "publish", "reuse")


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
class Ability:
    """One claim of a level's descriptor (« Dit si une collectivité est concernée »), named so that the
    scenario items testing it can say so (``ability: "A1.concernee"``)."""

    id: str  # "<competency>.<name>"
    level: str  # the descriptor it belongs to: "acquis" or "maitrise"
    title: Localized


@dataclass(frozen=True, slots=True)
class Competency:
    id: str
    title: Localized
    descriptors: tuple[tuple[str, Localized], ...]
    resources: tuple[Resource, ...]
    digcomp: tuple[str, ...]
    pix: tuple[str, ...]
    abilities: tuple[Ability, ...] = ()

    def descriptor(self, level: str) -> Localized | None:
        return dict(self.descriptors).get(level)


@dataclass(frozen=True, slots=True)
class Thresholds:
    min_evidence: int = 2
    en_cours: float = 0.5
    acquis: float = 0.75
    maitrise: float = 0.9
    maitrise_min_evidence: int = 4
    #: « maîtrisé » needs performance evidence (at the « acquis » threshold) in this many scenarios
    maitrise_min_scenarios: int = 2
    #: the step kinds whose items are performance evidence (a task done, not a question answered)
    performance_kinds: tuple[str, ...] = ("clean", "publish", "reuse")
    #: an item failed on an ability caps the level just below the ability's descriptor until a later success
    failed_ability_caps: bool = True


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

    @property
    def ability_ids(self) -> frozenset[str]:
        return frozenset(a.id for c in self.competencies for a in c.abilities)

    def ability(self, aid: str) -> Ability | None:
        return next((a for c in self.competencies for a in c.abilities if a.id == aid), None)


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
    th = _thresholds(doc.get("assessment", {}) or {}, r.problems)
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
                                tuple(str(x) for x in c.get("digcomp", [])), tuple(str(x) for x in c.get("pix", [])),
                                _abilities(r, c, cid, p)))
    if r.problems:
        return None, r.problems
    return Framework(fid, version, title, tuple(levels), tuple(comps), th), []


_NUMBERS = {"min_evidence": int, "maitrise_min_evidence": int, "maitrise_min_scenarios": int,
            "en_cours": float, "acquis": float, "maitrise": float}


def _thresholds(a: Any, problems: list[Problem]) -> Thresholds:
    """The ``assessment`` block: thresholds and the level rule, each value checked (French errors)."""
    if not isinstance(a, dict):
        problems.append(Problem(("assessment",), msg(N_("assessment doit être un dictionnaire (seuils et règle des niveaux)."))))
        return Thresholds()
    values: dict[str, Any] = {}
    for key, value in a.items():
        path: tuple[PathPart, ...] = ("assessment", key)
        if key in _NUMBERS:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            if _NUMBERS[key] is int and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
                problems.append(Problem(path, msg(N_("{key} doit être un nombre entier d'au moins 1."), key=key)))
            elif not ok:
                problems.append(Problem(path, msg(N_("{key} doit être un nombre entre 0 et 1."), key=key)))
            else:
                values[key] = value
        elif key == "performance_kinds":
            kinds = value if isinstance(value, list) else None
            bad = [k for k in kinds or [] if k not in STEP_KINDS]
            if kinds is None or not kinds or bad:
                problems.append(Problem(path, msg(N_("performance_kinds doit lister des types d'étapes parmi {kinds} "
                                                     "(reçu : {value})."), kinds=", ".join(STEP_KINDS),
                                                  value=", ".join(map(str, bad)) if bad else str(value))))
            else:
                values[key] = tuple(kinds)
        elif key == "failed_ability_caps":
            if not isinstance(value, bool):
                problems.append(Problem(path, msg(N_("failed_ability_caps doit valoir true ou false."))))
            else:
                values[key] = value
        else:
            known = ", ".join((*_NUMBERS, "performance_kinds", "failed_ability_caps"))
            problems.append(Problem(path, msg(N_("Réglage inconnu dans assessment : {key} (réglages connus : {known})."),
                                              key=str(key), known=known)))
    th = Thresholds(**values)
    if not (0 <= th.en_cours <= th.acquis <= th.maitrise <= 1):
        problems.append(Problem(("assessment",), msg(N_("Les seuils doivent croître de en_cours à maitrise, entre 0 et 1."))))
    return th


def _abilities(r: _Reader, c: Any, cid: str, p: tuple[PathPart, ...]) -> tuple[Ability, ...]:
    """A competency's ``abilities``: the claims of its descriptors that scenario items can test."""
    raw = c.get("abilities", []) if isinstance(c, dict) else []
    if not isinstance(raw, list):
        r.problems.append(Problem(p + ("abilities",), msg(N_("abilities doit être une liste."))))
        return ()
    out: list[Ability] = []
    for j, x in enumerate(raw):
        ap = p + ("abilities", j)
        aid = r.need(x, "id", str, ap) or ""
        if aid and not aid.startswith(cid + ".") or aid == cid + ".":
            r.problems.append(Problem(ap + ("id",), msg(N_("L'identifiant d'une capacité commence par celui de sa "
                                                           "compétence et un point : « {value} » (par exemple {example})."),
                                                        value=aid, example=f"{cid}.{aid.rsplit('.', 1)[-1] or 'nom'}")))
        if aid in {a.id for a in out}:
            r.problems.append(Problem(ap + ("id",), msg(N_("Deux capacités portent l'identifiant {value}."), value=aid)))
        level = x.get("level", "acquis") if isinstance(x, dict) else "acquis"
        if level not in ("en-cours", "acquis", "maitrise"):
            r.problems.append(Problem(ap + ("level",), msg(N_("level d'une capacité : en-cours, acquis ou maitrise "
                                                              "(le descripteur qu'elle détaille), pas « {value} »."),
                                                           value=str(level))))
        out.append(Ability(aid, str(level), r.loc(x, "title", ap)))
    return tuple(out)
