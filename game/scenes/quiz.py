"""A quiz step: one question at a time, explanation and source after each answer."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.quiz_feedback import AnswerFeedback, answer_feedback
from game.core.scenario import Question, QuizStep
from game.engine import intents as I
from game.engine.scene import Transition
from game.i18n import _
from game.play.session import PlaySession
from game.ui.widgets import ChoiceGroup, Label, Prompt, Widget

from .common import StepScene, sources_label, tr_s


@dataclass(frozen=True, slots=True)
class QuizView:
    index: int
    total: int
    question: Question
    answer: tuple[int, ...] | None
    correct: bool | None
    last: bool
    tries: int = 0  # how many times the question was answered (the latest answer is shown)
    can_retry: bool = False  # practice mode, the latest answer wrong: the learner may try again
    feedback: AnswerFeedback | None = None  # once answered: missed and wrongly ticked options, explanations


def option_texts(q: Question) -> list[str]:
    return [_("Vrai"), _("Faux")] if q.type == "vrai-faux" else [tr_s(o.text) for o in q.options]


def present(session: PlaySession, index: int | None = None) -> QuizView:
    step = session.step
    assert isinstance(step, QuizStep)
    if index is None:  # the first question not answered yet, else the last one
        index = next((i for i, q in enumerate(step.questions) if session.state.answer(step.id, q.id) is None),
                     len(step.questions) - 1)
    q = step.questions[index]
    a = session.state.latest_answer(step.id, q.id)
    correct = None if a is None else q.is_correct(frozenset(a))
    fb = None if a is None else answer_feedback(q, frozenset(a))
    return QuizView(index, len(step.questions), q, a, correct, index == len(step.questions) - 1,
                    session.state.tries("answer", f"{step.id}/{q.id}"),
                    correct is False and session.retries_allowed, fb)


def verdict_lines(v: QuizView, reveal: bool = True) -> list[tuple[str, str]]:
    """What the learner reads after answering, as (text, tone): their answer and the verdict; for a
    wrong multiple-answer question, each option ticked (right or wrongly) and each right option
    missed, by name, instead of the whole right list. With ``reveal=False`` (the learner may try
    again), the right options are not named."""
    q, fb = v.question, v.feedback
    if fb is None or v.answer is None:
        return []
    texts = option_texts(q)
    picked = _("Votre réponse : {answer}").format(answer=" · ".join(texts[i] for i in v.answer))
    if fb.correct:
        return [(picked, "text"), (_("Bonne réponse."), "success")]
    if q.type != "multiple":
        right = " · ".join(texts[i] for i in sorted(q.correct_indexes))
        verdict = (_("Réponse à revoir. La bonne réponse : {answer}").format(answer=right) if reveal
                   else _("Réponse à revoir."))
        return [(picked, "text"), (verdict, "error")]
    out = [(_("Réponse à revoir."), "error")]
    out += [("• " + _("Cochée, et juste : {option}").format(option=texts[i]), "success")
            for i in v.answer if i in q.correct_indexes]
    out += [("• " + _("Cochée à tort : {option}").format(option=texts[i]), "error") for i in fb.wrong]
    if reveal:
        out += [("• " + _("Oubliée (elle était juste) : {option}").format(option=texts[i]), "error")
                for i in fb.missed]
    elif fb.missed:
        out.append(("• " + _("Il manque encore au moins une réponse juste."), "error"))
    return out


class QuizScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.index: int | None = None
        self.error = ""
        self.choices: ChoiceGroup | None = None
        self.shown: list[int] = []
        self.retrying = False  # « Réessayer » pressed: the options again, for the next try
        self.revealed: set[str] = set()  # questions whose right answer the learner asked to see
        self.verdict: list[Widget] = []  # once answered: « Votre réponse » and the verdict, kept in view
        self.question_label: Label | None = None  # once answered: the question, above the verdict
        super().__init__(services, **params)

    def widgets(self) -> list[Widget]:
        v = present(self.session, self.index)
        self.index = v.index
        q = v.question
        out: list[Widget] = self.header()
        step = self.session.step
        if step.intro and v.index == 0 and v.answer is None:
            out.append(Label(tr_s(step.intro)))
        out.append(Label(_("Question {n} sur {total}").format(n=v.index + 1, total=v.total), tone="muted"))
        asking = v.answer is None or (self.retrying and v.can_retry)
        if asking:  # the focus starts on the question, not on an answer
            out.append(Prompt(tr_s(q.prompt), role="heading"))
        else:
            self.question_label = Label(tr_s(q.prompt), role="heading", bold=True)
            out.append(self.question_label)
        texts = option_texts(q)
        self.verdict = []
        if asking:
            if v.tries:
                out.append(Label(_("Essai n° {n} : choisissez de nouveau.").format(n=v.tries + 1), bold=True))
            if q.type == "multiple":
                out.append(Label(_("Plusieurs réponses possibles : cochez-les avec Espace, puis Entrée pour valider."), role="small", tone="muted"))
            else:
                out.append(Label(_("Choisissez avec les flèches, puis Entrée pour valider."), role="small", tone="muted"))
            self.shown = list(range(len(texts))) if q.type == "vrai-faux" else self.session.order(q.id, len(texts))
            self.choices = ChoiceGroup([texts[i] for i in self.shown], multiple=q.type == "multiple",
                                       action=None if q.type == "multiple" else "pick")
            out.append(self.choices)
            if self.error:
                out.append(Label(self.error, tone="error"))
            out.append(self.button(_("Valider la réponse"), "answer"))
            return out
        self.choices = None
        hide = v.can_retry and q.id not in self.revealed  # the learner may find it: the answer is not given yet
        self.verdict = [Label(text, bold=True, tone=tone) for text, tone in verdict_lines(v, reveal=not hide)]
        out += self.verdict
        if v.correct and v.tries > 1:
            out.append(Label(_("Juste au {n}e essai : le score compte votre première réponse.").format(n=v.tries),
                             role="small", tone="muted"))
        shown = answer_feedback(q, frozenset(v.answer), reveal=not hide).explanations
        out += [Label(tr_s(text)) for text in shown]
        src = sources_label(self.session.scenario, q.sources)
        if src:
            out.append(src)
        if hide:
            out.append(self.button(_("Réessayer"), "retry"))
            out.append(self.button(_("Voir la bonne réponse"), "reveal", primary=False))
        out.append(self.button(_("Continuer") if v.last else _("Question suivante"), "next"))
        return out

    def reveal(self) -> None:
        """Once answered, the focus is on « Question suivante », below the explanation: at a large
        text size, the page scrolls to the verdict, never past it (the explanation follows below)."""
        super().reveal()
        if not (self.form and self.verdict):
            return
        panel = self.form.panel
        panel.ensure_visible(self.verdict[-1])
        if self.question_label is not None:  # the question above the verdict, when both fit
            panel.ensure_visible(self.question_label)
        if self.verdict[-1].rect.bottom > panel.rect.bottom:  # they do not: the verdict on top
            panel.ensure_visible(self.verdict[-1])
            panel.ensure_visible(self.verdict[0])
        self._no_half_line(self.verdict[0])  # no question cut in half above the verdict

    def is_answer(self, widget: Widget) -> bool:
        return isinstance(widget, ChoiceGroup) or getattr(widget, "action", None) == "answer"

    def handle(self, intent: I.Intent) -> Transition | None:
        # Enter (not Space) on the options validates, as the footer says; Space only ticks.
        # A held Enter (auto-repeat) validates nothing: the form drops it.
        if (intent.kind == I.ACTIVATE and not intent.from_space and not intent.repeat and self.form is not None
                and self.form.focus.focused is getattr(self, "choices", None) and self.choices is not None):
            if not self.choices.multiple:
                self.choices.selected = {self.choices.cursor}
            return self.on_action("answer")
        return super().handle(intent)

    def on_action(self, action: str) -> Transition | None:
        if action == "pick":  # single choice ticked with Space: validation stays explicit
            return None
        if action == "answer":
            if not self.choices.selected:
                self.error = _("Choisissez au moins une réponse (flèches puis Espace).")
                self.rebuild(focus_action="answer")
                return None
            self.error = ""
            picked = frozenset(self.shown[i] for i in self.choices.selected)
            self.session.answer(present(self.session, self.index).question.id, picked)
            self.retrying = False
            self.rebuild(focus_action="retry" if present(self.session, self.index).can_retry else "next")
            return None
        if action == "retry":  # practice mode: the options again, the focus on the question
            self.retrying = True
            self.rebuild(focus_action="prompt")
            return None
        if action == "reveal":
            self.revealed.add(present(self.session, self.index).question.id)
            self.rebuild(focus_action="next")
            return None
        if action == "next":
            self.retrying = False
            return self.next_item(present(self.session, self.index).last)
        return None
