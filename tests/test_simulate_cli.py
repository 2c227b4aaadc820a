"""``explorateurs simulate``: a list of learner actions played headless through the real play layer,
and what the game says about it (statements, evidence and levels, the debrief as shown)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import parse_args
from game.cli import simulate as simulate_cli
from game.i18n import activate
from game.storage.scenarios import builtin_scenarios_dir

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "scenarios"
SHIPPED = sorted(p.name for p in builtin_scenarios_dir().iterdir() if (p / "scenario.yaml").is_file())


def simulate(*argv: str) -> tuple[int, str, str]:
    args = parse_args(["simulate", *argv])
    tr = activate(args.lang or "fr")
    out, err = io.StringIO(), io.StringIO()
    try:
        code = simulate_cli.run(args, tr, out, err)
    finally:
        activate("fr")
    return code, out.getvalue(), err.getvalue()


def as_json(*argv: str) -> dict:
    code, out, err = simulate(*argv, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("name", SHIPPED)
def test_the_reference_path_of_each_shipped_scenario_earns_a_passing_debrief(name):
    result = as_json(name, "--reference")
    debrief = result["debrief"]
    assert debrief["reached"] and result["completed"]
    assert debrief["passed"] is True and debrief["verdict"].startswith("Bravo")
    assert debrief["to_review"] == []
    assert result["mode"] == "entrainement"
    assert any(s["verb"]["id"].endswith("/completed") and s["object"]["id"].endswith(f"/scenarios/{name}")
               for s in result["statements"])  # what the LRS gets, the scenario's end included
    assert all(c["level"] != "insuffisant" for c in result["competencies"]), result["competencies"]


def test_the_reference_path_written_out_plays_the_same(tmp_path):
    target = tmp_path / "reference.jsonl"
    code, out, _err = simulate("prenoms", "--write-reference", str(target))
    assert code == 0 and "reference.jsonl" in out
    lines = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0]) == {"action": "next-line", "step": "consigne"}
    assert json.loads(lines[-1])["action"] == "proceed"
    from_file = as_json("prenoms", str(target))
    reference = as_json("prenoms", "--reference")
    assert from_file["actions"] == reference["actions"] == len(lines)
    assert from_file["debrief"] == reference["debrief"]
    assert from_file["competencies"] == reference["competencies"]


def write(tmp_path: Path, *lines: str, name: str = "ACTIONS.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


MINI_START = ['{"action": "next-line", "step": "intro"}']


@pytest.mark.parametrize(("second", "where", "words"), [
    ('{"action": "choose", "step": "intro", "choice": 0', ":2:50:", "virgule"),  # not JSON (unclosed)
    ('{"action": "chose", "step": "intro", "choice": 0}', ":2:2:", "Action inconnue"),
    ('{"action": "choose", "step": "intro", "choix": 0}', ":2:39:", "Clé inconnue"),
    ('{"action": "answer", "step": "quiz", "question": "q1", "selected": [0]}', ":2:22:", "« quiz »"),
    ('{"action": "choose", "step": "intro", "choice": 7}', ":2:1:", "pas de choix de ce numéro"),
])
def test_a_bad_line_is_refused_at_file_line_col_in_french(tmp_path, second, where, words):
    path = write(tmp_path, *MINI_START, second)
    code, out, err = simulate(str(FIX / "mini"), str(path))
    assert code == 2 and out == ""
    assert err.startswith(f"{path}{where}"), err
    assert words in err and "Traceback" not in err


def test_an_action_before_its_time_says_what_is_missing(tmp_path):
    path = write(tmp_path, '{"action": "choose", "step": "intro", "choice": 0}')
    code, _out, err = simulate(str(FIX / "mini"), str(path))
    assert code == 2 and f"{path}:1:1:" in err and "next-line" in err


def test_an_empty_file_plays_nothing_and_says_the_debrief_is_not_reached(tmp_path):
    path = write(tmp_path)
    result = as_json(str(FIX / "mini"), str(path))
    assert result["actions"] == 0 and result["step"] == "intro" and result["debrief"]["reached"] is False
    assert result["debrief"]["passed"] is None and result["score"] is None


def test_json_output_escapes_the_line_separators(tmp_path):
    """A learner's text holding U+2028, U+2029 or U+0085 (a reuse answer here) stays on one line
    for line-based readers, and the JSON still reads back to the same text."""
    scenario = FIX / "publication"
    from game.storage.scenarios import load_scenario

    sc = load_scenario(scenario).scenario
    lines = [json.dumps({"action": "apply", "step": "nettoyage", "operation": op}) for op in sc.step("nettoyage").reference]
    lines += [json.dumps({"action": "proceed", "step": "nettoyage"}),
              json.dumps({"action": "publish", "step": "publier", "metadata": sc.step("publier").reference}),
              json.dumps({"action": "proceed", "step": "publier"}),
              json.dumps({"action": "reply", "step": "questions", "challenge": "naissances-2016",
                          "answer": "317\u2028\u2029\u0085 naissances"}, ensure_ascii=False)]
    code, out, err = simulate(str(scenario), str(write(tmp_path, *lines)), "--format", "json")
    assert code == 0, err
    assert not {"\u2028", "\u2029", "\u0085"} & set(out)
    assert "\\u2028" in out and "\\u0085" in out
    result = json.loads(out)
    [reply] = [s for s in result["statements"] if s["object"]["id"].endswith("/challenges/naissances-2016")]
    assert reply["result"]["response"].startswith("317\u2028\u2029\u0085")


def test_english_gives_the_debrief_in_english():
    fr = as_json("premiers-pas", "--reference")
    en = as_json("premiers-pas", "--reference", "--lang", "en")
    assert en["language"] == "en" and en["debrief"]["verdict"].startswith("Well done")
    assert en["debrief"]["score"].startswith("Score: ") and fr["debrief"]["score"].startswith("Score : ")
    assert en["debrief"]["intro"] != fr["debrief"]["intro"] and en["debrief"]["intro"]
    assert {s["context"]["language"] for s in en["statements"]} == {"en-GB"}
    assert {s["context"]["language"] for s in fr["statements"]} == {"fr-FR"}


def test_the_mode_is_accepted_in_french_or_english_and_shown():
    assert as_json(str(FIX / "mini"), "--reference", "--mode", "evaluation")["mode"] == "evaluation"
    assert as_json(str(FIX / "mini"), "--reference", "--mode", "assessment")["mode"] == "evaluation"
    code, out, _err = simulate(str(FIX / "mini"), "--reference", "--mode", "practice")
    assert code == 0 and "mode : entrainement" in out


def test_neither_a_file_nor_the_reference_is_refused():
    code, _out, err = simulate(str(FIX / "mini"))
    assert code == 2 and "--reference" in err


def test_python_m_game_simulate_refuses_a_huge_line_at_once(tmp_path):
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as f:
        f.write(b'{"action": "next-line", "step": "intro"}\n')
        f.write(b"[" * (2 * 1024 * 1024))  # 2 MB on one line, no end: never parsed
    env = {**os.environ, "EXPLORATEURS_DATA_DIR": str(tmp_path / "donnees")}
    done = subprocess.run([sys.executable, "-m", "game", "simulate", str(FIX / "mini"), str(huge)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 2, done.stderr
    assert f"{huge}:2:1:" in done.stderr and "trop longue" in done.stderr
    assert not (tmp_path / "donnees").exists()  # nothing written to the learners' data folder


@pytest.mark.parametrize("guide", ["README.md", "README.en.md"])
def test_the_action_file_shown_in_the_authoring_guide_plays(guide, tmp_path):
    from tests.test_authoring_guide import blocks

    [(_where, text)] = blocks(ROOT / "scenarios" / guide, "jsonl")
    result = as_json("prenoms", str(write(tmp_path, *text.splitlines())))
    assert result["actions"] == len(text.splitlines()) and result["step"] == "nettoyage"


def test_a_bad_line_is_refused_before_the_scenario_is_read(tmp_path):
    """The whole file is read first: a line that is no action is refused even after valid ones,
    and without reading the scenario (a scenario that does not exist is not even looked for)."""
    path = write(tmp_path, *MINI_START * 3, "pas du JSON")
    code, out, err = simulate(str(tmp_path / "nulle-part"), str(path))
    assert code == 2 and out == "" and err.startswith(f"{path}:4:1: JSON illisible")


def test_a_cleaning_operation_that_cannot_run_is_refused_where_it_is_written(tmp_path):
    sc = FIX / "publication"
    path = write(tmp_path, json.dumps({"action": "apply", "step": "nettoyage",
                                       "operation": {"op": "trim-spaces", "column": "colonne-absente"}}))
    code, _out, err = simulate(str(sc), str(path))
    assert code == 2 and err.startswith(f"{path}:1:42: "), err
    assert "colonne-absente" in err and "Traceback" not in err


def test_a_file_of_endless_blank_lines_is_refused_at_the_line_limit(tmp_path, monkeypatch):
    from game.storage import action_scripts

    monkeypatch.setattr(action_scripts, "MAX_LINES", 50)  # the same rule as at 100,000, in a small file
    path = write(tmp_path, *MINI_START, *[""] * 60)
    code, _out, err = simulate(str(FIX / "mini"), str(path))
    assert code == 2 and err.startswith(f"{path}:51:1: Plus de 50 lignes"), err


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    from game.storage import action_scripts

    monkeypatch.setattr(action_scripts, "MAX_FILE", 100)
    path = write(tmp_path, *MINI_START * 5)
    code, _out, err = simulate(str(FIX / "mini"), str(path))
    assert code == 2 and err.startswith(f"{path}: Le fichier d'actions pèse"), err


def test_a_reference_path_that_breaks_is_told_in_french(tmp_path):
    import shutil

    folder = tmp_path / "publication"
    shutil.copytree(FIX / "publication", folder)
    yaml_file = folder / "scenario.yaml"
    yaml_file.write_text(yaml_file.read_text(encoding="utf-8").replace(
        "        column: COMMUNE_NOM\n        mode: title", "        column: COMMUNE\n        mode: title"), encoding="utf-8")
    code, out, err = simulate(str(folder), "--reference")
    assert code == 2 and out == ""
    assert err.startswith("Le parcours de référence s'arrête à l'étape « nettoyage » (") and "COMMUNE" in err, err
    assert "Traceback" not in err
