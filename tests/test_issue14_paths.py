"""Issue 14 pinned through ``explorateurs simulate``: each learner path the issue names, played by
the command line (``python -m game simulate SCENARIO ACTIONS.jsonl --format json``) from the
scenario's reference path written by ``--write-reference`` and edited, and what the game says about
it: the verdict, the score, the levels and the debrief's words.

The fifth case of the issue, a run of Enter through a dialogue that must not record an answer, needs
a keyboard: it is pinned through the scene driver in ``tests/scenes/test_no_accidental_answer.py``
(a run of Enter, Enter held, a repeated Enter on a focused choice)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ACCIDENTAL = ROOT / "tests" / "scenes" / "test_no_accidental_answer.py"


def run(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXPLORATEURS_DATA_DIR": str(tmp_path / "donnees")}
    return subprocess.run([sys.executable, "-m", "game", "simulate", *argv], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)


_REFERENCES: dict[str, list[dict]] = {}


def reference(tmp_path: Path, scenario: str) -> list[dict]:
    """The scenario's reference path as ``simulate --write-reference`` writes it (once per scenario)."""
    if scenario not in _REFERENCES:
        target = tmp_path / f"{scenario}-reference.jsonl"
        done = run(tmp_path, scenario, "--write-reference", str(target))
        assert done.returncode == 0, done.stderr
        _REFERENCES[scenario] = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    return [dict(a) for a in _REFERENCES[scenario]]


def simulate(tmp_path: Path, scenario: str, actions: list[dict], *options: str) -> dict:
    path = tmp_path / "ACTIONS.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in actions), encoding="utf-8")
    done = run(tmp_path, scenario, str(path), "--format", "json", *options)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def level(result: dict, competency: str) -> dict:
    [found] = [c for c in result["competencies"] if c["competency"] == competency]
    return found


def everything_said(result: dict) -> str:
    d = result["debrief"]
    parts = [d["intro"], d["verdict"], d["score"], *d["passages"], *d["summary"], *d["went_well"]]
    parts += [" ".join([r["what"], r["answer"], r["explanation"]]) for r in d["to_review"]]
    return "\n".join(parts)


# -- « Prénoms » : « majuscule au début » makes « AssiaAmélie » « Assiaamélie » -----------------------

def test_capitalising_the_first_names_is_valid_but_not_right(tmp_path):
    path = []
    for a in reference(tmp_path, "prenoms"):
        op = a.get("operation", {})
        if a["action"] == "apply" and op.get("find") == "AssiaAmélie":  # the recipe's hyphen, replaced by
            a = {**a, "operation": {"op": "change-case", "column": "ENFANT_PRENOM", "mode": "first-letter"}}  # « majuscule au début »
        if a == {"action": "proceed", "step": "nettoyage"}:
            a = {**a, "force": True}  # the workshop no longer says the goal is met: the learner leaves anyway
        path.append(a)
    result = simulate(tmp_path, "prenoms", path)
    assert result["completed"] is True
    said = everything_said(result)
    assert "Objectif atteint" not in said
    assert result["score"] < 1.0 and not result["debrief"]["score"].startswith("Score : 100 %")
    assert level(result, "B3")["level"] != "maitrise"
    [justes] = [s for s in result["statements"] if s["object"]["id"].endswith("/nettoyage/criteria/donnees-justes")]
    assert justes["result"]["score"]["scaled"] < 1.0
    assert "Assiaamélie" in said  # the debrief names the cell that is wrong
    [review] = [r for r in result["debrief"]["to_review"] if "Données justes" in r["what"]]
    assert "Assiaamélie" in review["answer"] + review["explanation"]


# -- hackathon: the e-mail columns published ---------------------------------------------------------

def _hackathon(tmp_path: Path, *, republish: bool) -> list[dict]:
    out = []
    for a in reference(tmp_path, "hackathon"):
        if a["action"] == "publish":
            out.append({**a, "metadata": {**a["metadata"], "drop_columns": []}})  # site_email, expt_email online
            out.append({"action": "proceed", "step": a["step"]})
            out += [{"action": "next-line", "step": "donnees-personnelles"}] * 2
            # 0: « je republie tout de suite sans les colonnes » (back to the form), 1: « je laisse »
            out.append({"action": "choose", "step": "donnees-personnelles", "choice": 0 if republish else 1})
            out.append({"action": "proceed", "step": "donnees-personnelles"})
            if republish:
                out.append(a)  # the reference form: the two columns left out
            continue
        if a == {"action": "proceed", "step": "publication-dae"} and not republish:
            continue  # already proceeded above
        out.append(a)
    return out


