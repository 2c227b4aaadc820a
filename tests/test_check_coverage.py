"""``explorateurs check --coverage``: graded items per competency on each scenario's reference path,
and the campaign rule (at least 3 items from at least 2 scenarios for every competency)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

from game.cli import parse_args
from game.cli.commands import check
from game.core.coverage import coverage, shortfall
from game.core.levels import Evidence
from game.i18n import activate

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "scenarios" / "mini"
SHIPPED = ["premiers-pas", "prenoms", "subventions", "hackathon"]


def run(*argv: str) -> tuple[int, str, str]:
    args = parse_args(["check", "--coverage", *argv])
    tr = activate(args.lang or "fr")
    out, err = io.StringIO(), io.StringIO()
    from game.cli import coverage as coverage_cli

    try:
        code = coverage_cli.run(args.paths, tr, args.format, out, err)
    finally:
        activate("fr")
    return code, out.getvalue(), err.getvalue()


def twin(tmp_path: Path, name: str) -> Path:
    """A copy of the « mini » fixture under another id."""
    folder = tmp_path / name
    shutil.copytree(MINI, folder)
    f = folder / "scenario.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("id: mini", f"id: {name}", 1), encoding="utf-8")
    return folder


def ev(competency: str, item: str, step: str = "s") -> Evidence:
    return Evidence(competency, 1.0, step, "question", item, "", "")


def test_the_rule_wants_three_items_from_two_scenarios():
    cov = coverage(["A1", "A2", "B1"], {
        "un": [ev("A1", "q1"), ev("A1", "q2"), ev("A2", "q1"), ev("A2", "q2"), ev("A2", "q3"), ev("Z9", "q")],
        "deux": [ev("A1", "q1"), ev("B1", "q1")],
    })
    rows = {r.competency: r for r in cov.rows}
    assert (rows["A1"].counts, rows["A1"].holds) == ((2, 1), True)
    assert (rows["A2"].counts, rows["A2"].holds) == ((3, 0), False)  # enough items, one scenario only
    assert (rows["B1"].counts, rows["B1"].holds) == ((0, 1), False)
    assert not cov.holds and [r.competency for r in cov.short] == ["A2", "B1"]
    assert "un seul scénario" in shortfall(rows["A2"]).format_source()
    assert "aucun" not in shortfall(rows["B1"]).format_source()


def test_one_scenario_counts_its_reference_path_and_warns_in_french():
    code, out, err = run(str(MINI))
    assert code == 1, err
    lines = out.splitlines()
    assert lines[1].split() == ["Compétence", "mini", "Total", "Scénarios", "Règle"]
    # intro's best choice and the quiz's two questions assess A1; the two cards, B4
    assert lines[2].split() == ["A1", "3", "3", "1", "NON"]
    assert next(ln for ln in lines if ln.startswith("B4")).split() == ["B4", "2", "2", "1", "NON"]
    assert ("avertissement : La compétence A1 n'est évaluée que dans un seul scénario (3 élément(s) noté(s) sur les "
            "parcours de référence) : la campagne en demande au moins 3 venant d'au moins 2 scénarios.") in lines
    assert any(ln.startswith("avertissement : La compétence D2 n'est évaluée par aucun élément") for ln in lines)
    assert lines[-1] == "Règle de la campagne non respectée pour 11 compétences sur 11."


def test_two_scenarios_json_per_scenario_totals_and_items(tmp_path):
    code, out, err = run(str(MINI), str(twin(tmp_path, "mini-bis")), "--format", "json")
    assert code == 1, err  # A2…D2 are assessed by neither
    data = json.loads(out)
    assert data["scenarios"] == ["mini", "mini-bis"] and data["rule"] == {"min_items": 3, "min_scenarios": 2}
    rows = {r["competency"]: r for r in data["competencies"]}
    assert list(rows) == ["A1", "A2", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "D1", "D2"]
    a1 = rows["A1"]
    assert (a1["per_scenario"], a1["total"], a1["scenarios"], a1["holds"], a1["warning"]) == (
        {"mini": 3, "mini-bis": 3}, 6, 2, True, None)
    assert {"scenario": "mini-bis", "step": "quiz", "kind": "question", "item": "q2"} in a1["items"]
    assert rows["B4"]["holds"] and not rows["A2"]["holds"]
    assert rows["A2"]["warning"].startswith("La compétence A2 n'est évaluée par aucun élément")
    assert data["holds"] is False


def test_english_table(tmp_path):
    code, out, _err = run("--lang", "en", str(MINI))
    assert code == 1
    assert out.splitlines()[1].split()[0] == "Competency"
    assert sum(ln.startswith("warning: ") for ln in out.splitlines()) == 11  # one per competency short


def test_missing_path_and_broken_scenario_said_in_french(tmp_path):
    code, _out, err = run(str(tmp_path / "nulle-part"))
    assert code == 2 and "Chemin introuvable" in err
    broken = twin(tmp_path, "casse")
    (broken / "scenario.yaml").write_text("format: 1\nid: casse\n", encoding="utf-8")
    code, out, err = run(str(broken), str(MINI))
    assert code == 1 and "Traceback" not in err
    assert "scénario non joué" in err and out.splitlines()[1].split()[1:2] == ["mini"]


def test_check_dispatches_to_the_table(capsys):
    tr = activate("fr")
    assert check([MINI], tr, "text", coverage=True) == 1
    assert "Règle de la campagne" in capsys.readouterr().out
def test_the_shipped_campaign_meets_the_rule_for_every_competency():
    code, out, err = run("--format", "json")
    data = json.loads(out)
    assert [s for s in data["scenarios"] if s in SHIPPED] == SHIPPED  # in campaign order
    short = {r["competency"]: r["warning"] for r in data["competencies"] if not r["holds"]}
    assert short == {} and code == 0, (short, err)


