"""Scenario « Les délibérations », played headless through ``explorateurs simulate``: the reference
path passes, a learner careless about personal data does not, and leaving a private person's name
in a published objet caps B4 below « acquis » (the clean step's ``abilities:``)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from game.cli import parse_args
from game.cli import simulate as simulate_cli
from game.i18n import activate

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "deliberations"


def run(*argv: str) -> dict:
    args = parse_args(["simulate", *argv, "--format", "json"])
    tr = activate("fr")
    out, err = io.StringIO(), io.StringIO()
    code = simulate_cli.run(args, tr, out, err)
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


_REFERENCE: list[dict] = []


def reference_actions(tmp_path: Path) -> list[dict]:
    """The reference path as an action list (written once, then copied for each test)."""
    if not _REFERENCE:
        target = tmp_path / "reference.jsonl"
        args = parse_args(["simulate", str(SCENARIO), "--write-reference", str(target)])
        assert simulate_cli.run(args, activate("fr"), io.StringIO(), io.StringIO()) == 0
        _REFERENCE.extend(json.loads(line) for line in target.read_text(encoding="utf-8").splitlines())
    return [dict(a) for a in _REFERENCE]


def play(tmp_path: Path, actions: list[dict], scenario: Path = SCENARIO) -> dict:
    path = tmp_path / "actions.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in actions), encoding="utf-8")
    return run(str(scenario), str(path))


def level(result: dict, competency: str) -> str:
    return next(c["level"] for c in result["competencies"] if c["competency"] == competency)


def without_occultation(actions: list[dict]) -> list[dict]:
    """The reference path, but the objets keep their names and the cleaning is left unfinished."""
    out = []
    for a in actions:
        if a["action"] == "apply" and a["operation"].get("column") == "DELIB_OBJET":
            continue
        if a == {"action": "proceed", "step": "nettoyage"}:
            a = {**a, "force": True}
        out.append(a)
    return out


def test_the_reference_path_passes_with_every_competency_acquired():
    result = run(str(SCENARIO), "--reference")
    assert result["debrief"]["passed"] is True and result["debrief"]["verdict"].startswith("Bravo")
    assert result["debrief"]["to_review"] == []
    assert {c["competency"]: c["level"] for c in result["competencies"]} == dict.fromkeys(
        ["A1", "A2", "B3", "B4", "C1", "C2", "C3", "D1", "D2"], "acquis")


def test_the_reuse_answers_are_those_of_the_file_cleaned_by_hand(tmp_path):
    """Computed here with the csv module on the original file and the procès-verbaux figures."""
    import csv
    rows = list(csv.DictReader((SCENARIO / "data" / "deliberations-castelnoue-2025.csv").open(encoding="utf-8")))
    fixes = {"2025-005": {"VOTE_ABSTENTION": "3"}, "2025-007": {"VOTE_POUR": "25"}, "2025-013": {"VOTE_REEL": "27"}}
    for r in rows:
        r.update(fixes.get(r["DELIB_ID"], {}))
        if r["VOTE_REEL"]:  # what the schema checks: the votes add up
            assert int(r["VOTE_REEL"]) == int(r["VOTE_POUR"]) + int(r["VOTE_CONTRE"]) + int(r["VOTE_ABSTENTION"])
    voted = [r for r in rows if r["VOTE_REEL"]]
    unanimous = sum(1 for r in voted if r["VOTE_CONTRE"] == "0" and r["VOTE_ABSTENTION"] == "0")
    mean = sum(int(r["VOTE_REEL"]) for r in voted) / len(voted)
    march = [r["DELIB_ID"] for r in rows if r["DELIB_DATE"] == "27/03/2025"]
    got = {a["challenge"]: a["answer"] for a in reference_actions(tmp_path) if a["action"] == "reply"}
    assert int(got["unanimite"]) == unanimous == 6
    assert abs(float(got["participation"]) - mean) < 1e-9
    assert got["seance-27-mars"].split(" ; ") == march


def test_a_learner_careless_about_personal_data_gets_no_bravo_nor_b4(tmp_path):
    actions = []
    for a in without_occultation(reference_actions(tmp_path)):
        if a["action"] == "choose" and a["step"] == "dilemme":
            a = {**a, "choice": 2}  # publish everything today, black out next week
        if a["action"] == "sort" and a["bin"] == "occulter":
            a = {**a, "bin": "garder"}
        if a["action"] == "answer" and a["question"] == "donnees-personnelles-loi":
            a = {**a, "selected": [0, 3]}  # « the council's vote is enough »
        if a["action"] == "answer" and a["question"] == "description-occultation":
            a = {**a, "selected": [1]}
        actions.append(a)
    result = play(tmp_path, actions)
    assert result["debrief"]["passed"] is False
    assert not result["debrief"]["verdict"].startswith("Bravo")
    assert level(result, "B4") not in ("acquis", "maitrise")
    assert level(result, "A1") not in ("acquis", "maitrise")  # A1.exceptions missed caps it


def test_names_left_in_the_objets_block_the_cleaning_goal(tmp_path):
    actions = without_occultation(reference_actions(tmp_path))
    actions = [{k: v for k, v in a.items() if k != "force"} for a in actions]
    path = tmp_path / "actions.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in actions), encoding="utf-8")
    args = parse_args(["simulate", str(SCENARIO), str(path)])
    err = io.StringIO()
    assert simulate_cli.run(args, activate("fr"), io.StringIO(), err) != 0
    assert "nettoyage" in err.getvalue() and "pas terminée" in err.getvalue()


def test_a_name_left_online_caps_b4_only_because_the_clean_step_names_the_ability(tmp_path):
    """Without ``abilities:``, every sort card right outweighs the one failed cleaning: B4 « acquis »
    with three names online. With it, the missed ability caps B4 below « acquis »."""
    actions = without_occultation(reference_actions(tmp_path))
    assert level(play(tmp_path, actions), "B4") == "en-cours"

    copy = tmp_path / "deliberations"
    shutil.copytree(SCENARIO, copy, ignore=shutil.ignore_patterns("locales"))
    text = (copy / "scenario.yaml").read_text(encoding="utf-8")
    block = "    abilities:\n      constraint-error: B4.anonymise\n      donnees-justes: B4.anonymise\n"
    assert block in text
    (copy / "scenario.yaml").write_text(text.replace(block, ""), encoding="utf-8")
    assert level(play(tmp_path, actions, copy), "B4") == "acquis"


def check(path: Path) -> tuple[int, str]:
    from game.cli import checks
    out = io.StringIO()
    code = checks.run([path], activate("fr"), out=out, err=out)
    return code, out.getvalue()


def test_a_clean_step_ability_is_checked_against_the_framework_and_the_competency(tmp_path):
    copy = tmp_path / "deliberations"
    shutil.copytree(SCENARIO, copy, ignore=shutil.ignore_patterns("locales"))
    yaml = copy / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert check(copy)[0] == 0

    yaml.write_text(text.replace("constraint-error: B4.anonymise", "constraint-error: B4.anonymize"), encoding="utf-8")
    code, out = check(copy)
    assert code != 0 and "Capacité inconnue du référentiel : « B4.anonymize »" in out
    assert "B4.anonymise" in out  # did you mean
    line = text[: text.index("constraint-error: B4.anonymise")].count("\n") + 1
    assert f"scenario.yaml:{line}:" in out

    yaml.write_text(text.replace("constraint-error: B4.anonymise", "constraint-error: A1.exceptions"), encoding="utf-8")
    code, out = check(copy)
    assert code != 0
    assert "La capacité « A1.exceptions » n'appartient pas à la compétence B4" in out


def test_another_wording_of_the_blackout_is_right_but_keeping_the_address_is_not(tmp_path):
    def objet(row: int, value: str) -> dict:
        return {"action": "apply", "step": "nettoyage",
                "operation": {"op": "edit-cell", "row": row, "column": "DELIB_OBJET", "value": value}}

    base = [a for a in reference_actions(tmp_path)
            if not (a["action"] == "apply" and a["operation"].get("column") == "DELIB_OBJET")]
    at = base.index({"action": "proceed", "step": "nettoyage"})

    def justes(edits: list[dict], force: bool = False) -> float:
        done = {**base[at], "force": True} if force else base[at]
        result = play(tmp_path, base[:at] + edits + [done] + base[at + 1:])
        b4 = next(c for c in result["competencies"] if c["competency"] == "B4")
        return next(e["score"] for e in b4["evidence"] if e["item"] == "donnees-justes")

    other_words = [objet(3, "Cession de la parcelle communale AB 112 à un acquéreur"),
                   objet(8, "Remise gracieuse de loyers à une locataire d'un logement communal"),
                   objet(10, "Subvention exceptionnelle à un particulier pour le ravalement d'une façade")]
    assert justes(other_words) == 1.0
    address_kept = other_words[:1] + other_words[2:] + [
        objet(8, "Remise gracieuse de loyers à une locataire, logement communal du 4 rue des Tilleuls")]
    # the validator sees no title left, but the comparison with the reference sees the address: the
    # cleaning is not done (only abandoning it goes on), and the value counts as wrong
    path = tmp_path / "address.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in base[:at] + address_kept + base[at:]),
                    encoding="utf-8")
    err = io.StringIO()
    assert simulate_cli.run(parse_args(["simulate", str(SCENARIO), str(path)]), activate("fr"), io.StringIO(), err) != 0
    assert "pas terminée" in err.getvalue()
    assert justes(address_kept, force=True) < 1.0
