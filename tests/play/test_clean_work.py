"""A clean step's workshop: objectives and criteria against what the reference recipe can fix."""

import pytest

from game.core.operations import operation_from_json
from game.core.scenario import CleanStep
from game.play.clean import CleanWork
from game.storage.datasets import ScenarioDatasets
from game.storage.scenarios import builtin_scenarios_dir, load_scenario


@pytest.mark.parametrize("scenario_id", ["prenoms", "subventions"])
def test_reference_recipe_scores_full_marks_even_with_unfixable_errors(scenario_id):
    folder = builtin_scenarios_dir() / scenario_id
    scenario = load_scenario(folder).scenario
    step = next(s for s in scenario.steps if isinstance(s, CleanStep))
    work = CleanWork(step, *ScenarioDatasets({scenario_id: folder}).open(scenario, step))
    assert not work.objectives().reached
    start = {name: score for name, score, _d, _c in work.criteria()}
    assert all(score == 0.0 for name, score in start.items() if name != "donnees-preservees")
    for entry in step.reference:
        work.apply(operation_from_json(entry))
    assert work.objectives().reached
    assert all(score == 1.0 for _n, score, _d, _c in work.criteria())


def test_undo_everything_gives_back_the_published_file_and_its_report():
    folder = builtin_scenarios_dir() / "subventions"
    scenario = load_scenario(folder).scenario
    step = next(s for s in scenario.steps if isinstance(s, CleanStep))
    work = CleanWork(step, *ScenarioDatasets({"subventions": folder}).open(scenario, step))
    for entry in step.reference:
        work.apply(operation_from_json(entry))
    while work.history.can_undo:
        work.undo()
    assert work.table == work.original
    assert work.report.errors == work.initial.errors


def prenoms_work():
    folder = builtin_scenarios_dir() / "prenoms"
    scenario = load_scenario(folder).scenario
    step = next(s for s in scenario.steps if isinstance(s, CleanStep))
    return CleanWork(step, *ScenarioDatasets({"prenoms": folder}).open(scenario, step))


def test_deleting_the_columns_in_error_is_not_a_way_to_pass():
    work = prenoms_work()
    for column in ("COMMUNE_NOM", "COLL_INSEE", "ENFANT_SEXE", "ENFANT_PRENOM"):
        work.apply(operation_from_json({"op": "remove-column", "column": column}))
    assert work.introduced() > 0  # required columns now missing
    assert not work.objectives().reached
    data = next(score for name, score, _d, _c in work.criteria() if name == "donnees-preservees")
    assert data < 0.5


def test_saved_operations_that_no_longer_apply_are_dropped_with_a_reason():
    work = prenoms_work()
    problems = work.restore({"ops": [{"op": "change-case", "column": "COMMUNE_NOM", "mode": "title"},
                                     {"op": "change-case", "column": "NOM_COMMUNE", "mode": "title"},
                                     {"op": "trim-spaces"}], "done": 3})
    assert len(work.history.done) == 1 and not work.history.undone
    assert "NOM_COMMUNE" in problems[0].format_source()


def test_the_number_of_operations_is_a_process_measure_not_a_criterion():
    work = prenoms_work()
    work.apply(operation_from_json({"op": "change-case", "column": "COMMUNE_NOM", "mode": "title"}))
    assert "operations-utilisees" not in {name for name, _s, _d, _c in work.criteria()}
    assert work.process() == (1, len(work.step.reference))
