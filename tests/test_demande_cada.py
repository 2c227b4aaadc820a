"""The « Une demande CADA et le répertoire » scenario and its fill step, played headless through
``explorateurs simulate``: the reference path passes; a plausible wrong path does not, and earns
none of the competencies it did not show; a row that breaks the schema is refused in French."""

from __future__ import annotations

import io
import json
from pathlib import Path

from game.cli import parse_args
from game.cli import simulate as simulate_cli
from game.i18n import activate

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "demande-cada"


def simulate(*argv: str) -> tuple[int, str, str]:
    args = parse_args(["simulate", *argv])
    tr = activate(args.lang or "fr")
    out, err = io.StringIO(), io.StringIO()
    try:
        code = simulate_cli.run(args, tr, out, err)
    finally:
        activate("fr")
    return code, out.getvalue(), err.getvalue()


def reference_lines(tmp_path: Path) -> list[dict]:
    target = tmp_path / "reference.jsonl"
    code, _out, err = simulate(str(SCENARIO), "--write-reference", str(target))
    assert code == 0, err
    return [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines() if x.strip()]


def play(tmp_path: Path, lines: list[dict]) -> tuple[int, str, str, Path]:
    path = tmp_path / "parcours.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    code, out, err = simulate(str(SCENARIO), str(path), "--format", "json")
    return code, out, err, path


def levels(result: dict) -> dict[str, str]:
    return {c["competency"]: c["level"] for c in result["competencies"]}


def test_the_reference_path_fills_the_repertoire_and_passes():
    code, out, err = simulate(str(SCENARIO), "--reference", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["debrief"]["passed"] is True and result["debrief"]["verdict"].startswith("Bravo")
    rows = [s for s in result["statements"] if "/steps/repertoire/rows/" in s["object"]["id"]]
    assert [s["object"]["id"].rsplit("/", 1)[1] for s in rows] == ["ligne-convention", "ligne-budget", "ligne-equipements"]
    assert all(s["result"]["score"]["scaled"] == 1.0 for s in rows)
    assert levels(result)["B1"] == "acquis" and levels(result)["C2"] == "acquis"


def _wrong(line: dict) -> dict:
    """A newcomer's row: a frequency by habit, Creative Commons, the publication date as the update."""
    if line["action"] != "fill-row":
        return line
    values = dict(line["values"])
    values.update({"FREQ_MAJ": "Annuelle" if values["FREQ_MAJ"] != "Annuelle" else "Ponctuelle",
                   "LICENCE": "Creative Commons-CC", "DATE_MAJ": "2025-12-31"})
    return {**line, "values": values}


def test_a_plausible_wrong_path_gets_no_bravo_nor_the_competencies_it_did_not_show(tmp_path):
    lines = [_wrong(x) for x in reference_lines(tmp_path)]
    for x in lines:  # the quiz answered by habit: two months of silence, a Creative Commons licence
        if x["action"] == "answer" and x["question"] in ("silence-un-mois", "rappel-licences"):
            x["selected"] = [1]
        if x["action"] == "sort" and x["card"] in ("convention", "etude-provisoire"):
            x["bin"] = "communiquer"
    code, out, err, _path = play(tmp_path, lines)
    assert code == 0, err
    result = json.loads(out)
    assert result["debrief"]["passed"] is False and not result["debrief"]["verdict"].startswith("Bravo")
    got = levels(result)
    assert got["B1"] not in ("acquis", "maitrise") and got["C2"] not in ("acquis", "maitrise")
    assert got["C1"] not in ("acquis", "maitrise")
    rows = [s for s in result["statements"] if "/rows/" in s["object"]["id"]]
    assert rows and all(s["result"]["success"] is False for s in rows)


def test_a_row_that_breaks_the_schema_is_refused_in_french_where_it_is_written(tmp_path):
    lines = reference_lines(tmp_path)
    n = next(i for i, x in enumerate(lines) if x["action"] == "fill-row")
    lines[n]["values"]["DATE_PUBL"] = "02/04/2025"
    code, out, err, path = play(tmp_path, lines)
    assert code == 2 and out == ""
    assert f"{path}:{n + 1}:" in err and "Traceback" not in err, err
    assert "DATE_PUBL" in err and "02/04/2025" in err and "AAAA-MM-JJ" in err, err


def _wrong_then_right(tmp_path: Path) -> list[dict]:
    lines = reference_lines(tmp_path)
    n = next(i for i, x in enumerate(lines) if x["action"] == "fill-row")
    wrong = json.loads(json.dumps(lines[n]))
    wrong["values"]["LICENCE"] = "Creative Commons-CC"
    return lines[:n] + [wrong] + lines[n:]


def test_in_practice_a_wrong_row_may_be_corrected_and_the_first_check_counts(tmp_path):
    code, out, err, _path = play(tmp_path, _wrong_then_right(tmp_path))
    assert code == 0, err
    result = json.loads(out)
    review = [item for item in result["debrief"]["to_review"] if "Convention avec" in json.dumps(item, ensure_ascii=False)]
    assert review, result["debrief"]["to_review"]


def test_in_assessment_a_row_is_checked_once(tmp_path):
    lines = _wrong_then_right(tmp_path)
    path = tmp_path / "parcours.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    code, _out, err = simulate(str(SCENARIO), str(path), "--mode", "evaluation")
    n = next(i for i, x in enumerate(lines) if x["action"] == "fill-row") + 2  # the second check, counted from 1
    assert code == 2 and f"{path}:{n}:" in err, err


def test_the_fill_intro_names_the_check_button_as_each_language_shows_it():
    """The intro tells the learner which button to press: in English it must be the English label
    (it said « Vérifier la ligne » on an English screen), and it says which columns are free."""
    from game.core.scenario import FillStep
    from game.storage.scenarios import load_scenario, load_translations

    step = next(s for s in load_scenario(SCENARIO).scenario.steps if isinstance(s, FillStep))
    assert "« Vérifier la ligne »" in step.intro and "sont libres" in step.intro
    english = load_translations(SCENARIO)["en"][step.intro]
    tr = activate("en")
    try:
        button = tr.gettext("Vérifier la ligne")
    finally:
        activate("fr")
    assert button != "Vérifier la ligne" and f"“{button}”" in english
    assert "Vérifier" not in english and "yours to write" in english
