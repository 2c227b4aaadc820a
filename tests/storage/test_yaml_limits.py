"""A scenario file past the limits (size, nesting, aliases, values) is refused with a located French
message, before anything is expanded: in ``explorateurs check`` and in the game's library alike."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.storage.library import load_library
from game.storage.limits import LIMITS, ScenarioLimits
from game.storage.yamlfile import _duplicate_keys, parse_yaml

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "scenarios"


def alias_bomb() -> str:
    """About 1 KB that expands to 9**9 values."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "id: bombe\ntitle: Bombe\n" + "\n".join(lines) + "\n"


def _scenario(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    return folder


def _check_json(path: Path, capsys) -> list[dict]:
    assert main(["check", "--format", "json", str(path)]) == 1
    return json.loads(_spaces(capsys.readouterr().out))


def _spaces(text: str) -> str:
    """Numbers are written « 50 000 » with a narrow no-break space."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_an_alias_bomb_is_refused_at_the_alias_that_passes_the_limit(tmp_path, capsys):
    folder = _scenario(tmp_path, "bombe", alias_bomb())
    assert len(alias_bomb()) < 1100
    [problem] = _check_json(folder, capsys)
    assert problem["code"] == "limit" and problem["file"].endswith("bombe/scenario.yaml")
    assert (problem["line"], problem["column"]) == (7, 30)  # a5, the first anchor that holds 9**5 values
    assert problem["message"] == ("Le fichier contient plus de 50 000 valeurs (clés, textes, éléments de liste), en "
                                  "comptant ce que ses alias répètent : refusé à partir d'ici.")


def test_check_ends_on_an_alias_bomb_in_a_child_process(tmp_path):
    """What a trainer runs: before, it never ended (a generous bound only says it does not hang)."""
    folder = _scenario(tmp_path, "bombe", alias_bomb())
    proc = subprocess.run([sys.executable, "-m", "game", "check", str(folder)], cwd=ROOT, capture_output=True,
                          text=True, timeout=30, env={"EXPLORATEURS_DATA_DIR": str(tmp_path / "d"), "PATH": ""})
    assert proc.returncode == 1
    assert "bombe/scenario.yaml:7:30: Le fichier contient plus de 50 000 valeurs" in _spaces(proc.stdout)


def test_the_game_library_lists_a_pack_holding_an_alias_bomb_as_invalid(tmp_path):
    pack = tmp_path / "piege.zip"
    with zipfile.ZipFile(pack, "w") as z:
        z.writestr("bombe/scenario.yaml", alias_bomb())
    [item] = load_library([pack], tmp_path / "cache")
    assert not item.valid
    [problem] = item.problems
    assert problem.where == "piege.zip/bombe/scenario.yaml:7:30" or problem.where.endswith("piege.zip/bombe/scenario.yaml:7:30")


def test_duplicate_keys_are_looked_for_once_in_a_node_that_aliases_repeat():
    text = "base: &b {x: 1, x: 2}\nun: *b\ndeux: *b\ntrois: [*b, *b]\n"
    loader = yaml.CSafeLoader(text)
    root = loader.get_single_node()
    loader.dispose()
    found = [(p.path, n.start_mark.line + 1) for p, n in _duplicate_keys(root)]
    assert found == [(("base", "x"), 1)]


def test_an_alias_that_contains_itself_is_located():
    doc, [problem] = parse_yaml("id: a\nsteps: &s [1, *s]\n", "scenario.yaml")
    assert doc is None
    assert (problem.line, problem.col) == (2, 15)
    assert problem.message.format_source() == "L'alias « *s » se contient lui-même : YAML le répéterait sans fin."


def test_deep_nesting_is_refused_where_it_passes_the_limit():
    depth = 990  # libyaml accepts up to 1,000; Python's own recursion would not
    doc, [problem] = parse_yaml("id: a\nsteps: " + "[" * depth + "]" * depth + "\n", "scenario.yaml")
    assert doc is None and problem.code == "limit"
    assert (problem.line, problem.col) == (2, 8 + LIMITS.yaml_depth - 1)
    assert problem.message.format_source() == ("Le fichier imbrique plus de 32 niveaux de listes et de dictionnaires : "
                                               "refusé à partir d'ici.")


def test_nesting_past_what_libyaml_reads_is_explained_in_french():
    doc, [problem] = parse_yaml("id: a\nsteps: " + "[" * 100_000 + "]" * 100_000 + "\n", "scenario.yaml")
    assert doc is None
    assert problem.message.format_source().startswith("Le fichier imbrique des centaines de listes")


def test_too_many_aliases_are_refused_at_the_first_one_past_the_limit():
    text = "id: a\nv: &v x\nl:\n" + "".join("  - *v\n" for _ in range(LIMITS.yaml_aliases + 5))
    doc, [problem] = parse_yaml(text, "scenario.yaml")
    assert doc is None and problem.code == "limit"
    assert (problem.line, problem.col) == (4 + LIMITS.yaml_aliases, 5)
    assert problem.message.format_source() == "Le fichier utilise plus de 1000 alias YAML (*nom) : refusé à partir de celui-ci."


def test_too_many_values_without_any_alias_are_refused():
    doc, [problem] = parse_yaml("id: a\nl: [" + ",".join(["1"] * 60_000) + "]\n", "scenario.yaml")
    assert doc is None and problem.code == "limit" and problem.line == 2


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    folder = _scenario(tmp_path, "gros", "id: gros\n")
    with (folder / "scenario.yaml").open("r+b") as f:
        f.truncate(60 * 1024 * 1024)  # sparse: nothing written on disk
    [problem] = _check_json(folder, capsys)
    assert problem["code"] == "limit" and problem["line"] is None
    assert problem["message"] == "Le fichier pèse 60 Mo : un fichier de scénario est limité à 1 Mo."


def test_a_few_aliases_in_a_real_scenario_still_load(tmp_path):
    text = (FIX / "mini" / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("        text: Première réplique.", "        text: &premiere Première réplique.")
    text = text.replace("        text: Deuxième réplique.", "        text: *premiere")
    folder = _scenario(tmp_path, "mini", text)
    [item] = load_library([folder], tmp_path / "cache")
    assert item.valid, item.problems


@pytest.mark.parametrize("text", [
    "id: a\nl: [" + ",".join(["1"] * 150) + "]\n",
    "id: a\nl:\n" + "".join(f"  - k{i}: {i}\n" for i in range(80)),
    "id: a\nsteps: " + "[" * 12 + "]" * 12 + "\n",
])
def test_a_text_without_alias_is_bounded_at_the_same_place_as_by_its_events(text):
    """A short text without « * » is composed then walked (faster); with one, its events are read:
    the same problem either way."""
    small = ScenarioLimits(yaml_values=100, yaml_depth=10)
    _doc, [walked] = parse_yaml(text, "scenario.yaml", small)
    _doc, [scanned] = parse_yaml(text + "# *\n", "scenario.yaml", small)
    assert (walked.line, walked.col, walked.message) == (scanned.line, scanned.col, scanned.message)
