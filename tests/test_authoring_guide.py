"""The authoring guide cannot drift from the format: every ```yaml block of scenarios/README.md and
scenarios/README.en.md is checked like a trainer's scenario.

- a complete scenario (``format:`` and ``id:``) is written to its own folder, with the template's
  data files, and must load without a problem;
- a step, or a list of steps, replaces the template's step of the same id (the new ones go right
  after it, or before the template's first step of the same kind) and the result must load;
- a header fragment (``sources:``, ``characters:``…) is merged into the template by id;
- any other block fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from game.cli.new import template_dir
from game.core.build import STEP_BUILDERS
from game.core.operations import operation_from_json
from game.storage.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[1]
GUIDES = (ROOT / "scenarios" / "README.md", ROOT / "scenarios" / "README.en.md")
_FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>\w*)\n(?P<body>.*?)^(?P=indent)```", re.S | re.M)
_HEADER_KEYS = set(json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8"))["properties"]) \
    - {"format", "id", "steps"}


def blocks(guide: Path, lang: str) -> list[tuple[str, str]]:
    """``(guide:line, text)`` of each fenced block of the given language."""
    text = guide.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        if m.group("lang") == lang:
            line = text.count("\n", 0, m.start()) + 1
            out.append((f"{guide.name}:{line}", textwrap.dedent(m.group("body"))))
    return out


YAML_BLOCKS = [b for g in GUIDES if g.is_file() for b in blocks(g, "yaml")]


def _problems(path: Path) -> list[str]:
    """Errors and warnings: ``explorateurs check`` exits 0 only without either."""
    item = load_scenario(path)
    found = [f"{p.where}: {p.message.format_source()}" for p in item.problems + item.warnings]
    return found or ([] if item.valid else ["invalide"])


def _template_doc() -> dict:
    return yaml.safe_load((template_dir() / "scenario.yaml").read_text(encoding="utf-8"))


def _with_steps(doc: dict, fragment: list[dict]) -> dict:
    steps = list(doc["steps"])
    ids = [s["id"] for s in steps]
    last = None
    for step in fragment:
        if step["id"] in ids:
            last = ids.index(step["id"])
            steps[last] = step
    new = [s for s in fragment if s["id"] not in ids]
    if new:
        at = last + 1 if last is not None else next(
            (i for i, s in enumerate(steps) if s["kind"] == new[0]["kind"]), len(steps))
        steps[at:at] = new
    return {**doc, "steps": steps}


def _with_header(doc: dict, fragment: dict) -> dict:
    out = dict(doc)
    for key, value in fragment.items():
        if key in ("sources", "characters"):
            known = {item["id"]: item for item in doc.get(key, [])}
            known.update({item["id"]: item for item in value})
            out[key] = list(known.values())
        else:
            out[key] = value
    return out


def _kind_of_block(data: object) -> str:
    if isinstance(data, dict) and "format" in data and "id" in data:
        return "scenario"
    if isinstance(data, dict) and "kind" in data:
        return "step"
    if isinstance(data, list) and data and all(isinstance(s, dict) and "kind" in s for s in data):
        return "steps"
    if isinstance(data, dict) and data and set(data) <= _HEADER_KEYS:
        return "header"
    return "neither"


def test_both_guides_exist_with_the_same_number_of_yaml_examples():
    fr, en = (blocks(g, "yaml") for g in GUIDES)
    assert len(fr) >= 8
    assert len(fr) == len(en), "le guide anglais doit garder un exemple pour chaque exemple du guide français"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_each_guide_shows_every_step_kind_and_a_complete_scenario(guide):
    kinds: set[str] = set()
    complete = 0
    for _where, text in blocks(guide, "yaml"):
        data = yaml.safe_load(text)
        complete += _kind_of_block(data) == "scenario"
        steps = data.get("steps", []) if isinstance(data, dict) and "format" in data else data
        steps = [steps] if isinstance(steps, dict) else steps
        kinds |= {s["kind"] for s in steps if isinstance(s, dict) and "kind" in s}
    assert complete >= 1
    assert kinds == set(STEP_BUILDERS)


@pytest.mark.parametrize(("where", "text"), YAML_BLOCKS, ids=[w for w, _ in YAML_BLOCKS])
def test_yaml_example_of_the_guide_is_a_valid_scenario_part(where, text, tmp_path):
    data = yaml.safe_load(text)
    kind = _kind_of_block(data)
    if kind == "neither":
        pytest.fail(f"{where} : ni un scénario complet (format et id), ni une étape, ni une liste d'étapes, "
                    f"ni un morceau d'en-tête ; le test ne sait pas le vérifier")
    if kind == "scenario":
        folder = tmp_path / data["id"]
        shutil.copytree(template_dir() / "data", folder / "data")
        (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    else:
        doc = _template_doc()
        if kind == "header":
            doc = _with_header(doc, data)
        else:
            doc = _with_steps(doc, [data] if kind == "step" else data)
        folder = tmp_path / "exemple"
        shutil.copytree(template_dir() / "data", folder / "data")
        doc["id"] = folder.name
        (folder / "scenario.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _problems(folder) == [], where


def test_a_block_that_is_no_scenario_part_is_recognised():
    assert _kind_of_block({"titre": "Mon scénario"}) == "neither"
    assert _kind_of_block([{"who": "mentore", "text": "Bonjour"}]) == "neither"
    assert _kind_of_block({"sources": []}) == "header"


def test_a_wrong_fragment_fails_when_inserted_into_the_template(tmp_path):
    doc = _with_steps(_template_doc(), [{"id": "accueil", "kind": "dialogue", "title": "T",
                                         "lines": [{"who": "mentor", "text": "Bonjour"}]}])
    folder = tmp_path / "faux"
    shutil.copytree(template_dir() / "data", folder / "data")
    doc["id"] = "faux"
    (folder / "scenario.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any("Personnage inconnu : « mentor »" in p for p in _problems(folder))


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g.name)
def test_recipes_shown_in_the_guide_are_replayable_operations(guide):
    recipes = [json.loads(text) for _where, text in blocks(guide, "json")]
    assert recipes
    for recipe in recipes:
        for entry in recipe["operations"]:
            operation_from_json(entry)  # raises on an unknown operation or a wrong parameter
