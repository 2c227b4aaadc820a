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
    tries: int = 0  # how many times the card was placed (the latest bin is shown)
    can_retry: bool = False  # practice mode, the latest bin wrong: the learner may place it again


def present(session: PlaySession, index: int | None = None) -> SortView:
    step = session.step
    assert isinstance(step, SortStep)
    order = session.order(step.id, len(step.cards))  # cards come shuffled, the same way on resume
    if index is None:
        index = next((i for i, k in enumerate(order) if session.state.placement(step.id, step.cards[k].id) is None),
                     len(order) - 1)
    card = step.cards[order[index]]
    counts = tuple((tr_s(b.label), sum(1 for c in step.cards if session.state.latest_placement(step.id, c.id) == b.id))
                   for b in step.bins)
    placed = session.state.latest_placement(step.id, card.id)
    return SortView(index, len(step.cards), card, placed, counts, index == len(step.cards) - 1,
                    session.state.tries("placement", f"{step.id}/{card.id}"),
                    placed is not None and placed != card.bin and session.retries_allowed)


class SortScene(StepScene):
    def __init__(self, services, **params) -> None:
        self.index: int | None = None
        self.retrying = False  # « Réessayer » pressed: the bins again, for the next try
        self.revealed: set[str] = set()  # cards whose right bin the learner asked to see
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
        self.card_box = DialogueBox("", text)
        out.append(self.card_box)
        if v.placed is None or (self.retrying and v.can_retry):
            if v.tries:
                out.append(Label(_("Essai n° {n} : choisissez de nouveau.").format(n=v.tries + 1), bold=True))
            out.append(Prompt(_("Dans quelle case rangez-vous cette carte ?")))  # focus here, not on a bin
            out += [self.button(tr_s(b.label), f"bin:{b.id}", primary=False) for b in step.bins]
        else:
            chosen = tr_s(step.bin_label(v.placed))
            out.append(Label(_("Vous l'avez rangée dans : {bin}").format(bin=chosen), bold=True))
            hide = v.can_retry and v.card.id not in self.revealed  # the learner may find it: not given yet
            if v.placed == v.card.bin:
                out.append(Label(_("Bien vu."), bold=True, tone="success"))
                if v.tries > 1:
                    out.append(Label(_("Juste au {n}e essai : le score compte votre première réponse.").format(n=v.tries),
                                     role="small", tone="muted"))
            elif hide:
                out.append(Label(_("Pas tout à fait."), bold=True, tone="error"))
            else:
                out.append(Label(_("Pas tout à fait : la bonne case est « {bin} ».").format(bin=tr_s(step.bin_label(v.card.bin))),
                                 bold=True, tone="error"))
            out.append(Label(tr_s(v.card.reason)))
            src = sources_label(self.session.scenario, v.card.sources)
            if src:
                out.append(src)
            if hide:
                out.append(self.button(_("Réessayer"), "retry"))
                out.append(self.button(_("Voir la bonne case"), "reveal", primary=False))
            out.append(self.button(_("Continuer") if v.last else _("Carte suivante"), "next"))
        summary = " · ".join(_("{label} : {count}").format(label=label, count=n) for label, n in v.counts)
        out.append(Label(_("Cartes rangées — {summary}").format(summary=summary), role="small", tone="muted"))
        return out

    def is_answer(self, widget: Widget) -> bool:
        return getattr(widget, "action", "").startswith("bin:")

    def reveal(self) -> None:
        """While the bins are offered, the card to sort stays in view above the question (at 200 %
        text the bins alone fill the window): the bins below it follow with Tab."""
        super().reveal()
        focused = self.form.focus.focused if self.form else None
        if isinstance(focused, Prompt) and getattr(self, "card_box", None) is not None:
            self.form.panel.ensure_visible(self.card_box)
            self.form.panel.ensure_visible(focused)  # the question wins when both do not fit

    def on_action(self, action: str) -> Transition | None:
        if action.startswith("bin:"):
            self.session.place(present(self.session, self.index).card.id, action.split(":", 1)[1])
            self.retrying = False
            self.rebuild(focus_action="retry" if present(self.session, self.index).can_retry else "next")
            return None
        if action == "retry":  # practice mode: the bins again, the focus on the question
            self.retrying = True
            self.rebuild(focus_action="prompt")
            return None
        if action == "reveal":
            self.revealed.add(present(self.session, self.index).card.id)
            self.rebuild(focus_action="next")
            return None
        if action == "next":
            self.retrying = False
            return self.next_item(present(self.session, self.index).last)
        return None
