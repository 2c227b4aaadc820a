"""The group report's model: who took part, how far, how long, at which level, the errors they
made and the training needs — from statements of many desks, deduplicated and filtered."""

from pathlib import Path

import pytest

from game.core.report import (
    ANSWER,
    FINISHED,
    LICENCE,
    NOT_STARTED,
    PLACEMENT,
    PUBLICATION,
    STARTED,
    TOP_ERRORS,
    VALIDATION,
    build_report,
)
from game.storage.scenarios import load_framework, load_scenario
from tests.report.desk import Desk

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"
WHEN = "2026-03-12T17:00:00Z"


@pytest.fixture(scope="module")
def fw():
    fw, problems = load_framework()
    assert problems == []
    return fw


@pytest.fixture(scope="module")
def mini():
    return load_scenario(FIX / "mini").scenario


def report(stmts, fw, **kw):
    return build_report(stmts, fw, generated_at=WHEN, **kw)


def test_levels_pool_each_learners_items_across_scenarios_and_keep_the_last_answer_of_an_item(fw):
    a = (Desk("Camille", "un").begin().question("q", "1", "Q1 ?", "A", True).question("q", "2", "Q2 ?", "B", True)
         .criterion("pub", "licence", 0.0, "C1").criterion("pub", "licence", 1.0, "C1").criterion("pub", "licence", 1.0, "C1"))
    b = Desk("Camille", "deux").begin().question("q", "1", "Q1 ?", "C", False).question("q", "2", "Q2 ?", "B", True)
    r = report(a.statements + b.statements, fw)
    b2, c1 = r.cell("Camille", "B2"), r.cell("Camille", "C1")
    assert (b2.evidence, b2.score, b2.level) == (4, 0.75, "acquis")  # 3 right of 4, two scenarios pooled
    # the licence scored three times in one attempt: the last score only, one piece of evidence
    assert (c1.evidence, c1.score, c1.level) == (1, 1.0, "insuffisant")
    summary = next(s for s in r.summaries if s.competency == "B2")
    assert summary.count("acquis") == 1 and summary.count("maitrise") == 0


def test_a_second_attempt_adds_its_own_evidence(fw):
    first = Desk("Lou").begin().question("q", "1", "Q ?", "A", False).question("q", "2", "Q ?", "A", False)
    second = Desk("Lou").begin().question("q", "1", "Q ?", "B", True).question("q", "2", "Q ?", "B", True)
    cell = report(first.statements + second.statements, fw).cell("Lou", "B2")
    assert (cell.evidence, cell.score, cell.level) == (4, 0.5, "en-cours")


def test_needs_count_who_to_train_most_needed_first_with_the_frameworks_resources(fw):
    stmts = []
    for name, ok in [("Ana", False), ("Bo", False), ("Cy", True)]:
        d = Desk(name).begin().question("q", "1", "Q ?", "x", ok).question("q", "2", "Q ?", "x", ok)
        d.card("tri", "c1", "Budget", "garder", ok).card("tri", "c2", "Budget", "garder", True)
        stmts += d.statements
    stmts += Desk("Di").begin().question("q", "1", "Q ?", "x", True).statements  # one answer: not enough evidence
    r = report(stmts, fw)
    assert [n.competency for n in r.needs][:2] == ["B2", "B4"]
    b2 = r.needs[0]
    assert b2.learners == ("Ana", "Bo") and b2.to_discover == ("Ana", "Bo") and b2.insufficient == ("Di",)
    b4 = r.needs[1]
    assert b4.in_progress == ("Ana", "Bo") and b4.to_discover == ()
    assert b2.resources == fw.competency("B2").resources and b2.resources
    assert "C1" in r.competencies  # the scenario's competency, without evidence: everyone lacks evidence
    assert next(n for n in r.needs if n.competency == "C1").insufficient == ("Ana", "Bo", "Cy", "Di")


