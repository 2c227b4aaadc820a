"""A sort step: one card at a time into a bin, with the reason for its right bin."""

from __future__ import annotations

from dataclasses import dataclass

from game.core.scenario import Card, SortStep
from game.engine.scene import Transition
from game.i18n import _
from game.play.session import PlaySession
from game.ui.widgets import DialogueBox, Label, Prompt, Widget

from .common import StepScene, sources_label, tr_s


@dataclass(frozen=True, slots=True)
class SortView:
    index: int
    total: int
    card: Card
    placed: str | None  # bin id chosen, None while not placed
    counts: tuple[tuple[str, int], ...]  # bin label -> cards placed there
    last: bool


def present(session: PlaySession, index: int | None = None) -> SortView:
    step = session.step
    assert isinstance(step, SortStep)
    order = session.order(step.id, len(step.cards))  # cards come shuffled, the same way on resume
    if index is None:
        index = next((i for i, k in enumerate(order) if session.state.placement(step.id, step.cards[k].id) is None),
                     len(order) - 1)
    card = step.cards[order[index]]
    counts = tuple((tr_s(b.label), sum(1 for c in step.cards if session.state.placement(step.id, c.id) == b.id))
                   for b in step.bins)
    return SortView(index, len(step.cards), card, session.state.placement(step.id, card.id), counts,
                    index == len(step.cards) - 1)


class SortScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.index: int | None = None
        super().__init__(services, **params)

    def widgets(self) -> list[Widget]:
        v = present(self.session, self.index)
        self.index = v.index
        step = self.session.step
        out: list[Widget] = self.header()
        if step.intro and v.placed is None:
            out.append(Label(tr_s(step.intro)))
        out.append(Label(_("Carte {n} sur {total}").format(n=v.index + 1, total=v.total), tone="muted"))
        text = tr_s(v.card.text) + (f"\n{tr_s(v.card.detail)}" if v.card.detail else "")
        out.append(DialogueBox("", text))
        if v.placed is None:
            out.append(Prompt(_("Dans quelle case rangez-vous cette carte ?")))  # focus here, not on a bin
            out += [self.button(tr_s(b.label), f"bin:{b.id}", primary=False) for b in step.bins]
        else:
            chosen = tr_s(step.bin_label(v.placed))
            out.append(Label(_("Vous l'avez rangée dans : {bin}").format(bin=chosen), bold=True))
            if v.placed == v.card.bin:
                out.append(Label(_("Bien vu."), bold=True, tone="success"))
            else:
                out.append(Label(_("Pas tout à fait : la bonne case est « {bin} ».").format(bin=tr_s(step.bin_label(v.card.bin))),
                                 bold=True, tone="error"))
            out.append(Label(tr_s(v.card.reason)))
            src = sources_label(self.session.scenario, v.card.sources)
            if src:
                out.append(src)
            out.append(self.button(_("Continuer") if v.last else _("Carte suivante"), "next"))
        summary = " · ".join(_("{label} : {count}").format(label=label, count=n) for label, n in v.counts)
        out.append(Label(_("Cartes rangées — {summary}").format(summary=summary), role="small", tone="muted"))
        return out

    def is_answer(self, widget: Widget) -> bool:
        return getattr(widget, "action", "").startswith("bin:")

    def on_action(self, action: str) -> Transition | None:
        if action.startswith("bin:"):
            self.session.place(present(self.session, self.index).card.id, action.split(":", 1)[1])
            self.rebuild(focus_action="next")
            return None
        if action == "next":
            return self.next_item(present(self.session, self.index).last)
        return None
