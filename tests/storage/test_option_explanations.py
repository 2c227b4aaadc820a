"""An option's own explanation (``explanation`` under an option of a quiz question) is checked by
the schema with a located French message, extracted for translators and shown in their language."""

import shutil
from pathlib import Path

from game.cli import main
from game.core.scenario import QuizStep
from game.core.texts import scenario_texts
from game.i18n import Translator
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


def mini_with(tmp_path, line: str) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(FIX / "mini", folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    assert "          - text: Non\n        explanation: Parce que.\n" in text
    path.write_text(text.replace("          - text: Non\n", "          - text: Non\n" + line + "\n", 1), encoding="utf-8")
    return folder


def test_an_option_explanation_is_read_from_the_file(tmp_path):
    item = load_scenario(mini_with(tmp_path, "            explanation: Non, car la loi le dit."))
    assert item.valid, item.problems
    q = next(s for s in item.scenario.steps if isinstance(s, QuizStep)).questions[0]
    assert [o.explanation for o in q.options] == ["", "Non, car la loi le dit."]


def test_an_option_explanation_that_is_not_a_text_is_located_in_french(tmp_path, capsys):
    folder = mini_with(tmp_path, "            explanation: [Non]")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    line = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines().index("            explanation: [Non]") + 1
    assert f"mini/scenario.yaml:{line}:26: " in out and "texte" in out


def test_option_explanations_are_offered_to_translators_and_shown_in_english():
    item = load_scenario(builtin_scenarios_dir() / "subventions")
    quiz = next(s for s in item.scenario.steps if isinstance(s, QuizStep))
    q = quiz.question("nature-aide")
    comma = next(o for o in q.options if o.text == "aide en numéraire,aide en nature")
    labels = {t.label: t.text for t in scenario_texts(item.scenario)}
    j = q.options.index(comma)
    assert labels[f"steps/{quiz.id}/questions/nature-aide/options/{j}/explanation"] == comma.explanation
    tr = Translator("en")
    tr.use_scenario(item.translations, item.scenario.language)
    assert tr.scenario(comma.explanation).startswith("Almost: these are the two right values")
