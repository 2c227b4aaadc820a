"""``explorateurs report`` and ``explorateurs group new``: the trainer's commands, end to end."""

from __future__ import annotations

import csv
import io
from html import unescape
from pathlib import Path

import pytest

from game.cli import main
from game.core.groups import normalize_group
from game.report.sample import workshop
from game.storage.library import load_all
from game.storage.records import write_jsonl
from game.storage.scenarios import builtin_scenarios_dir
from game.storage.store import Store

HOSTILE = ["Camille", "<script>alert(1)</script>", '=HYPERLINK("http://x.invalid","clic")']


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORATEURS_DATA_DIR", str(tmp_path / "donnees"))
    return tmp_path / "donnees"


@pytest.fixture(scope="module")
def scenarios():
    loaded = {x.folder_id: x for x in load_all([builtin_scenarios_dir()])}
    return [loaded["prenoms"].scenario, loaded["subventions"].scenario], loaded


def test_a_workshop_report_from_two_desk_exports_leaves_other_workshops_out(tmp_path, scenarios, capsys):
    mine = workshop(scenarios[0], HOSTILE, group="RENNES-2026")
    other = workshop(scenarios[0], ["Intrus"], group="AUTRE-1", seed=2)
    half = len(mine) // 2
    write_jsonl(mine[:half] + other, tmp_path / "poste1.jsonl")
    write_jsonl(mine[half:] + mine[:10], tmp_path / "poste2.jsonl")  # a few lines exported twice
    out = tmp_path / "rapports"
    rc = main(["report", "--group", " rennes 2026", "--jsonl", str(tmp_path / "poste1.jsonl"),
               "--jsonl", str(tmp_path / "poste2.jsonl"), "-o", str(out)])
    printed = capsys.readouterr().out
    assert rc == 0
    assert "3 participant·es" in printed and "relevés de l'atelier (sur" in printed and str(out / "rapport-RENNES-2026.html") in printed
    html = (out / "rapport-RENNES-2026.html").read_text(encoding="utf-8")
    assert "Rapport de l'atelier RENNES-2026" in unescape(html)
    assert "Camille" in html and "Intrus" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    raw = (out / "rapport-RENNES-2026.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    pseudonyms = {r[1] for r in rows[1:]}
    assert "Camille" in pseudonyms and "Intrus" not in pseudonyms
    assert not any(p.startswith("=") for p in pseudonyms)  # neutralised for Excel
    assert any(p.startswith("'=HYPERLINK") for p in pseudonyms)


def test_by_default_the_report_reads_this_desk_and_what_it_imported(tmp_path, data_dir, scenarios, capsys):
    data_dir.mkdir(parents=True)
    with Store(data_dir / "explorateurs.sqlite3") as store:
        store.import_statements(workshop(scenarios[0], ["Lou", "Noa"], group="K7M-4QX"), source="poste3.jsonl")
    from game.storage.paths import database_path

    assert database_path() == data_dir / "explorateurs.sqlite3"
    rc = main(["report", "--group", "k7m-4qx", "-o", str(tmp_path)])
    assert rc == 0 and "2 participant·es" in capsys.readouterr().out
    assert "Noa" in (tmp_path / "rapport-K7M-4QX.html").read_text(encoding="utf-8")


def test_the_report_in_english_translates_the_scenario_texts_too(tmp_path, scenarios):
    statements = workshop(scenarios[0], ["Sam"], group="GRP-1")
    write_jsonl(statements, tmp_path / "x.jsonl")
    assert main(["--lang", "en", "report", "--group", "GRP-1", "--jsonl", str(tmp_path / "x.jsonl"),
                 "-o", str(tmp_path)]) == 0
    html = (tmp_path / "rapport-GRP-1.html").read_text(encoding="utf-8")
    prenoms = scenarios[1]["prenoms"]
    english_title = prenoms.translations["en"][prenoms.scenario.title]
    assert "Report for workshop GRP-1" in html and english_title in html
    assert 'lang="en"' in html


def test_an_unreadable_source_is_named_and_the_report_is_still_written(tmp_path, scenarios, capsys):
    write_jsonl(workshop(scenarios[0], ["Sam"], group="GRP-1"), tmp_path / "ok.jsonl")
    (tmp_path / "abime.jsonl").write_text('{"id": "pas un relevé"\n', encoding="utf-8")
    rc = main(["report", "--group", "GRP-1", "--jsonl", str(tmp_path / "ok.jsonl"), "--jsonl",
               str(tmp_path / "abime.jsonl"), "--store", str(tmp_path / "absent.sqlite3"), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 1
    assert f"{tmp_path / 'abime.jsonl'}:1:" in err and "absent.sqlite3 : fichier introuvable" in err
    assert (tmp_path / "rapport-GRP-1.html").is_file()


def test_a_mistyped_code_writes_nothing_and_names_the_codes_found(tmp_path, scenarios, capsys):
    write_jsonl(workshop(scenarios[0], ["Sam"], group="JQ3-TWZ"), tmp_path / "x.jsonl")
    assert main(["report", "--group", "JQ3-TXZ", "--jsonl", str(tmp_path / "x.jsonl"), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Aucun relevé de cet atelier" in err and "Aucun rapport écrit" in err
    assert "Codes d'atelier présents dans ces sources : JQ3-TWZ" in err
    assert not list(tmp_path.glob("rapport-*"))


def test_an_output_folder_that_cannot_be_written_is_explained(tmp_path, scenarios, capsys):
    write_jsonl(workshop(scenarios[0], ["Sam"], group="GRP-1"), tmp_path / "x.jsonl")
    (tmp_path / "fichier").write_text("pas un dossier", encoding="utf-8")
    assert main(["report", "--group", "GRP-1", "--jsonl", str(tmp_path / "x.jsonl"), "-o", str(tmp_path / "fichier")]) == 1
    assert "Le rapport n'a pas pu être écrit dans" in capsys.readouterr().err


def test_a_bad_group_code_is_refused_before_reading_anything(tmp_path, capsys):
    assert main(["report", "--group", "a#b", "-o", str(tmp_path)]) == 2
    assert "ne peut contenir que des lettres" in capsys.readouterr().err
    assert not list(tmp_path.glob("rapport-*"))


def test_group_new_prints_a_code_to_give_out(capsys):
    assert main(["group", "new"]) == 0
    out = capsys.readouterr()
    code = out.out.strip()
    assert normalize_group(code) == code and f"--group {code}" in out.err


def test_the_learner_report_from_the_command_line(tmp_path, scenarios):
    write_jsonl(workshop(scenarios[0], ["Camille", "Sam"], group="GRP-1"), tmp_path / "x.jsonl")
    assert main(["report", "--learner", "Sam", "--jsonl", str(tmp_path / "x.jsonl"), "-o", str(tmp_path)]) == 0
    html = Path(tmp_path / "rapport-Sam.html").read_text(encoding="utf-8")
    assert "Rapport de Sam" in html and "Camille" not in html


def test_a_desk_save_file_is_read_without_being_changed(tmp_path, scenarios):
    import sqlite3

    desk = tmp_path / "poste7" / "explorateurs.sqlite3"
    desk.parent.mkdir()
    statements = workshop(scenarios[0], ["Lou"], group="GRP-7")
    with Store(desk) as store:
        store.import_statements(statements, source="x")
    raw = sqlite3.connect(desk)
    raw.execute("ALTER TABLE learners DROP COLUMN group_code")
    raw.execute("PRAGMA user_version=3")  # a desk still on the previous version of the game
    raw.close()
    before = {p.name: p.read_bytes() for p in desk.parent.iterdir()}
    assert main(["report", "--group", "GRP-7", "--store", str(desk), "-o", str(tmp_path)]) == 0
    assert "Lou" in (tmp_path / "rapport-GRP-7.html").read_text(encoding="utf-8")
    assert {p.name: p.read_bytes() for p in desk.parent.iterdir()} == before  # not migrated, no -wal/-shm left


def test_a_save_file_that_is_not_one_is_named(tmp_path, capsys):
    (tmp_path / "faux.sqlite3").write_text("pas une base", encoding="utf-8")
    assert main(["report", "--group", "GRP-7", "--store", str(tmp_path / "faux.sqlite3"), "-o", str(tmp_path)]) == 1
    assert "faux.sqlite3 n'est pas une sauvegarde lisible du jeu" in capsys.readouterr().err


def test_a_trainer_may_choose_the_code_and_command_line_errors_are_in_french(capsys):
    assert main(["group", "new", "rennes 2026"]) == 0
    assert capsys.readouterr().out.strip() == "RENNES-2026"
    assert main(["group", "new", "a#b"]) == 2
    assert "ne peut contenir que des lettres" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["group", "new", "A-1", "B-2"])
    assert "erreur : arguments non reconnus : B-2" in capsys.readouterr().err


def test_desk_paths_become_uris_sqlite_accepts_on_windows_too():
    from game.storage.report_sources import uri_of

    assert uri_of("//serveur/partage/poste 3/explorateurs.sqlite3", "mode=ro") == \
        "file:////serveur/partage/poste%203/explorateurs.sqlite3?mode=ro"
    assert uri_of("C:/Users/Élise/explorateurs.sqlite3", "mode=ro") == "file:///C:/Users/%C3%89lise/explorateurs.sqlite3?mode=ro"
    assert uri_of("/media/clé/explorateurs.sqlite3", "mode=ro") == "file:/media/cl%C3%A9/explorateurs.sqlite3?mode=ro"


def test_a_save_copied_while_the_game_was_open_gives_its_latest_records_and_nothing_is_written_beside(
        tmp_path, scenarios):
    import shutil

    live = tmp_path / "poste" / "explorateurs.sqlite3"
    live.parent.mkdir()
    statements = workshop(scenarios[0], ["Lou", "Noa"], group="GRP-8")
    store = Store(live)  # the game is running: its last changes are in the -wal file
    try:
        store.import_statements(statements, source="x")
        copied = tmp_path / "cle usb" / "explorateurs.sqlite3"
        copied.parent.mkdir()
        for suffix in ("", "-wal"):
            shutil.copyfile(str(live) + suffix, str(copied) + suffix)
    finally:
        store.close()
    before = sorted(p.name for p in copied.parent.iterdir())
    assert "explorateurs.sqlite3-wal" in before
    assert main(["report", "--group", "GRP-8", "--store", str(copied), "-o", str(tmp_path)]) == 0
    html = (tmp_path / "rapport-GRP-8.html").read_text(encoding="utf-8")
    assert "Lou" in html and "Noa" in html
    assert sorted(p.name for p in copied.parent.iterdir()) == before


def test_a_learner_is_found_whatever_the_case_and_an_unknown_one_is_named(tmp_path, scenarios, capsys):
    write_jsonl(workshop(scenarios[0], ["Camille", "Sam"], group="GRP-1"), tmp_path / "x.jsonl")
    assert main(["report", "--learner", "camille", "--jsonl", str(tmp_path / "x.jsonl"), "-o", str(tmp_path)]) == 0
    assert "Rapport de Camille" in (tmp_path / "rapport-Camille.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["report", "--learner", "Lou", "--jsonl", str(tmp_path / "x.jsonl"), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Aucun relevé de Lou" in err and "Pseudonymes présents dans ces sources : Camille, Sam" in err


def test_report_reads_the_lrs_named_on_the_command_line(tmp_path, capsys):
    # « --lrs » beside « --lrs-endpoint »: no « ambiguous option » (abbreviations are off)
    rc = main(["report", "--group", "GRP-1", "--lrs", "--lrs-endpoint", "http://127.0.0.1:9/xAPI/", "-o", str(tmp_path)])
    assert rc == 1
    err = capsys.readouterr().err
    assert "ambigu" not in err and "n'a pas pu être interrogé" in err


def test_personal_reports_of_learners_with_any_name_never_overwrite_each_other(tmp_path, scenarios):
    # before: « 東京 » and « 😀 » both wrote rapport-rapport.html, « Zoë » and « Zo » rapport-Zo.html
    names = ["東京", "😀", "Zoë", "Zo", "Zoë?", "Zoë*", "CON"]
    write_jsonl(workshop(scenarios[0], names, group="GRP-1"), tmp_path / "x.jsonl")
    out = tmp_path / "rapports"
    for name in names:
        assert main(["report", "--learner", name, "--jsonl", str(tmp_path / "x.jsonl"), "-o", str(out)]) == 0
    pages = sorted(out.glob("*.html"))
    assert len(pages) == len(names) and len({p.name.casefold() for p in pages}) == len(names)
    owners = {unescape(p.read_text(encoding="utf-8").split("Rapport de ", 1)[1].split("<", 1)[0]) for p in pages}
    assert owners == set(names)
    assert (out / "rapport-Zoë.html").is_file() and (out / "rapport-東京.html").is_file()  # the letters are kept
    assert (out / "rapport-😀.html").is_file()


def test_camille_and_camille_from_two_desks_get_two_files_even_on_windows(tmp_path, scenarios):
    write_jsonl(workshop(scenarios[0], ["Camille"], group="GRP-1"), tmp_path / "a.jsonl")
    write_jsonl(workshop(scenarios[0], ["camille"], group="GRP-2", seed=3), tmp_path / "b.jsonl")
    for name in ("Camille", "camille", "Camille"):  # again: each one's own file is replaced, not the other's
        assert main(["report", "--learner", name, "--jsonl", str(tmp_path / "a.jsonl"), "--jsonl",
                     str(tmp_path / "b.jsonl"), "-o", str(tmp_path / "out")]) == 0
    pages = sorted((tmp_path / "out").glob("*.html"))
    assert len({p.name.casefold() for p in pages}) == 2  # a case-insensitive disk keeps both
    assert {p.read_text(encoding="utf-8").split("Rapport de ", 1)[1][:7] for p in pages} == {"Camille", "camille"}


def test_a_report_write_that_fails_leaves_no_temporary_file_and_says_why_in_french(tmp_path, scenarios, capsys,
                                                                                    monkeypatch):
    import errno
    import os

    write_jsonl(workshop(scenarios[0], ["Sam"], group="GRP-1"), tmp_path / "x.jsonl")
    out = tmp_path / "rapports"
    out.mkdir()

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    assert main(["report", "--learner", "Sam", "--jsonl", str(tmp_path / "x.jsonl"), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Le rapport n'a pas pu être écrit dans" in err and "(le disque est plein)" in err
    assert "No space" not in err
    assert list(out.iterdir()) == []  # no rapport-Sam.html.tmp, hidden or not


def test_an_lrs_that_refuses_the_connection_is_said_in_french(tmp_path, capsys):
    import socket

    with socket.socket() as s:  # a port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    rc = main(["report", "--group", "GRP-1", "--lrs", "--lrs-endpoint", f"http://127.0.0.1:{port}/xAPI/",
               "-o", str(tmp_path)])
    assert rc == 1
    err = capsys.readouterr().err
    assert f"Le LRS http://127.0.0.1:{port}/xAPI/ n'a pas pu être interrogé (le serveur refuse la connexion" in err
    assert "Connection refused" not in err and "URLError" not in err


def test_a_report_name_listed_decomposed_as_macos_does_is_still_mine_and_still_not_zoe_s(tmp_path):
    from game.core.filenames import name_hash
    from game.storage.reports import learner_stem

    (tmp_path / "rapport-Zoe\u0308.html").write_text("", encoding="utf-8")  # « Zoë »'s report, as HFS+ lists it
    assert learner_stem(tmp_path, "Zoë") == "rapport-Zoë"  # her own file: replaced, not doubled
    assert learner_stem(tmp_path, "zoë") == f"rapport-zoë-{name_hash('zoë')}"  # another learner: a file of their own
    assert learner_stem(tmp_path / "absent", "zoë") == "rapport-zoë"
