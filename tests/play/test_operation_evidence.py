"""An operation of the reference recipe named in a clean step's ``evidence:`` (« Prénoms, l'année
d'après » names « group-small-counts: B4 »): a valid file that still names the first names given
once does not reach the goal, the workbench says what is missing, and the criterion scores the
share of the grouping done."""

from game.core.history import History
from game.core.op_evidence import effect_of, share_done
from game.core.operations import GroupSmallCounts, operation_from_json
from game.core.scenario import CleanStep
from game.i18n import activate
from game.play.clean import CleanWork
from game.scenes.views.clean import goal_line
from game.storage.datasets import ScenarioDatasets
from game.storage.scenarios import builtin_scenarios_dir, load_scenario
from tests.core.operations.tables import table

ID = "prenoms-annee-suivante"


def work_and_step():
    folder = builtin_scenarios_dir() / ID
    scenario = load_scenario(folder).scenario
    step = next(s for s in scenario.steps if isinstance(s, CleanStep))
    return CleanWork(step, *ScenarioDatasets({ID: folder}).open(scenario, step)), step


def scores(work):
    return {name: (score, comp) for name, score, _d, comp in work.criteria()}


def test_a_valid_file_that_names_every_child_does_not_reach_the_goal_and_says_why():
    activate("fr")
    work, step = work_and_step()
    for entry in step.reference[:-1]:  # everything but the grouping
        work.apply(operation_from_json(entry))
    o = work.objectives()
    assert o.errors_left == 0 and not o.reached
    assert o.operations_left == (("group-small-counts", 0, 261),)  # 257 rows to fold + 2 × 2 cells
    assert "Pas encore fait comme la consigne le demande : « Regrouper les petits effectifs » (changements faits : 0 sur 261 attendus)." in (
        goal_line(o, step).text)
    assert scores(work)["group-small-counts"] == (0.0, "B4")


def test_the_grouping_reaches_the_goal_and_a_higher_threshold_is_not_what_was_decided():
    work, step = work_and_step()
    for entry in step.reference:
        work.apply(operation_from_json(entry))
    assert work.objectives().reached and scores(work)["group-small-counts"] == (1.0, "B4")
    work.undo()
    work.apply(GroupSmallCounts("NOMBRE_OCCURRENCES", "ENFANT_PRENOM", 3, "Autres-Prénoms"))
    o = work.objectives()
    assert not o.reached and o.comparison.wrong > 0  # the names given twice are gone too


def test_a_step_without_an_operation_in_evidence_has_no_such_criterion():
    folder = builtin_scenarios_dir() / "prenoms"
    scenario = load_scenario(folder).scenario
    step = next(s for s in scenario.steps if isinstance(s, CleanStep))
    work = CleanWork(step, *ScenarioDatasets({"prenoms": folder}).open(scenario, step))
    for entry in step.reference:
        work.apply(operation_from_json(entry))
    assert work.objectives().operations_left == ()
    assert not {"group-small-counts", "change-case"} & set(scores(work))


def test_the_effect_counts_removed_rows_and_changed_cells_of_that_operation_only():
    t = table(["s", "p", "n"], ["F", "Aby", "1"], ["F", "Ada", "1"], ["M", "Louis", "7"])
    recipe = [{"op": "change-case", "column": "p", "mode": "upper"},
              {"op": "group-small-counts", "column": "n", "label_column": "p", "threshold": 2, "to": "Autres"}]
    history, _problems = History.from_recipe(t, recipe)
    effect = effect_of(t, [(s.operation, s.result) for s in history.done], "group-small-counts")
    assert effect.removed == {3} and sorted(effect.cells) == [(2, "n", "2"), (2, "p", "Autres")]
    assert share_done(effect, history.table) == (3, 3)
    assert share_done(effect, t) == (0, 3)  # nothing grouped (« Aby » is not « Autres »)
