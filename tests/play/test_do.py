"""PlaySession.do(action): every learner action goes through one door, to the handler of the
current step; the actions a session accepted, written to JSON and read back, play the same path
again on a fresh session (what the preview does after each save, and a headless run will do)."""

import json
import typing
from pathlib import Path

import pytest

from game.core.actions import (
    Action,
    Answer,
    ApplyOperation,
    Choose,
    NextLine,
    Proceed,
    Sort,
    actions_from_json,
    actions_to_json,
)
from game.core.operations import operation_from_json
from game.core.reuse import Query
from game.core.scenario import Step
from game.play.handlers import HANDLERS
from game.play.replay import LoggedSession
from game.play.session import ActionRefused, PlaySession
from game.storage.datasets import ScenarioDatasets
from game.storage.portal import Portal
from game.storage.publisher import PortalPublisher
from game.storage.scenarios import load_scenario

from .test_publish import Clock as PublishClock
from .test_session import Clock, MemoryRecorder

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"
REG = "0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11"


@pytest.fixture
def mini():
    return load_scenario(FIX / "mini").scenario


def fresh(scenario, kind=PlaySession, **kwargs):
    rec = MemoryRecorder()
    s = kind(scenario, "Camille", REG, rec, clock=Clock(), **kwargs)
    s.begin()
    return s, rec


def recorded(rec):
    """What was recorded, but the statements' own ids and timestamps."""
    return [(state, [{k: v for k, v in st.items() if k not in ("id", "timestamp")} for st in stmts], finished)
            for _reg, state, stmts, finished in rec.calls]


def test_every_step_kind_has_its_handler():
    assert set(HANDLERS) == set(typing.get_args(Step))


def test_do_carries_an_action_out_like_the_named_method(mini):
    a, rec_a = fresh(mini)
    b, rec_b = fresh(mini)
    a.next_line()
    a.choose(0)
    b.do(NextLine("intro"))
    assert b.do(Choose("intro", 0)) is None
    assert a.state == b.state and recorded(rec_a) == recorded(rec_b)
    assert b.do(Proceed("intro")) == "quiz"
    assert b.do(Answer("quiz", "q2", frozenset({1}))) is True


def test_an_action_for_another_step_is_refused_and_nothing_is_recorded(mini):
    s, rec = fresh(mini)
    before = len(rec.calls)
    with pytest.raises(ActionRefused):
        s.do(Answer("quiz", "q1", frozenset({0})))  # the learner is still on the intro
    with pytest.raises(ActionRefused):
        s.do(Sort("intro", "budget", "publier"))  # a dialogue has no cards
    with pytest.raises(ActionRefused):
        s.do(ApplyOperation("intro", operation_from_json({"op": "trim-spaces"})))
    assert len(rec.calls) == before and s.state.step_id == "intro" and s.state.line == 0


def test_the_actions_of_a_path_replayed_from_json_give_the_same_attempt(mini):
    played, rec = fresh(mini, LoggedSession)
    played.next_line()
    played.choose(1)  # the wrong choice: straight to the quiz
    played.proceed()
    played.answer("q1", frozenset({0}))
    played.answer("q2", frozenset({0}))
    played.proceed()
    played.place("budget", "garder")
    played.place("etat-civil", "publier")
    played.proceed()
    script = json.loads(json.dumps(actions_to_json(played.actions)))
    assert script[1] == {"action": "choose", "step": "intro", "choice": 1}
    again, rec_again = fresh(mini)
    for action in actions_from_json(script):
        again.do(action)
    assert again.state == played.state and again.state.step_id == "bilan" and again.state.completed
    assert recorded(rec_again) == recorded(rec)  # the same statements, the same score


def data_session(scenario, tmp_path, kind=PlaySession, folder="portail"):
    rec = MemoryRecorder()
    s = kind(scenario, "Camille", REG, rec, clock=PublishClock(),
             datasets=ScenarioDatasets({"publication": FIX / "publication"}),
             publisher=PortalPublisher(Portal(tmp_path / folder), FIX / "publication" / "data"))
    s.begin()
    return s, rec


def test_a_cleaning_publication_and_reuse_written_in_json_play_like_the_screens(tmp_path):
    """The script uses the scenario file's own forms: the reference recipe, the reference
    metadata (with its drop_columns), a reference query."""
    scenario = load_scenario(FIX / "publication").scenario
    by_screens, rec = data_session(scenario, tmp_path, LoggedSession)
    for entry in by_screens.step.reference:
        by_screens.clean_apply(operation_from_json(entry))
    by_screens.proceed()
    from game.play.publish import reference_metadata

    desk = by_screens.publish_work()
    by_screens.publish(reference_metadata(desk), tuple(desk.step.reference["drop_columns"]))
    by_screens.proceed()
    by_screens.reuse_query(Query.from_json(scenario.step("questions").challenges[0].reference), "naissances-2016")
    by_screens.reuse_answer("naissances-2016", "317")

    publier, questions = scenario.step("publier"), scenario.step("questions")
    written = [{"action": "apply", "step": "nettoyage", "operation": op} for op in scenario.step("nettoyage").reference]
    written += [{"action": "proceed", "step": "nettoyage"},
                {"action": "publish", "step": "publier", "metadata": publier.reference},
                {"action": "proceed", "step": "publier"},
                {"action": "query", "step": "questions", "query": questions.challenges[0].reference,
                 "challenge": "naissances-2016"},
                {"action": "reply", "step": "questions", "challenge": "naissances-2016", "answer": "317"}]
    script = actions_from_json(json.loads(json.dumps(written)))
    assert script == by_screens.actions
    headless, rec_headless = data_session(scenario, tmp_path, folder="portail-2")
    for action in script:
        headless.do(action)
    assert headless.state.publishing_of("publier")["scores"] == {
        "licence": 1.0, "documentation": 1.0, "publication": 1.0, "personal-data": 1.0}
    assert headless.state.reuse_of("questions", "naissances-2016")["ok"] is True

    def without_portal_path(state):
        out = state.to_json()
        del out["publishing"]["publier"]["published"]["path"]
        return out

    assert without_portal_path(headless.state) == without_portal_path(by_screens.state)
    assert len(rec_headless.calls) == len(rec.calls)


def test_a_script_action_that_no_longer_applies_is_refused_like_a_click(mini):
    s, rec = fresh(mini)
    [action] = actions_from_json([{"action": "choose", "step": "intro", "choice": 0}])
    with pytest.raises(ActionRefused):  # the lines are not read yet
        s.do(action)
    assert isinstance(action, Action) and s.state.choice("intro") is None
