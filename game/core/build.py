"""Build a :class:`Scenario` from a schema-valid document and report every semantic problem.

The JSON Schema (checked by storage before this runs) covers the shape of the file; this module
checks what a schema cannot: references between ids (characters, sources, steps, bins,
competencies), duplicate ids, and answers that make a question impossible.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .messages import N_, msg
from .problems import PathPart, Problem, suggestion
from .scenario import (
    DEFAULT_FRAMEWORK,
    Bin,
    Card,
    Challenge,
    Character,
    Choice,
    CleanGoal,
    CleanStep,
    ColumnNote,
    Condition,
    DebriefStep,
    DialogueStep,
    FillRow,
    FillStep,
    KeepValue,
    Line,
    OfferedResource,
    Passage,
    PublishStep,
    Question,
    QuizOption,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
    Source,
    Step,
    TitleHint,
)
from .texts import text_fields as text_fields  # noqa: F401 - re-exported (it used to live here)

Doc = dict[str, Any]
Path = tuple[PathPart, ...]


class _Checker:
    """Collects problems while steps are built, knowing the scenario's declared ids."""

    def __init__(self, doc: Doc, competencies: frozenset[str] | None, abilities: frozenset[str] | None = None) -> None:
        self.problems: list[Problem] = []
        self.characters = {c["id"] for c in doc.get("characters", [])}
        self.sources = {s["id"] for s in doc.get("sources", [])}
        self.steps = [s["id"] for s in doc["steps"]]
        self.clean_steps = [s["id"] for s in doc["steps"] if s.get("kind") == "clean"]
        self.publish_steps = [s["id"] for s in doc["steps"] if s.get("kind") == "publish"]
        self.data_steps = [s["id"] for s in doc["steps"] if s.get("kind") in ("clean", "publish")]
        self.competencies = competencies
        self.competency_ids = sorted(competencies or ())  # listed in this order when none is close
        self.abilities = abilities

    def add(self, path: Path, message: Any, hint: Any = None, code: str = "content") -> None:
        self.problems.append(Problem(path, message, hint, code=code))

    def ref(self, path: Path, value: str, known: Iterable[str], what: str, code: str = "unknown-reference") -> None:
        known = list(known)
        if value not in known:
            self.add(path, msg(what, value=value), suggestion(value, known), code)

    def sources_of(self, item: Doc, path: Path) -> tuple[str, ...]:
        refs = tuple(item.get("sources", ()))
        for i, ref in enumerate(refs):
            self.ref(path + ("sources", i), ref, self.sources,
                     N_("Source inconnue : « {value} ». Déclarez-la dans la liste sources du scénario."))
        return refs

    def competencies_of(self, item: Doc, path: Path, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        if "competencies" not in item:
            return default
        comps = tuple(item["competencies"])
        if self.competencies is not None:
            for i, c in enumerate(comps):
                self.ref(path + ("competencies", i), c, self.competency_ids,
                         N_("Compétence inconnue du référentiel : « {value} »."))
        return comps

    def ability_of(self, item: Doc, path: Path) -> str:
        """``ability:`` (the framework ability the item tests), checked against the framework."""
        value = str(item.get("ability", ""))
        if value and self.abilities is not None:
            self.ref(path + ("ability",), value, sorted(self.abilities),
                     N_("Capacité inconnue du référentiel : « {value} ». Les capacités sont déclarées sous "
                        "abilities dans le fichier du référentiel (par exemple A1.concernee)."))
        return value

    def unique(self, items: list[Doc], path: Path, key: str, what: str) -> None:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item[key] in seen:
                self.add(path + (i, key), msg(what, value=item[key]))
            seen.add(item[key])

    def step_ref(self, path: Path, target: str) -> None:
        self.ref(path, target, self.steps,
                 N_("Le renvoi vers l'étape « {value} » ne mène nulle part : aucune étape ne porte cet identifiant."),
                 "broken-link")

    def next_of(self, item: Doc, path: Path) -> str | None:
        target = item.get("next")
        if target is not None:
            self.step_ref(path + ("next",), target)
        return target

    def evidence_of(self, item: Doc, path: Path) -> tuple[tuple[str, str], ...]:
        """``evidence:`` (a kind of error or a criterion -> the competency it evidences), checked."""
        evidence = tuple(item.get("evidence", {}).items())
        if self.competencies is not None:
            for name, comp in evidence:
                self.ref(path + ("evidence", name), comp, self.competency_ids,
                         N_("Compétence inconnue du référentiel : « {value} »."))
        return evidence

    def criterion_abilities(self, item: Doc, path: Path, competency_for: Callable[[str], str]
                            ) -> tuple[tuple[str, str], ...]:
        """``abilities:`` of a clean step (a kind of error or a criterion -> the framework ability it
        tests), checked: the ability exists and belongs to the competency the criterion evidences."""
        pairs = tuple((str(k), str(v)) for k, v in item.get("abilities", {}).items())
        for name, ability in pairs:
            where = path + ("abilities", name)
            if self.abilities is not None and ability not in self.abilities:
                self.ref(where, ability, sorted(self.abilities),
                         N_("Capacité inconnue du référentiel : « {value} ». Les capacités sont déclarées sous "
                            "abilities dans le fichier du référentiel (par exemple A1.concernee)."))
                continue
            competency = competency_for(name)
            if ability.split(".", 1)[0] != competency:
                self.add(where, msg(N_("La capacité « {ability} » n'appartient pas à la compétence {competency}, "
                                       "que « {criterion} » évalue dans cette étape. Donnez à « {criterion} » la "
                                       "compétence de la capacité sous evidence, ou choisissez une capacité de "
                                       "{competency}."), ability=ability, competency=competency, criterion=name))
        return pairs

    def earlier_step(self, path: Path, source: str, allowed: list[str], unknown: str, later: str) -> None:
        """``from:`` names a step of an allowed kind that comes before this one (``path`` ends with its index)."""
        self.ref(path + ("from",), source, allowed, unknown)
        if source in allowed and self.steps.index(source) > int(path[-1]):
            self.add(path + ("from",), msg(later, value=source))


def _dialogue(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> DialogueStep:
    lines = []
    for i, ln in enumerate(d["lines"]):
        ck.ref(p + ("lines", i, "who"), ln["who"], ck.characters,
               N_("Personnage inconnu : « {value} ». Déclarez-le dans la liste characters."))
        lines.append(Line(ln["who"], ln["text"], ck.sources_of(ln, p + ("lines", i))))
    choices = tuple(
        Choice(c["text"], c.get("grade"), c.get("feedback", ""), ck.sources_of(c, p + ("choices", i)),
               ck.next_of(c, p + ("choices", i)), ck.competencies_of(c, p + ("choices", i), comps),
               _republish(c, p + ("choices", i), ck))
        for i, c in enumerate(d.get("choices", []))
    )
    return DialogueStep(d["id"], d["title"], comps, ck.next_of(d, p), tuple(lines), choices, ck.ability_of(d, p))


def _question(q: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> Question:
    options = tuple(QuizOption(o["text"], bool(o.get("correct", False)), o.get("explanation", ""))
                    for o in q.get("options", []))
    kind = q["type"]
    if kind == "vrai-faux":
        if "answer" not in q:
            ck.add(p, msg(N_("La question vrai-faux « {value} » n'a pas de réponse : ajoutez answer: true ou answer: false."), value=q["id"]))
        if options:
            ck.add(p + ("options",), msg(N_("Une question vrai-faux n'a pas d'options : retirez options de « {value} »."), value=q["id"]))
    else:
        if "answer" in q:
            ck.add(p + ("answer",), msg(N_("answer ne sert qu'aux questions vrai-faux ; marquez plutôt les options justes avec correct: true."), value=q["id"]))
        if len(options) < 2:
            ck.add(p, msg(N_("La question « {value} » doit proposer au moins deux options."), value=q["id"]))
        right = sum(o.correct for o in options)
        if kind == "unique" and right != 1:
            ck.add(p + ("options",), msg(N_("La question à réponse unique « {value} » doit avoir exactement une option correct: true (elle en a {count})."), value=q["id"], count=right))
        if kind == "multiple" and right < 1:
            ck.add(p + ("options",), msg(N_("La question à choix multiple « {value} » doit avoir au moins une option correct: true."), value=q["id"]))
    return Question(q["id"], kind, q["prompt"], q["explanation"], options, q.get("answer"),
                    ck.sources_of(q, p), ck.competencies_of(q, p, comps), ck.ability_of(q, p))


def _quiz(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> QuizStep:
    ck.unique(d["questions"], p + ("questions",), "id", N_("Deux questions portent l'identifiant « {value} »."))
    questions = tuple(_question(q, p + ("questions", i), ck, comps) for i, q in enumerate(d["questions"]))
    return QuizStep(d["id"], d["title"], comps, ck.next_of(d, p), questions, d.get("intro", ""))


def _sort(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> SortStep:
    ck.unique(d["bins"], p + ("bins",), "id", N_("Deux cases portent l'identifiant « {value} »."))
    ck.unique(d["cards"], p + ("cards",), "id", N_("Deux cartes portent l'identifiant « {value} »."))
    bins = tuple(Bin(b["id"], b["label"]) for b in d["bins"])
    cards = []
    for i, c in enumerate(d["cards"]):
        cp = p + ("cards", i)
        ck.ref(cp + ("bin",), c["bin"], [b.id for b in bins],
               N_("Case inconnue : « {value} ». La bonne case d'une carte doit être l'une des cases (bins) de l'étape."))
        cards.append(Card(c["id"], c["text"], c["bin"], c["reason"], c.get("detail", ""),
                          ck.sources_of(c, cp), ck.competencies_of(c, cp, comps), ck.ability_of(c, cp)))
    return SortStep(d["id"], d["title"], comps, ck.next_of(d, p), bins, tuple(cards), d.get("intro", ""))


def _clean(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> CleanStep:
    g = d.get("goal", {})
    goal = CleanGoal(g.get("max_errors", 0), g.get("max_warnings"), tuple(g.get("codes", ())))
    from .operations import OPERATIONS, OperationError, operation_from_json

    for i, name in enumerate(d.get("operations", ())):
        ck.ref(p + ("operations", i), name, OPERATIONS, N_("Opération inconnue : « {value} »."))
    for i, entry in enumerate(d["reference"]):
        try:
            operation_from_json(entry)
        except OperationError as e:
            known = isinstance(entry, dict) and entry.get("op") in OPERATIONS
            ck.add(p + ("reference", i), e.message, code="clean-reference" if known else "unknown-reference")
    evidence = ck.evidence_of(d, p)
    abilities = ck.criterion_abilities(d, p, CleanStep(d["id"], d["title"], comps, evidence=evidence).competency_for)
    return CleanStep(d["id"], d["title"], comps, ck.next_of(d, p), dataset=d["dataset"], schema=d["schema"],
                     reference=tuple(d["reference"]), intro=d.get("intro", ""), goal=goal,
                     operations=tuple(d.get("operations", ())), keep_rows=d.get("keep_rows", True),
                     keep_values=tuple(KeepValue(k["column"], k["value"]) for k in d.get("keep_values", ())),
                     evidence=evidence, abilities=abilities, hints=tuple(d.get("hints", ())),
                     columns=tuple(ColumnNote(str(name), n.get("one", ""), n.get("many", ""),
                                              tuple((str(k), tuple(v)) for k, v in n.get("accept", {}).items()))
                                   for name, n in d.get("columns", {}).items()))


def _publish(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> PublishStep:
    from datetime import date

    from .publishing import LICENCES, Metadata, quality

    source = d["from"]
    ck.earlier_step(p, source, ck.clean_steps,
                    N_("« from » doit nommer une étape clean du scénario : « {value} » n'en est pas une."),
                    N_("L'étape clean « {value} » vient après cette étape de publication : "
                       "on ne peut publier qu'un fichier déjà nettoyé."))
    lic = d.get("licence", {})
    accepted = tuple(lic.get("accepted", ("lo-2.0", "odbl")))
    for i, name in enumerate(accepted):
        ck.ref(p + ("licence", "accepted", i), name, LICENCES, N_("Licence inconnue : « {value} »."))
    best = lic.get("best", "")
    if best and best not in accepted:
        ck.add(p + ("licence", "best"), msg(N_("La meilleure licence « {value} » doit faire partie des licences acceptées (accepted)."), value=best))
    feedback = tuple(lic.get("feedback", {}).items())
    for name, _text in feedback:
        ck.ref(p + ("licence", "feedback", name), name, LICENCES, N_("Licence inconnue : « {value} »."))
    known = [c.id for c in quality(Metadata(), today=date(2000, 1, 1)).criteria]
    for i, name in enumerate(d.get("criteria", ())):
        ck.ref(p + ("criteria", i), name, known, N_("Critère de qualité inconnu : « {value} »."))
    consequences = tuple(d.get("consequences", {}).items())
    for what, target in consequences:
        ck.step_ref(p + ("consequences", what), target)
    evidence = ck.evidence_of(d, p)
    ck.unique(d.get("resources", []), p + ("resources",), "id", N_("Deux ressources portent l'identifiant « {value} »."))
    reference = d["reference"]
    if reference.get("licence"):
        ck.ref(p + ("reference", "licence"), reference["licence"], LICENCES, N_("Licence inconnue : « {value} »."))
    offered = [r["id"] for r in d.get("resources", [])]
    for i, rid in enumerate(reference.get("resources", ())):
        ck.ref(p + ("reference", "resources", i), rid, offered, N_("Ressource inconnue : « {value} »."))
    publisher = d["publisher"]
    return PublishStep(
        d["id"], d["title"], comps, ck.next_of(d, p), source=source, dataset_id=d["dataset_id"],
        publisher=publisher["name"], publisher_siret=publisher.get("siret", ""), theme=d.get("theme", ""),
        intro=d.get("intro", ""),
        title_elements=tuple(TitleHint(t["label"], tuple(t["words"])) for t in d.get("title_elements", ())),
        licences=accepted, best_licence=best, licence_feedback=feedback,
        resources=tuple(OfferedResource(r["id"], r["title"], r["format"], r.get("type", "documentation"),
                                        r.get("description", ""), r.get("file", "")) for r in d.get("resources", ())),
        personal_columns=tuple(d.get("personal_columns", ())), criteria=tuple(d.get("criteria", ())),
        consequences=consequences, reference=dict(reference), evidence=evidence,
        blocking=tuple(d["blocking"]) if "blocking" in d else None,
    )


def _reuse(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> ReuseStep:
    from .reuse import Query, QueryError

    source = d["from"]
    ck.earlier_step(p, source, ck.data_steps,
                    N_("« from » doit nommer une étape clean ou publish du scénario : « {value} » n'en est pas une."),
                    N_("L'étape « {value} » vient après cette étape : les réutilisateurs ne peuvent "
                       "travailler que sur des données déjà publiées."))
    ck.unique(d["challenges"], p + ("challenges",), "id", N_("Deux questions portent l'identifiant « {value} »."))
    challenges = []
    for i, c in enumerate(d["challenges"]):
        cp = p + ("challenges", i)
        ck.ref(cp + ("who",), c["who"], ck.characters,
               N_("Personnage inconnu : « {value} ». Déclarez-le dans la liste characters."))
        try:
            Query.from_json(c["reference"])
        except QueryError as e:
            ck.add(cp + ("reference",), e.message, code="reuse-reference")
        if c.get("blame"):
            ck.step_ref(cp + ("blame",), c["blame"])
        answer = c.get("answer", {})
        challenges.append(Challenge(
            c["id"], c["who"], c["question"], dict(c["reference"]), answer.get("kind", "number"),
            float(answer.get("tolerance", 0.0)), float(answer.get("relative", 0.0)), answer.get("column", ""),
            c.get("chart", ""), c.get("explanation", ""), c.get("cannot", ""), c.get("blame", ""),
            ck.sources_of(c, cp), ck.competencies_of(c, cp, comps), ck.ability_of(c, cp)))
    return ReuseStep(d["id"], d["title"], comps, ck.next_of(d, p), source=source, intro=d.get("intro", ""),
                     challenges=tuple(challenges))


def _fill_row(r: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> FillRow:
    return FillRow(str(r["id"]), r["document"], tuple((str(k), str(v)) for k, v in r.get("values", {}).items()),
                   r.get("detail", ""), r.get("explanation", ""),
                   tuple((str(k), tuple(str(x) for x in v)) for k, v in r.get("accept", {}).items()),
                   ck.sources_of(r, p), ck.competencies_of(r, p, comps), ck.ability_of(r, p))


def _fill(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> FillStep:
    """A fill step; that its fields exist in the schema and its reference rows are valid is
    checked by lint, which reads the schema."""
    ck.unique(d["rows"], p + ("rows",), "id", N_("Deux lignes portent l'identifiant « {value} »."))
    fields = tuple(str(f) for f in d["fields"])
    for i, name in enumerate(d.get("graded", ())):
        ck.ref(p + ("graded", i), name, list(fields),
               N_("Colonne « {value} » absente de fields : on ne note que les colonnes que l'apprenant·e remplit."))
    for name in d.get("given", {}):
        if name in fields:
            ck.add(p + ("given", name), msg(N_("La colonne « {value} » est à la fois donnée (given) et à remplir (fields) : "
                                                "gardez-la d'un seul côté."), value=name))
    example = d.get("example")
    return FillStep(d["id"], d["title"], comps, ck.next_of(d, p), schema=d["schema"], intro=d.get("intro", ""),
                    fields=fields, given=tuple((str(k), str(v)) for k, v in d.get("given", {}).items()),
                    graded=tuple(str(g) for g in d.get("graded", ())),
                    example=None if example is None else _fill_row({"id": "exemple", **example}, p + ("example",), ck, ()),
                    rows=tuple(_fill_row(r, p + ("rows", i), ck, comps) for i, r in enumerate(d["rows"])))


def _republish(c: Doc, p: Path, ck: _Checker) -> str | None:
    """``then: {republish: <publish step>}`` of a dialogue choice, checked."""
    target = c.get("then", {}).get("republish")
    if target is None:
        return None
    ck.ref(p + ("then", "republish"), target, ck.publish_steps,
           N_("« {value} » n'est pas une étape de publication (kind: publish) du scénario : "
              "republish renvoie au formulaire d'une publication."), "broken-link")
    if "next" in c:
        ck.add(p + ("next",), msg(N_("Ce choix a déjà une suite (then: republish) : après la nouvelle publication, "
                                     "l'apprenant·e continue là où mène l'étape de publication. Retirez next.")))
    return str(target)


def _condition(w: Doc) -> Condition:
    fields: dict[str, Any] = {k: w[k] for k in ("republished", "fixable_left") if k in w}
    fields |= {k: tuple(w[k]) for k in ("published_columns_include", "published_columns_exclude", "licence",
                                        "licence_not", "reached", "not_reached", "missed", "answered") if k in w}
    fields |= {k: str(w[k]) for k in ("score", "step", "personal_data", "clean") if k in w}
    return Condition(**fields)


def _debrief(d: Doc, p: Path, ck: _Checker, comps: tuple[str, ...]) -> DebriefStep:
    passages = tuple(Passage(x["text"], _condition(x.get("when", {})), ck.sources_of(x, p + ("passages", i)))
                     for i, x in enumerate(d.get("passages", [])))
    return DebriefStep(d["id"], d["title"], comps, ck.next_of(d, p), d.get("intro", ""), passages)


StepBuilder = Callable[[Doc, Path, _Checker, tuple[str, ...]], Step]

#: One builder per step kind. The clean, publish and reuse kinds register here.
STEP_BUILDERS: dict[str, StepBuilder] = {
    "dialogue": _dialogue,
    "quiz": _quiz,
    "sort": _sort,
    "clean": _clean,
    "publish": _publish,
    "reuse": _reuse,
    "fill": _fill,
    "debrief": _debrief,
}


def build_scenario(doc: Doc, competencies: frozenset[str] | None = None,
                   abilities: frozenset[str] | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Build the scenario of a schema-valid document.

    ``competencies`` are the ids of the framework the scenario uses, ``abilities`` its abilities
    (None: not checked).
    Returns the scenario (None when a problem makes it unplayable) and every problem found.
    """
    ck = _Checker(doc, competencies, abilities)
    ck.unique(doc.get("characters", []), ("characters",), "id", N_("Deux personnages portent l'identifiant « {value} »."))
    ck.unique(doc.get("sources", []), ("sources",), "id", N_("Deux sources portent l'identifiant « {value} »."))
    ck.unique(doc["steps"], ("steps",), "id", N_("Deux étapes portent l'identifiant « {value} »."))
    top_comps = ck.competencies_of(doc, ())
    steps = []
    for i, s in enumerate(doc["steps"]):
        path: Path = ("steps", i)
        builder = STEP_BUILDERS.get(s["kind"])
        if builder is None:  # the schema already reported the unknown kind
            continue
        steps.append(builder(s, path, ck, ck.competencies_of(s, path)))
        for c in steps[-1].competencies:
            if c not in top_comps and ck.competencies is not None and c in ck.competencies:
                ck.add(path + ("competencies",), msg(N_("L'étape évalue la compétence {value}, absente de la liste competencies du scénario."), value=c))
    if ck.problems:
        return None, ck.problems
    scenario = Scenario(
        id=doc["id"], version=doc["version"], title=doc["title"], summary=doc["summary"],
        language=doc["language"], duration=doc["duration"], level=doc["level"],
        competencies=top_comps, steps=tuple(steps),
        sources=tuple(Source(s["id"], s["title"], s["url"]) for s in doc.get("sources", [])),
        characters=tuple(Character(c["id"], c["name"], c.get("role", "")) for c in doc.get("characters", [])),
        framework=doc.get("framework", DEFAULT_FRAMEWORK),
        campaign_order=doc["campaign"]["order"] if "campaign" in doc else None,
    )
    return scenario, []
