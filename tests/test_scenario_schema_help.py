"""The scenario schema is the editor's help (VS Code's YAML extension): every property explains
itself in French, and the values it suggests are values the game accepts."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest

from game.core.operations import OPERATIONS
from game.core.publishing import FREQUENCIES, GRANULARITIES, Metadata, quality
from game.storage.scenarios import load_framework, schema_path
from game.storage.schemas import shipped_schema_names

SCHEMA = json.loads(schema_path().read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]


def _nodes(node, path=""):
    """Every subschema with its path (conditions of ``if`` left out: they describe nothing)."""
    if isinstance(node, dict):
        yield path, node
        for key, sub in node.items():
            if key != "if":
                yield from _nodes(sub, f"{path}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from _nodes(sub, f"{path}/{i}")


def test_every_property_has_its_own_description_in_french():
    missing = [f"{path}/properties/{name}"
               for path, node in _nodes(SCHEMA) if isinstance(node.get("properties"), dict)
               for name, sub in node["properties"].items()
               if isinstance(sub, dict) and not sub.get("description", "").strip()]
    assert missing == []
    words = [n["description"] for _p, n in _nodes(SCHEMA) if isinstance(n.get("description"), str)]
    assert all(" the " not in d for d in words)  # written in French, not English


EXAMPLES = [(path, node) for path, node in _nodes(SCHEMA) if "examples" in node]


@pytest.mark.parametrize(("path", "node"), EXAMPLES, ids=[p for p, _ in EXAMPLES])
def test_every_suggested_example_is_accepted_by_the_schema(path, node):
    check = jsonschema.Draft202012Validator({"$defs": DEFS, **{k: v for k, v in node.items() if k != "examples"}})
    for value in node["examples"]:
        assert not list(check.iter_errors(value)), (path, value)


def test_suggested_operations_are_the_game_s_operations():
    clean = DEFS["clean"]["properties"]
    assert clean["reference"]["items"]["properties"]["op"]["examples"] == list(OPERATIONS)
    assert clean["operations"]["items"]["examples"] == list(OPERATIONS)


def test_suggested_schemas_are_the_shipped_ones():
    assert sorted(DEFS["clean"]["properties"]["schema"]["examples"]) == sorted(shipped_schema_names())


def test_suggested_competencies_are_the_framework_s():
    framework, problems = load_framework()
    assert framework is not None and not problems
    assert DEFS["competencyId"]["examples"] == [c.id for c in framework.competencies]
    assert all(f"`{c.id}`" in DEFS["competencyId"]["markdownDescription"] for c in framework.competencies)


def test_suggested_publishing_values_are_known_to_the_portal():
    publish = DEFS["publish"]["properties"]
    reference = publish["reference"]["properties"]
    assert set(reference["frequency"]["examples"]) <= set(FREQUENCIES)
    assert set(reference["granularity"]["examples"]) <= set(GRANULARITIES)
    criteria = [c.id for c in quality(Metadata(), today=date(2000, 1, 1)).criteria]
    assert publish["criteria"]["items"]["examples"] == criteria
