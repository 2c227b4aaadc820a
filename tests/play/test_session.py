"""A learner's actions on a scenario: recorded one transaction each, graded, resumable."""

from pathlib import Path

import pytest

from game.core.assessment import assess
from game.play.session import ActionRefused, PlaySession
from game.play.state import AttemptState
from game.storage.scenarios import load_framework, load_scenario

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


class MemoryRecorder:
    def __init__(self):
        self.calls = []

    def record(self, registration, state, statements, *, finished_score=None):
        self.calls.append((registration, state, list(statements), finished_score))

    @property
    def statements(self):
        return [s for c in self.calls for s in c[2]]


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        self.t += 5
        return self.t


@pytest.fixture
def mini():
    return load_scenario(FIX / "mini").scenario


def new_session(scenario, rec=None, mode=None):
    rec = rec or MemoryRecorder()
    s = PlaySession(scenario, "Camille", "0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11", rec, clock=Clock(), mode=mode)
    s.begin()
    return s, rec


def verbs(stmts):
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in stmts]


def test_begin_records_scenario_and_first_step(mini):
    s, rec = new_session(mini)
    assert verbs(rec.statements) == ["initialized", "initialized"]
    assert rec.calls[0][1]["step_id"] == "intro"


def test_choice_needs_every_line_read_and_is_frozen_once_made_in_assessment_mode(mini):
    s, rec = new_session(mini, mode="assessment")
    with pytest.raises(ActionRefused):
        s.choose(0)
    s.next_line()
    s.choose(1)
    with pytest.raises(ActionRefused):
        s.choose(0)
    assert s.proceed() == "quiz"  # the wrong choice branches straight to the quiz


def test_full_playthrough_scores_and_completes_once(mini):
    s, rec = new_session(mini)
    s.next_line()
    s.choose(0)
    assert s.proceed() == "quiz"
    with pytest.raises(ActionRefused):
        s.proceed()  # questions not answered
    assert s.answer("q1", frozenset({0})) is True
    assert s.answer("q2", frozenset({0})) is False  # « Vrai » is wrong
    assert s.proceed() == "tri"
    assert s.place("budget", "publier") is True
    assert s.place("etat-civil", "publier") is False
    assert s.proceed() == "bilan"
    finished = [c[3] for c in rec.calls if c[3] is not None]
    assert finished == [pytest.approx(3 / 5)]  # choice right, q1 right, q2 wrong, one card of two
    completed = [x for x in rec.statements if x["verb"]["id"].endswith("completed") and "/steps/" not in x["object"]["id"]]
    assert len(completed) == 1 and completed[0]["result"]["success"] is False
    assert s.proceed() is None
    assert len([x for x in rec.statements if x["verb"]["id"].endswith("completed") and "/steps/" not in x["object"]["id"]]) == 1


def test_resume_from_saved_state_keeps_answers(mini):
    s, rec = new_session(mini)
    s.next_line()
    s.choose(0)
    s.proceed()
    s.answer("q1", frozenset({0}))
    saved = rec.calls[-1][1]
    again = PlaySession(mini, "Camille", s.registration, MemoryRecorder(), AttemptState.from_json(saved))
    assert again.step.id == "quiz"
    assert again.state.answer("quiz", "q1") == (0,)
    with pytest.raises(ActionRefused):  # right already: nothing to try again
        again.answer("q1", frozenset({1}))


def test_assessment_levels_and_review_items(mini):
    s, rec = new_session(mini)
    s.next_line()
    s.choose(0)
    s.proceed()
    s.answer("q1", frozenset({0}))
    s.answer("q2", frozenset({1}))
    s.proceed()
    s.place("budget", "garder")
    s.place("etat-civil", "garder")
    s.proceed()
    fw, problems = load_framework()
    assert problems == []
    a = assess(rec.statements, mini, fw)
    levels = {c.competency: c.level for c in a.competencies}
    assert levels["A1"] == "acquis"  # 3 right answers out of 3, fewer than 4 pieces of evidence
    assert levels["B4"] == "en-cours"  # 1 of 2
    assert a.score == pytest.approx(4 / 5)
    [review] = a.to_review
    assert review.prompt == "Budget" and review.expected == "Publier" and review.response == "Ne pas publier"
    assert any(cid == "B4" for cid, _ in a.resources)


def test_failed_record_leaves_state_unchanged(mini):
    class Broken(MemoryRecorder):
        def record(self, *a, **k):
            raise OSError("disque plein")

    s, _ = new_session(mini)
    s._recorder = Broken()
    with pytest.raises(OSError):
        s.next_line()
    assert s.state.line == 0


def test_options_and_cards_are_shuffled_per_attempt_and_stable_on_resume(mini):
    s1, _ = new_session(mini)
    again = PlaySession(mini, "Camille", s1.registration, MemoryRecorder(), s1.state)
    assert again.order("tri", 10) == s1.order("tri", 10)
    assert sorted(s1.order("tri", 10)) == list(range(10))
    others = {tuple(PlaySession(mini, "Camille", f"00000000-0000-4000-8000-{n:012d}", MemoryRecorder()).order("tri", 10))
              for n in range(20)}
    assert len(others) > 10  # the right answer is not always in the same place
