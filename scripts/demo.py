"""Key scripts that play a scenario from the title screen, for screenshots and real-window tests.

A script is the engine's list of steps (``key:RETURN``, ``text:…``, ``shot:…``): the game runs
it through the same event path as a person at the keyboard. It follows the focus order of the
screens: the first focusable widget of each screen has the focus when it opens. When answers
appear (a dialogue's choices, a quiz question, a card to sort), the focus is on the question's
text: a deliberate Tab reaches the first answer, as Enter there chooses nothing.
"""

from __future__ import annotations

from game.core.scenario import DebriefStep, DialogueStep, QuizStep, Scenario, SortStep

SETTLE = "wait:12"  # lets the short fade between screens end before a screenshot


def playthrough(scenario: Scenario, pseudonym: str = "Camille", shots: dict[str, str] | None = None,
                stop_at: str | None = None, library_index: int = 0) -> list[str]:
    """Title → new profile → library → every step → debrief → library.

    ``shots`` maps a screen name (``title``, ``settings``, ``profiles``, ``library``, a step kind,
    ``library-done``) to a PNG path taken when that screen first shows. ``stop_at`` ends the
    script on the first screen of that name (after its shot). ``library_index``: the scenario's
    place in the library (see :func:`library_index`).
    """
    shots = shots or {}
    out: list[str] = []
    taken: set[str] = set()

    def screen(name: str) -> bool:
        out.append(SETTLE)
        if name in shots and name not in taken:
            out.append(f"shot:{shots[name]}")
            taken.add(name)
        return name == stop_at

    if screen("title"):
        return out
    if "settings" in shots:
        out += ["key:TAB", "key:RETURN"]
        screen("settings")
        out += ["key:ESCAPE", SETTLE, "key:shift+TAB"]
    out.append("key:RETURN")
    if screen("profiles"):
        return out
    out += [f"text:{pseudonym}", "key:RETURN"]
    if screen("library"):
        return out
    out += ["key:DOWN"] * library_index + ["key:RETURN"]
    for step in scenario.steps:
        if screen(step.kind):
            return out
        if isinstance(step, DialogueStep):
            out += ["key:RETURN", "wait:2"] * (len(step.lines) - 1)
            if step.choices:
                out += ["key:TAB", "key:RETURN", "wait:2"]  # from the question to the first choice
            out.append("key:RETURN")  # Continuer
        elif isinstance(step, QuizStep):
            for _ in step.questions:
                out += ["key:TAB", "key:SPACE", "key:TAB", "key:RETURN", "wait:2", "key:RETURN", SETTLE]
        elif isinstance(step, SortStep):
            for _ in step.cards:
                out += ["key:TAB", "key:RETURN", "wait:2", "key:RETURN", "wait:2"]  # first bin, then next card
        elif isinstance(step, DebriefStep):
            out.append("key:RETURN")  # Retour à la bibliothèque
    screen("library-done")
    return out


def to_clean_step(scenario: Scenario, library_index: int, shots: dict[str, str] | None = None,
                  pseudonym: str = "Camille") -> list[str]:
    """Title → new profile → the ``library_index``-th scenario → through its first dialogue to its
    clean step; shots ``clean`` (the workshop) and ``palette`` (the operation list, then a form)."""
    shots = shots or {}
    out = [SETTLE, "key:RETURN", SETTLE, f"text:{pseudonym}", "key:RETURN", SETTLE]
    out += ["key:DOWN"] * library_index + ["key:RETURN", SETTLE]
    for step in scenario.steps:
        if isinstance(step, DialogueStep):
            out += ["key:RETURN", "wait:2"] * (len(step.lines) - 1)
            out += (["key:TAB", "key:RETURN", "wait:2"] if step.choices else []) + ["key:RETURN", SETTLE]
        else:
            out.append("wait:120")  # the dataset is read on a worker thread (Xvfb: about 7 ms a frame)
            break
    if "clean" in shots:
        out.append(f"shot:{shots['clean']}")
    if "palette" in shots:  # grid → errors → « Appliquer une opération… »
        out += ["key:TAB", "key:TAB", "key:RETURN", SETTLE, f"shot:{shots['palette']}"]
    return out


def library_index(scenario_id: str, scenarios: list[Scenario]) -> int:
    """Where the library lists a valid scenario among ``scenarios`` (all valid), as the game sorts it."""
    from game.play.services import library_key

    return [s.id for s in sorted(scenarios, key=lambda s: library_key(s.id, s))].index(scenario_id)
