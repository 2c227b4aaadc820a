"""A clean step's dataset past the limits (5 MB, 50,000 rows) is refused with a French message at its
``dataset:`` line, before it is read (size) or worked on (rows): in ``explorateurs check``, in the
game's library (a pack), and when the game opens it."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from game.authoring import reference
from game.authoring.library import load_library
from game.cli import main
from game.core.csvquality import CsvReadError
from game.storage import datasets
from game.storage.limits import LIMITS, MIB, ScenarioLimits
from game.storage.scenarios import builtin_scenarios_dir

HEADER = b"COMMUNE_NOM,COLL_INSEE,ENFANT_SEXE,ENFANT_PRENOM,NOMBRE_OCCURRENCES,ANNEE\n"
ROW = b"Rennes,35238,F,Camille,12,2016\n"



def _prenoms_line(start: str) -> int:
    """The line of the shipped « prenoms » scenario that starts with ``start`` (its clean step's
    ``dataset:`` or ``schema:``): the tests follow the file as it is edited."""
    lines = (builtin_scenarios_dir() / "prenoms" / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))

def _prenoms(tmp_path: Path, csv: bytes | None = None) -> Path:
    folder = tmp_path / "prenoms"
    shutil.copytree(builtin_scenarios_dir() / "prenoms", folder)
    if csv is not None:
        (folder / "data" / "prenoms-rennes.csv").write_bytes(csv)
    return folder


def _spaces(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def _check(folder: Path, capsys) -> list[dict]:
    assert main(["check", "--format", "json", str(folder)]) == 1
    return json.loads(_spaces(capsys.readouterr().out))


def test_the_limits_leave_room_for_every_shipped_dataset():
    for csv in builtin_scenarios_dir().glob("*/data/*.csv"):
        assert csv.stat().st_size * 100 < LIMITS.dataset_bytes
        assert csv.read_bytes().count(b"\n") * 100 < LIMITS.dataset_rows


def test_a_dataset_past_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys, monkeypatch):
    folder = _prenoms(tmp_path)
    with (folder / "data" / "prenoms-rennes.csv").open("r+b") as f:
        f.truncate(LIMITS.dataset_bytes + 1)  # sparse: nothing written on disk

    def never(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(datasets, "read_csv", never)
    [problem] = _check(folder, capsys)
    assert problem["code"] == "limit" and (problem["line"], problem["column"]) == (_prenoms_line("    dataset: prenoms-rennes.csv"), 14)
    assert problem["message"] == ("Le fichier data/prenoms-rennes.csv pèse 5,1 Mo : un fichier de données de scénario "
                                  "est limité à 5 Mo.")
    assert problem["hint"].startswith("Un extrait suffit pour un scénario")


def test_a_dataset_past_the_row_limit_is_refused_before_its_reference_is_replayed(tmp_path, capsys, monkeypatch):
    folder = _prenoms(tmp_path, HEADER + ROW * (LIMITS.dataset_rows + 1))

    def never(*args, **kwargs):
        raise AssertionError("the reference recipe was replayed")

    monkeypatch.setattr(reference, "replay", never)
    [problem] = _check(folder, capsys)
    assert problem["code"] == "limit" and (problem["line"], problem["column"]) == (_prenoms_line("    dataset: prenoms-rennes.csv"), 14)
    assert problem["message"] == ("Le fichier data/prenoms-rennes.csv compte plus de 50 000 lignes : un fichier de "
                                  "données de scénario en a au plus 50 000.")


def test_a_pack_with_a_too_big_dataset_is_listed_as_invalid(tmp_path, data_dir):
    folder = _prenoms(tmp_path, HEADER + ROW * (6 * MIB // len(ROW)))
    pack = tmp_path / "gros.zip"
    with zipfile.ZipFile(pack, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                z.write(p, "prenoms/" + p.relative_to(folder).as_posix())
    assert pack.stat().st_size < MIB  # the rows compress well: what a shared pack would look like
    [item] = load_library([pack], tmp_path / "cache")
    assert not item.valid
    [problem] = item.problems
    line = _prenoms_line("    dataset: prenoms-rennes.csv")
    assert problem.where.endswith(f"gros.zip/prenoms/scenario.yaml:{line}:14")
    assert _spaces(problem.message.format_source()).startswith("Le fichier data/prenoms-rennes.csv pèse 6")


def test_the_game_refuses_to_open_a_dataset_past_the_limits(tmp_path):
    folder = _prenoms(tmp_path, HEADER + ROW * 11)
    small = ScenarioLimits(dataset_rows=10)
    with pytest.raises(CsvReadError) as e:
        datasets.read_dataset(folder, "prenoms-rennes.csv", limits=small)
    assert e.value.message.format_source() == ("Le fichier data/prenoms-rennes.csv compte plus de 10 lignes : un "
                                               "fichier de données de scénario en a au plus 10.")
    assert datasets.read_dataset(folder, "prenoms-rennes.csv", limits=ScenarioLimits(dataset_rows=11)).table.nrows == 11


def test_a_local_schema_past_the_size_limit_is_refused_before_it_is_read(tmp_path, capsys):
    folder = _prenoms(tmp_path)
    with (folder / "schema.json").open("wb") as f:
        f.truncate(LIMITS.schema_bytes + 1)
    path = folder / "scenario.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("schema: scdl/prenoms", "schema: schema.json"), encoding="utf-8")
    [problem] = _check(folder, capsys)
    assert problem["code"] == "limit" and (problem["line"], problem["column"]) == (_prenoms_line("    schema: scdl/prenoms"), 13)
    assert problem["message"] == "Le schéma « schema.json » pèse 1,1 Mo : la limite est de 1 Mo."
