"""The cleaning workbench's view model, built without a window: what a learner reads beside the
grid (the goal line, the errors, the cell and its column) and which actions are offered."""

import pytest

from game.core.operations import operation_from_json
from game.core.scenario import CleanStep
from game.core.table import Table
from game.i18n import activate
from game.play.clean import CleanWork
from game.scenes.views.clean import MAX_LISTED, WorkbenchState, error_cell, palette_request, present
from game.scenes.views.text import Line
from game.storage.datasets import ScenarioDatasets
from game.storage.scenarios import builtin_scenarios_dir, load_scenario


@pytest.fixture(autouse=True)
def french():
    activate("fr")


@pytest.fixture(scope="module")
def prenoms():
    folder = builtin_scenarios_dir() / "prenoms"
    scenario = load_scenario(folder).scenario
    step = next(s for s in scenario.steps if isinstance(s, CleanStep))
    table, schema, findings = ScenarioDatasets({"prenoms": folder}).open(scenario, step)
    return scenario, step, table, schema, findings


def work_of(prenoms, table=None):
    _scenario, step, original, schema, findings = prenoms
    return CleanWork(step, table or original, schema, findings)


def test_the_goal_line_counts_the_errors_left_and_the_list_says_where(prenoms):
    scenario, step = prenoms[0], prenoms[1]
    v = present(work_of(prenoms), scenario, step, WorkbenchState())
    assert v.status == Line("Erreurs restantes : 7 (au départ : 7) · avertissements : 0 · lignes perdues : 0", "text")
    assert v.errors_heading == "Erreurs et avertissements (7)" and len(v.errors) == 7
    assert v.errors[0].startswith("Ligne 2 · COLL_INSEE (erreur)\n")
    assert not v.reached and v.give_up == "offer" and not v.can_undo
    assert v.intro == "Sept valeurs ne respectent pas le schéma. Rendez le fichier valide sans perdre aucune ligne."
    assert v.progress_label.endswith(f"étape {scenario.index(step.id) + 1} sur {len(scenario.steps)}")


def test_once_the_reference_recipe_is_applied_the_goal_shows_and_giving_up_is_gone(prenoms):
    scenario, step = prenoms[0], prenoms[1]
    work = work_of(prenoms)
    for entry in step.reference:
        work.apply(operation_from_json(entry))
    v = present(work, scenario, step, WorkbenchState(hints_shown=0, confirm_give_up=True))
    assert v.reached and v.goal == Line("Objectif atteint : le fichier respecte le schéma.", "success")
    assert v.status.tone == "success" and v.status.text.startswith("Erreurs restantes : 0 (au départ : 7)")
    assert v.errors == () and v.give_up is None and not v.can_hint and v.can_undo


def test_the_cell_under_the_cursor_shows_its_value_and_what_is_wrong(prenoms):
    scenario, step = prenoms[0], prenoms[1]
    v = present(work_of(prenoms), scenario, step, WorkbenchState(row=0, col=1))
    first, *why = v.cell.split("\n")
    assert first == "Ligne 2 · COLL_INSEE : « 3238 »" and why  # the INSEE code is too short
    assert v.profile.startswith("Colonne COLL_INSEE : 0 vide(s), 2 valeur(s) différente(s). Les plus fréquentes : « 35238 »")


def test_the_column_facet_lists_its_values_most_frequent_first(prenoms):
    scenario, step = prenoms[0], prenoms[1]
    work = work_of(prenoms)
    v = present(work, scenario, step, WorkbenchState(col=2))  # ENFANT_SEXE
    assert v.facet_heading.startswith("Valeurs de la colonne ENFANT_SEXE")
    assert set(v.facet_values) == set(work.table.column("ENFANT_SEXE"))
    counts = [int(row.split("\n")[1].split(" ")[0]) for row in v.facet]
    assert counts == sorted(counts, reverse=True)
    h = v.facet_values.index("H")
    assert v.facet[h] == f"« H »\n{work.table.column('ENFANT_SEXE').count('H')} ligne(s)"


def test_hints_are_offered_until_all_are_shown_and_a_give_up_asks_for_confirmation(prenoms):
    scenario, step = prenoms[0], prenoms[1]
    work = work_of(prenoms)
    assert present(work, scenario, step, WorkbenchState(hints_shown=len(step.hints) - 1)).can_hint
    assert not present(work, scenario, step, WorkbenchState(hints_shown=len(step.hints))).can_hint
    assert present(work, scenario, step, WorkbenchState(confirm_give_up=True)).give_up == "confirm"
    said = present(work, scenario, step, WorkbenchState(feedback=Line("Opération annulée", "text"))).feedback
    assert said == Line("Opération annulée", "text")
    assert present(work, scenario, step, WorkbenchState(feedback=Line(""))).feedback is None


