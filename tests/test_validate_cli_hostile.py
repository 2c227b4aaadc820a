"""``validate`` and ``clean`` on hostile files: a French report or refusal, never a traceback.

Refusals (a folder, ``/dev/zero``, a FIFO, a file too big, a broken recipe) go to stderr with exit
code 2; files that can be read (special numbers, NUL bytes) get a full report.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import game.cli.validate as validate_cli
from game.cli.validate import main_clean, main_validate
from game.storage import csvfile, csvstream

ROOT = Path(__file__).resolve().parents[1]
SUBVENTIONS = ROOT / "tests" / "fixtures" / "scdl" / "subventions" / "exemple_valide.csv"


def run(file, schema="scdl/subventions", fmt="text"):
    out = io.StringIO()
    code = main_validate(SimpleNamespace(schema=schema, file=str(file), format=fmt, lang="fr"), out=out)
    return code, out.getvalue()


def clean(recipe, file=SUBVENTIONS, output=None, tmp_path=None):
    out = io.StringIO()
    output = output or (tmp_path / "propre.csv")
    code = main_clean(SimpleNamespace(schema="scdl/subventions", file=str(file), recipe=str(recipe),
                                      output=str(output), lang="fr"), out=out)
    return code, out.getvalue()


def with_column(tmp_path, column, values):
    lines = SUBVENTIONS.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    j = header.index(column)
    rows = []
    for k, value in enumerate(values):
        cells = lines[1 + k % (len(lines) - 1)].split(",")
        assert len(cells) == len(header)
        cells[j] = value
        rows.append(",".join(cells))
    path = tmp_path / "f.csv"
    path.write_text("\r\n".join([lines[0], *rows]) + "\r\n", encoding="utf-8")
    return path


def test_snan_in_pourcentage_subvention_is_reported_not_raised(tmp_path):
    code, text = run(with_column(tmp_path, "pourcentageSubvention", ["sNaN", "-sNaN", "NaN", "Infinity", "0.5"]))
    assert code == 1
    assert "Erreur — Valeur non conforme (constraint-error) : 7" in text  # NaN fails both bounds, Infinity one
    assert "  • ligne 2, colonne « pourcentageSubvention » : La valeur « sNaN » est inférieure au minimum autorisé" in text
    assert "ligne 6, colonne « pourcentageSubvention »" not in text  # 0.5 is fine


def test_nul_bytes_are_reported_where_they_are_and_the_rest_is_validated(tmp_path, capsys):
    path = with_column(tmp_path, "nomBeneficiaire", ["ASSO\x00CIATION", "CLUB", "CLUB"])
    raw = path.read_bytes().replace(b"2015-07-07", b"07/07/2015", 1)  # and an ordinary error elsewhere
    path.write_bytes(raw)
    code, text = run(path)
    assert code == 1
    assert "Erreur — Caractère nul (nul-character) : 1" in text
    assert ("  • ligne 2, colonne « nomBeneficiaire » : La valeur contient un caractère nul (octet 0, invisible) en "
            "position 5.") in text
    assert "ligne 2, colonne « dateConvention » : La valeur « 07/07/2015 » n'est pas une date" in text
    assert "le premier ligne 2, colonne « nomBeneficiaire » (à " in text  # with the byte offset
    assert "\x00" not in text  # shown as ␀ where a message quotes the cell
    code, lines = run(path, fmt="json")
    found = [json.loads(line) for line in lines.splitlines()]
    assert {(e["row"], e["field"], e["code"]) for e in found} >= {(2, "nomBeneficiaire", "nul-character"),
                                                                   (2, "dateConvention", "type-error")}


@pytest.mark.parametrize("make", ["folder", "dev-zero"])
def test_what_is_not_a_regular_file_is_refused(tmp_path, capsys, make):
    if make == "dev-zero" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    target = tmp_path if make == "folder" else Path("/dev/zero")
    code, text = run(target)
    assert code == 2 and text == ""
    assert f"« {target} » n'est pas un fichier ordinaire" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFO on this system")
def test_a_fifo_is_refused_by_validate_and_as_a_recipe(tmp_path):
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    for args in (["validate", "--schema", "scdl/subventions", fifo],
                 ["clean", "--schema", "scdl/subventions", "--recipe", fifo, SUBVENTIONS, "-o", tmp_path / "o.csv"]):
        r = subprocess.run([sys.executable, "-m", "game", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                           timeout=30)  # the old code blocks here until the timeout
        assert r.returncode == 2, r.stderr
        assert "n'est pas un fichier ordinaire : c'est un tube nommé (FIFO)" in r.stderr
        assert "Traceback" not in r.stderr


def test_a_file_bigger_than_what_is_read_whole_is_validated_chunk_by_chunk(tmp_path, capsys, monkeypatch):
    # validate streams the file: the limit of what is read whole (clean, the workshop) does not apply
    monkeypatch.setattr(csvfile, "MAX_CSV_BYTES", 2 * 1024 * 1024)
    monkeypatch.setattr(csvstream, "STREAM_CHUNK_ROWS", 1000)
    path = with_column(tmp_path, "objet", ["x" * 200] * 11_999 + ["x" * 300])  # about 3 MB, the last objet too long
    code, text = run(path)
    assert code == 1 and capsys.readouterr().err == ""
    assert "ligne 12001, colonne « objet » : La valeur « " + "x" * 300 in text  # the last row is checked too


def test_memory_running_out_gives_a_french_message(tmp_path, capsys, monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    from game.core.tableschema.stream import StreamValidator

    monkeypatch.setattr(StreamValidator, "feed", exhausted)
    code, _ = run(SUBVENTIONS)
    assert code == 2
    assert capsys.readouterr().err.startswith("Mémoire insuffisante pour valider")


@pytest.mark.parametrize(("content", "reason"), [
    ("[" * 100_000, "est un JSON imbriqué trop profondément pour être lu"),
    (b'[{"op":\n"\x89PNG\x00\xff"}]', "n'est pas un texte UTF-8 : octet invalide ligne 2 (à 9 octets du début"),
    ('{"operations": [}', "ligne 1, colonne 17 : une valeur est attendue"),
    ('"trim-spaces"', "une liste d'opérations est attendue"),
    ('{"operations": 42}', "une liste d'opérations est attendue"),
    ('{"operation": [{"op": "trim-spaces"}]}', "une liste d'opérations est attendue"),  # not silently nothing
])
def test_a_broken_recipe_is_refused_in_french(tmp_path, capsys, content, reason):
    recipe = tmp_path / "recette.json"
    if isinstance(content, bytes):
        recipe.write_bytes(content)
    else:
        recipe.write_text(content, encoding="utf-8")
    code, _ = clean(recipe, tmp_path=tmp_path)
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"Recette illisible ({recipe}) : ") and reason in err, err


def test_a_recipe_too_big_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(validate_cli, "MAX_RECIPE_BYTES", 1000)
    recipe = tmp_path / "recette.json"
    recipe.write_text(json.dumps([{"op": "trim-spaces", "columns": ["objet"]}] * 100), encoding="utf-8")
    code, _ = clean(recipe, tmp_path=tmp_path)
    assert code == 2
    assert "c'est plus que la limite de" in capsys.readouterr().err


def test_strange_recipe_steps_are_reported_one_by_one_and_the_rest_applied(tmp_path):
    recipe = tmp_path / "recette.json"
    steps = [42, None, [[[]]], {"op": {"nested": [[1]]}}, {"op": "trim-spacez"}, {"nope": 1},
             {"op": "rename-column", "column": "objet", "to": "objet2"}]
    recipe.write_text(json.dumps(steps), encoding="utf-8")
    code, text = clean(recipe, tmp_path=tmp_path)
    assert code == 1
    assert "Recette " in text and "1 opération(s) appliquée(s) sur 7." in text
    for n in range(1, 7):
        assert f"  ! étape {n} : " in text
    assert "Vouliez-vous dire" in text
    assert (tmp_path / "propre.csv").read_text("utf-8").startswith("nomAttribuant,")


def test_an_output_that_cannot_be_written_gets_a_french_reason(tmp_path, capsys):
    recipe = tmp_path / "recette.json"
    recipe.write_text("[]", encoding="utf-8")
    code, _ = clean(recipe, output=tmp_path / "absent" / "propre.csv")
    assert code == 2
    assert capsys.readouterr().err.endswith(": fichier ou dossier introuvable\n")


def test_a_file_where_every_cell_is_wrong_is_reported_with_a_count_of_what_is_not_detailed(tmp_path, monkeypatch):
    monkeypatch.setattr(validate_cli, "MAX_REPORTED_ERRORS", 5)
    path = with_column(tmp_path, "dateConvention", ["05/12/2016"] * 20)
    code, text = run(path)
    assert code == 1
    assert "✘ Le fichier n'est pas valide : 20 erreur(s)" in text
    assert text.count("n'est pas une date au format AAAA-MM-JJ") == 5
    assert "… et 15 autre(s) erreur(s), comptée(s) mais non détaillée(s) : le rapport détaille les 5 premières." in text
    code, lines = run(path, fmt="json")
    last = json.loads(lines.splitlines()[-1])
    assert (last["code"], last["count"]) == ("errors-omitted", 15)
