"""Where a step leads: the one rule the play session, the lint rules and the replay share.

A step leads to the step its file names (``next``), else to the step written after it, else
to the end of the scenario. A dialogue with choices leads where the choice made leads (the
choice's own ``next`` wins). A publication leads to a consequence step when what went out
calls for one: personal data left in the table first, then a licence the step does not accept.

:func:`routes` lists every way out of a step (lint walks them all); :func:`route` picks the one a
learner takes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .problems import PathPart
from .scenario import DialogueStep, PublishStep, Scenario, Step

DocPath = tuple[PathPart, ...]


@dataclass(frozen=True, slots=True)
class Route:
    """One way out of a step."""

    target: str | None  # the next step's id; None: the end of the scenario
    path: DocPath | None = None  # where the file writes this link; None: the order of the steps
    choice: int | None = None  # taken after this choice of a dialogue
    consequence: str = ""  # taken after a publication with this consequence (``personal-data``, ``licence``)
    by: str = "order"  # what sets the target: ``order`` (of the steps), ``step``, ``choice``, ``consequence`` (its ``next``)
    #: or ``republish`` (a choice that takes the learner back to a publication's form)


def routes(scenario: Scenario, step: Step) -> list[Route]:
    """Every way out of ``step``: one per choice of a dialogue with choices (else the step's own
    way), then one per consequence of a publish step, in the file's order."""
    i = scenario.index(step.id)
    own: DocPath | None = ("steps", i, "next") if step.next else None
    by = "step" if step.next else "order"
    out: list[Route] = []
    if isinstance(step, DialogueStep) and step.choices:
        for j, c in enumerate(step.choices):
            if c.republish:  # back to a publication's form, to publish again (not a loop: see route())
                out.append(Route(c.republish, ("steps", i, "choices", j, "then", "republish"), choice=j, by="republish"))
            elif c.next:
                out.append(Route(c.next, ("steps", i, "choices", j, "next"), choice=j, by="choice"))
            else:
                out.append(Route(scenario.following(step.id), own, choice=j, by=by))
    else:
        out.append(Route(scenario.following(step.id), own, by=by))
    if isinstance(step, PublishStep):
        out += [Route(target, ("steps", i, "consequences", what), consequence=what, by="consequence")
                for what, target in step.consequences]
    return out


def consequences(step: Step, *, personal_left: bool, licence: str | None) -> list[str]:
    """What a publication on ``step`` sets off, most serious first: personal data still in the
    published table, a licence the step does not accept (``None``: nothing was published)."""
    if not isinstance(step, PublishStep):
        return []
    out = ["personal-data"] if personal_left else []
    return out + (["licence"] if licence not in step.licences else [])


def route(scenario: Scenario, step: Step, *, choice: int | None = None, personal_left: bool = False,
          licence: str | None = None, played: Collection[str] = ()) -> Route:
    """The way a learner takes out of ``step``: after ``choice`` (the first one when none is given)
    on a dialogue with choices; after publishing under ``licence``, with personal data left or
    not, on a publish step. A consequence whose step is in ``played`` does not set off again: a
    publication made again after a consequence (``republish``) goes on where the step leads."""
    ways = routes(scenario, step)
    by_consequence = {r.consequence: r for r in ways if r.consequence and r.target not in played}
    for what in consequences(step, personal_left=personal_left, licence=licence):
        if what in by_consequence:
            return by_consequence[what]
    chosen = [r for r in ways if r.choice is not None]
    if chosen:
        return chosen[choice or 0]
    return ways[0]

