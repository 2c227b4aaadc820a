"""Competency levels follow the framework's thresholds."""

import pytest

from game.core.assessment import level_for
from game.storage.scenarios import load_framework


@pytest.fixture(scope="module")
def fw():
    fw, problems = load_framework()
    assert problems == []
    return fw


@pytest.mark.parametrize(("scores", "level"), [
    ([], "insuffisant"),
    ([1.0], "insuffisant"),
    ([0.0, 0.5], "a-decouvrir"),
    ([1.0, 0.0], "en-cours"),
    ([1.0, 1.0, 0.5], "acquis"),
    ([1.0, 1.0, 1.0], "acquis"),
    ([1.0, 1.0, 1.0, 1.0], "maitrise"),
    ([1.0, 1.0, 1.0, 1.0, 0.0], "acquis"),
])
def test_levels(fw, scores, level):
    assert level_for(scores, fw) == level


def test_framework_has_the_eleven_competencies_with_both_languages(fw):
    assert [c.id for c in fw.competencies] == ["A1", "A2", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "D1", "D2"]
    for c in fw.competencies:
        assert c.title.fr and c.title.en and c.digcomp and c.pix
        assert all(r.url.startswith("http") for r in c.resources)
