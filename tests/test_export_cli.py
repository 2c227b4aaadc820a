"""`explorateurs export` copies learners' portals to a folder (a USB key, a shared drive)."""

import subprocess
import sys
from pathlib import Path

from game.cli import main
from game.storage.portal import Portal
from game.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]


def publish(data: Path, learner: str, dataset: str) -> None:
    Portal(data / "portail").publish(
        learner, dataset, csv_bytes=b"a,b\r\n1,2\r\n", metadata={"title": dataset}, summary={"title": dataset},
        catalogue_header=("identifiant", "titre"), catalogue_row={"identifiant": dataset, "titre": dataset})


def test_export_one_learner_end_to_end(tmp_path):
    data = tmp_path / "donnees"
    publish(data, "Camille", "subventions-2018")
    publish(data, "Camille", "prenoms")
    publish(data, "Dominique", "prenoms")
    dest = tmp_path / "cle"
    r = subprocess.run([sys.executable, "-m", "game", "export", "--learner", "camille", "--data-dir", str(data),
                        "-o", str(dest)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == f"Portail de Camille : 2 jeux de données copiés dans {dest / 'camille'}\n"
    assert sorted(p.name for p in (dest / "camille").iterdir()) == ["catalogue.csv", "prenoms", "subventions-2018"]
    assert (dest / "camille" / "prenoms" / "donnees.csv").read_bytes() == b"a,b\r\n1,2\r\n"
    assert not (dest / "dominique").exists()


def test_export_every_learner(tmp_path, data_dir, capsys):
    publish(data_dir, "Camille", "prenoms")
    publish(data_dir, "Camille", "subventions")
    publish(data_dir, "Élodie", "prenoms")
    dest = tmp_path / "partage"
    assert main(["--data-dir", str(data_dir), "export", "-o", str(dest)]) == 0  # the general option works too
    out = capsys.readouterr().out.splitlines()
    assert out == [f"Portail de Camille : 2 jeux de données copiés dans {dest / 'camille'}",
                   f"Portail de Élodie : 1 jeu de données copié dans {dest / 'elodie'}"]
    assert (dest / "elodie" / "prenoms" / "fiche.json").exists()


def test_learner_who_published_nothing_or_does_not_exist(tmp_path, data_dir, capsys):
    data_dir.mkdir()
    with Store(data_dir) as store:
        store.add_learner("Paul")
    publish(data_dir, "Camille", "prenoms")
    dest = tmp_path / "cle"
    assert main(["export", "--learner", "Paul", "--data-dir", str(data_dir), "-o", str(dest)]) == 1
    assert capsys.readouterr().err == "Paul n'a publié aucun jeu de données.\n"
    assert main(["export", "--learner", "Zoé", "--data-dir", str(data_dir), "-o", str(dest)]) == 1
    assert capsys.readouterr().err == f"Aucun profil « Zoé » dans {data_dir}.\n"
    assert not dest.exists()


def test_nothing_published_at_all(tmp_path, data_dir, capsys):
    assert main(["export", "--data-dir", str(data_dir), "-o", str(tmp_path / "cle")]) == 1
    assert capsys.readouterr().err == f"Aucun jeu de données publié dans {data_dir / 'portail'}.\n"


def test_destination_that_cannot_be_written(tmp_path, data_dir, capsys):
    publish(data_dir, "Camille", "prenoms")
    blocker = tmp_path / "un-fichier"
    blocker.write_text("")
    assert main(["export", "--data-dir", str(data_dir), "-o", str(blocker / "dest")]) == 1
    err = capsys.readouterr().err
    assert err == f"Impossible d'écrire le portail dans {blocker / 'dest'} : une partie du chemin n'est pas un dossier.\n"


def test_an_exported_catalogue_never_carries_a_formula_even_from_a_portal_written_before(tmp_path):
    data = tmp_path / "donnees"
    Portal(data / "portail").publish(
        "Camille", "prenoms", csv_bytes=b"a,b\r\n1,2\r\n", metadata={}, summary={"title": "x"},
        catalogue_header=("identifiant", "titre"), catalogue_row={"identifiant": "prenoms", "titre": "=1+1"})
    live = data / "portail" / "camille" / "catalogue.csv"
    assert live.read_bytes() == b"identifiant,titre\r\nprenoms,'=1+1\r\n"
    live.write_bytes(b"identifiant,titre\r\nprenoms,=1+1\r\n")  # as an older version of the game wrote it
    dest = tmp_path / "cle"
    assert main(["export", "--learner", "Camille", "--data-dir", str(data), "-o", str(dest)]) == 0
    assert (dest / "camille" / "catalogue.csv").read_bytes() == b"identifiant,titre\r\nprenoms,'=1+1\r\n"


def test_an_export_to_a_full_disk_is_said_in_french_and_leaves_nothing_half_copied(tmp_path, capsys, monkeypatch):
    import errno
    import os
    import shutil

    data = tmp_path / "donnees"
    publish(data, "Camille", "prenoms")
    publish(data, "Camille", "subventions")
    copyfile = shutil.copyfile

    def fills_the_disk(src, dst, **kwargs):
        if os.fspath(src).endswith(os.path.join("subventions", "donnees.csv")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return copyfile(src, dst, **kwargs)

    monkeypatch.setattr(shutil, "copyfile", fills_the_disk)
    dest = tmp_path / "cle"
    assert main(["export", "--learner", "Camille", "--data-dir", str(data), "-o", str(dest)]) == 1
    err = capsys.readouterr().err
    assert err == f"Impossible d'écrire le portail dans {dest} : le disque est plein.\n"
    assert list(dest.iterdir()) == []