def test_publishing_the_e_mail_columns_is_said_and_not_congratulated(tmp_path):
    result = simulate(tmp_path, "hackathon", _hackathon(tmp_path, republish=False))
    d = result["debrief"]
    said = everything_said(result)
    assert "sans les adresses nominatives" not in said
    assert any("site_email" in p and "expt_email" in p and "encore" in p for p in d["passages"]), d["passages"]
    assert "Données personnelles en ligne : site_email, expt_email." in d["summary"]
    # personal data online is a blocking criterion of the step: never « Bravo », whatever the score
    assert result["score"] >= 0.75
    assert d["passed"] is False and d["verdict"].startswith("Pas encore"), d["verdict"]
    assert "critère bloquant" in d["verdict"] and "Données personnelles" in d["verdict"]
    assert d["intro"] == ""  # the closing words written for a learner who passed
    [done] = [s for s in result["statements"] if s["verb"]["id"].endswith("/completed") and "/steps/" not in s["object"]["id"]]
    assert done["result"]["success"] is False  # what the LRS gets says so too
    assert "critère bloquant manqué : Données personnelles retirées avant publication" in trainer_report(result)


def trainer_report(result: dict) -> str:
    """The trainer's group report (HTML) built from the statements the path recorded."""
    from html import unescape

    from game.core.report import build_report
    from game.i18n import activate
    from game.report import render_html
    from game.storage.scenarios import builtin_scenarios_dir, load_framework, load_scenario

    sc = load_scenario(builtin_scenarios_dir() / result["scenario"]).scenario
    report = build_report(result["statements"], load_framework()[0], scenarios={sc.id: sc},
                          generated_at="2026-03-12T17:00:00Z")
    return unescape(render_html(report, activate("fr")))


def test_republishing_through_the_consequence_removes_the_columns_and_counts_the_first_file(tmp_path):
    result = simulate(tmp_path, "hackathon", _hackathon(tmp_path, republish=True))
    d = result["debrief"]
    shared = [s for s in result["statements"] if s["verb"]["id"].endswith("/shared")]
    assert len(shared) == 2  # both publications recorded
    personal = [next(v for k, v in s["result"]["extensions"].items() if k.endswith("/personal-columns"))
                for s in shared]
    assert personal == [["site_email", "expt_email"], []]  # the portal now holds the file without them
    assert "Aucune donnée personnelle dans le fichier publié." in d["summary"]
    assert any(line.startswith("Publié 2 fois") for line in d["summary"])
    assert "sans les adresses nominatives" not in everything_said(result)
    assert any(p.startswith("Vous avez d'abord publié des adresses nominatives") for p in d["passages"])
    # the republication is a later try: recorded, shown as corrected afterwards, not scored
    [criterion] = [r for r in d["to_review"] if "Données personnelles" in r["what"]]
    assert "corrigé ensuite" in criterion["answer"]
    assert result["score"] < 1.0 and d["passed"] is False
    assert "critère bloquant manqué" in trainer_report(result)
    [done] = [s for s in result["statements"] if s["verb"]["id"].endswith("/completed") and "/steps/" not in s["object"]["id"]]
    assert done["result"]["score"]["scaled"] == pytest.approx(result["score"])  # the same score for the trainer
    tries = [next((v for k, v in s["context"]["extensions"].items() if k.endswith("/try")), 1)
             for s in result["statements"] if s["object"]["id"].endswith("/publication-dae/criteria/personal-data")]
    assert tries == [1, 2]


def test_the_reference_hackathon_path_still_passes(tmp_path):
    result = simulate(tmp_path, "hackathon", reference(tmp_path, "hackathon"))
    assert result["debrief"]["passed"] is True and result["debrief"]["verdict"].startswith("Bravo")
    assert any("sans les adresses nominatives" in p for p in result["debrief"]["passages"])
    assert "critère bloquant" not in trainer_report(result)


# -- « Subventions » in English: a correct English title --------------------------------------------

