"""A dialogue step: lines one at a time, then choices with feedback."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.messages import N_
from game.core.scenario import DialogueStep
from game.engine.scene import Transition
from game.i18n import _
from game.play.session import PlaySession
from game.ui.widgets import DialogueBox, Label, Prompt, Widget

from .common import StepScene, sources_label, tr_s

GRADE_TEXT = {"juste": N_("Bonne réponse."), "partiel": N_("Réponse en partie juste."), "faux": N_("Réponse à revoir.")}
GRADE_TONE = {"juste": "success", "partiel": "warning", "faux": "error"}


@dataclass(frozen=True, slots=True)
class DialogueView:
    speaker: str
    line: str
    position: tuple[int, int]  # (line number, number of lines)
    more_lines: bool
    choices: tuple[tuple[int, str], ...]  # (choice index, text) in this attempt's order; empty once chosen
    chosen: int | None
    can_continue: bool
    can_reconsider: bool = False  # practice mode, a choice made: the learner may choose again
    tries: int = 0  # how many choices were made


def present(session: PlaySession, reconsidering: bool = False) -> DialogueView:
    step = session.step
    assert isinstance(step, DialogueStep)
    i = session.state.line
    ln = step.lines[i]
    who = session.scenario.character(ln.who)
    more = i < len(step.lines) - 1
    chosen = session.state.latest_choice(step.id)
    can_reconsider = chosen is not None and session.retries_allowed and len(step.choices) > 1
    choices = ()
    if not more and (chosen is None or (reconsidering and can_reconsider)):
        choices = tuple((k, tr_s(step.choices[k].text)) for k in session.order(step.id, len(step.choices)) if k != chosen)
    return DialogueView(tr_s(who.name) if who else ln.who, tr_s(ln.text), (i + 1, len(step.lines)), more,
                        choices, chosen if not choices else None, session.step_done() and not choices,
                        can_reconsider, session.state.tries("choice", step.id))


class DialogueScene(StepScene):
    reconsidering = False  # « Revenir sur mon choix » pressed: the other choices offered again

    def widgets(self) -> list[Widget]:
        v = present(self.session, self.reconsidering)
        step = self.session.step
        out: list[Widget] = self.header()
        if v.position[1] > 1:
            out.append(Label(_("Réplique {n} sur {total}").format(n=v.position[0], total=v.position[1]), role="small", tone="muted"))
        out.append(DialogueBox(v.speaker, v.line))
        if v.more_lines:
            out.append(self.button(_("Suite"), "line"))
        if v.choices:
            out.append(Prompt(_("Que répondez-vous ?")))  # the focus lands here, not on an answer
        for i, text in v.choices:
            out.append(self.button(text, f"choice:{i}", primary=False))
        if v.chosen is not None:
            c = step.choices[v.chosen]
            out.append(Label(_("Votre choix : {text}").format(text=tr_s(c.text)), bold=True))
            if c.grade:
                out.append(Label(_(GRADE_TEXT[c.grade]), bold=True, tone=GRADE_TONE[c.grade]))
            if c.feedback:
                out.append(Label(tr_s(c.feedback)))
            src = sources_label(self.session.scenario, c.sources)
            if src:
                out.append(src)
            if v.tries > 1:
                out.append(Label(_("Choix reconsidéré : le score compte votre premier choix."), role="small", tone="muted"))
            if v.can_reconsider:
                out.append(self.button(_("Revenir sur mon choix"), "reconsider", primary=False))
        if v.can_continue:
            out.append(self.button(_("Continuer"), "continue"))
        return out

    def is_answer(self, widget: Widget) -> bool:
        return getattr(widget, "action", "").startswith("choice:")

    def on_action(self, action: str) -> Transition | None:
        if action == "line":
            self.session.next_line()
            self.rebuild(focus_action="line" if present(self.session).more_lines else "prompt")
            return None
        if action.startswith("choice:"):
            self.session.choose(int(action.split(":")[1]))
            self.reconsidering = False
            self.rebuild(focus_action="continue")
            return None
        if action == "reconsider":  # practice mode: the other choices again, the focus on the prompt
            self.reconsidering = True
            self.rebuild(focus_action="prompt")
            return None
        if action == "continue":
            return self.proceed()
        return None
