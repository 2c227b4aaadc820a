"""`explorateurs check` on « données justes »: the reference path must score 100 % on it, and an
author's accepted alternative must name a column and a value the reference gives (else a warning
at file:line:col)."""

import shutil

from game.authoring.reference import _correctness_problems
from game.cli import main
from game.core.problems import WARNING
from game.core.scenario import CleanStep
from game.play.clean import CleanWork
from game.storage.datasets import ScenarioDatasets
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

PRENOMS = builtin_scenarios_dir() / "prenoms"


def test_the_shipped_reference_paths_score_full_marks_on_correct_data(capsys):
    for folder in sorted(p.parent for p in builtin_scenarios_dir().glob("*/scenario.yaml")):
        scenario = load_scenario(folder).scenario
        for step in scenario.steps:
            if isinstance(step, CleanStep):
                work = CleanWork(step, *ScenarioDatasets({folder.name: folder}).open(scenario, step))
                problems = work.restore({"ops": list(step.reference)})
                assert problems == [] and work.comparison().score == 1.0, (folder.name, step.id)
                assert _correctness_problems(step, work, ("steps", 0)) == []


def test_a_path_that_is_not_the_reference_s_is_warned_about():
    scenario = load_scenario(PRENOMS).scenario
    step = scenario.step("nettoyage")
    work = CleanWork(step, *ScenarioDatasets({"prenoms": PRENOMS}).open(scenario, step))
    work.restore({"ops": [*step.reference[:5], {"op": "change-case", "column": "ENFANT_PRENOM", "mode": "first-letter"}]})
    [p] = _correctness_problems(step, work, ("steps", 1))
    assert p.severity == WARNING and "« données justes » ne vaut que 86 %" in p.message.format_source()
    assert "ligne 7, colonne ENFANT_PRENOM : « Assiaamélie »" in p.hint.format_source()


def test_an_alternative_for_a_value_the_reference_never_gives_is_warned_where_it_is_written(tmp_path, capsys):
    folder = tmp_path / "prenoms"
    shutil.copytree(PRENOMS, folder)
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("        many: prénoms\n", "        many: prénoms\n        accept:\n"
                                 "          Assia-Amélie: [Assia Amélie]\n          Asia-Amélie: [Asia Amélie]\n"),
                    encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    line = next(i for i, ln in enumerate(yaml.read_text(encoding="utf-8").splitlines(), 1) if "Asia-Amélie:" in ln)
    assert f"scenario.yaml:{line}:11: avertissement : La recette de référence ne donne jamais la valeur « Asia-Amélie »" in out
    assert "Vouliez-vous dire « Assia-Amélie » ?" in out
    assert "« Assia-Amélie »" not in out.split("Asia-Amélie", 1)[0]  # the right key is not warned about


def test_accepted_values_must_be_a_list_of_texts_said_in_french(tmp_path, capsys):
    folder = tmp_path / "prenoms"
    shutil.copytree(PRENOMS, folder)
    yaml = folder / "scenario.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("        many: prénoms\n", "        many: prénoms\n        accept:\n"
                                 "          Assia-Amélie: Assia Amélie\n"), encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    line = next(i for i, ln in enumerate(yaml.read_text(encoding="utf-8").splitlines(), 1) if "Assia-Amélie:" in ln)
    assert f"scenario.yaml:{line}:25: Cette valeur doit être une liste" in capsys.readouterr().out


