"""« Prénoms, l'année d'après » played headless: the reference path passes; a learner who publishes
the first names given once, or who keeps each year on a new page, is not told « Bravo »."""

from __future__ import annotations

import io
import json
from pathlib import Path

from game.cli import parse_args
from game.cli import simulate as simulate_cli
from game.i18n import activate

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "prenoms-annee-suivante"


def simulate(*argv: str) -> dict:
    args = parse_args(["simulate", *argv, "--format", "json"])
    tr = activate("fr")
    out, err = io.StringIO(), io.StringIO()
    code = simulate_cli.run(args, tr, out, err)
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


def reference_actions(tmp_path: Path) -> list[dict]:
    target = tmp_path / "reference.jsonl"
    args = parse_args(["simulate", str(SCENARIO), "--write-reference", str(target)])
    assert simulate_cli.run(args, activate("fr"), io.StringIO(), io.StringIO()) == 0
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines() if line.strip()]


def play(tmp_path: Path, actions: list[dict]) -> dict:
    path = tmp_path / "parcours.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in actions) + "\n", encoding="utf-8")
    return simulate(str(SCENARIO), str(path))


def levels(result: dict) -> dict[str, str]:
    return {c["competency"]: c["level"] for c in result["competencies"]}


def criterion(result: dict, step: str, name: str) -> float:
    for s in result["statements"]:
        if s["object"]["id"].endswith(f"/steps/{step}/criteria/{name}"):
            return s["result"]["score"]["scaled"]
    raise AssertionError(f"no criterion {name}")


def without_grouping(actions: list[dict]) -> list[dict]:
    out = []
    for a in actions:
        if a.get("action") == "apply" and a["operation"]["op"] == "group-small-counts":
            continue
        if a.get("action") == "proceed" and a["step"] == "nettoyage":
            a = a | {"force": True}  # the goal waits for the grouping: the learner leaves it unfinished
        out.append(a)
    return out


def choose(actions: list[dict], step: str, choice: int) -> list[dict]:
    return [a | {"choice": choice} if a.get("action") == "choose" and a["step"] == step else a for a in actions]


def answer(actions: list[dict], question: str, selected: list[int]) -> list[dict]:
    return [a | {"selected": selected} if a.get("question") == question else a for a in actions]


def test_the_reference_path_groups_the_names_given_once_and_passes():
    result = simulate(str(SCENARIO), "--reference")
    debrief = result["debrief"]
    assert debrief["passed"] is True and debrief["verdict"].startswith("Bravo")
    assert criterion(result, "nettoyage", "group-small-counts") == 1.0
    assert all(level == "acquis" for level in levels(result).values()), levels(result)


def test_the_grouping_is_what_keeps_the_cleaning_goal_out_of_reach(tmp_path):
    actions = reference_actions(tmp_path)
    result = play(tmp_path, without_grouping(actions))
    assert criterion(result, "nettoyage", "group-small-counts") == 0.0
    assert any("Regrouper les petits effectifs" in str(item) for item in result["debrief"]["to_review"])


def test_publishing_every_name_given_once_on_a_new_page_is_not_bravo_nor_b4(tmp_path):
    """The learner who follows the schema to the letter: « publish as is », no grouping, a new page
    every year, and the B4 and C3 questions answered the same way."""
    actions = without_grouping(reference_actions(tmp_path))
    actions = choose(actions, "un-an-apres", 2)  # replay and publish without validating
    actions = choose(actions, "petits-effectifs", 1)  # publish as is
    actions = choose(actions, "mise-a-jour", 1)  # a new page « Prénoms 2017 »
    actions = answer(actions, "rappel-personnelles", [1])
    actions = answer(actions, "seuil-commune", [1])
    actions = answer(actions, "date-mise-a-jour", [0, 1, 2])
    result = play(tmp_path, actions)
    debrief = result["debrief"]
    assert debrief["passed"] is False and not debrief["verdict"].startswith("Bravo")
    assert levels(result)["B4"] not in ("acquis", "maitrise"), levels(result)
    assert levels(result)["C3"] not in ("acquis", "maitrise"), levels(result)
