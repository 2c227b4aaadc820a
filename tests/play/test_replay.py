"""The trainer's preview: the learner's path replayed on an edited scenario, to the same step or
to the nearest one still reachable, with a note saying why."""

import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from game.core.scenario import Choice, Line, Question
from game.play.replay import LoggedSession, replay
from game.storage.scenarios import load_scenario

from .test_session import Clock, MemoryRecorder

REG = {name: str(uuid.uuid5(uuid.NAMESPACE_URL, name)) for name in ("a", "b", "c")}
FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


@pytest.fixture
def mini():
    return load_scenario(FIX / "mini").scenario


def fresh(scenario, registration=REG["a"], seed="graine"):
    s = LoggedSession(scenario, "Aperçu", registration, MemoryRecorder(), clock=Clock(), seed=seed)
    s.begin()
    return s


def played_to_sort(scenario):
    """Intro read, the right choice, the quiz answered, one card placed: standing on « tri »."""
    s = fresh(scenario)
    s.next_line()
    s.choose(0)
    s.proceed()
    s.answer("q1", frozenset({0}))
    s.answer("q2", frozenset({1}))
    s.proceed()
    s.place("budget", "publier")
    assert s.state.step_id == "tri"
    return s


def edit_step(scenario, step_id, **changes):
    return replace(scenario, steps=tuple(replace(st, **changes) if st.id == step_id else st for st in scenario.steps))


def again(old, new_scenario):
    s = fresh(new_scenario, registration=REG["b"])
    return s, replay(s, old.log, target=old.state.step_id)


def test_a_harmless_edit_returns_to_the_same_step_with_every_answer(mini):
    old = played_to_sort(mini)
    intro = mini.step("intro")
    reworded = edit_step(mini, "intro", lines=(Line("mentor", "Réplique réécrite."),) + intro.lines[1:])
    s, result = again(old, reworded)
    assert result.note is None and result.applied == len(old.log)
    assert s.state.step_id == "tri"
    assert s.state.choice("intro") == 0 and s.state.answer("quiz", "q2") == (1,)
    assert s.state.placement("tri", "budget") == "publier"
    assert s.scenario.step("intro").lines[0].text == "Réplique réécrite."
    assert s.log == old.log  # the new session carries the path on, for the next save


def test_a_choice_moved_or_reworded_is_found_again(mini):
    old = played_to_sort(mini)
    good, bad = mini.step("intro").choices
    swapped = edit_step(mini, "intro", choices=(bad, good))
    s, result = again(old, swapped)
    assert result.note is None and s.state.choice("intro") == 1 and s.state.step_id == "tri"
    reworded = edit_step(mini, "intro", choices=(replace(good, text="Un bon choix, reformulé"), bad))
    s, result = again(old, reworded)
    assert result.note is None and s.state.choice("intro") == 0 and s.state.step_id == "tri"


def test_a_removed_choice_stops_the_replay_on_its_step_with_a_note(mini):
    old = played_to_sort(mini)
    bad = mini.step("intro").choices[1]
    s, result = again(old, edit_step(mini, "intro", choices=(bad, Choice("Autre choix"), Choice("Encore un"))))
    assert s.state.step_id == "intro" and s.state.choice("intro") is None
    assert result.note.format_source() == ("Le scénario a changé : le parcours rejoué s'arrête à l'étape « intro » "
                                           "(le choix « Bon choix » n'existe plus).")
    assert result.applied == 1 and len(s.log) == 1  # the line read is kept, the rest dropped


def test_a_removed_step_on_the_path_stops_at_the_nearest_step(mini):
    old = played_to_sort(mini)
    without_quiz = replace(mini, steps=tuple(st for st in mini.steps if st.id != "quiz"))
    s, result = again(old, without_quiz)
    assert s.state.step_id == "tri"  # the intro now leads straight to the sort
    assert s.state.placement("tri", "budget") is None
    assert "(l'étape « quiz » n'existe plus)" in result.note.format_source()


