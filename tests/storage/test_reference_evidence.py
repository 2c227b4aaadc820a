"""A run without mistakes gets a level on every competency the scenario claims: what the
``insufficient-evidence`` rule of ``explorateurs check`` counts is what the debrief receives."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from game.authoring.reference import step_competencies
from game.cli.new import template_dir
from game.core.assessment import INSUFFICIENT, assess, evidence_from
from game.core.lint import reference_evidence
from game.core.operations import operation_from_json
from game.core.scenario import CleanStep, DialogueStep, FillStep, PublishStep, QuizStep, ReuseStep, SortStep
from game.play.publish import reference_metadata
from game.play.session import PlaySession
from game.storage.datasets import ScenarioDatasets
from game.storage.portal import Portal
from game.storage.publisher import PortalPublisher
from game.storage.scenarios import builtin_scenarios_dir, load_framework, load_scenario

from ..play.test_session import Clock, MemoryRecorder

SHIPPED = sorted(p.name for p in builtin_scenarios_dir().iterdir() if (p / "scenario.yaml").is_file())


class LateClock(Clock):
    def __init__(self):
        self.t = 1_795_000_000.0  # 20 November 2026: after the periods the shipped data cover


def perfect_run(scenario, folder: Path, tmp_path: Path) -> list[dict]:
    """Play ``scenario`` making no mistake (the first best choice of each dialogue); its statements."""
    rec = MemoryRecorder()
    s = PlaySession(scenario, "Camille", "0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11", rec, clock=LateClock(),
                    datasets=ScenarioDatasets({scenario.id: folder}),
                    publisher=PortalPublisher(Portal(tmp_path / "portail"), folder / "data"))
    s.begin()
    while True:
        step = s.step
        if isinstance(step, DialogueStep):
            for _ in step.lines[1:]:
                s.next_line()
            if step.choices:
                ranks = {"juste": 3, "partiel": 2, "faux": 1}
                s.choose(max(range(len(step.choices)), key=lambda i: ranks.get(step.choices[i].grade or "", 0)))
        elif isinstance(step, QuizStep):
            for q in step.questions:
                assert s.answer(q.id, q.correct_indexes)
        elif isinstance(step, SortStep):
            for card in step.cards:
                assert s.place(card.id, card.bin)
        elif isinstance(step, CleanStep):
            for entry in step.reference:
                s.clean_apply(operation_from_json(entry))
        elif isinstance(step, PublishStep):
            desk = s.publish_work()
            s.publish(reference_metadata(desk), tuple(step.reference.get("drop_columns", ())))
        elif isinstance(step, FillStep):
            for row in step.rows:
                assert s.fill_row(row.id, {f: row.value(f) for f in step.fields}).score == 1.0
        elif isinstance(step, ReuseStep):
            work = s.reuse_work()
            for ch in step.challenges:
                assert s.reuse_answer(ch.id, work.verdict(ch).expected.text.replace(", ", " ; ")).ok, ch.id
        if s.proceed() is None:
            return rec.statements


def evidence_per_competency(statements, scenario, framework) -> Counter:
    # what the run records (the debrief shows a competency the scenario does not announce only with enough)
    return Counter(e.competency for e in evidence_from(list(statements), scenario)
                   if framework.competency(e.competency) is not None)


def _folder(tmp_path: Path, name: str) -> Path:
    if name == "modele":
        folder = tmp_path / "modele"
        shutil.copytree(template_dir(), folder)
        return folder
    return builtin_scenarios_dir() / name


@pytest.mark.parametrize("name", ["modele", *SHIPPED])
def test_a_run_without_mistakes_gets_a_level_on_every_claimed_competency(name, tmp_path):
    folder = _folder(tmp_path, name)
    item = load_scenario(folder)
    assert item.valid, [p.message.format_source() for p in item.problems]
    assert [p for p in item.warnings if p.code == "insufficient-evidence"] == []
    scenario = item.scenario
    framework, _problems = load_framework(scenario.framework)
    levels = {lv.competency: lv.level for lv in assess(perfect_run(scenario, folder, tmp_path), scenario, framework).competencies}
    assert {c: levels[c] for c in scenario.competencies if levels[c] == INSUFFICIENT} == {}


@pytest.mark.parametrize("name", ["modele", *SHIPPED])
def test_the_rule_counts_what_a_run_without_mistakes_records(name, tmp_path):
    folder = _folder(tmp_path, name)
    scenario = load_scenario(folder).scenario
    framework, _problems = load_framework(scenario.framework)
    recorded = evidence_per_competency(perfect_run(scenario, folder, tmp_path), scenario, framework)
    assessed = {s.id: step_competencies(scenario, s, folder) for s in scenario.steps if isinstance(s, CleanStep | PublishStep)}
    counted = reference_evidence(scenario, assessed)
    # the rule takes, for each competency, the best of the paths a faultless run may take (ungraded
    # choices may branch): never less than one such run records
    assert all(counted[c] >= n for c, n in recorded.items()), (counted, recorded)
    branching = any(isinstance(s, DialogueStep) and s.choices and not any(c.grade for c in s.choices)
                    and len({c.next for c in s.choices}) > 1 for s in scenario.steps)
    if not branching:
        assert +counted == recorded
