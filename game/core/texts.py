"""The translatable text of a scenario: every display string with where it is written.

One list serves the game and the trainer's tools: the babel extractor that builds the
translation catalogs, the "missing translations" lint rule and :func:`text_fields` all walk the
scenario through :func:`scenario_texts`, so a string the game shows is a string translators see.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .messages import N_
from .problems import PathPart
from .scenario import (
    CleanStep,
    DebriefStep,
    DialogueStep,
    FillStep,
    PublishStep,
    QuizStep,
    ReuseStep,
    Scenario,
    SortStep,
    Step,
)

DocPath = tuple[PathPart, ...]

#: Language names said in messages (translated when shown, like any word of the game).
LANGUAGE_NAMES = {"fr": N_("français"), "en": N_("anglais"), "de": N_("allemand"), "es": N_("espagnol"),
                  "it": N_("italien"), "br": N_("breton"), "oc": N_("occitan")}


@dataclass(frozen=True, slots=True)
class ScenarioText:
    """One display string: its path in the document and a label for translators.

    ``label`` names items by their id where they have one (``steps/intro/lines/2/text``), so a
    translator reads which step a text belongs to.
    """

    path: DocPath
    label: str
    text: str


class _Collector:
    def __init__(self) -> None:
        self.out: list[ScenarioText] = []

    def add(self, path: DocPath, label: str, key: PathPart, text: str) -> None:
        if text:
            self.out.append(ScenarioText(path + (key,), f"{label}/{key}" if label else str(key), text))


def _dialogue_texts(step: DialogueStep, p: DocPath, lb: str, c: _Collector) -> None:
    for i, ln in enumerate(step.lines):
        c.add(p + ("lines", i), f"{lb}/lines/{i}", "text", ln.text)
    for i, ch in enumerate(step.choices):
        c.add(p + ("choices", i), f"{lb}/choices/{i}", "text", ch.text)
        c.add(p + ("choices", i), f"{lb}/choices/{i}", "feedback", ch.feedback)


def _quiz_texts(step: QuizStep, p: DocPath, lb: str, c: _Collector) -> None:
    for i, q in enumerate(step.questions):
        qp, ql = p + ("questions", i), f"{lb}/questions/{q.id}"
        c.add(qp, ql, "prompt", q.prompt)
        for j, o in enumerate(q.options):
            c.add(qp + ("options", j), f"{ql}/options/{j}", "text", o.text)
            c.add(qp + ("options", j), f"{ql}/options/{j}", "explanation", o.explanation)
        c.add(qp, ql, "explanation", q.explanation)


def _sort_texts(step: SortStep, p: DocPath, lb: str, c: _Collector) -> None:
    for i, b in enumerate(step.bins):
        c.add(p + ("bins", i), f"{lb}/bins/{b.id}", "label", b.label)
    for i, card in enumerate(step.cards):
        cp, cl = p + ("cards", i), f"{lb}/cards/{card.id}"
        c.add(cp, cl, "text", card.text)
        c.add(cp, cl, "detail", card.detail)
        c.add(cp, cl, "reason", card.reason)


def _clean_texts(step: CleanStep, p: DocPath, lb: str, c: _Collector) -> None:
    for i, hint in enumerate(step.hints):
        c.add(p + ("hints",), f"{lb}/hints", i, hint)
    for n in step.columns:
        c.add(p + ("columns", n.column), f"{lb}/columns/{n.column}", "one", n.one)
        c.add(p + ("columns", n.column), f"{lb}/columns/{n.column}", "many", n.many)


def _publish_texts(step: PublishStep, p: DocPath, lb: str, c: _Collector) -> None:
    c.add(p + ("publisher",), f"{lb}/publisher", "name", step.publisher)
    for i, t in enumerate(step.title_elements):
        c.add(p + ("title_elements", i), f"{lb}/title_elements/{i}", "label", t.label)
    for i, t in enumerate(step.title_elements):  # the words a title shows it by: translated too (years are not)
        if any(ch.isalpha() for w in t.words for ch in w):
            c.add(p + ("title_elements", i), f"{lb}/title_elements/{i}", "words", title_words_text(t.words))
    for name, text in step.licence_feedback:
        c.add(p + ("licence", "feedback"), f"{lb}/licence/feedback", name, text)
    for i, r in enumerate(step.resources):
        rp, rl = p + ("resources", i), f"{lb}/resources/{r.id}"
        c.add(rp, rl, "title", r.title)
        c.add(rp, rl, "description", r.description)


def _reuse_texts(step: ReuseStep, p: DocPath, lb: str, c: _Collector) -> None:
    for i, ch in enumerate(step.challenges):
        cp, cl = p + ("challenges", i), f"{lb}/challenges/{ch.id}"
        c.add(cp, cl, "question", ch.question)
        c.add(cp, cl, "explanation", ch.explanation)
        c.add(cp, cl, "cannot", ch.cannot)


def _fill_texts(step: FillStep, p: DocPath, lb: str, c: _Collector) -> None:
    """The documents the rows describe, the facts given to fill them, the explanations."""
    rows = [(p + ("example",), f"{lb}/example", step.example)] if step.example is not None else []
    rows += [(p + ("rows", i), f"{lb}/rows/{r.id}", r) for i, r in enumerate(step.rows)]
    for rp, rl, r in rows:
        c.add(rp, rl, "document", r.document)
        c.add(rp, rl, "detail", r.detail)
        c.add(rp, rl, "explanation", r.explanation)


def _debrief_texts(step: DebriefStep, p: DocPath, lb: str, c: _Collector) -> None:
    """A debrief shows its title, its intro and its passages."""
    for i, passage in enumerate(step.passages):
        c.add(p + ("passages", i), f"{lb}/passages/{i}", "text", passage.text)


#: The display strings of each step kind besides its title and intro (a new kind registers here,
#: as it does in ``STEP_BUILDERS``).
STEP_TEXTS: dict[type, Callable[[Any, DocPath, str, _Collector], None]] = {
    DialogueStep: _dialogue_texts, QuizStep: _quiz_texts, SortStep: _sort_texts, CleanStep: _clean_texts,
    PublishStep: _publish_texts, ReuseStep: _reuse_texts, FillStep: _fill_texts, DebriefStep: _debrief_texts,
}


def _step_texts(step: Step, p: DocPath, lb: str, c: _Collector) -> None:
    c.add(p, lb, "title", step.title)
    c.add(p, lb, "intro", getattr(step, "intro", ""))  # a dialogue has none
    STEP_TEXTS[type(step)](step, p, lb, c)


def scenario_texts(scenario: Scenario) -> list[ScenarioText]:
    """Every non-empty display string of a scenario, in reading order, each occurrence once."""
    c = _Collector()
    c.add((), "", "title", scenario.title)
    c.add((), "", "summary", scenario.summary)
    for i, ch in enumerate(scenario.characters):
        c.add(("characters", i), f"characters/{ch.id}", "name", ch.name)
    for i, ch in enumerate(scenario.characters):
        c.add(("characters", i), f"characters/{ch.id}", "role", ch.role)
    for i, s in enumerate(scenario.sources):
        c.add(("sources", i), f"sources/{s.id}", "title", s.title)
    for i, step in enumerate(scenario.steps):
        _step_texts(step, ("steps", i), f"steps/{step.id}", c)
    return c.out


def text_fields(scenario: Scenario) -> list[str]:
    """Every display string of a scenario once, in reading order (the msgids of its catalogs)."""
    return list(dict.fromkeys(t.text for t in scenario_texts(scenario)))


def catalog_path(lang: str) -> str:
    """A language's catalog, relative to the scenario folder (as said in hints)."""
    return f"locales/{lang}/LC_MESSAGES/scenario.po"


