"""``--script``: coordinates keep their comma, and a typo is refused in French before a window opens."""

from game.app import _script
from game.cli import main


def test_coordinates_keep_their_comma_in_a_comma_separated_script():
    assert _script("move:600,300,key:TAB,click:10,20,wait:3,resize:1024,768") == [
        "move:600,300", "key:TAB", "click:10,20", "wait:3", "resize:1024,768"]


def test_a_wrong_step_is_refused_before_the_window_opens(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPLORATEURS_DATA_DIR", str(tmp_path))
    assert main(["--script", "key:TAB,touche:X"]) == 2
    assert "Script invalide : Pas de script inconnu : 'touche:X'" in capsys.readouterr().err


def test_a_script_file_that_is_not_utf8_is_refused_in_french(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXPLORATEURS_DATA_DIR", str(tmp_path))
    (tmp_path / "partie.txt").write_bytes(b"key:TAB\ntext:\xe9t\xe9\n")
    assert main(["--script", f"@{tmp_path / 'partie.txt'}"]) == 2
    err = capsys.readouterr().err
    assert "Script invalide : le fichier n'est pas encodé en UTF-8 (octet invalide à la position 13)" in err
    assert "codec" not in err
    assert main(["--script", f"@{tmp_path / 'absent.txt'}"]) == 2
    assert capsys.readouterr().err == "Script invalide : fichier ou dossier introuvable\n"
