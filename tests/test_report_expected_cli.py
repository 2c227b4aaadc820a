"""« explorateurs report --expected / --expected-count »: a missing desk is named; and nothing the command
line prints (imported pseudonyms, group codes) can drive the trainer's terminal."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from game.cli import main
from game.cli.terminal import EscapingStream, visible
from game.report.sample import workshop
from game.storage.library import load_all
from game.storage.portal import Portal
from game.storage.records import write_jsonl
from game.storage.scenarios import builtin_scenarios_dir
from game.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]
#: sets the window title, rings, clears the screen, overwrites the line, turns the text around
HOSTILE = "\x1b]0;pirate\x07Eve\x1b[2J\r\u202eevE\x9b31m"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("EXPLORATEURS_DATA_DIR", str(tmp_path / "donnees"))
    return tmp_path / "donnees"


@pytest.fixture(scope="module")
def prenoms():
    return [{x.folder_id: x for x in load_all([builtin_scenarios_dir()])}["prenoms"].scenario]


def _desks(tmp_path, prenoms, names, group="RENNES-2026") -> str:
    path = tmp_path / "postes.jsonl"
    write_jsonl(workshop(prenoms, names, group=group), path)
    return str(path)


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))


def test_the_trainer_s_list_names_the_missing_desk_in_the_terminal_the_page_and_the_csv(tmp_path, prenoms, capsys):
    jsonl = _desks(tmp_path, prenoms, ["Camille", "Léa"])
    # the trainer's command from the issue, with --group before « report » and accents left out of the list
    rc = main(["--group", "RENNES-2026", "report", "--jsonl", jsonl, "--expected", "camille, LEA ,Yann",
               "-o", str(tmp_path / "r")])
    out = capsys.readouterr().out
    assert rc == 0
    assert "2 participant·es" in out and "Attendu·es mais absent·es : Yann\n" in out
    html = unescape((tmp_path / "r" / "rapport-RENNES-2026.html").read_text(encoding="utf-8"))
    assert "Attendu·es mais absent·es : Yann" in html
    assert ["RENNES-2026", "Yann", "", "", "absent·e : aucun relevé", "", "0", "0", "0", "0,0"] \
        in _csv(tmp_path / "r" / "rapport-RENNES-2026.csv")


def test_a_count_says_how_many_desks_are_missing(tmp_path, prenoms, capsys):
    jsonl = _desks(tmp_path, prenoms, ["Camille", "Léa"])
    assert main(["report", "--group", "RENNES-2026", "--jsonl", jsonl, "--expected-count", "3",
                 "-o", str(tmp_path)]) == 0
    line = "2 participant·es sur 3 attendu·es : 1 poste manque"
    assert line + "\n" in capsys.readouterr().out
    assert line in unescape((tmp_path / "rapport-RENNES-2026.html").read_text(encoding="utf-8"))
    assert _csv(tmp_path / "rapport-RENNES-2026.csv")[-1][4] == line


def test_the_list_can_be_a_file_one_pseudonym_a_line(tmp_path, prenoms, capsys):
    jsonl = _desks(tmp_path, prenoms, ["Camille", "Léa", "Yan"])
    (tmp_path / "inscrits.txt").write_text("\ufeffCamille\n\nLéa\nYann\nZoé\n", encoding="utf-8")
    assert main(["report", "--group", "RENNES-2026", "--jsonl", jsonl, "--expected", f"@{tmp_path / 'inscrits.txt'}",
                 "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Attendu·es mais absent·es : Yann, Zoé\n" in out
    assert "Présent·es mais pas sur la liste : Yan\n" in out  # the typo on a desk


def test_nobody_from_the_list_still_names_them_and_writes_nothing(tmp_path, prenoms, capsys):
    jsonl = _desks(tmp_path, prenoms, ["Camille"], group="AUTRE-1")
    assert main(["report", "--group", "RENNES-2026", "--jsonl", jsonl, "--expected", "Léa,Yann", "-o", str(tmp_path)]) == 1
    assert "Attendu·es mais absent·es : Léa, Yann" in capsys.readouterr().err
    assert not (tmp_path / "rapport-RENNES-2026.html").exists()


@pytest.mark.parametrize("extra,message", [
    (["--expected-count", "0"], "--expected-count attend un nombre de participant·es supérieur à zéro (reçu : 0)."),
    (["--expected", " , ,"], "--expected attend des pseudonymes séparés par des virgules"),
    (["--expected", "@absent.txt"], "La liste des participant·es attendu·es absent.txt est illisible"),
])
def test_a_wrong_expectation_is_refused_in_french_before_reading_anything(tmp_path, extra, message, capsys):
    assert main(["report", "--group", "RENNES-2026", "--jsonl", str(tmp_path / "absent.jsonl"), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert "absent.jsonl" not in err  # refused before the sources are read


def test_an_expectation_means_nothing_for_a_personal_report(capsys):
    assert main(["report", "--learner", "Camille", "--expected", "Camille"]) == 2
    assert "pas au rapport personnel (--learner)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["report", "--group", "X-1", "--expected", "A", "--expected-count", "2"])
    assert "impossible avec l'argument --expected" in capsys.readouterr().err


def test_visible_writes_control_characters_as_escapes_a_person_can_read():
    assert visible(HOSTILE) == "\\u001b]0;pirate\\u0007Eve\\u001b[2J\\u000d\\u202eevE\\u009b31m"
    assert visible("Léa\tYann\n", keep="\n\t") == "Léa\tYann\n"
    assert visible("Zoé 👩‍💻 « ok »") == "Zoé 👩‍💻 « ok »"  # letters, emoji joiners and quotes stay


def test_escaped_json_still_decodes_to_the_same_text():
    out = io.StringIO()
    EscapingStream(out).write(json.dumps({"name": HOSTILE}, ensure_ascii=False) + "\n")
    assert "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()
    assert json.loads(out.getvalue()) == {"name": HOSTILE}


def _no_controls(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\x9b\u202e\r"), repr(text)


def test_report_prints_imported_pseudonyms_and_codes_as_visible_escapes(tmp_path, prenoms, capsys):
    jsonl = _desks(tmp_path, prenoms, ["Camille", HOSTILE], group="RENNES-2026")
    assert main(["report", "--group", "RENNES-2026", "--jsonl", jsonl, "--expected", "Camille",
                 "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    _no_controls(out)
    assert "Présent·es mais pas sur la liste : \\u001b]0;pirate\\u0007Eve" in out
    assert main(["report", "--learner", "Zed", "--jsonl", jsonl, "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    _no_controls(err)
    assert "Pseudonymes présents dans ces sources : " in err and "\\u001b]0;pirate\\u0007Eve" in err
    write_jsonl(workshop(prenoms, ["Sam"], group=HOSTILE), tmp_path / "code.jsonl")
    assert main(["report", "--group", "AUCUN-1", "--jsonl", str(tmp_path / "code.jsonl"), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    _no_controls(err)
    assert "Codes d'atelier présents dans ces sources : \\u001b]0;pirate" in err


def test_export_prints_a_portal_s_pseudonym_as_visible_escapes(tmp_path, data_dir, capsys):
    Portal(data_dir / "portail").publish(
        HOSTILE, "prenoms", csv_bytes=b"a\r\n1\r\n", metadata={"title": "p"}, summary={"title": "p"},
        catalogue_header=("identifiant",), catalogue_row={"identifiant": "prenoms"})
    assert main(["export", "-o", str(tmp_path / "cle")]) == 0
    out = capsys.readouterr().out
    _no_controls(out)
    assert "Portail de \\u001b]0;pirate\\u0007Eve" in out


def test_records_export_to_the_terminal_keeps_every_statement_exact(tmp_path, data_dir, prenoms):
    """JSON Lines on stdout are data: they read back to the very same pseudonym."""
    data_dir.mkdir(parents=True)
    with Store(data_dir / "explorateurs.sqlite3") as store:
        store.import_statements(workshop(prenoms, [HOSTILE], group="RENNES-2026"), source="poste.jsonl")
    r = subprocess.run([sys.executable, "-m", "game", "records", "export", "--include-imported"], cwd=ROOT,
                       capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    lines = r.stdout.decode("utf-8").splitlines()
    _no_controls(r.stdout.decode("utf-8"))
    assert lines and all(json.loads(x)["actor"]["account"]["name"] == HOSTILE for x in lines)


def test_check_prints_a_scenario_s_text_as_visible_escapes(tmp_path, capsys):
    source = (ROOT / "tests" / "fixtures" / "scenarios" / "mini" / "scenario.yaml").read_text(encoding="utf-8")
    assert "        next: quiz\n" in source
    (tmp_path / "mini").mkdir()
    (tmp_path / "mini" / "scenario.yaml").write_text(
        source.replace("        next: quiz\n", '        next: "\\e]0;pirate\\aquiz\\e[2J"\n'), encoding="utf-8")
    assert main(["check", str(tmp_path / "mini")]) == 1
    printed = capsys.readouterr()
    _no_controls(printed.out + printed.err)
    assert "\\u001b]0;pirate\\u0007quiz\\u001b[2J" in printed.out + printed.err
