"""The scenario model: frozen dataclasses built from a trainer's YAML file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .messages import N_

#: The two options of a true/false question, as recorded; marked so the views translate them.
TRUE_FALSE = {"Vrai": N_("Vrai"), "Faux": N_("Faux")}

Grade = Literal["juste", "partiel", "faux"]
GRADE_SCORE: dict[str, float] = {"juste": 1.0, "partiel": 0.5, "faux": 0.0}
QuestionType = Literal["unique", "multiple", "vrai-faux"]
DEFAULT_FRAMEWORK = "competences-donnees"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    who: str
    text: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    grade: Grade | None = None
    feedback: str = ""
    sources: tuple[str, ...] = ()
    next: str | None = None
    #: what choosing it evidences (the step's competencies when the file gives none)
    competencies: tuple[str, ...] = ()
    #: a consequence that acts: this choice takes the learner back to this publish step, its form
    #: filled as it was published, to publish again (the new publication replaces the old one)
    republish: str | None = None


@dataclass(frozen=True, slots=True)
class QuizOption:
    text: str
    correct: bool = False
    explanation: str = ""  # shown when this option is ticked wrongly (or, when right, missed)


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    type: QuestionType
    prompt: str
    explanation: str
    options: tuple[QuizOption, ...] = ()
    answer: bool | None = None
    sources: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    ability: str = ""  # the framework ability it tests (« A1.concernee »): failed, it caps the level

    @property
    def choices(self) -> tuple[str, ...]:
        """The option texts; a true/false question offers « Vrai » and « Faux » (translated when shown)."""
        if self.type == "vrai-faux":
            return tuple(TRUE_FALSE)
        return tuple(o.text for o in self.options)

    @property
    def correct_indexes(self) -> frozenset[int]:
        if self.type == "vrai-faux":
            return frozenset({0 if self.answer else 1})
        return frozenset(i for i, o in enumerate(self.options) if o.correct)

    def is_correct(self, selected: frozenset[int]) -> bool:
        return selected == self.correct_indexes


@dataclass(frozen=True, slots=True)
class Bin:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Card:
    id: str
    text: str
    bin: str
    reason: str
    detail: str = ""
    sources: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    ability: str = ""  # the framework ability it tests


@dataclass(frozen=True, slots=True)
class StepBase:
    id: str
    title: str
    competencies: tuple[str, ...] = ()
    next: str | None = None


@dataclass(frozen=True, slots=True)
class DialogueStep(StepBase):
    lines: tuple[Line, ...] = ()
    choices: tuple[Choice, ...] = ()
    ability: str = ""  # the framework ability its graded choice tests
    kind: str = field(default="dialogue", init=False)


@dataclass(frozen=True, slots=True)
class QuizStep(StepBase):
    questions: tuple[Question, ...] = ()
    intro: str = ""
    kind: str = field(default="quiz", init=False)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


@dataclass(frozen=True, slots=True)
class SortStep(StepBase):
    bins: tuple[Bin, ...] = ()
    cards: tuple[Card, ...] = ()
    intro: str = ""
    kind: str = field(default="sort", init=False)

    def card(self, card_id: str) -> Card:
        return next(c for c in self.cards if c.id == card_id)

    def bin_label(self, bin_id: str) -> str:
        return next((b.label for b in self.bins if b.id == bin_id), bin_id)


@dataclass(frozen=True, slots=True)
class CleanGoal:
    max_errors: int = 0
    max_warnings: int | None = None
    codes: tuple[str, ...] = ()  # only these error codes count (empty: all)


@dataclass(frozen=True, slots=True)
class KeepValue:
    column: str
    value: str


@dataclass(frozen=True, slots=True)
class ColumnNote:
    """What a clean step says about one column of the cleaned file: how to name one of its values
    and several (« prénom », « prénoms ») when telling the learner about them, and the other values
    accepted as right where the reference recipe gives a value (« Assia-Amélie » -> « Assia Amélie »)."""

    column: str
    one: str = ""
    many: str = ""
    accept: tuple[tuple[str, tuple[str, ...]], ...] = ()


#: Competency evidenced by an error code when the scenario does not say (B2: a quality CSV file,
#: B3: conformity to the schema).
DEFAULT_EVIDENCE = {
    "blank-header": "B2", "duplicate-label": "B2", "blank-row": "B2", "extra-cell": "B2", "missing-cell": "B2",
    "missing-label": "B2", "extra-label": "B2", "incorrect-label": "B2", "missing-required-header": "B2",
}


#: The criterion of a clean step that says no data was lost (rows, values to keep, no new kind of
#: error); B3 unless the scenario maps it (``evidence: {donnees-preservees: …}``).
PRESERVED = "donnees-preservees"


@dataclass(frozen=True, slots=True)
class CleanStep(StepBase):
    dataset: str = ""  # file name in the scenario's data/ folder
    schema: str = ""  # shipped schema name (scdl/prenoms) or a path relative to the scenario folder
    reference: tuple[dict[str, Any], ...] = ()  # the reference recipe (operations as JSON objects)
    intro: str = ""
    goal: CleanGoal = CleanGoal()
    operations: tuple[str, ...] = ()  # offered in the palette (empty: all)
    keep_rows: bool = True
    keep_values: tuple[KeepValue, ...] = ()
    evidence: tuple[tuple[str, str], ...] = ()  # error or warning code, or PRESERVED -> competency
    hints: tuple[str, ...] = ()
    kind: str = field(default="clean", init=False)
    columns: tuple[ColumnNote, ...] = ()  # per column: how to name its values, other right values
    abilities: tuple[tuple[str, str], ...] = ()  # error code or criterion -> framework ability it tests

    def competency_for(self, code: str) -> str:
        return dict(self.evidence).get(code) or DEFAULT_EVIDENCE.get(code, "B3")

    def ability_for(self, criterion: str) -> str:
        """The framework ability a criterion of this step tests (``abilities:``), or ""."""
        return dict(self.abilities).get(criterion, "")

    def column_note(self, column: str) -> ColumnNote | None:
        return next((n for n in self.columns if n.column == column), None)


@dataclass(frozen=True, slots=True)
class TitleHint:
    """Something a specific title names (who, what, where, when), with the words that show it:
    ``words`` in the scenario's language, ``translated`` the words its catalogues give for them
    (« grant, grants » for « subvention, subventions »), accepted too."""

    label: str
    words: tuple[str, ...]
    translated: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OfferedResource:
    """A file the learner may attach to the dataset besides the cleaned CSV."""

    id: str
    title: str
    format: str
    type: str = "documentation"  # udata resource type: main, documentation, update, api, code, other
    description: str = ""
    file: str = ""  # in the scenario's data/ folder, copied to the portal when given


#: Competency evidenced by each publishing criterion when the scenario does not say.
PUBLISH_EVIDENCE = {"licence": "C1", "documentation": "C2", "publication": "C3", "personal-data": "B4"}
#: Where a scenario may send the learner after publishing, by what went wrong.
CONSEQUENCES = ("personal-data", "licence")


@dataclass(frozen=True, slots=True)
class PublishStep(StepBase):
    source: str = ""  # the clean step whose cleaned table is published (``from`` in the file)
    dataset_id: str = ""  # the dataset's identifier (slug) in the portal
    publisher: str = ""
    publisher_siret: str = ""
    theme: str = ""
    intro: str = ""
    title_elements: tuple[TitleHint, ...] = ()
    licences: tuple[str, ...] = ("lo-2.0", "odbl")  # licences accepted for this dataset
    best_licence: str = ""  # when given, the other accepted licences earn half the points
    licence_feedback: tuple[tuple[str, str], ...] = ()  # licence id -> what the mentor says
    resources: tuple[OfferedResource, ...] = ()
    personal_columns: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()  # udata quality criteria assessed (empty: all nine)
    consequences: tuple[tuple[str, str], ...] = ()  # "personal-data" | "licence" -> step id
    reference: dict[str, Any] = field(default_factory=dict)  # metadata earning full marks (checked)
    evidence: tuple[tuple[str, str], ...] = ()  # criterion -> competency
    #: criteria whose failure at the first try means « Pas encore » whatever the score (``blocking``);
    #: None: the default, personal data online when the step names personal columns
    blocking: tuple[str, ...] | None = None
    kind: str = field(default="publish", init=False)

    def blocking_criteria(self) -> tuple[str, ...]:
        """The criteria that cannot be made up for by the other points."""
        if self.blocking is not None:
            return self.blocking
        return ("licence", "personal-data") if self.personal_columns else ("licence",)

    def blocks(self, criterion: str, licence: str) -> bool:
        """Whether ``criterion``, missed by a publication under ``licence``, is one the other points cannot
        make up for: a blocking criterion — the licence only when the step does not accept it (one the
        décret n° 2017-638 does not allow, say), not when it is allowed but not the step's best one."""
        return criterion in self.blocking_criteria() and (criterion != "licence" or licence not in self.licences)

    def competency_for(self, criterion: str) -> str:
        return dict(self.evidence).get(criterion) or PUBLISH_EVIDENCE[criterion]

    def feedback_for(self, licence: str) -> str:
        return dict(self.licence_feedback).get(licence, "")

    def consequence(self, what: str) -> str | None:
        return dict(self.consequences).get(what)