def test_a_long_error_list_is_cut_and_says_how_many_more(prenoms):
    scenario, step, original = prenoms[0], prenoms[1], prenoms[2]
    bad = list(original.row(0))  # COLL_INSEE « 3238 »: one error per row
    table = Table.from_rows(original.header, [bad] * (MAX_LISTED + 30))
    v = present(work_of(prenoms, table), scenario, step, WorkbenchState())
    assert len(v.errors) == MAX_LISTED
    total = len(CleanWork(step, table, prenoms[3]).report.errors)
    assert v.errors_more == f"… et {total - MAX_LISTED} autres."


def test_an_error_of_the_list_takes_the_cursor_to_its_cell(prenoms):
    work = work_of(prenoms)
    e = work.report.errors[0]
    assert error_cell(work.table, e, row=5) == (work.table.row_numbers.index(e.row), work.table.header.index(e.field))


def test_the_palette_opens_on_the_column_and_value_under_the_cursor(prenoms):
    step = prenoms[1]
    request = palette_request(work_of(prenoms), step, row=0, col=3)
    assert (request["column"], request["row"], request["value"]) == ("ENFANT_PRENOM", 2, "Ad am")
    assert request["offered"] == list(step.operations)
    assert request["enums"]["ENFANT_SEXE"] == ["M", "F", "I"]


def shipped_clean(name: str, index: int = 0):
    folder = builtin_scenarios_dir() / name
    scenario = load_scenario(folder).scenario
    step = [s for s in scenario.steps if isinstance(s, CleanStep)][index]
    table, schema, findings = ScenarioDatasets({name: folder}).open(scenario, step)
    return scenario, step, CleanWork(step, table, schema, findings)


def test_errors_the_goal_expects_are_counted_with_their_kinds_never_called_a_valid_file():
    scenario, step, work = shipped_clean("subventions")
    for entry in step.reference:
        work.apply(operation_from_json(entry))
    v = present(work, scenario, step, WorkbenchState())
    assert v.status.text.startswith("Erreurs restantes : 25 (au départ : 65)") and v.status.tone != "success"
    assert v.reached and v.give_up is None  # the step's goal accepts them: the learner goes on
    assert v.goal is not None and v.goal.tone not in ("success", "warning")
    assert "respecte le schéma" not in v.goal.text and "atteint" not in v.goal.text
    assert v.goal.text.startswith("25 erreurs restent — toutes attendues : le fichier n'a pas l'information")
    assert "Numéro SIRET invalide : 20" in v.goal.text and "Valeur non conforme : 4" in v.goal.text


def test_more_errors_than_at_the_start_is_not_shown_as_a_success():
    scenario, step, work = shipped_clean("subventions")
    work.apply(operation_from_json({"op": "find-replace", "column": "dateConvention", "find": "-", "replace": "/"}))
    v = present(work, scenario, step, WorkbenchState())  # every date broken: more errors than at the start
    assert v.status.text.startswith("Erreurs restantes : 93 (au départ : 65)") and v.status.tone != "success"
    assert not v.reached and v.goal is not None and v.goal.tone == "warning"


def test_a_file_with_a_space_after_each_comma_has_its_columns_recognised_and_checked():
    # as Validata and frictionless, labels are matched without their spaces (each one a warning), so the
    # cells starting with a space are checked from the start
    scenario, step, work = shipped_clean("hackathon")
    v = present(work, scenario, step, WorkbenchState())
    assert v.status.text.startswith("Erreurs restantes : 120 (au départ : 120) · avertissements : 45")
    work.apply(operation_from_json(step.reference[0]))  # spaces removed, names included
    v = present(work, scenario, step, WorkbenchState())
    assert v.status.text.startswith("Erreurs restantes : 52 (au départ : 120) · avertissements : 3")
    assert not v.reached and v.goal is not None and v.goal.tone == "warning"
    assert v.goal.text.startswith("13 erreurs restent que vous pouvez corriger.\n39 autres erreurs restent, attendues")
    for entry in step.reference[1:]:
        work.apply(operation_from_json(entry))
    v = present(work, scenario, step, WorkbenchState())
    assert v.status.text.startswith("Erreurs restantes : 39 (au départ : 120)")
    assert v.goal is not None and v.goal.tone != "success" and "atteint" not in v.goal.text


def test_errors_left_to_fix_are_counted_in_the_warning_tone(prenoms):
    scenario, step = prenoms[0], prenoms[1]
    work = work_of(prenoms)
    v = present(work, scenario, step, WorkbenchState())
    assert v.goal == Line("7 erreurs restent que vous pouvez corriger.", "warning")
