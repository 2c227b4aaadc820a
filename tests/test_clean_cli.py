"""`explorateurs clean` replays a recipe on a new file and writes a quality CSV."""

import json
import subprocess
import sys
from pathlib import Path

from game.storage.csvfile import read_csv
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def test_reference_recipe_cleans_the_file_into_a_quality_csv(tmp_path):
    step = next(s for s in load_scenario(builtin_scenarios_dir() / "prenoms").scenario.steps if s.kind == "clean")
    recipe = tmp_path / "recette.json"
    recipe.write_text(json.dumps(list(step.reference), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "propre.csv"
    r = run("clean", "--schema", "scdl/prenoms", "--recipe", recipe, builtin_scenarios_dir() / "prenoms" / "data" / step.dataset, "-o", out)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "6 opération(s) appliquée(s) sur 6" in r.stdout and "Le fichier est valide" in r.stdout
    raw = out.read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    assert read_csv(out).findings == ()  # a « fichier CSV de qualité »
    r = run("validate", "--schema", "scdl/prenoms", out)
    assert r.returncode == 0


def test_recipe_step_that_no_longer_applies_is_reported(tmp_path):
    recipe = tmp_path / "r.json"
    recipe.write_text(json.dumps([{"op": "change-case", "column": "COMMUNE", "mode": "title"}]), encoding="utf-8")
    r = run("clean", "--schema", "scdl/prenoms", "--recipe", recipe,
            ROOT / "tests" / "fixtures" / "scdl" / "prenoms" / "prenoms-nouveaux-nes_exemple-invalide.csv", "-o", tmp_path / "o.csv")
    assert r.returncode == 1
    assert "étape 1" in r.stdout and "COMMUNE_NOM" in r.stdout  # did you mean


def test_validate_json_rows_follow_frictionless_numbering(tmp_path):
    r = run("validate", "--schema", "scdl/prenoms", "--format", "json",
            ROOT / "tests" / "fixtures" / "scdl" / "prenoms" / "prenoms-nouveaux-nes_exemple-invalide.csv")
    assert r.returncode == 1
    first = json.loads(r.stdout.splitlines()[0])
    assert (first["row"], first["field"], first["code"], first["severity"]) == (2, "COLL_INSEE", "constraint-error", "error")


def test_a_missing_recipe_and_an_output_that_is_a_folder_are_said_in_french(tmp_path):
    data = ROOT / "tests" / "fixtures" / "scdl" / "prenoms" / "prenoms-nouveaux-nes_exemple-invalide.csv"
    r = run("clean", "--schema", "scdl/prenoms", "--recipe", tmp_path / "absente.json", data, "-o", tmp_path / "o.csv")
    assert r.returncode == 2
    assert r.stderr == f"Recette illisible ({tmp_path / 'absente.json'}) : fichier ou dossier introuvable\n"
    recipe = tmp_path / "r.json"
    recipe.write_text("[]", encoding="utf-8")
    (tmp_path / "dossier").mkdir()
    r = run("clean", "--schema", "scdl/prenoms", "--recipe", recipe, data, "-o", tmp_path / "dossier")
    assert r.returncode == 2
    assert r.stderr == f"Impossible d'écrire {tmp_path / 'dossier'} : c'est un dossier, pas un fichier\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_recipe_that_is_not_json_says_where_and_why_in_french(tmp_path):
    data = ROOT / "tests" / "fixtures" / "scdl" / "prenoms" / "prenoms-nouveaux-nes_exemple-invalide.csv"
    recipe = tmp_path / "r.json"
    recipe.write_text('[{"op": "trim"}\n {"op": "dedupe"}]', encoding="utf-8")
    r = run("clean", "--schema", "scdl/prenoms", "--recipe", recipe, data, "-o", tmp_path / "o.csv")
    assert r.returncode == 2
    assert r.stderr == (f"Recette illisible ({recipe}) : ligne 2, colonne 2 : une virgule est attendue entre deux "
                        "éléments\n")