def test_a_correct_english_title_earns_the_documentation_in_full(tmp_path):
    title = "Grants awarded by the municipality of Roques (2015-2017) and by Sicoval (2017)"
    path = [{**a, "metadata": {**a["metadata"], "title": title}} if a["action"] == "publish" else a
            for a in reference(tmp_path, "subventions")]
    result = simulate(tmp_path, "subventions", path, "--lang", "en")
    [doc] = [s for s in result["statements"] if s["object"]["id"].endswith("/publication/criteria/documentation")]
    assert doc["result"]["score"]["scaled"] == 1.0
    assert level(result, "C2")["level"] != "en-cours"
    assert "forgets the licence" not in everything_said(result)
    assert not [r for r in result["debrief"]["to_review"] if "Documentation" in r["what"]]


# -- « Premiers pas » : the « concernée » question failed --------------------------------------------

def test_failing_the_concerned_question_does_not_make_a1_acquired(tmp_path):
    """« Lesquelles de ces administrations NE sont PAS concernées… ? » (ability A1.concernee) answered
    with one of its two right options only: the rest of the path is the reference, A1's mean is 92 %."""
    path = [{**a, "selected": [0]} if a.get("question") == "qui-est-concerne" else a
            for a in reference(tmp_path, "premiers-pas")]
    result = simulate(tmp_path, "premiers-pas", path)
    a1 = level(result, "A1")
    assert a1["score"] >= 0.75 and a1["level"] not in ("acquis", "maitrise"), a1
    assert any(e["item"] == "qui-est-concerne" and e["score"] == 0.0 for e in a1["evidence"])
    [shown] = [lv for lv in result["debrief"]["levels"] if lv["competency"].startswith("A1")]
    assert shown["level"] != "acquis" and "concernée" not in shown["descriptor"]
    assert any("concernées" in r["what"] for r in result["debrief"]["to_review"])


# -- a stray Enter through a dialogue: pinned by the scene driver -------------------------------------

def test_the_accidental_answer_case_is_pinned_by_the_scene_driver():
    text = ACCIDENTAL.read_text(encoding="utf-8")
    assert "def test_a_run_of_enter_through_a_dialogue_stops_on_the_question_without_answering" in text
    assert "def test_an_auto_repeated_enter_on_a_focused_choice_does_nothing" in text


@pytest.mark.parametrize("guide", ["README.md", "README.en.md"])
def test_the_authoring_guide_names_the_pinned_paths(guide):
    assert "test_issue14_paths.py" in (ROOT / "scenarios" / guide).read_text(encoding="utf-8")


# -- the blocking rule belongs to the scenario --------------------------------------------------------

def _hackathon_copy(tmp_path: Path, blocking: str) -> Path:
    import shutil

    from game.storage.scenarios import builtin_scenarios_dir

    folder = tmp_path / "hackathon"
    shutil.copytree(builtin_scenarios_dir() / "hackathon", folder)
    yaml_file = folder / "scenario.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    line = "    personal_columns: [site_email, expt_email]\n"
    assert text.count(line) == 1
    yaml_file.write_text(text.replace(line, line + f"    blocking: {blocking}\n"), encoding="utf-8")
    return folder


def test_a_scenario_that_marks_no_criterion_blocking_judges_on_the_score_alone(tmp_path):
    folder = _hackathon_copy(tmp_path, "[]")
    result = simulate(tmp_path, str(folder), _hackathon(tmp_path, republish=False))
    assert result["debrief"]["passed"] is True and result["debrief"]["verdict"].startswith("Bravo")


def test_an_unknown_blocking_criterion_is_refused_where_it_is_written(tmp_path):
    folder = _hackathon_copy(tmp_path, "[personal-datas]")
    done = subprocess.run([sys.executable, "-m", "game", "check", str(folder)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "EXPLORATEURS_DATA_DIR": str(tmp_path / "d")})
    assert done.returncode != 0 and "Traceback" not in done.stderr
    said = done.stdout + done.stderr
    lines = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    where = lines.index("    blocking: [personal-datas]") + 1
    assert f"{folder / 'scenario.yaml'}:{where}:16: Valeur « personal-datas » non permise" in said, said
    assert "personal-data" in said


# -- « Subventions » : SIRET made up where only the producer has them -------------------------------

