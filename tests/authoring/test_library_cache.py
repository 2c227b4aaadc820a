"""The game's library keeps each scenario as it built it, keyed by everything it was built from:
the next start reads it back (the same scenario, the same problems at the same places), any change
to its files, the frameworks or the cache format builds it again, a damaged entry is ignored, and
``explorateurs check`` never reads it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.authoring import check
from game.authoring import library as game_library
from game.authoring.library import load_library
from game.cli import main
from game.storage import loaded_cache, scenarios
from game.storage.scenarios import builtin_scenarios_dir


@pytest.fixture
def builds(monkeypatch) -> list[Path]:
    """The scenario files built (parsed, validated, built), counted."""
    calls: list[Path] = []
    real = scenarios.load_scenario

    def spy(path, *args, **kwargs):
        calls.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(scenarios, "load_scenario", spy)
    return calls


@pytest.fixture
def shipped(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped scenarios folder, taken for the shipped one (its frameworks too)."""
    root = tmp_path / "jeu"
    shutil.copytree(builtin_scenarios_dir(), root)
    monkeypatch.setattr(scenarios, "builtin_scenarios_dir", lambda: root)
    monkeypatch.setattr(game_library, "builtin_scenarios_dir", lambda: root)
    return root


def _load(tmp_path: Path, dirs: list[Path]):
    return load_library(dirs, built=tmp_path / "bibliotheque", checks=tmp_path / "verifications")


def _broken_copy(tmp_path: Path) -> Path:
    """A user scenario refused with a located problem: prenoms with a timer key."""
    user = tmp_path / "mes-scenarios"
    shutil.copytree(builtin_scenarios_dir() / "prenoms", user / "casse")
    f = user / "casse" / "scenario.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("\nid: prenoms\n", "\nid: casse\n") + "minuteur: 10\n",
                 encoding="utf-8")
    return user


def _where(item) -> list[tuple[str, str, int, int]]:
    return [(p.message.format_source(), p.file, p.line, p.col) for p in item.problems]


def test_the_next_start_reads_the_same_library_back_without_building(tmp_path, builds):
    dirs = [builtin_scenarios_dir(), _broken_copy(tmp_path)]
    first = _load(tmp_path, dirs)
    assert builds and first[0].valid and first[0].translations["en"]
    [casse] = [x for x in first if x.folder_id == "casse"]
    assert not casse.valid and any("minuterie" in text and line > 0 for text, _, line, _ in _where(casse))
    builds.clear()
    again = _load(tmp_path, dirs)
    assert builds == []  # nothing parsed, validated nor built
    assert again == first
    assert [_where(x) for x in again] == [_where(x) for x in first]
    assert [x.scenario for x in again] == [x.scenario for x in first] and again[0].scenario is not None


def test_check_reports_what_the_library_shows_and_never_reads_the_cache(tmp_path, monkeypatch, capsys):
    user = _broken_copy(tmp_path)
    _load(tmp_path, [user])
    [shown] = _load(tmp_path, [user])  # from the cache

    def never(*args, **kwargs):
        raise AssertionError("check read the library's cache")

    monkeypatch.setattr(loaded_cache.LoadedCache, "load", never)
    [checked] = check.load_all([user])
    assert _where(checked) == _where(shown) and checked.warnings == shown.warnings
    assert main(["check", str(user / "casse")]) != 0
    assert "minuterie" in capsys.readouterr().out


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_changed_scenario_file_is_built_again(tmp_path, shipped, builds):
    [before] = _load(tmp_path, [shipped / "prenoms"])
    _edit(shipped / "prenoms" / "scenario.yaml", "title: Prénoms des nouveau-nés", "title: Prénoms de l'année")
    [after] = _load(tmp_path, [shipped / "prenoms"])
    assert before.scenario.title == "Prénoms des nouveau-nés" and after.scenario.title == "Prénoms de l'année"
    assert len(builds) == 2


def test_a_changed_translation_is_read_again(tmp_path, shipped, builds):
    [before] = _load(tmp_path, [shipped / "prenoms"])
    _edit(shipped / "prenoms" / "locales" / "en" / "LC_MESSAGES" / "scenario.po",
          'msgstr "Newborn first names"', 'msgstr "Baby names"')
    [after] = _load(tmp_path, [shipped / "prenoms"])
    assert before.translations["en"]["Prénoms des nouveau-nés"] == "Newborn first names"
    assert after.translations["en"]["Prénoms des nouveau-nés"] == "Baby names"


def test_a_changed_framework_builds_the_scenarios_again(tmp_path, shipped, builds):
    [before] = _load(tmp_path, [shipped / "prenoms"])
    _edit(shipped / "frameworks" / "competences-donnees.yaml", '- id: "B4"', '- id: "B9"')
    [after] = _load(tmp_path, [shipped / "prenoms"])
    assert before.valid and not after.valid
    assert any("B4" in text for text, *_ in _where(after))


def test_another_cache_format_builds_again(tmp_path, monkeypatch, builds):
    _load(tmp_path, [builtin_scenarios_dir()])
    builds.clear()
    _load(tmp_path, [builtin_scenarios_dir()])
    assert builds == []
    monkeypatch.setattr(loaded_cache, "FORMAT", loaded_cache.FORMAT + 1)
    _load(tmp_path, [builtin_scenarios_dir()])
    assert len(builds) >= 3


@pytest.mark.parametrize("damage", [b"", b"pas un pickle", None])
def test_a_damaged_entry_is_ignored_and_replaced(tmp_path, builds, damage):
    first = _load(tmp_path, [builtin_scenarios_dir()])
    entries = sorted((tmp_path / "bibliotheque").glob("*.pickle"))
    assert len(entries) == len(first)
    for e in entries:
        e.write_bytes(e.read_bytes()[:40] if damage is None else damage)  # truncated, empty or garbage
    builds.clear()
    assert _load(tmp_path, [builtin_scenarios_dir()]) == first
    assert len(builds) == len(first)  # each built again…
    builds.clear()
    assert _load(tmp_path, [builtin_scenarios_dir()]) == first
    assert builds == []  # …and kept again


def test_an_unwritable_cache_only_costs_time(tmp_path, builds):
    (tmp_path / "bibliotheque").write_text("un fichier, pas un dossier", encoding="utf-8")
    first = _load(tmp_path, [builtin_scenarios_dir()])
    assert all(x.valid for x in first)
    assert _load(tmp_path, [builtin_scenarios_dir()]) == first


def test_an_unknown_framework_is_reported_as_without_the_cache(tmp_path):
    """The first scenario naming a missing framework reports it; which one does not depend on the cache."""
    user = tmp_path / "mes-scenarios"
    for name in ("un", "deux"):
        shutil.copytree(builtin_scenarios_dir() / "prenoms", user / name)
        f = user / name / "scenario.yaml"
        f.write_text(f.read_text(encoding="utf-8").replace("\nid: prenoms\n", f"\nid: {name}\nframework: inconnu\n"),
                     encoding="utf-8")
    _load(tmp_path, [user])
    with (user / "un" / "scenario.yaml").open("a", encoding="utf-8") as f:
        f.write("# modifié\n")  # « deux » (read first) as before, « un » changed: read afresh
    afresh = check.load_all([user])
    assert [p.code == "unknown-reference" for x in afresh for p in x.problems].count(True) == 1
    got = _load(tmp_path, [user])
    assert [_where(x) for x in got] == [_where(x) for x in afresh]
