"""The level rule lives in the framework file: read from it, and a wrong value is refused in French at
file:line:col, like any other problem of that file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.authoring.check import load_scenario
from game.i18n import activate, render
from game.storage.scenarios import builtin_scenarios_dir, load_framework

SHIPPED = builtin_scenarios_dir()


@pytest.fixture(autouse=True)
def french():
    activate("fr")


def framework_copy(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "scenarios"
    (root / "frameworks").mkdir(parents=True)
    text = (SHIPPED / "frameworks" / "competences-donnees.yaml").read_text(encoding="utf-8")
    assert old in text
    (root / "frameworks" / "competences-donnees.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    fw, found = load_framework(root=root)
    assert fw is None
    return [f"{Path(p.file).name}:{p.line}:{p.col}: {render(p.message)}" for p in found]


def line_of(root: Path, text: str) -> int:
    lines = (root / "frameworks" / "competences-donnees.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, x in enumerate(lines, 1) if text in x)


def test_the_shipped_rule_is_read_from_the_framework_file():
    fw, found = load_framework()
    assert found == []
    t = fw.thresholds
    assert (t.maitrise_min_scenarios, t.performance_kinds, t.failed_ability_caps) == (2, ("clean", "publish", "reuse"), True)
    ability = fw.ability("A1.concernee")
    assert ability.level == "acquis" and ability.title.fr.startswith("Dit si une collectivité est concernée")


def test_the_rule_can_be_changed_in_the_file(tmp_path):
    root = framework_copy(tmp_path, "maitrise_min_scenarios: 2", "maitrise_min_scenarios: 3")
    fw, found = load_framework(root=root)
    assert found == [] and fw.thresholds.maitrise_min_scenarios == 3


@pytest.mark.parametrize(("old", "new", "message"), [
    ("maitrise_min_scenarios: 2", "maitrise_min_scenarios: deux",
     "maitrise_min_scenarios doit être un nombre entier d'au moins 1."),
    ("performance_kinds: [clean, publish, reuse]", "performance_kinds: [clean, publier]",
     "performance_kinds doit lister des types d'étapes parmi dialogue, quiz, sort, clean, publish, reuse (reçu : publier)."),
    ("failed_ability_caps: true", "failed_ability_caps: oui-da",
     "failed_ability_caps doit valoir true ou false."),
    ("failed_ability_caps: true", "failed_ability_cap: true",
     "Réglage inconnu dans assessment : failed_ability_cap"),
    ('id: "A1.concernee"', 'id: "concernee"',
     "L'identifiant d'une capacité commence par celui de sa compétence et un point : « concernee » (par exemple "
     "A1.concernee)."),
])
def test_a_wrong_rule_is_refused_in_french_at_its_line(tmp_path, old, new, message):
    root = framework_copy(tmp_path, old, new)
    found = problems(root)
    line = line_of(root, new)
    assert any(f"competences-donnees.yaml:{line}:" in p and message in p for p in found), found


def test_an_item_naming_an_unknown_ability_is_refused_with_a_suggestion(tmp_path):
    folder = tmp_path / "premiers-pas"
    shutil.copytree(SHIPPED / "premiers-pas", folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ability: A1.article", "ability: A1.articles"), encoding="utf-8")
    loaded = load_scenario(folder)
    assert loaded.scenario is None
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "A1.articles" in x)
    shown = [f"{p.line}:{p.col}: {render(p.message)} {render(p.hint) if p.hint else ''}" for p in loaded.problems]
    assert any(s.startswith(f"{line}:") and "Capacité inconnue du référentiel : « A1.articles »" in s
               and "« A1.article »" in s for s in shown), shown


def test_check_warns_when_an_item_tests_an_ability_of_a_competency_it_does_not_count_for(tmp_path):
    folder = tmp_path / "premiers-pas"
    shutil.copytree(SHIPPED / "premiers-pas", folder)
    path = folder / "scenario.yaml"
    text = path.read_text(encoding="utf-8")
    old = '      - id: texte-fondateur\n        ability: A1.article\n        type: unique\n        competencies: ["A1"]'
    assert old in text
    path.write_text(text.replace(old, old.replace('competencies: ["A1"]', 'competencies: ["A2"]')), encoding="utf-8")
    loaded = load_scenario(folder)
    line = next(i for i, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "ability: A1.article" in x)
    shown = [f"{p.line}: {render(p.message)} {render(p.hint)}" for p in loaded.warnings if p.code == "ability-competency"]
    assert shown == [f"{line}: Cet élément teste la capacité A1.article, mais ne compte pas pour la compétence A1. "
                     "Ajoutez A1 à ses competencies, ou retirez ability."]