def short(text: str, width: int = 70) -> str:
    """A text on one line, cut with « … » past ``width`` characters (to quote it in a message)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def title_words_text(words: Sequence[str]) -> str:
    """A title element's words as one catalogue entry, « subvention, subventions »: the translator
    writes the words that show the same thing in their language, « grant, grants, subsidy »."""
    return ", ".join(words)


def with_translated_title_words(scenario: Scenario, translations: Mapping[str, Mapping[str, str]]) -> Scenario:
    """``scenario`` with each title element's ``translated`` words: those every catalogue gives
    for its words (a title in English is judged with English words; the scenario's own words are
    still accepted). The same scenario when no catalogue translates any."""
    steps: list[Step] = []
    for step in scenario.steps:
        if isinstance(step, PublishStep) and step.title_elements:
            elements = []
            for t in step.title_elements:
                key = title_words_text(t.words)
                extra = tuple(dict.fromkeys(
                    w for lang, table in sorted(translations.items()) if lang != scenario.language
                    for w in (x.strip() for x in table.get(key, "").split(",")) if w and w not in t.words))
                elements.append(replace(t, translated=extra) if extra != t.translated else t)
            if any(a is not b for a, b in zip(elements, step.title_elements, strict=True)):
                step = replace(step, title_elements=tuple(elements))
        steps.append(step)
    if all(a is b for a, b in zip(steps, scenario.steps, strict=True)):
        return scenario
    return replace(scenario, steps=tuple(steps))
