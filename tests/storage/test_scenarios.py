"""Broken scenario files give located French problems through `explorateurs check`, never a crash."""

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "scenarios"

EXPECTED = {
    "syntaxe": ("5:10", "Erreur de syntaxe YAML : un guillemet ouvert ici n'est jamais refermé. Refermez-le à la fin "
                "du texte."),
    "mauvais-type": ("12:11", "Valeur « dialog » non permise. Valeurs possibles : dialogue, quiz, sort, clean, publish, reuse, fill, debrief. Vouliez-vous dire « dialogue » ?"),
    "cle-mal-ecrite": ("17:5", "Clé inconnue : « lignes ». Vouliez-vous dire « lines » ?"),
    "code-non-quote": ("15:13", "Cette valeur doit être un texte : écrivez-la entre guillemets (\"01\"), sinon YAML la transforme."),
    "renvoi-casse": ("22:15", "Le renvoi vers l'étape « quizz » ne mène nulle part : aucune étape ne porte cet identifiant. Vouliez-vous dire « quiz » ?"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_reports_file_line_col_in_french(name, capsys):
    assert main(["check", str(FIX / name)]) == 1
    out = capsys.readouterr().out
    where, text = EXPECTED[name]
    assert f"{name}/scenario.yaml:{where}: {text}" in out


def test_unquoted_version_is_reported_not_silently_changed(capsys):
    main(["check", str(FIX / "code-non-quote")])
    assert 'scenario.yaml:3:10: Cette valeur doit être un texte : écrivez-la entre guillemets ("1.10")' in capsys.readouterr().out


def test_check_in_english(capsys):
    assert main(["--lang", "en", "check", str(FIX / "cle-mal-ecrite")]) == 1
    assert "Unknown key: “lignes”. Did you mean “lines”?" in capsys.readouterr().out


def test_valid_scenario_passes_and_exit_code_is_zero(capsys):
    assert main(["check", str(FIX / "mini")]) == 0


def test_every_shipped_scenario_passes_check():
    loaded = load_all([builtin_scenarios_dir()])
    assert loaded, "no shipped scenario"
    for item in loaded:
        assert item.valid, [f"{p.where}: {p.message.format_source()}" for p in item.problems]


def test_shipped_scenarios_start_with_the_editor_modeline():
    for path in builtin_scenarios_dir().glob("*/scenario.yaml"):
        assert path.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=../scenario.schema.json"


def test_non_utf8_and_missing_files_are_problems_not_crashes(tmp_path):
    (tmp_path / "latin").mkdir()
    (tmp_path / "latin" / "scenario.yaml").write_bytes("title: Édition".encode("cp1252"))
    item = load_scenario(tmp_path / "latin")
    assert not item.valid and "UTF-8" in item.problems[0].message.format_source()
    item = load_scenario(tmp_path / "absent")
    assert not item.valid


def test_console_command_runs_check():
    r = subprocess.run([sys.executable, "-m", "game", "check", str(FIX / "renvoi-casse")], capture_output=True, text=True)
    assert r.returncode == 1
    assert "renvoi-casse/scenario.yaml:18:14: Personnage inconnu : « mentr »." in r.stdout


def test_schema_describes_every_property_in_french():
    import json

    schema = json.loads((builtin_scenarios_dir() / "scenario.schema.json").read_text(encoding="utf-8"))
    step_props = schema["$defs"]["step"]["properties"]
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                ref = sub.get("$ref", "").rsplit("/", 1)[-1] if isinstance(sub, dict) else ""
                described = isinstance(sub, dict) and ("description" in sub or "description" in schema["$defs"].get(ref, {}))
                if "/if" not in path and not described and not (sub is True and name in step_props):
                    missing.append(f"{path}/{name}")
            for key, sub in node.items():
                walk(sub, f"{path}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}/{i}")

    walk(schema, "")
    assert missing == []
    assert all("description" in v for v in step_props.values())


def test_check_replays_the_reference_recipe_of_clean_steps(capsys):
    assert main(["check", str(FIX / "nettoyage-insoluble")]) == 1
    out = capsys.readouterr().out
    assert "nettoyage-insoluble/scenario.yaml:16:31: Opération inconnue : « trim-space ». Vouliez-vous dire « trim-spaces » ?" in out


def test_check_fails_a_clean_step_whose_reference_does_not_reach_the_goal(tmp_path, capsys):
    import shutil

    folder = tmp_path / "nettoyage-insoluble"
    shutil.copytree(FIX / "nettoyage-insoluble", folder)
    path = folder / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("trim-space]", "trim-spaces]"), encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert ("scenario.yaml:18:7: La recette de référence n'atteint pas l'objectif : il reste 5 erreur(s), "
            "par exemple « constraint-error » ligne 2, colonne COLL_INSEE.") in out


def test_odd_files_in_a_scenario_folder_are_problems_not_crashes(tmp_path, capsys):
    import shutil

    a = tmp_path / "alias"
    a.mkdir()
    (a / "scenario.yaml").write_text("a: &a [*a]\n", encoding="utf-8")
    b = tmp_path / "mini"
    shutil.copytree(FIX / "mini", b)
    (b / "locales" / "en" / "LC_MESSAGES").mkdir(parents=True)
    (b / "locales" / "en" / "LC_MESSAGES" / "scenario.po").write_bytes(b'msgid "\xff\xfe"\nmsgstr "x"\n')
    c = tmp_path / "nettoyage-insoluble"
    shutil.copytree(FIX / "nettoyage-insoluble", c)
    (c / "schema.json").write_text("[1, 2]", encoding="utf-8")
    text = (c / "scenario.yaml").read_text(encoding="utf-8").replace("scdl/prenoms", "schema.json")
    (c / "scenario.yaml").write_text(text.replace("trim-space]", "trim-spaces]"), encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "alias/scenario.yaml:1:8: L'alias « *a » se contient lui-même : YAML le répéterait sans fin." in out
    assert "mini/scenario.yaml: avertissement : Traduction illisible" in out  # a warning: mini stays playable in French
    assert "Schéma illisible : « schema.json »" in out


def test_a_schema_path_cannot_leave_the_scenario_folder(tmp_path, capsys):
    import shutil

    c = tmp_path / "nettoyage-insoluble"
    shutil.copytree(FIX / "nettoyage-insoluble", c)
    text = (c / "scenario.yaml").read_text(encoding="utf-8").replace("scdl/prenoms", "../../../../etc/passwd.json")
    (c / "scenario.yaml").write_text(text.replace("trim-space]", "trim-spaces]"), encoding="utf-8")
    main(["check", str(c)])
    assert ("nettoyage-insoluble/scenario.yaml:15:13: Le chemin « ../../../../etc/passwd.json » remonte hors du dossier "
            "du scénario (« .. ») : refusé.") in capsys.readouterr().out


def test_the_default_framework_is_named_the_same_in_storage_and_in_the_model():
    from game.core.scenario import DEFAULT_FRAMEWORK
    from game.storage import scenarios

    assert scenarios.DEFAULT_FRAMEWORK == DEFAULT_FRAMEWORK
