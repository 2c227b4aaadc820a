"""Evidence where it belongs: each graded item records the competencies it really shows, warnings
count where a scenario maps them, error kinds count as the learner meets them, the number of
operations is reported to the trainer without being scored, and ``check`` names a dead mapping."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.authoring.check import load_scenario as check_scenario
from game.core.assessment import assess, extension
from game.core.operations import operation_from_json
from game.core.report import build_report
from game.core.scenario import CleanStep, DialogueStep, PublishStep, QuizStep, ReuseStep, SortStep
from game.i18n import Translator
from game.play.publish import reference_metadata
from game.play.session import PlaySession
from game.report.html import render_html
from game.scenes.debrief import present
from game.storage.datasets import ScenarioDatasets
from game.storage.portal import Portal
from game.storage.publisher import PortalPublisher
from game.storage.scenarios import builtin_scenarios_dir, load_framework, load_scenario

from .test_session import FIX, MemoryRecorder, new_session

SHIPPED = builtin_scenarios_dir()


class LateClock:
    def __init__(self):
        self.t = 1_795_000_000.0  # after the periods the shipped data cover

    def __call__(self):
        self.t += 5
        return self.t


def run(scenario, folder: Path, tmp_path: Path, extra_ops: tuple[dict, ...] = ()) -> list[dict]:
    """A run without mistakes (the first best choice of each dialogue), with ``extra_ops`` tried
    in each clean step before the reference recipe (a learner who explores)."""
    rec = MemoryRecorder()
    s = PlaySession(scenario, "Camille", "0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11", rec, clock=LateClock(),
                    datasets=ScenarioDatasets({scenario.id: folder}),
                    publisher=PortalPublisher(Portal(tmp_path / "portail"), folder / "data"))
    s.begin()
    ranks = {"juste": 3, "partiel": 2, "faux": 1}
    while True:
        step = s.step
        if isinstance(step, DialogueStep):
            for _ in step.lines[1:]:
                s.next_line()
            if step.choices:
                s.choose(max(range(len(step.choices)), key=lambda i: ranks.get(step.choices[i].grade or "", 0)))
        elif isinstance(step, QuizStep):
            for q in step.questions:
                s.answer(q.id, q.correct_indexes)
        elif isinstance(step, SortStep):
            for card in step.cards:
                s.place(card.id, card.bin)
        elif isinstance(step, CleanStep):
            for entry in (*extra_ops, *step.reference):
                s.clean_apply(operation_from_json(entry))
        elif isinstance(step, PublishStep):
            s.publish(reference_metadata(s.publish_work()), tuple(step.reference.get("drop_columns", ())))
        elif isinstance(step, ReuseStep):
            work = s.reuse_work()
            for ch in step.challenges:
                s.reuse_answer(ch.id, work.verdict(ch).expected.text.replace(", ", " ; "))
        if s.proceed() is None:
            return rec.statements


def criteria(stmts: list[dict], step: str) -> dict[str, tuple[float, list[str]]]:
    """The criteria a clean step was scored on: name -> (score, competencies recorded)."""
    return {s["object"]["id"].rsplit("/", 1)[1]: (s["result"]["score"]["scaled"], extension(s, "competencies"))
            for s in stmts if f"/steps/{step}/criteria/" in s["object"]["id"]}


def test_one_dialogue_choice_evidences_only_the_competencies_of_that_choice(tmp_path):
    folder = tmp_path / "mini"
    shutil.copytree(FIX / "mini", folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("competencies: [A1, B4]\n", "competencies: [A1, A2, B4, C1]\n", 1)
    text = text.replace("    competencies: [A1]\n    lines:", "    competencies: [A1, A2, B4, C1]\n    lines:", 1)
    text = text.replace("      - text: Mauvais choix\n        grade: faux\n",
                        "      - text: Mauvais choix\n        grade: faux\n        competencies: [B4]\n", 1)
    path.write_text(text, encoding="utf-8")
    item = load_scenario(folder)
    assert item.valid, [p.message.format_source() for p in item.problems]
    scenario = item.scenario
    s, rec = new_session(scenario)
    s.next_line()
    s.choose(1)  # the wrong choice: a mistake about personal data only
    chosen = [st for st in rec.statements if extension(st, "choice-index") is not None]
    assert extension(chosen[0], "competencies") == ["B4"]
    framework, _ = load_framework(scenario.framework)
    evidenced = {lv.competency: [e.item_id for e in lv.evidence] for lv in assess(rec.statements, scenario, framework).competencies}
    assert evidenced["B4"] == ["1"] and evidenced["A1"] == evidenced["A2"] == evidenced["C1"] == []
    # the right choice, with no competencies of its own, takes the step's as its default
    s2, rec2 = new_session(scenario)
    s2.next_line()
    s2.choose(0)
    chosen = [st for st in rec2.statements if extension(st, "choice-index") is not None]
    assert extension(chosen[0], "competencies") == ["A1", "A2", "B4", "C1"]


def test_each_hackathon_jury_question_evidences_only_its_own_competency(tmp_path):
    scenario = load_scenario(SHIPPED / "hackathon").scenario
    stmts = run(scenario, SHIPPED / "hackathon", tmp_path)
    jury = {s["object"]["id"].rsplit("/", 1)[1]: extension(s, "competencies")
            for s in stmts if "/steps/jury/questions/" in s["object"]["id"]}
    assert jury == {"citer-la-source": ["C1"], "code-ferme": ["C1"], "licence-du-code": ["C1"],
                    "base-derivee": ["C1"], "criteres": ["D2"], "laureat": ["D2"]}
    framework, _ = load_framework(scenario.framework)
    d2 = next(lv for lv in assess(stmts, scenario, framework).competencies if lv.competency == "D2")
    assert sorted(e.item_id for e in d2.evidence if e.step_id == "jury") == ["criteres", "laureat"]


def test_re_ordering_columns_is_evidenced(tmp_path):
    scenario = load_scenario(SHIPPED / "subventions").scenario
    stmts = run(scenario, SHIPPED / "subventions", tmp_path)
    scored = criteria(stmts, "nettoyage-haute-garonne")
    assert scored["disordered-header-warn"] == (1.0, ["B2"])  # the two misplaced columns, put back in order
    framework, _ = load_framework(scenario.framework)
    b2 = next(lv for lv in assess(stmts, scenario, framework).competencies if lv.competency == "B2")
    assert any(e.item_id == "disordered-header-warn" for e in b2.evidence)


def test_a_learner_who_does_not_reorder_the_columns_is_not_credited(tmp_path):
    scenario = load_scenario(SHIPPED / "subventions").scenario
    step = scenario.step("nettoyage-haute-garonne")
    s, _rec = new_session(scenario)
    s.datasets = ScenarioDatasets({scenario.id: SHIPPED / "subventions"})
    work = s.handler(step).load(s, step, None)
    for entry in step.reference:
        if entry["op"] != "reorder-columns":
            work.apply(operation_from_json(entry))
    scores = {name: score for name, score, _d, _c in work.criteria()}
    assert scores["disordered-header-warn"] == 0.0


def test_the_dae_mappings_fire_on_the_reference_path(tmp_path):
    scenario = load_scenario(SHIPPED / "hackathon").scenario
    stmts = run(scenario, SHIPPED / "hackathon", tmp_path)
    scored = criteria(stmts, "nettoyage-dae")
    # errors revealed once the spaces are trimmed from the column names, fixed by the reference
    assert scored["type-error"] == (1.0, ["B3"]) and scored["constraint-error"] == (1.0, ["B3"])
    # errors the file lacks the information to fix: left for the operator, not made up
    assert scored["a-signaler-unique-error"] == (1.0, ["B3"])
    assert scored["a-signaler-french-siren-value"] == (1.0, ["B3"])
    # the column names with spaces around them are recognised (as Validata does) and warned about: removing
    # the spaces is the B2 part of the step
    assert scored["spaced-label-warn"] == (1.0, ["B2"])
    framework, _ = load_framework(scenario.framework)
    well = present(assess(stmts, scenario, framework), framework, "", scenario).went_well
    assert "Nettoyage — Numéro SIREN invalide — laissées pour le producteur (le fichier n'a pas l'information " \
           "pour les corriger)" in well


def test_a_made_up_siren_is_evidence_against_b3():
    scenario = load_scenario(SHIPPED / "hackathon").scenario
    step = scenario.step("nettoyage-dae")
    s, _rec = new_session(scenario)
    s.datasets = ScenarioDatasets({scenario.id: SHIPPED / "hackathon"})
    work = s.handler(step).load(s, step, None)
    for entry in step.reference:
        work.apply(operation_from_json(entry))
    work.apply(operation_from_json({"op": "find-replace", "column": "expt_siren", "find": "123456789",
                                    "replace": "732829320", "whole_cell": True}))  # a valid SIREN, invented
    scores = {name: (score, detail) for name, score, detail, _c in work.criteria()}
    assert scores["a-signaler-french-siren-value"] == (8 / 12, "8/12")  # 4 of the 12 made up


def test_exploring_with_extra_operations_no_longer_lowers_b3(tmp_path):
    scenario = load_scenario(SHIPPED / "prenoms").scenario
    framework, _ = load_framework(scenario.framework)
    extra = ({"op": "trim-spaces"}, {"op": "trim-spaces"}, {"op": "trim-spaces"})
    stmts = run(scenario, SHIPPED / "prenoms", tmp_path, extra_ops=extra)
    levels = {lv.competency: lv for lv in assess(stmts, scenario, framework).competencies}
    assert [e.score for e in levels["B3"].evidence] == [1.0] * len(levels["B3"].evidence)
    assert "operations-utilisees" not in criteria(stmts, "nettoyage")
    # the process measure is reported to the trainer: in a statement, and in the group report
    measure = next(s for s in stmts if s["object"]["id"].endswith("/steps/nettoyage/measures/operations"))
    used = len(scenario.step("nettoyage").reference) + len(extra)
    assert measure["result"]["response"] == f"{used}/{used - len(extra)}"
    assert "score" not in measure["result"]
    report = build_report(stmts, framework, scenarios={scenario.id: scenario}, generated_at="2026-12-07T03:00:00Z")
    assert report.participants[0].progress[0].operations == (used, used - len(extra))
    html = render_html(report, Translator("fr"))
    assert f"{used} opérations (référence : {used - len(extra)})" in html


def test_an_operations_criterion_recorded_by_an_earlier_version_is_not_evidence(tmp_path):
    scenario = load_scenario(SHIPPED / "prenoms").scenario
    framework, _ = load_framework(scenario.framework)
    stmts = run(scenario, SHIPPED / "prenoms", tmp_path)
    old = next(s for s in stmts if "/criteria/donnees-preservees" in s["object"]["id"])
    old = {**old, "id": "5f0c7a52-5a53-4d4e-9d59-7a3c0e5d2b11",
           "object": {**old["object"], "id": old["object"]["id"].replace("donnees-preservees", "operations-utilisees")},
           "result": {**old["result"], "score": {"scaled": 0.25}}}
    b3 = next(lv for lv in assess([*stmts, old], scenario, framework).competencies if lv.competency == "B3")
    assert all(e.item_id != "operations-utilisees" for e in b3.evidence)


def test_check_warns_about_an_evidence_mapping_the_reference_path_never_uses(tmp_path):
    folder = tmp_path / "prenoms"
    shutil.copytree(SHIPPED / "prenoms", folder, ignore=shutil.ignore_patterns("locales"))
    path = folder / "scenario.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("    competencies: [B2, B3]", next(i for i, ln in enumerate(lines) if ln == "    kind: clean"))
    lines[at + 1:at + 1] = ["    evidence:", "      constraint-error: B3", "      unique-error: B3"]
    path.write_text("\n".join(lines), encoding="utf-8")
    item = check_scenario(folder)
    assert item.valid  # a warning: the game still plays it
    dead = [p for p in item.warnings if p.code == "dead-evidence"]
    assert len(dead) == 1
    assert dead[0].line == at + 4 and dead[0].col == 7  # the « unique-error » line
    text = dead[0].message.format_source()
    assert "« unique-error : B3 »" in text and "parcours de référence" in text