@dataclass(frozen=True, slots=True)
class Challenge:
    """A reuser's question, answered from the table the learner published."""

    id: str
    who: str  # a character of the scenario
    question: str
    reference: dict[str, Any]  # the query that computes the answer (game.core.reuse.Query JSON)
    answer_kind: str = "number"  # number | list | text
    tolerance: float = 0.0  # absolute, for numbers
    relative: float = 0.0  # relative, for numbers (0.01 = 1 %)
    column: str = ""  # the result column holding the answer (lists, numbers)
    chart: str = ""  # bar | line | map: the chart the question calls for (a suggestion)
    explanation: str = ""
    cannot: str = ""  # what the reuser says when the published data cannot answer
    blame: str = ""  # the step where it went wrong (linked from the debrief)
    sources: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    ability: str = ""  # the framework ability it tests


@dataclass(frozen=True, slots=True)
class ReuseStep(StepBase):
    source: str = ""  # the publish (or clean) step whose table the reusers use (``from`` in the file)
    intro: str = ""
    challenges: tuple[Challenge, ...] = ()
    kind: str = field(default="reuse", init=False)

    def challenge(self, challenge_id: str) -> Challenge:
        return next(c for c in self.challenges if c.id == challenge_id)


@dataclass(frozen=True, slots=True)
class FillRow:
    """One row of a table the learner fills in: what it describes (``document``, with ``detail``:
    the facts the learner reads to fill it) and the values the reference row gives."""

    id: str
    document: str
    reference: tuple[tuple[str, str], ...]  # field -> value of the reference row
    detail: str = ""
    explanation: str = ""  # shown after the row is checked, and in the debrief
    accept: tuple[tuple[str, tuple[str, ...]], ...] = ()  # field -> other right values
    sources: tuple[str, ...] = ()
    competencies: tuple[str, ...] = ()
    ability: str = ""

    def value(self, field_name: str) -> str:
        return dict(self.reference).get(field_name, "")

    def accepted(self, field_name: str) -> tuple[str, ...]:
        return (self.value(field_name),) + dict(self.accept).get(field_name, ())


