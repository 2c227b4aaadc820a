"""The library builds the scenarios and stops: no shipped scenario's reference path is replayed at
start, a user scenario's deep checks come from a cache keyed by its content (checked again when a
file changes), and ``explorateurs check`` always replays them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.authoring import check, reference
from game.authoring.library import CachedChecks, LibraryLoad, load_library
from game.cli import main
from game.storage import library
from game.storage.scenarios import builtin_scenarios_dir, default_scenario_dirs


@pytest.fixture
def counted(monkeypatch):
    """Counts the reference recipes replayed (and still replays them)."""
    calls = []
    real = reference._replayed

    def replayed(clean, folder):
        calls.append(clean.id)
        return real(clean, folder)

    monkeypatch.setattr(reference, "_replayed", replayed)
    return calls


def _forbid_replays(monkeypatch) -> None:
    def never(*args, **kwargs):
        raise AssertionError("a reference path was replayed while the library loaded")

    monkeypatch.setattr(reference, "_replayed", never)
    monkeypatch.setattr(reference, "replay", never)
    monkeypatch.setattr(check, "deep_check", never)


def _user_prenoms(tmp_path: Path) -> Path:
    user = tmp_path / "mes-scenarios"
    shutil.copytree(builtin_scenarios_dir() / "prenoms", user / "prenoms")
    return user


def _break_reference(user: Path) -> None:
    """« Adam », a value the reference recipe must keep, no longer in the data file."""
    csv = user / "prenoms" / "data" / "prenoms-rennes.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("Ad am", "Bob").replace("Adam", "Bob"), encoding="utf-8")


def _texts(item) -> list[str]:
    return [p.message.format_source() for p in item.problems]


def test_loading_the_library_replays_no_shipped_reference(data_dir, monkeypatch):
    _forbid_replays(monkeypatch)
    loaded = load_library(default_scenario_dirs())
    assert len(loaded) >= 3 and all(item.valid for item in loaded)
    load = LibraryLoad(default_scenario_dirs()).start()  # the game's worker thread
    assert [x.folder_id for x in load.result()] == [x.folder_id for x in loaded]


def test_check_still_replays_every_reference(data_dir, counted, capsys):
    assert main(["check", str(builtin_scenarios_dir() / "prenoms")]) == 0
    assert counted  # the clean step's recipe, replayed
    counted.clear()
    assert main(["check", str(builtin_scenarios_dir() / "prenoms")]) == 0
    assert counted  # every time: check keeps no result


def test_a_broken_user_scenario_is_shown_broken_from_the_cache_without_replaying(tmp_path, counted, monkeypatch):
    user = _user_prenoms(tmp_path)
    _break_reference(user)
    [first] = load_library([user], checks=tmp_path / "verifications")
    assert not first.valid and counted
    assert "Avec la recette de référence, la valeur « Adam » ne se trouve plus dans la colonne ENFANT_PRENOM." in _texts(first)
    _forbid_replays(monkeypatch)
    [again] = load_library([user], checks=tmp_path / "verifications")
    assert again.problems == first.problems  # same file:line:col and messages, read from the cache


def test_a_changed_data_file_is_checked_again(tmp_path, counted):
    user = _user_prenoms(tmp_path)
    checks = CachedChecks(tmp_path / "verifications")
    [item] = library.load_library([user], deep=checks)
    assert item.valid and checks.replayed == 1
    [item] = library.load_library([user], deep=checks)
    assert item.valid and checks.replayed == 1  # unchanged: from the cache
    _break_reference(user)
    [item] = library.load_library([user], deep=checks)
    assert checks.replayed == 2 and not item.valid
    assert any("« Adam » ne se trouve plus" in t for t in _texts(item))


def test_an_unreadable_cache_entry_is_checked_again(tmp_path, counted):
    user = _user_prenoms(tmp_path)
    _break_reference(user)
    load_library([user], checks=tmp_path / "verifications")
    for f in (tmp_path / "verifications").glob("*.json"):
        f.write_text("{pas du json", encoding="utf-8")
    counted.clear()
    [item] = load_library([user], checks=tmp_path / "verifications")
    assert counted and not item.valid
