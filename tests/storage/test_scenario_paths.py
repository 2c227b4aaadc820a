"""A scenario reads only the files of its own folder: a path it names that would leave it (``..``,
absolute, drive letter, UNC, a symbolic link) is refused at its line in ``scenario.yaml``, and a
symbolic link in a scenarios folder is refused, in ``explorateurs check`` and in the game's library."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from game.cli import main
from game.core.csvquality import CsvReadError
from game.storage.folders import OutsideFolder, inside
from game.storage.library import load_library
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "scenarios"
SECRET = "COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE\nSecret,35238,F,Mot-de-passe,1,2016\n"



def _prenoms_line(start: str) -> int:
    """The line of the shipped « prenoms » scenario that starts with ``start`` (its clean step's
    ``dataset:`` or ``schema:``): the tests follow the file as it is edited."""
    lines = (builtin_scenarios_dir() / "prenoms" / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))

def _clean_scenario(tmp_path: Path, dataset: str = "prenoms-rennes.csv", schema: str = "scdl/prenoms") -> Path:
    """The shipped ``prenoms`` scenario in ``tmp_path/scenarios/prenoms``, its clean step reading
    ``dataset`` against ``schema``, with a readable CSV outside it (``tmp_path/secret.csv``)."""
    folder = tmp_path / "scenarios" / "prenoms"
    shutil.copytree(builtin_scenarios_dir() / "prenoms", folder)
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("dataset: prenoms-rennes.csv", f"dataset: {json.dumps(dataset)}")
    (folder / "scenario.yaml").write_text(text.replace("schema: scdl/prenoms", f"schema: {json.dumps(schema)}"), encoding="utf-8")
    (tmp_path / "secret.csv").write_text(SECRET, encoding="utf-8")
    return folder


def _problems(folder: Path, capsys) -> list[dict]:
    main(["check", "--format", "json", str(folder)])
    return json.loads(capsys.readouterr().out)


def test_the_fixture_loads_as_it_is(tmp_path):
    assert load_scenario(_clean_scenario(tmp_path)).valid


@pytest.mark.parametrize("dataset, why", [
    ("../../secret.csv", "remonte hors du dossier du scénario"),
    ("sous/../../../secret.csv", "remonte hors du dossier du scénario"),
    ("/etc/secret.csv", "est absolu"),
    ("C:/Users/agent/secret.csv", "lettre de lecteur"),
    ("C:secret.csv", "lettre de lecteur"),
    ("\\\\serveur\\partage\\secret.csv", "barre oblique inverse"),
    ("..\\..\\secret.csv", "barre oblique inverse"),
    ("//serveur/partage/secret.csv", "est absolu"),
    ("CON.csv", "Windows réserve"),
])
def test_a_dataset_path_that_would_leave_the_folder_is_refused_at_its_line(tmp_path, capsys, dataset, why):
    [problem] = _problems(_clean_scenario(tmp_path, dataset=dataset), capsys)
    assert problem["code"] == "unsafe-path"
    assert problem["file"].endswith("prenoms/scenario.yaml") and (problem["line"], problem["column"]) == (_prenoms_line("    dataset: prenoms-rennes.csv"), 14)
    assert problem["message"].startswith(f"Le chemin « {dataset} » ") and why in problem["message"]
    assert problem["hint"].startswith("Rangez le fichier dans le dossier du scénario")


def test_a_dataset_reached_through_a_symbolic_link_is_refused(tmp_path, capsys):
    folder = _clean_scenario(tmp_path, dataset="lien.csv")
    (folder / "data" / "lien.csv").symlink_to(tmp_path / "secret.csv")
    [problem] = _problems(folder, capsys)
    assert problem["code"] == "unsafe-path" and problem["file"].endswith("prenoms/data/lien.csv")
    assert problem["message"] == ("« lien.csv » est un lien symbolique : un scénario ne contient que des fichiers et des "
                                  "dossiers ordinaires, et le jeu ne suit pas les liens.")


def test_a_linked_data_folder_is_refused_even_when_the_file_is_named_plainly(tmp_path, capsys):
    folder = _clean_scenario(tmp_path)
    shutil.move(folder / "data", tmp_path / "ailleurs")
    (folder / "data").symlink_to(tmp_path / "ailleurs", target_is_directory=True)
    [problem] = _problems(folder, capsys)
    assert problem["code"] == "unsafe-path" and problem["file"].endswith("prenoms/data")


@pytest.mark.parametrize("schema, why", [("/etc/passwd", "est absolu"), ("../../../etc/schema", "remonte hors"),
                                         ("../secret.json", "remonte hors")])
def test_a_schema_that_would_leave_the_folder_or_the_shipped_schemas_is_refused(tmp_path, capsys, schema, why):
    [problem] = _problems(_clean_scenario(tmp_path, schema=schema), capsys)
    assert problem["code"] == "unsafe-path" and (problem["line"], problem["column"]) == (_prenoms_line("    schema: scdl/prenoms"), 13)
    assert why in problem["message"]


def test_the_game_does_not_read_a_dataset_outside_its_folder_even_when_asked(tmp_path):
    from game.storage.datasets import read_dataset

    folder = _clean_scenario(tmp_path)
    with pytest.raises(CsvReadError) as e:
        read_dataset(folder, "../../secret.csv")
    assert e.value.message.format_source().startswith("Le chemin « ../../secret.csv » remonte hors du dossier")


def test_inside_checks_the_path_once_resolved(tmp_path):
    (tmp_path / "s" / "data").mkdir(parents=True)
    assert inside(tmp_path / "s", "x/y.csv", "data") == tmp_path / "s" / "data" / "x" / "y.csv"
    (tmp_path / "s" / "data" / "x").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(OutsideFolder):
        inside(tmp_path / "s", "x/y.csv", "data")


def test_a_publish_step_resource_through_a_link_is_refused(tmp_path, capsys):
    folder = tmp_path / "publication"
    shutil.copytree(FIX / "publication", folder)
    (folder / "data" / "notice.pdf").symlink_to(tmp_path / "secret.csv")
    problems = _problems(folder, capsys)
    assert any(p["code"] == "unsafe-path" and p["file"].endswith("publication/data/notice.pdf") for p in problems)


def test_a_linked_scenario_folder_in_a_scenarios_folder_is_listed_as_refused(tmp_path):
    real = _clean_scenario(tmp_path / "reel")
    shelf = tmp_path / "bibliotheque"
    shelf.mkdir()
    (shelf / "prenoms").symlink_to(real, target_is_directory=True)
    (shelf / "paquet.zip").symlink_to(_pack(tmp_path))
    loaded = load_library([shelf], tmp_path / "cache")
    assert [(x.valid, x.problems[0].code, x.problems[0].file) for x in loaded] == [
        (False, "unsafe-path", str(shelf / "prenoms")), (False, "unsafe-path", str(shelf / "paquet.zip"))]


def test_a_link_the_trainer_names_on_the_command_line_is_followed(tmp_path):
    real = _clean_scenario(tmp_path / "reel")
    (tmp_path / "raccourci").symlink_to(real, target_is_directory=True)
    [item] = load_library([tmp_path / "raccourci"], tmp_path / "cache")
    assert item.valid, item.problems


def test_the_publisher_copies_no_resource_from_outside_the_data_folder(tmp_path):
    from game.storage.publisher import PortalPublisher

    (tmp_path / "data").mkdir()
    (tmp_path / "secret.csv").write_text(SECRET, encoding="utf-8")
    with pytest.raises(OutsideFolder):
        PortalPublisher(None, tmp_path / "data").publish("moi", "d", table=None, metadata={}, summary={},
                                                         catalogue_header=(), catalogue_row=(),
                                                         extra_files={"secret.csv": "../secret.csv"})


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "mini.zip"
    with zipfile.ZipFile(pack, "w") as z:
        z.writestr("mini/scenario.yaml", (FIX / "mini" / "scenario.yaml").read_bytes())
    return pack