@dataclass(frozen=True, slots=True)
class FillStep(StepBase):
    """The learner fills rows of a table under a Table Schema, one row at a time, each validated
    live and compared, field by field (``graded``), with its reference row."""

    schema: str = ""  # shipped schema name (scdl/catalogue) or a path in the scenario folder
    intro: str = ""
    fields: tuple[str, ...] = ()  # the columns the learner fills, in the order shown
    given: tuple[tuple[str, str], ...] = ()  # field -> value common to every row, shown, not edited
    graded: tuple[str, ...] = ()  # the fields compared with the reference (the others need only be valid)
    example: FillRow | None = None  # a worked example, shown filled and explained, not graded
    rows: tuple[FillRow, ...] = ()
    kind: str = field(default="fill", init=False)

    def row(self, row_id: str) -> FillRow:
        return next(r for r in self.rows if r.id == row_id)


#: Score bands a debrief passage may be written for: at or above the pass mark, or below it.
SCORE_BANDS = ("pass", "below_pass")
#: Whether personal data is in the published table (``personal_data:`` of a passage's condition).
PERSONAL_DATA = ("published", "withheld")


@dataclass(frozen=True, slots=True)
class Condition:
    """When a debrief passage is true: every field given must hold (``when:`` in the file)."""

    score: str = ""  # "pass" | "below_pass" (SCORE_BANDS)
    step: str = ""  # the publish step the publication conditions look at ("" : the scenario's only one)
    published_columns_include: tuple[str, ...] = ()  # all these columns were published
    published_columns_exclude: tuple[str, ...] = ()  # none of these columns was published (and something was)
    personal_data: str = ""  # "published" | "withheld" (PERSONAL_DATA)
    licence: tuple[str, ...] = ()  # published under one of these licences
    licence_not: tuple[str, ...] = ()  # published under none of these licences
    republished: bool | None = None  # published more than once (a consequence acted) or not
    reached: tuple[str, ...] = ()  # every one of these steps was played (a consequence reached…)
    not_reached: tuple[str, ...] = ()  # none of these steps was played
    missed: tuple[str, ...] = ()  # these graded items (question, card, challenge ids) were all missed
    answered: tuple[str, ...] = ()  # these graded items were all answered right
    clean: str = ""  # the clean step the ``fixable_left`` condition looks at ("" : the only one)
    fixable_left: bool | None = None  # errors the learner could have fixed remain (True) or not (False)


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph of a debrief shown when its condition holds; ``{step.fact}`` placeholders are
    replaced by what the learner did (see game.core.debrief)."""

    text: str
    when: Condition = Condition()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DebriefStep(StepBase):
    intro: str = ""
    passages: tuple[Passage, ...] = ()
    kind: str = field(default="debrief", init=False)


Step = DialogueStep | QuizStep | SortStep | CleanStep | PublishStep | ReuseStep | FillStep | DebriefStep


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    version: str
    title: str
    summary: str
    language: str
    duration: int
    level: str
    competencies: tuple[str, ...]
    steps: tuple[Step, ...]
    sources: tuple[Source, ...] = ()
    characters: tuple[Character, ...] = ()
    framework: str = DEFAULT_FRAMEWORK
    campaign_order: int | None = None  # its place in the campaign (``campaign: {order: N}``), None: not in it

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def has_step(self, step_id: str) -> bool:
        return any(s.id == step_id for s in self.steps)

    def index(self, step_id: str) -> int:
        return next(i for i, s in enumerate(self.steps) if s.id == step_id)

    def following(self, step_id: str, choice: Choice | None = None) -> str | None:
        """The id of the step after ``step_id`` (a choice's ``next`` wins), or None at the end."""
        if choice is not None and choice.next:
            return choice.next
        step = self.step(step_id)
        if step.next:
            return step.next
        i = self.index(step_id)
        return self.steps[i + 1].id if i + 1 < len(self.steps) else None

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def character(self, character_id: str) -> Character | None:
        return next((c for c in self.characters if c.id == character_id), None)
