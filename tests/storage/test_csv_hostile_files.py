"""What is not a CSV of reasonable size gets a French refusal at once; a few NUL bytes are located.

A FIFO would block the reader forever and ``/dev/zero`` would fill the memory: both are refused
by looking at the path before opening it. Files too large to be validated in memory are refused
with their size and the limit; the limits are lowered here so that the files stay small.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.core.csvquality import CsvReadError, looks_binary, nul_cells
from game.storage import csvfile
from game.storage.bounded import FileRefused, load_json, read_bounded
from game.storage.csvfile import read_csv

ROOT = Path(__file__).resolve().parents[2]


def refusal(path, **kwargs) -> str:
    with pytest.raises(CsvReadError) as e:
        read_csv(path, **kwargs)
    return e.value.message.format_source()


def test_a_folder_is_refused_in_french(tmp_path):
    assert refusal(tmp_path) == (f"« {tmp_path} » n'est pas un fichier ordinaire : c'est un dossier. Indiquez le "
                                 "chemin d'un fichier enregistré sur le disque.")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_before_reading():
    assert "« /dev/zero » n'est pas un fichier ordinaire : c'est un périphérique" in refusal("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFO on this system")
def test_a_fifo_is_refused_instead_of_blocking(tmp_path):
    fifo = tmp_path / "tube.csv"
    os.mkfifo(fifo)
    code = ("import sys\nfrom game.storage.csvfile import read_csv, CsvReadError\n"
            "try:\n    read_csv(sys.argv[1])\nexcept CsvReadError as e:\n    print(e.message.format_source())\n")
    # in a subprocess: on the old code the read blocks until the timeout
    r = subprocess.run([sys.executable, "-c", code, str(fifo)], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert "n'est pas un fichier ordinaire : c'est un tube nommé (FIFO)" in r.stdout, r.stderr


def test_a_file_larger_than_the_limit_is_refused_with_its_size_and_the_limit(tmp_path):
    path = tmp_path / "gros.csv"
    path.write_bytes(b"a,b\r\n" + b"1,2\r\n" * 300_000)  # 1.5 MB
    text = refusal(path, max_bytes=1024 * 1024)
    assert text.startswith("Le fichier « gros.csv » pèse 1.4 Mo : c'est plus que la limite de 1.0 Mo qu'un fichier "
                           "CSV peut peser pour être lu en mémoire")


def test_the_default_size_limit_applies(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CSV_BYTES", 10)
    path = tmp_path / "a.csv"
    path.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    assert "plus que la limite" in refusal(path)


def test_too_many_cells_are_refused_before_they_are_cut(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_CELLS", 1000)
    path = tmp_path / "a.csv"
    path.write_text("a,b\n" + "1,2\n" * 600, encoding="utf-8")
    assert refusal(path).startswith("Le fichier compte jusqu'à 1 203 cellules") or "1203 cellules" in refusal(path)
    path.write_text("a,b\n" + "1,2\n" * 400, encoding="utf-8")
    assert read_csv(path).table.nrows == 400


def test_a_header_wider_than_a_spreadsheet_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_COLUMNS", 50)
    path = tmp_path / "a.csv"
    path.write_text(",".join(f"c{i}" for i in range(51)) + "\n" + "1\n", encoding="utf-8")
    assert "La ligne d'en-tête compte 51 colonnes" in refusal(path)


def test_nul_bytes_are_located_and_the_rest_is_read(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_bytes("nom,ville\r\nÉlise,Nîmes\r\nA\x00B,Paris\r\nC,Lyon\x00\r\n".encode())
    read = read_csv(path)
    assert read.table.columns == (("Élise", "A\x00B", "C"), ("Nîmes", "Paris", "Lyon\x00"))  # nothing lost
    [finding] = [f for f in read.findings if f.code == "nul-bytes"]
    # « Élise,Nîmes\r\n » takes 15 bytes in UTF-8: the NUL is 11 + 15 + 1 bytes from the start
    assert finding.message.format_source() == (
        "Le fichier contient 2 caractère(s) nul(s) (octet 0, invisible), le premier ligne 3, colonne « nom » "
        "(à 27 octets du début du fichier) : beaucoup de logiciels coupent la valeur ou refusent le fichier à cet "
        "endroit.")
    assert finding.rows == (3, 4)
    assert nul_cells(read.table) == [(3, 0, "A\x00B"), (4, 1, "Lyon\x00")]


def test_binary_files_are_still_refused(tmp_path):
    png = tmp_path / "image.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "il contient des octets nuls" in refusal(png)
    noise = bytes((i * 7919) % 256 for i in range(20_000))
    assert looks_binary(noise) and not looks_binary(b"a,b\n" + b"1,2\n" * 1000 + b"\x00" * 20)


def test_json_files_are_bounded_and_refused_in_french(tmp_path):
    nested = tmp_path / "n.json"
    nested.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(FileRefused) as e:
        load_json(nested, 1_000_000)
    assert "imbriqué trop profondément" in e.value.message.format_source()
    binary = tmp_path / "b.json"
    binary.write_bytes(b'{"a":\n "\xff\xfe"}')
    with pytest.raises(FileRefused) as e:
        load_json(binary, 1000)
    assert e.value.message.format_source() == ("« b.json » n'est pas un texte UTF-8 : octet invalide ligne 2 (à 8 "
                                               "octets du début du fichier). Est-ce bien un fichier JSON ?")
    with pytest.raises(FileRefused) as e:
        read_bounded(binary, 4)
    assert "pèse 0.0 Mo : c'est plus que la limite de 0.0 Mo" in e.value.message.format_source()
    with pytest.raises(FileRefused) as e:
        read_bounded(tmp_path / "absent.json", 4)
    assert e.value.message.format_source().endswith("absent.json » : fichier ou dossier introuvable.")


def test_a_nul_byte_in_a_title_row_above_the_table_is_located_too(tmp_path):
    path = tmp_path / "titre.csv"
    path.write_bytes(b"Subventions 2024\x00\r\nnom,ville,montant\r\nA,B,1\r\nC,D,2\r\n")
    read = read_csv(path)
    assert read.dialect.header_row == 2 and read.table.nrows == 2
    [finding] = [f for f in read.findings if f.code == "nul-bytes"]
    assert finding.message.format_source().startswith(
        "Le fichier contient 1 caractère(s) nul(s) (octet 0, invisible), le premier ligne 1, au-dessus de la ligne "
        "des noms de colonnes (à 16 octets du début du fichier)")
