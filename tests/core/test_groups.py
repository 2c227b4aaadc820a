import random

import pytest

from game.core import statements as xs
from game.core.groups import new_group_code, normalize_group
from game.core.messages import Message

REG = "6f1c3a9e-2b7d-4c1e-9a0f-3d5e7b9c1a2f"


@pytest.mark.parametrize("typed, code", [("rennes-2026", "RENNES-2026"), ("  Saint Étienne ", "SAINT-ETIENNE"),
                                         ("k7m-4qx", "K7M-4QX"), ("atelier_3", "ATELIER-3"),
                                         ("Straße 1", "STRASSE-1")])
def test_codes_are_normalised_as_a_trainer_would_read_them(typed, code):
    assert normalize_group(typed) == code


@pytest.mark.parametrize("typed, words", [("", "vide"), ("ab", "de 3 à 20"), ("x" * 21, "de 3 à 20"),
                                          ("atelier#3", "lettres, des chiffres et des tirets"),
                                          ("-abc", "tirets"), ("<script>", "tirets"),
                                          ("日本語", "tirets"), ("Ω-12", "tirets")])
def test_bad_codes_get_a_french_reason(typed, words):
    refused = normalize_group(typed)
    assert isinstance(refused, Message) and words in refused.format_source()


def test_new_codes_are_valid_and_avoid_look_alike_characters():
    codes = {new_group_code(random.Random(n)) for n in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert normalize_group(code) == code and len(code) == 7 and not set(code) & set("01OIL")


def test_a_group_travels_as_a_grouping_activity_and_an_extension():
    cfg = xs.DEFAULT_XAPI
    s = xs.scenario_initialized(cfg, "Camille", REG, "prenoms", "Prénoms", ["B1"], group="RENNES-2026")
    assert xs.validate_statement(s) == []
    assert s["context"]["extensions"][xs.extension_key(cfg, "group")] == "RENNES-2026"
    assert xs.group_iri(cfg, "RENNES-2026") in [a["id"] for a in s["context"]["contextActivities"]["grouping"]]
    step = xs.step_initialized(cfg, "Camille", REG, "prenoms", "intro", "dialogue", "Intro", [], group="RENNES-2026")
    grouping = [a["id"] for a in step["context"]["contextActivities"]["grouping"]]
    assert grouping[-1] == xs.group_iri(cfg, "RENNES-2026")
    alone = xs.scenario_initialized(cfg, "Camille", REG, "prenoms", "Prénoms", ["B1"])
    assert xs.extension_key(cfg, "group") not in alone["context"]["extensions"]
