"""Reuse challenges: answers checked against the reference query run on the table the learner
published — so what the learner did to the data decides what can be answered."""

from dataclasses import replace

import pytest

from game.core.reuse import Query, QueryError
from game.play.session import ActionRefused

from .test_publish import at_publish, reference, scenario  # noqa: F401 - the fixture


def at_reuse(scenario, tmp_path, dropped=None):  # noqa: F811
    s, rec, _portal = at_publish(scenario, tmp_path)
    meta, ref_dropped = reference(s)
    s.publish(meta, ref_dropped if dropped is None else dropped)
    s.proceed()
    assert s.step.kind == "reuse"
    return s, rec


def test_a_number_typed_the_french_way_is_checked_against_the_published_table(scenario, tmp_path):  # noqa: F811
    s, rec = at_reuse(scenario, tmp_path)
    check = s.reuse_answer("naissances-2016", "317")  # 197 Victor + 120 Louise
    assert check.ok
    assert rec.calls[-1][2][0]["verb"]["id"].endswith("/answered")
    assert rec.calls[-1][2][0]["result"]["success"] is True
    with pytest.raises(ActionRefused):
        s.reuse_answer("naissances-2016", "318")  # answered once


def test_a_wrong_number_says_what_the_published_data_give(scenario, tmp_path):  # noqa: F811
    s, _rec = at_reuse(scenario, tmp_path)
    check = s.reuse_answer("naissances-2016", "1 000,5")
    assert not check.ok and "317" in check.expected_text.replace("\u202f", "").replace("\xa0", "")
    assert s.state.reuse_of("questions", "naissances-2016")["ok"] is False


def test_a_list_is_accepted_in_any_order_with_et(scenario, tmp_path):  # noqa: F811
    s, _rec = at_reuse(scenario, tmp_path)
    assert s.reuse_answer("prenoms-filles", "louise et NOEMIE").ok
    assert s.step_done() is False  # one question left
    s.reuse_answer("naissances-2016", "317")
    assert s.step_done() is True


def test_every_query_built_is_recorded_even_when_it_cannot_run(scenario, tmp_path):  # noqa: F811
    s, rec = at_reuse(scenario, tmp_path)
    result = s.reuse_query(Query(group_by=("ANNEE",), aggregate="sum", measure="NOMBRE_OCCURRENCES"), "naissances-2016")
    assert dict((str(r[0]), r[1]) for r in result.rows) == {"2015": 50, "2016": 317}
    with pytest.raises(QueryError) as e:
        s.reuse_query(Query(aggregate="sum", measure="NOMBRE_OCURENCES"), "naissances-2016")
    assert "NOMBRE_OCCURRENCES" in e.value.message.format_source() + (e.value.hint.format_source() if e.value.hint else "")
    verbs = [c[2][0]["verb"]["id"].rsplit("/", 1)[1] for c in rec.calls[-2:]]
    assert verbs == ["interacted", "interacted"]


def test_a_column_left_out_of_the_publication_makes_the_question_unanswerable(scenario, tmp_path):  # noqa: F811
    s, rec = at_reuse(scenario, tmp_path, dropped=("DECLARANT_COURRIEL", "NOMBRE_OCCURRENCES"))
    ch = s.step.challenge("naissances-2016")
    v = s.reuse_work().verdict(ch)
    assert v.expected is None and "NOMBRE_OCCURRENCES" in v.reason.format_source()
    with pytest.raises(ActionRefused):
        s.reuse_answer("naissances-2016", "317")
    s.reuse_unanswerable("naissances-2016")
    stmt = rec.calls[-1][2][0]
    assert stmt["result"]["success"] is False
    assert any(k.endswith("/unanswerable") and v is True for k, v in stmt["result"]["extensions"].items())
    assert dict(s.graded_items())["questions/naissances-2016"] == 0.0


def test_the_debrief_links_an_unanswerable_question_to_where_it_went_wrong(scenario, tmp_path):  # noqa: F811
    from game.core.assessment import assess
    from game.storage.scenarios import load_framework

    s, rec = at_reuse(scenario, tmp_path, dropped=("DECLARANT_COURRIEL", "NOMBRE_OCCURRENCES"))
    s.reuse_unanswerable("naissances-2016")
    s.reuse_answer("prenoms-filles", "Louise, Noémie")
    fw, _problems = load_framework()
    a = assess(rec.statements, scenario, fw)
    item = next(i for i in a.to_review if i.item_id == "naissances-2016")
    assert item.expected == "publier"  # the blamed step
    d1 = next(lv for lv in a.competencies if lv.competency == "D1")
    assert len(d1.evidence) == 2


def test_check_refuses_a_question_the_reference_path_cannot_answer(tmp_path):
    import shutil
    from pathlib import Path

    from game.authoring.check import load_scenario

    src = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios" / "publication"
    folder = tmp_path / "publication"
    shutil.copytree(src, folder)
    text = (folder / "scenario.yaml").read_text("utf-8")
    (folder / "scenario.yaml").write_text(text.replace("measure: NOMBRE_OCCURRENCES", "measure: COMMUNE_NOM"), "utf-8")
    loaded = load_scenario(folder)
    messages = " | ".join(p.message.format_source() for p in loaded.problems)
    assert "la question « naissances-2016 » n'a pas de réponse" in messages
    assert all(p.line for p in loaded.problems)


_ = replace


def test_in_practice_a_wrong_reply_to_a_reuser_can_be_tried_again_and_earns_nothing_more(scenario, tmp_path):  # noqa: F811
    from game.core.assessment import extension

    s, rec = at_reuse(scenario, tmp_path)
    assert not s.reuse_answer("naissances-2016", "300").ok
    assert s.reuse_answer("naissances-2016", "317").ok  # tried again
    assert extension(rec.calls[-1][2][0], "try") == 2
    assert s.state.latest_reuse("questions", "naissances-2016")["ok"] is True
    assert dict(s.graded_items())["questions/naissances-2016"] == 0.0  # the first try counts


def test_in_assessment_a_reply_to_a_reuser_is_final(scenario, tmp_path):  # noqa: F811
    s, _rec = at_reuse(scenario, tmp_path)
    s.state = s.state.with_(mode="assessment")
    assert not s.reuse_answer("naissances-2016", "300").ok
    with pytest.raises(ActionRefused):
        s.reuse_answer("naissances-2016", "317")


def test_in_practice_the_desk_withholds_the_expected_answer_while_a_retry_is_open(scenario, tmp_path):  # noqa: F811
    from game.i18n import activate
    from game.play.reuse import ReuseWork
    from game.scenes.views.reuse import DeskState, OutcomeView, present

    activate("fr")
    s, _rec = at_reuse(scenario, tmp_path)
    s.reuse_answer("naissances-2016", "300")
    done = s.state.latest_reuse("questions", "naissances-2016")
    index = [c.id for c in s.step.challenges].index("naissances-2016")
    work = s.reuse_work()
    assert isinstance(work, ReuseWork)
    practice = present(s.scenario, s.step, work, index, done, DeskState(), can_retry=True).body
    final = present(s.scenario, s.step, work, index, done, DeskState()).body
    assert isinstance(practice, OutcomeView) and practice.can_retry and "317" not in practice.verdict.text
    assert isinstance(final, OutcomeView) and not final.can_retry and "317" in final.verdict.text
