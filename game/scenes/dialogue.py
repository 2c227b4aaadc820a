"""A dialogue step: lines one at a time, then choices with feedback."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.messages import N_
from game.core.scenario import DialogueStep
from game.engine.scene import Transition
from game.i18n import _
from game.play.session import PlaySession
from game.ui.widgets import DialogueBox, Label, Widget

from .common import StepScene, sources_label, tr_s

GRADE_TEXT = {"juste": N_("Bonne réponse."), "partiel": N_("Réponse en partie juste."), "faux": N_("Réponse à revoir.")}
GRADE_TONE = {"juste": "success", "partiel": "warning", "faux": "error"}


@dataclass(frozen=True, slots=True)
class DialogueView:
    lines: tuple[tuple[str, str], ...]  # (speaker, text) shown so far
    more_lines: bool
    choices: tuple[str, ...]  # offered choices (empty once chosen)
    chosen: int | None
    can_continue: bool


def present(session: PlaySession) -> DialogueView:
    step = session.step
    assert isinstance(step, DialogueStep)
    sc = session.scenario
    shown = []
    for ln in step.lines[: session.state.line + 1]:
        who = sc.character(ln.who)
        name = tr_s(who.name) if who else ln.who
        shown.append((name, tr_s(ln.text)))
    more = session.state.line < len(step.lines) - 1
    chosen = session.state.choice(step.id)
    choices = tuple(tr_s(c.text) for c in step.choices) if not more and chosen is None else ()
    return DialogueView(tuple(shown), more, choices, chosen, session.step_done())


class DialogueScene(StepScene):
    def widgets(self) -> list[Widget]:
        v = present(self.session)
        step = self.session.step
        out: list[Widget] = self.header()
        out += [DialogueBox(who, text) for who, text in v.lines]
        if v.more_lines:
            out.append(self.button(_("Suite"), "line"))
        for i, text in enumerate(v.choices):
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
        if v.can_continue:
            out.append(self.button(_("Continuer"), "continue"))
        return out

    def on_action(self, action: str) -> Transition | None:
        if action == "line":
            self.session.next_line()
            self.rebuild(focus_action="line" if present(self.session).more_lines else None)
            return None
        if action.startswith("choice:"):
            self.session.choose(int(action.split(":")[1]))
            self.rebuild(focus_action="continue")
            return None
        if action == "continue":
            return self.proceed()
        return None