def test_made_up_identifiers_are_not_counted_as_fixed_nor_praised(tmp_path):
    """Poitiers' missing SIRET can only come from the service: a learner who types « 00000000000000 »
    in their place makes validation errors vanish, but has fixed nothing. The debrief neither counts
    them as « corrigées » nor says « c'est le bon réflexe »."""
    path = []
    for a in reference(tmp_path, "subventions"):
        if a == {"action": "proceed", "step": "nettoyage"}:
            for row in (13, 14, 15):  # SIREN followed by « 00000 »: the establishment is unknown
                path.append({"action": "apply", "step": "nettoyage", "operation": {
                    "op": "edit-cell", "row": row, "column": "idBeneficiaire", "value": "00000000000000"}})
            a = {**a, "force": True}  # the workshop flags the made-up values: the learner leaves anyway
        path.append(a)
    result = simulate(tmp_path, "subventions", path)
    d = result["debrief"]
    poitiers = [s for s in d["summary"] if s.startswith("« Nettoyer la liste des subventions de Poitiers » :")]
    assert poitiers and poitiers[0].startswith(
        "« Nettoyer la liste des subventions de Poitiers » : 40 erreur(s) corrigée(s) sur 65"), poitiers
    assert any("3 erreur(s)" in s and "inventée ou effacée" in s for s in d["summary"]), d["summary"]
    assert not any("bon réflexe" in p for p in d["passages"]), d["passages"]


def test_a_renamed_e_mail_column_published_is_not_said_withheld(tmp_path):
    """« site_email » renamed « contact » in the workshop, then published: the debrief cannot say the
    addresses never went online because no column is called « site_email » any more."""
    path = []
    for a in _hackathon(tmp_path, republish=False):
        if a == {"action": "proceed", "step": "nettoyage-dae"}:
            path.append({"action": "apply", "step": "nettoyage-dae",
                         "operation": {"op": "rename-column", "column": "site_email", "to": "contact"}})
            a = {**a, "force": True}
        if a["action"] == "publish":
            a = {**a, "metadata": {**a["metadata"], "drop_columns": ["expt_email"]}}
        path.append(a)
    result = simulate(tmp_path, "hackathon", path)
    said = everything_said(result)
    assert "Données personnelles en ligne : contact." in result["debrief"]["summary"]
    assert "sans les adresses nominatives" not in said
    assert "le portail ne les montre plus" not in said


# -- « Je corrige la licence de la fiche » : the consequence acts ------------------------------------

def _wrong_licence_then_fixed(tmp_path: Path, scenario: str, lines: int) -> list[dict]:
    """The reference path, published first under CC BY-NC; the developer's call (« licence-refusee »)
    read, « Je corrige la licence de la fiche, Licence Ouverte » chosen, the reference form sent again."""
    out = []
    for a in reference(tmp_path, scenario):
        if a["action"] == "publish":
            out.append({**a, "metadata": {**a["metadata"], "licence": "cc-by-nc-4.0"}})
            out.append({"action": "proceed", "step": a["step"]})
            out += [{"action": "next-line", "step": "licence-refusee"}] * lines
            out += [{"action": "choose", "step": "licence-refusee", "choice": 0},
                    {"action": "proceed", "step": "licence-refusee"}]
        out.append(a)  # the reference form again: Licence Ouverte
    return out


@pytest.mark.parametrize(("scenario", "lines"), [("prenoms", 3), ("hackathon", 2)])
def test_choosing_to_correct_the_licence_puts_the_licence_ouverte_on_the_portal(tmp_path, scenario, lines):
    result = simulate(tmp_path, scenario, _wrong_licence_then_fixed(tmp_path, scenario, lines))
    summary = result["debrief"]["summary"]
    published = [s for s in summary if s.startswith("Publié sur votre portail")]
    assert published and published[0].endswith("licence : Licence Ouverte / Open Licence 2.0 (Etalab)."), summary
    assert any(s.startswith("Publié 2 fois") for s in summary), summary
    # republishing for the licence is not republishing without personal data
    assert "d'abord publié des adresses nominatives" not in everything_said(result)


# -- « Prénoms » : the cleaning left without a single operation --------------------------------------

def test_a_cleaning_abandoned_without_any_operation_has_no_recipe_to_reuse(tmp_path):
    path = [a for a in reference(tmp_path, "prenoms") if a["action"] != "apply"]
    path = [{**a, "force": True} if a == {"action": "proceed", "step": "nettoyage"} else a for a in path]
    result = simulate(tmp_path, "prenoms", path)
    said = everything_said(result)
    assert "Votre fichier garde 7 erreur(s)" in said
    assert "La recette de vos opérations" not in said  # there is no operation, let alone a recipe that works


