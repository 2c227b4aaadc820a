"""What the system says in English (« No space left on device ») is told in French."""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest

from game.core.messages import N_, msg
from game.i18n import Translator
from game.storage.oserrors import french_reason

FR = Translator("fr")


@pytest.mark.parametrize("code, said", [
    (errno.ENOSPC, "le disque est plein"), (errno.EACCES, "accès refusé"), (errno.EPERM, "accès refusé"),
    (errno.EROFS, "le support est en lecture seule"), (errno.ENOENT, "fichier ou dossier introuvable"),
    (errno.EISDIR, "c'est un dossier, pas un fichier"), (errno.ENOTDIR, "une partie du chemin n'est pas un dossier"),
    (errno.ENAMETOOLONG, "le nom ou le chemin du fichier est trop long"),
    (errno.EMFILE, "trop de fichiers ouverts en même temps"), (errno.EDQUOT, "le quota du disque est atteint"),
])
def test_the_usual_system_errors_are_said_in_french(code, said):
    assert FR.render(french_reason(OSError(code, os.strerror(code)))) == said


def test_every_system_error_gets_a_french_reason_that_keeps_its_code_name():
    for code, name in errno.errorcode.items():
        shown = FR.render(french_reason(OSError(code, os.strerror(code), "/un/fichier")))
        assert os.strerror(code) not in shown or os.strerror(code) == name, (name, shown)
        assert shown and (shown == FR.render(french_reason(OSError(code, "x"))))
    assert FR.render(french_reason(OSError(errno.ENOPKG, "Package not installed"))) == "erreur du système ENOPKG"
    assert FR.render(french_reason(OSError("sans numéro"))) == "erreur du système OSError"
    assert FR.render(french_reason(PermissionError("?"))) == "accès refusé"


def test_sqlite_errors_are_said_in_french(tmp_path):
    db = sqlite3.connect(tmp_path / "x.sqlite3")
    db.execute("CREATE TABLE t(x)")
    db.close()
    (tmp_path / "x.sqlite3").chmod(0o444)
    ro = sqlite3.connect(f"file:{tmp_path / 'x.sqlite3'}?mode=ro", uri=True)
    with pytest.raises(sqlite3.Error) as caught:
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()
    assert "readonly" in str(caught.value)
    assert FR.render(french_reason(caught.value)) == "le fichier de sauvegarde ou son dossier est en lecture seule"
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode, full.sqlite_errorname = 13, "SQLITE_FULL"
    assert FR.render(french_reason(full)) == "le disque est plein"
    odd = sqlite3.OperationalError("datatype mismatch")
    odd.sqlite_errorcode, odd.sqlite_errorname = 20, "SQLITE_MISMATCH"
    assert FR.render(french_reason(odd)) == "erreur de la base de données SQLITE_MISMATCH"


def test_a_reason_inside_a_sentence_is_translated_with_it():
    sentence = msg(N_("Impossible d'écrire le fichier « {path} » ({reason})."), path="a.csv",
                   reason=french_reason(OSError(errno.ENOSPC, "No space left on device")))
    assert FR.render(sentence) == "Impossible d'écrire le fichier « a.csv » (le disque est plein)."
    assert sentence.format_source() == FR.render(sentence)


def test_network_errors_from_the_lrs_are_said_in_french():
    import socket

    assert FR.render(french_reason(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"))).startswith(
        "le serveur refuse la connexion")
    assert FR.render(french_reason(socket.gaierror(-2, "Name or service not known"))) == \
        "adresse du serveur introuvable (nom inconnu du réseau)"
    assert FR.render(french_reason(TimeoutError("timed out"))) == "pas de réponse dans le délai (serveur ou dossier réseau)"