def test_the_current_step_removed_lands_on_the_step_that_follows(mini):
    old = played_to_sort(mini)
    s, result = again(old, replace(mini, steps=tuple(st for st in mini.steps if st.id != "tri")))
    assert s.state.step_id == "bilan"
    assert result.note.format_source() == ("Le scénario a changé : le parcours rejoué s'arrête à l'étape « bilan » "
                                           "(l'étape « tri » n'existe plus).")


def test_a_branch_that_now_leads_elsewhere_is_named(mini):
    old = played_to_sort(mini)
    good, bad = mini.step("intro").choices
    s, result = again(old, edit_step(mini, "intro", choices=(replace(good, next="tri"), bad)))
    assert s.state.step_id == "tri"
    assert result.note.format_source() == ("Le scénario a changé : le parcours rejoué s'arrête à l'étape « tri » "
                                           "(le choix « Bon choix » de l'étape « intro » ne mène plus à l'étape « quiz »).")


def test_a_step_that_now_leads_elsewhere_is_named(mini):
    old = played_to_sort(mini)
    s, result = again(old, edit_step(mini, "quiz", next="bilan"))
    assert s.state.step_id == "bilan"
    assert result.note.format_source() == ("Le scénario a changé : le parcours rejoué s'arrête à l'étape « bilan » "
                                           "(l'étape « quiz » ne mène plus à l'étape « tri »).")


def test_a_new_first_step_is_named_as_the_new_start(mini):
    old = played_to_sort(mini)
    quiz_first = replace(mini, steps=(mini.step("quiz"),) + tuple(st for st in mini.steps if st.id != "quiz"))
    s, result = again(old, quiz_first)
    assert s.state.step_id == "quiz" and result.applied == 0
    assert result.note.format_source() == ("Le scénario a changé : le parcours rejoué s'arrête à l'étape « quiz » "
                                           "(le scénario ne commence plus par l'étape « intro »).")


def test_a_new_question_keeps_the_learner_on_the_quiz(mini):
    old = played_to_sort(mini)
    quiz = mini.step("quiz")
    extra = Question("q3", "vrai-faux", "Nouvelle question ?", "Parce que.", answer=True)
    s, result = again(old, edit_step(mini, "quiz", questions=quiz.questions + (extra,)))
    assert s.state.step_id == "quiz" and s.state.answer("quiz", "q1") == (0,)
    assert "(elle attend maintenant d'autres réponses)" in result.note.format_source()


def test_changed_options_of_an_answered_question_stop_the_replay(mini):
    old = played_to_sort(mini)
    quiz = mini.step("quiz")
    q1 = replace(quiz.questions[0], options=quiz.questions[0].options[1:])  # « Oui » removed
    s, result = again(old, edit_step(mini, "quiz", questions=(q1,) + quiz.questions[1:]))
    assert s.state.step_id == "quiz" and s.state.answer("quiz", "q1") is None
    assert "(la réponse à la question « Une question ? » ne s'applique plus)" in result.note.format_source()


def test_a_dialogue_with_fewer_lines_still_replays_the_choice(mini):
    s = fresh(mini)
    s.next_line()
    s.choose(0)
    one_line = edit_step(mini, "intro", lines=mini.step("intro").lines[:1])
    s2, result = again(s, one_line)
    assert result.note is None and s2.state.choice("intro") == 0 and s2.state.step_id == "intro"


def test_the_shuffled_order_stays_the_same_across_reloads(mini):
    a, b = fresh(mini, REG["a"], seed="x"), fresh(mini, REG["c"], seed="x")
    assert [a.order(k, 8) for k in ("intro", "quiz/q1")] == [b.order(k, 8) for k in ("intro", "quiz/q1")]


def test_refused_actions_are_not_logged(mini):
    s = fresh(mini)
    with pytest.raises(Exception):  # noqa: B017 - ActionRefused: the lines are not read yet
        s.choose(0)
    assert s.log == []