def test_a_valid_but_falsified_file_is_not_praised_as_done(tmp_path):
    """« Assiaamélie » passes the schema: the debrief may not say the cleaning is done well (« respecte
    maintenant le schéma », a recipe « peut resservir ») and says a value was changed otherwise."""
    path = []
    for a in reference(tmp_path, "prenoms"):
        if a["action"] == "apply" and a.get("operation", {}).get("find") == "AssiaAmélie":
            a = {**a, "operation": {"op": "change-case", "column": "ENFANT_PRENOM", "mode": "first-letter"}}
        if a == {"action": "proceed", "step": "nettoyage"}:
            a = {**a, "force": True}
        path.append(a)
    result = simulate(tmp_path, "prenoms", path)
    said = everything_said(result)
    assert "Votre fichier respecte maintenant le schéma SCDL" not in said
    assert "La recette de vos opérations peut resservir" not in said
    assert ("1 valeur(s) de « Nettoyer la liste des prénoms de Rennes » modifiée(s) d'une façon que la consigne "
            "n'attend pas : le fichier peut passer la validation et être faux.") in result["debrief"]["summary"]


# -- « Subventions de la Nièvre » : the message to the finance department, half written ---------------

def test_a_message_that_forgot_what_to_ask_is_not_said_complete(tmp_path):
    """Only the first item ticked in the message to the finance department: the debrief says the
    message forgot part of what only the department knows, and not that it « sait ce qui manque »."""
    path = [{**a, "selected": [0]} if a["action"] == "answer" and a.get("question") == "quoi-demander" else a
            for a in reference(tmp_path, "subventions-nievre")]
    result = simulate(tmp_path, "subventions-nievre", path)
    passages = result["debrief"]["passages"]
    assert any(p.startswith("Votre message oubliait une partie") for p in passages), passages
    assert not any("il sait ce qui manque" in p for p in passages), passages


# -- a licence the décret does not allow is never congratulated ------------------------------------

@pytest.mark.parametrize("scenario", ["deliberations", "subventions-nievre"])
def test_publishing_under_a_licence_the_decree_does_not_allow_is_not_congratulated(tmp_path, scenario):
    actions = [{**a, "metadata": {**a["metadata"], "licence": "cc-by-nc-4.0"}} if a["action"] == "publish" else a
               for a in reference(tmp_path, scenario)]
    result = simulate(tmp_path, scenario, actions)
    debrief = result["debrief"]
    assert debrief["passed"] is False and debrief["verdict"].startswith("Pas encore"), debrief["verdict"]
    assert "critère bloquant" in debrief["verdict"]


def test_an_allowed_but_lesser_licence_does_not_block(tmp_path):
    # « Les délibérations » accepts the ODbL and prefers the Licence Ouverte: half the licence point, no block
    actions = [{**a, "metadata": {**a["metadata"], "licence": "odbl"}} if a["action"] == "publish" else a
               for a in reference(tmp_path, "deliberations")]
    result = simulate(tmp_path, "deliberations", actions)
    debrief = result["debrief"]
    assert "critère bloquant" not in debrief["verdict"] and debrief["passed"] is True, debrief["verdict"]
    ended = [s for s in result["statements"] if s["object"]["id"].endswith("/scenarios/deliberations")
             and s["verb"]["id"].endswith("/completed")]
    assert ended and ended[-1]["result"]["success"] is debrief["passed"]  # the LRS hears what the learner reads


# -- a cleaning given up is the main task not done ------------------------------------------------

@pytest.mark.parametrize("scenario", ["prenoms", "subventions-nievre"])
def test_a_cleaning_given_up_with_nothing_fixed_is_not_congratulated(tmp_path, scenario):
    actions, skipping = [], None
    for a in reference(tmp_path, scenario):
        if a["action"] in ("apply", "undo", "redo") and a.get("step") != skipping:
            skipping = a["step"]  # the first clean step: no operation at all, then « force »
        if skipping is not None and a.get("step") == skipping:
            if a["action"] == "proceed":
                actions.append({**a, "force": True})
            elif a["action"] not in ("apply", "undo", "redo"):
                actions.append(a)
            continue
        actions.append(a)
    result = simulate(tmp_path, scenario, actions)
    debrief = result["debrief"]
    assert debrief["passed"] is False and "Objectif du nettoyage atteint" in debrief["verdict"], debrief["verdict"]
    ended = [s for s in result["statements"] if s["object"]["id"].endswith(f"/scenarios/{scenario}")
             and s["verb"]["id"].endswith("/completed")]
    assert ended and ended[-1]["result"]["success"] is False  # the LRS hears what the learner reads