def test_errors_are_ranked_by_learners_concerned_and_cut_at_five_per_competency(fw):
    stmts = []
    for i, name in enumerate(["Ana", "Bo", "Cy", "Di"]):
        d = Desk(name).begin()
        for q in range(7):  # question q is missed by the learners whose index is below 4 - q // 2
            d.question("quiz", f"q{q}", f"Question {q} ?", "Non", ok=i >= 4 - q // 2)
        stmts += d.statements
    r = report(stmts, fw)
    errs = r.errors_for("B2")
    assert len(errs) == TOP_ERRORS
    assert [len(e.learners) for e in errs] == [4, 4, 3, 3, 2]
    assert errs[0].kind == ANSWER and errs[0].label == "Question 0 ?" and errs[0].answer == "Non"
    assert errs[0].learners == ("Ana", "Bo", "Cy", "Di")


def test_clean_criteria_left_licences_and_publishing_criteria_are_named_errors(fw):
    d = Desk("Ana").begin()
    d.step("nettoyage", "clean", 60).step("publier", "publish", 60)
    d.criterion("nettoyage", "type-error", 0.5, "B3").criterion("nettoyage", "blank-row", 1.0, "B2")
    d.criterion("nettoyage", "operations-utilisees", 0.4, "B3").criterion("nettoyage", "donnees-preservees", 0.5, "B3", "0/0/2")
    d.criterion("publier", "licence", 0.0, "C1", "cc-by-nc-4.0").criterion("publier", "personal-data", 0.0, "B4", "1/2")
    d.publish("publier", "cc-by-nc-4.0")
    r = report(d.statements, fw)
    b3 = {(e.kind, e.label) for e in r.errors_for("B3")}
    assert b3 == {(VALIDATION, "type-error"), (VALIDATION, "donnees-preservees")}  # not the fixed one, not efficiency
    (lic,) = r.errors_for("C1")
    assert (lic.kind, lic.label, lic.answer) == (LICENCE, "licence", "cc-by-nc-4.0")
    assert [(e.kind, e.label) for e in r.errors_for("B4")] == [(PUBLICATION, "personal-data")]


def test_a_known_scenario_names_bins_expected_answers_and_its_title(fw, mini):
    d = Desk("Ana", "mini", title="Titre enregistré", competencies=("A1", "B4")).begin()
    d.card("tri", "etat-civil", "État civil nominatif", "publier", False)
    d.question("quiz", "q2", "Vrai ?", "Vrai", False, ("A1",))
    r = report(d.statements, fw, scenarios={"mini": mini})
    assert r.scenarios[0].title == "Mini"
    (card,) = r.errors_for("B4")
    assert (card.kind, card.label, card.answer, card.expected) == (PLACEMENT, "État civil nominatif", "Publier", "Ne pas publier")
    (q,) = r.errors_for("A1")
    assert (q.answer, q.expected, q.scenario) == ("Vrai", "Faux", "mini")


def test_a_scenario_the_report_does_not_know_still_counts_under_its_recorded_name(fw):
    d = Desk("Ana", "inconnu", title="Scénario d'ailleurs", competencies=("D1",)).begin()
    d.challenge("r", "c1", "Combien ?", "12", False).challenge("r", "c2", "Lesquels ?", "a, b", True)
    r = report(d.statements, fw, scenarios={})
    assert [(s.id, s.title, s.competencies) for s in r.scenarios] == [("inconnu", "Scénario d'ailleurs", ("D1",))]
    assert r.cell("Ana", "D1").level == "en-cours"
    (err,) = r.errors_for("D1")
    assert (err.kind, err.label, err.answer) == (ANSWER, "Combien ?", "12")


def test_status_score_and_time_spent_per_scenario(fw):
    done = Desk("Ana", "un").begin().step("a", "quiz", 100).step("b", "sort", 50).finish(0.8, 723.5)
    half = Desk("Ana", "deux").begin().step("a", "quiz", 90).step("b", "sort", 30.5)
    other = Desk("Bo", "un").begin()
    r = report(done.statements + half.statements + other.statements, fw)
    ana, bo = r.participants
    assert [(p.scenario, p.status, p.score, p.seconds) for p in ana.progress] == [
        ("deux", STARTED, None, 120.5), ("un", FINISHED, 0.8, 723.5)]  # finished: the scenario's own duration
    assert ana.finished == 1 and ana.seconds == 844.0
    assert [p.status for p in bo.progress] == [NOT_STARTED, STARTED]
    assert r.completion("un") == {FINISHED: 1, STARTED: 1, NOT_STARTED: 0}


def test_the_same_statements_from_several_sources_count_once(fw):
    d = Desk("Ana").begin().question("q", "1", "Q ?", "x", False).question("q", "2", "Q ?", "x", True)
    once = report(d.statements, fw)
    thrice = report(d.statements + list(reversed(d.statements)) + d.statements, fw)
    assert thrice.statements == once.statements == 3
    assert thrice.cells == once.cells and thrice.errors == once.errors


def test_the_group_filter_keeps_the_groups_statements_whatever_the_case(fw):
    ours = Desk("Ana", group="RENNES-3").begin().question("q", "1", "Q ?", "x", True)
    theirs = Desk("Bo", group="BREST").begin()
    nogroup = Desk("Cy", group=None).begin()
    r = report(ours.statements + theirs.statements + nogroup.statements, fw, group="rennes-3")
    assert [p.learner for p in r.participants] == ["Ana"]
    assert r.group == "RENNES-3"  # as the desks wrote it
    everyone = report(ours.statements + theirs.statements + nogroup.statements, fw)
    assert [p.learner for p in everyone.participants] == ["Ana", "Bo", "Cy"]


def test_the_group_is_also_found_from_the_grouping_activity_alone(fw):
    d = Desk("Ana", group="LYON").begin()
    for s in d.statements:
        s["context"]["extensions"] = {k: v for k, v in s["context"]["extensions"].items() if not k.endswith("/group")}
    assert [p.learner for p in report(d.statements, fw, group="lyon").participants] == ["Ana"]


def test_the_learners_own_report_keeps_only_their_statements(fw):
    a = Desk("Ana").begin().question("q", "1", "Q ?", "x", False)
    b = Desk("Bo").begin().question("q", "1", "Q ?", "x", False)
    r = report(a.statements + b.statements, fw, learner="Ana")
    assert r.learner == "Ana" and [p.learner for p in r.participants] == ["Ana"]
    assert r.errors_for("B2")[0].learners == ("Ana",)
    assert r.statements == 2


def test_the_learners_own_report_names_their_latest_workshop(fw):
    old = Desk("Ana", group="RENNES-3").begin().question("q", "1", "Q ?", "x", True)
    new = Desk("Ana", group="K7M-4QX").begin()  # a Desk made later plays later
    alone = Desk("Ana", group=None).begin()
    other = Desk("Bo", group="BREST").begin()
    stmts = new.statements + old.statements + other.statements
    assert report(stmts, fw, learner="Ana").group == "K7M-4QX"
    assert report(old.statements + alone.statements, fw, learner="Ana").group == "RENNES-3"
    assert report(alone.statements + other.statements, fw, learner="Ana").group is None  # Bo's code is not Ana's
    assert report(stmts, fw).group is None  # the report of everyone names no workshop


def test_no_statement_gives_a_report_where_nobody_took_part(fw):
    r = report([], fw, group="VIDE")
    assert (r.participants, r.scenarios, r.competencies, r.needs, r.errors, r.statements) == ((), (), (), (), (), 0)
    assert r.group == "VIDE"


def test_statements_without_a_learner_or_a_scenario_are_counted_as_ignored(fw):
    d = Desk("Ana").begin()
    broken = [{"id": "x"}, {"actor": {"account": {"name": "Bo"}}, "context": {}}, "pas un objet", None]
    r = report(d.statements + broken, fw)
    assert [p.learner for p in r.participants] == ["Ana"]
    assert (r.statements, r.ignored) == (1, 2)


def test_odd_shapes_from_an_imported_file_are_ignored_not_a_crash(fw):
    d = Desk("Ana").begin().question("q", "1", "Q ?", "x", True).question("q", "2", "Q ?", "x", False)
    good = d.statements
    odd = []
    for i, change in enumerate([("context", "texte"), ("result", 3), ("object", ["liste"])]):
        s = {**good[1], "id": f"odd-{i}", change[0]: change[1]}
        odd.append(s)
    s = {**good[2], "id": "odd-score", "result": {"score": {"scaled": "beaucoup"}}}
    t = {**good[2], "id": "odd-comps", "context": {**good[2]["context"],
                                                    "extensions": {**good[2]["context"]["extensions"]}}}
    for key in t["context"]["extensions"]:
        if key.endswith("/competencies"):
            t["context"]["extensions"][key] = "B2"  # a string, not a list
    r = report(good + odd + [s, t], fw)
    assert [p.learner for p in r.participants] == ["Ana"]
    assert r.ignored == 4  # context, result, object, score
    # the last answer to question 2 names its competency as a string, not a list: it evidences nothing
    assert r.cell("Ana", "B2").evidence == 1


def test_a_step_named_by_a_list_in_an_imported_file_is_ignored_not_a_crash(fw):
    d = Desk("Ana").begin().question("q", "1", "Q ?", "x", True)
    odd = {**d.statements[1], "id": "odd-step", "context": {**d.statements[1]["context"],
                                                              "extensions": dict(d.statements[1]["context"]["extensions"])}}
    for key in list(odd["context"]["extensions"]):
        if key.endswith("/step"):
            odd["context"]["extensions"][key] = ["q"]
    odd["context"]["extensions"][key.rsplit("/", 1)[0] + "/choice-index"] = 0
    r = report(d.statements + [odd], fw)
    assert [p.learner for p in r.participants] == ["Ana"] and r.ignored == 1
