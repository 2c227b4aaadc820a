"""« Subventions du Département : le fichier Windows » (scenarios/subventions-nievre) played headless
through the real play layer: the reference path passes and shows every competency it announces; a
hurried learner who publishes a Windows file « as is », writes 0 for unknown amounts, never asks the
finance department and pads the SIREN with zeros does not get « Bravo », nor B2, nor the debrief's « you asked »."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from game.cli import parse_args
from game.cli import simulate as simulate_cli
from game.cli.simulate import Simulation
from game.core.assessment import pass_mark
from game.core.scenario import DebriefStep
from game.i18n import activate
from game.play.debrief import facts_of
from game.scenes.debrief import present
from game.storage.action_scripts import read_actions
from game.storage.scenarios import builtin_scenarios_dir, load_guarded

FOLDER = builtin_scenarios_dir() / "subventions-nievre"
ASKED = "Vous avez écrit au service des finances"
NOT_ASKED = "Vous n'avez pas écrit au service des finances"


@pytest.fixture(autouse=True)
def _french():
    activate("fr")
    yield
    activate("fr")


def play(actions: Path | None) -> tuple[dict, list[str]]:
    """The simulation's result and the debrief passages its screen would show (the reference path
    when ``actions``, a file of actions as ``explorateurs simulate`` reads it, is None)."""
    item = load_guarded(FOLDER / "scenario.yaml")
    assert item.scenario is not None and item.valid, item.problems
    with Simulation(item, "fr") as sim:
        if actions is None:
            sim.play_reference()
        else:
            for _number, _text, action in read_actions(actions):
                sim.do(action)
        result = sim.result()
        fw = sim.framework()
        a = sim.assessment(fw)
        sc = item.scenario
        step = next(s for s in sc.steps if isinstance(s, DebriefStep))
        facts = facts_of(sc, sim.session.state, a, pass_mark(fw))
        view = present(a, fw, step.intro, sc, step=step, facts=facts)
    return result, list(view.passages)


def reference_actions(tmp_path: Path) -> list[dict]:
    target = tmp_path / "ref.jsonl"
    args = parse_args(["simulate", str(FOLDER), "--write-reference", str(target)])
    assert simulate_cli.run(args, activate("fr"), io.StringIO(), io.StringIO()) == 0
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def evidence(result: dict) -> dict[str, dict[str, float]]:
    return {c["competency"]: {f'{e["step"]}/{e["item"]}': e["score"] for e in c["evidence"]}
            for c in result["competencies"]}


def test_the_reference_path_passes_and_evidences_encoding_and_asking():
    result, passages = play(None)
    debrief = result["debrief"]
    assert debrief["passed"] is True and debrief["verdict"].startswith("Bravo"), debrief["verdict"]
    assert debrief["to_review"] == []
    ev = evidence(result)
    assert set(ev) == {"A1", "B2", "B3", "C1", "C2", "C3"}
    assert all(len(items) >= 2 for items in ev.values()), ev
    # B2 is evidenced by the learner's own decision on the encoding and by what they saw in the workshop
    assert ev["B2"]["ouverture/0"] == 1.0 and ev["B2"]["ce-que-vous-avez-vu/lecture-fichier"] == 1.0
    # asking the department is an item of its own, and the debrief says it happened
    assert ev["B3"]["demander/0"] == 1.0 and ev["B3"]["message-service/quoi-demander"] == 1.0
    assert any(p.startswith(ASKED) for p in passages), passages
    assert not any(p.startswith(NOT_ASKED) for p in passages)
    # what the file cannot fix is left for the producer, and counted as such
    assert ev["B3"]["nettoyage/a-signaler-french-siret-value"] == 1.0


def hurried(reference: list[dict]) -> list[dict]:
    """The reference path with the choices of a hurried learner (see the module's docstring)."""
    out: list[dict] = []
    for a in reference:
        step, kind = a["step"], a["action"]
        if kind == "choose" and step == "ouverture":
            a = {**a, "choice": 2}  # « je le publie tel quel »
        elif kind == "choose" and step == "exemple":
            a = {**a, "choice": 1}  # 0 € for the unknown amounts
        elif kind == "answer" and a.get("question") == "lecture-fichier":
            a = {**a, "selected": [1]}  # « des points-virgules »
        elif kind == "choose" and step == "demander":
            a = {**a, "choice": 1}  # completes the identifiers alone instead of asking
        elif kind == "proceed" and step == "demander":  # … which leads to the department's complaint
            out += [a, {"action": "next-line", "step": "sans-demande"}, {"action": "proceed", "step": "sans-demande"}]
            continue
        elif step in ("message-service", "reponse-service"):
            continue  # never reached: the learner did not write to the department
        elif kind == "proceed" and step == "nettoyage":  # fourteen digits « to pass the validator »
            out += [{"action": "apply", "step": "nettoyage",
                     "operation": {"op": "find-replace", "column": "idAttribuant", "find": "225800010",
                                   "replace": "22580001000000", "whole_cell": True}},
                    {**a, "force": True}]  # the workshop no longer counts the goal as reached: « terminer »
            continue
        elif kind == "choose" and step == "dilemme":
            a = {**a, "choice": 2}  # pads the SIREN with 00000 to pass the validator
        out.append(a)
    return out


def test_a_hurried_path_gets_no_bravo_no_b2_and_the_debrief_says_nobody_asked(tmp_path):
    path = tmp_path / "hurried.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in hurried(reference_actions(tmp_path))),
                    encoding="utf-8")
    result, passages = play(path)
    debrief = result["debrief"]
    assert debrief["reached"]
    assert debrief["passed"] is False and not debrief["verdict"].startswith("Bravo"), debrief["verdict"]
    levels = {c["competency"]: c["level"] for c in result["competencies"]}
    assert levels["B2"] not in ("acquis", "maitrise"), levels
    ev = evidence(result)
    assert ev["B2"]["ouverture/2"] == 0.0 and ev["B2"]["ce-que-vous-avez-vu/lecture-fichier"] == 0.0
    assert "message-service/quoi-demander" not in ev["B3"] and ev["B3"]["demander/1"] == 0.0
    assert any(p.startswith(NOT_ASKED) for p in passages), passages
    assert not any(p.startswith(ASKED) for p in passages)
    assert not any(p.startswith("Vous avez corrigé") for p in passages), passages  # the SIREN was padded
