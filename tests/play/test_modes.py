"""Practice and assessment: in practice a wrong answer may be tried again and a dialogue choice
reconsidered; in assessment the first answer is final. Statements say the mode and the try; the
score, the levels and the report count each item's first try."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.assessment import assess, extension
from game.core.report import build_report
from game.i18n import activate
from game.play.session import ActionRefused, PlaySession
from game.play.state import AttemptState
from game.scenes.debrief import present as present_debrief
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


@pytest.fixture
def fw():
    framework, problems = load_framework()
    assert problems == []
    return framework


def session(scenario, mode=None, learner="Camille", reg="0b9f1a52-5a53-4d4e-9d59-7a3c0e5d2b11", group=None):
    rec = MemoryRecorder()
    s = PlaySession(scenario, learner, reg, rec, clock=Clock(), mode=mode, group=group)
    s.begin()
    return s, rec


def answers(rec, question):
    return [x for x in rec.statements if x["object"]["id"].endswith(f"/questions/{question}")]


def to_quiz(s):
    s.next_line()
    s.choose(0)
    assert s.proceed() == "quiz"


def test_in_practice_a_wrong_quiz_answer_can_be_tried_again_and_the_second_statement_says_try_2(mini):
    s, rec = session(mini)  # practice is the default at the desk
    to_quiz(s)
    assert s.answer("q2", frozenset({0})) is False  # « Vrai » is wrong
    assert s.answer("q2", frozenset({1})) is True  # tried again
    first, second = answers(rec, "q2")
    assert (extension(first, "try"), extension(second, "try")) == (1, 2)
    assert extension(first, "mode") == extension(second, "mode") == "practice"
    assert second["result"]["success"] is True
    with pytest.raises(ActionRefused):  # right now: nothing left to try
        s.answer("q2", frozenset({0}))
    assert s.state.latest_answer("quiz", "q2") == (1,) and s.state.answer("quiz", "q2") == (0,)


def test_in_assessment_a_quiz_answer_cannot_be_tried_again(mini):
    s, rec = session(mini, mode="assessment")
    to_quiz(s)
    assert s.answer("q2", frozenset({0})) is False
    with pytest.raises(ActionRefused):
        s.answer("q2", frozenset({1}))
    [only] = answers(rec, "q2")
    assert extension(only, "mode") == "assessment" and extension(only, "try") == 1


def test_a_retry_earns_no_point_and_the_debrief_says_right_at_the_second_try(mini, fw):
    activate("fr")
    s, rec = session(mini)
    to_quiz(s)
    s.answer("q1", frozenset({0}))
    s.answer("q2", frozenset({0}))
    s.answer("q2", frozenset({1}))
    assert dict(s.graded_items())["quiz/q2"] == 0.0  # the first try counts
    a = assess(rec.statements, mini, fw)
    [review] = [i for i in a.to_review if i.item_id == "q2"]
    assert review.right_at_try == 2 and review.response == "Vrai"
    view = present_debrief(a, fw, "")
    assert any("juste au 2e essai" in answer for _w, answer, _e, _s in view.to_review)
    assert view.mode_note.startswith("Mode entraînement : le score et les niveaux comptent votre première réponse")


def test_in_practice_a_dialogue_choice_can_be_reconsidered_and_the_story_follows_the_latest(mini, fw):
    s, rec = session(mini)
    s.next_line()
    s.choose(1)  # « Mauvais choix »
    s.choose(0)  # reconsidered: « Bon choix »
    chosen = [x for x in rec.statements if extension(x, "choice-index") is not None]
    assert [(extension(x, "choice-index"), extension(x, "try")) for x in chosen] == [(1, 1), (0, 2)]
    assert s.state.latest_choice("intro") == 0
    assert dict(s.graded_items())["intro"] == 0.0  # the first choice is what the learner thought
    assert s.proceed() == "quiz"
    a = assess(rec.statements, mini, fw)
    [review] = [i for i in a.to_review if i.kind == "choice"]
    assert review.response == "Mauvais choix" and review.right_at_try == 2


def test_in_assessment_a_dialogue_choice_is_final(mini):
    s, _rec = session(mini, mode="assessment")
    s.next_line()
    s.choose(1)
    with pytest.raises(ActionRefused):
        s.choose(0)


def test_in_practice_a_card_in_the_wrong_bin_can_be_moved(mini):
    s, rec = session(mini)
    to_quiz(s)
    s.answer("q1", frozenset({0}))
    s.answer("q2", frozenset({1}))
    s.proceed()
    assert s.place("budget", "garder") is False
    assert s.place("budget", "publier") is True
    cards = [x for x in rec.statements if "/cards/" in x["object"]["id"]]
    assert [extension(x, "try") for x in cards] == [1, 2]
    assert dict(s.graded_items())["tri/budget"] == 0.0


def test_an_attempt_keeps_its_mode_when_resumed(mini):
    s, rec = session(mini, mode="assessment")
    to_quiz(s)
    saved = rec.calls[-1][1]
    again = PlaySession(mini, "Camille", s.registration, MemoryRecorder(), AttemptState.from_json(saved), mode="practice")
    assert again.mode == "assessment"
    again.answer("q2", frozenset({0}))
    with pytest.raises(ActionRefused):
        again.answer("q2", frozenset({1}))


def _play(mini, mode, learner, reg):
    """Dialogue right, q1 right, q2 wrong then (in practice) right, both cards right."""
    s, rec = session(mini, mode=mode, learner=learner, reg=reg, group="RENNES-2026")
    to_quiz(s)
    s.answer("q1", frozenset({0}))
    s.answer("q2", frozenset({0}))
    if mode == "practice":
        s.answer("q2", frozenset({1}))
    s.proceed()
    s.place("budget", "publier")
    s.place("etat-civil", "garder")
    s.proceed()
    return rec.statements


def test_the_group_report_uses_first_tries_and_says_in_which_mode(mini, fw):
    stmts = (_play(mini, "assessment", "Léa", "00000000-0000-4000-8000-000000000001")
             + _play(mini, "practice", "Yann", "00000000-0000-4000-8000-000000000002"))
    report = build_report(stmts, fw, scenarios={"mini": mini}, group="RENNES-2026", generated_at="2026-01-01T00:00:00Z")
    # q2 wrong at the first try for both: the same evidence, whatever the retry
    assert report.cell("Léa", "A1").score == report.cell("Yann", "A1").score == pytest.approx(2 / 3)
    modes = {p.learner: [pr.mode for pr in p.progress] for p in report.participants}
    assert modes == {"Léa": ["assessment"], "Yann": ["practice"]}
    assert report.modes == ("practice", "assessment")
    [err] = [e for e in report.errors if e.kind == "answer"]
    assert err.learners == ("Léa", "Yann")  # Yann's retry does not hide that the first answer was wrong
    from html import unescape

    from game.i18n import Translator
    from game.report import render_csv, render_html

    page = unescape(render_html(report, Translator("fr")))
    assert "Modes entraînement et évaluation mêlés (voir chaque case) : dans les deux cas, niveaux et scores " \
           "comptent la première réponse." in page
    assert "évaluation" in page.split("Léa", 1)[1].split("</tr>", 1)[0]  # Léa's row names her mode
    assert "comptent la première réponse" in render_csv(report, Translator("fr")).decode("utf-8")


def test_the_report_of_an_assessment_workshop_says_the_first_answer_counts(mini, fw):
    from html import unescape

    from game.i18n import Translator
    from game.report import render_html

    stmts = _play(mini, "assessment", "Léa", "00000000-0000-4000-8000-000000000001")
    report = build_report(stmts, fw, scenarios={"mini": mini}, group="RENNES-2026", generated_at="2026-01-01T00:00:00Z")
    page = unescape(render_html(report, Translator("fr")))
    assert "Mode évaluation : la première réponse compte ; niveaux et scores sont calculés sur les premières " \
           "réponses." in page
