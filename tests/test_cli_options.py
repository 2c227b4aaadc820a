"""Options mean the same before or after the command (« explorateurs --group X play » = « explorateurs
play --group X » = « explorateurs --group X »), or are refused in French — never silently ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main, parse_args
from game.i18n import activate
from game.report.sample import workshop
from game.storage.library import load_all
from game.storage.records import write_jsonl
from game.storage.scenarios import builtin_scenarios_dir
from game.storage.store import Store

ROOT = Path(__file__).resolve().parents[1]

#: every command a user can type, with what it needs to be complete
COMMANDS = {
    "play": ["play"],
    "check": ["check", "scenario.yaml"],
    "new": ["new", "essai"],
    "validate": ["validate", "--schema", "scdl/prenoms", "f.csv"],
    "clean": ["clean", "--schema", "scdl/prenoms", "--recipe", "r.json", "-o", "o.csv", "f.csv"],
    "export": ["export", "-o", "dest"],
    "report": ["report", "--group", "RENNES-2026"],
    "group new": ["group", "new"],
    "records export": ["records", "export"],
    "records import": ["records", "import", "poste.jsonl"],
}
#: the game's options (main parser and « play »), with a value each
PLAY_OPTIONS = {
    "--scenarios": ("d1", "scenarios", [Path("d1")]),
    "--screenshot": ("a.png", "screenshot", Path("a.png")),
    "--script": ("key:TAB", "script", "key:TAB"),
    "--text-scale": ("2.0", "text_scale", 2.0),
    "--size": ("1024x768", "size", "1024x768"),
    "--max-frames": ("3", "max_frames", 3),
    "--watch": ("scenario.yaml", "watch", Path("scenario.yaml")),
    "--warp": ("quiz", "warp", "quiz"),
    "--group": ("RENNES-2026", "group", "RENNES-2026"),
    "--mode": ("evaluation", "mode", "evaluation"),
    "--lrs-endpoint": ("http://127.0.0.1:9/xAPI/", "lrs_endpoint", "http://127.0.0.1:9/xAPI/"),
    "--lrs-user": ("formateur", "lrs_user", "formateur"),
    "--lrs-password": ("secret", "lrs_password", "secret"),
    "--data-dir": ("D", "data_dir", "D"),
    "--lang": ("en", "lang", "en"),
}
#: options « report » has too: written before it, they are the report's
REPORT_OPTIONS = ("--group", "--scenarios", "--lrs-endpoint", "--lrs-user", "--lrs-password", "--data-dir", "--lang")


@pytest.fixture(autouse=True)
def french_after():
    yield
    activate("fr")


def _refused(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exc:
        parse_args(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("option", PLAY_OPTIONS)
def test_a_game_option_means_the_same_before_play_after_play_and_without_play(option):
    value, dest, expected = PLAY_OPTIONS[option]
    for argv in ([option, value, "play"], ["play", option, value], [option, value], [option, value, "play", option, value]):
        assert getattr(parse_args(argv), dest) == expected, argv


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("option,value", [("--data-dir", "/tmp/poste-3"), ("--lang", "en")])
def test_data_dir_and_lang_work_before_and_after_every_command(command, option, value):
    words = COMMANDS[command]
    dest = option[2:].replace("-", "_")
    forms = [[option, value, *words], [*words, option, value], [option, value, *words, option, value]]
    if len(command.split()) == 2:  # between the command and its sub-command too: « records --data-dir D export »
        forms.append([words[0], option, value, *words[1:]])
    for argv in forms:
        assert getattr(parse_args(argv), dest) == value, argv
    assert getattr(parse_args(words), dest) is None


@pytest.mark.parametrize("command", COMMANDS)
def test_two_different_values_before_and_after_a_command_are_refused_in_french(command, capsys):
    words = COMMANDS[command]
    err = _refused(["--data-dir", "/tmp/a", *words, "--data-dir", "/tmp/b"], capsys)
    assert "l'option --data-dir est donnée deux fois, avec deux valeurs différentes (« /tmp/a » puis « /tmp/b »)" in err
    assert f"explorateurs {command}" in err and "Traceback" not in err


def test_a_password_given_twice_is_refused_without_being_shown(capsys):
    err = _refused(["--lrs-password", "s3cret-1", "play", "--lrs-password", "s3cret-2"], capsys)
    assert "--lrs-password est donnée deux fois" in err
    assert "s3cret" not in err


def test_workshop_folders_given_before_and_after_play_add_up():
    assert parse_args(["--scenarios", "a", "play", "--scenarios", "b"]).scenarios == [Path("a"), Path("b")]


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "play"])
def test_a_game_option_written_before_a_command_that_does_not_use_it_is_refused(command, capsys):
    for option, (value, _dest, _expected) in PLAY_OPTIONS.items():
        if option in ("--data-dir", "--lang") or (command == "report" and option in REPORT_OPTIONS) \
                or (command == "group new" and option == "--mode"):  # « group new --mode evaluation »
            continue
        err = _refused([option, value, *COMMANDS[command]], capsys)
        assert f"l'option {option} ne s'applique pas à « explorateurs {command} » : retirez-la" in err, option


def test_the_report_takes_its_options_before_it_too(capsys):
    args = parse_args(["--group", "RENNES-2026", "--scenarios", "d", "--lrs-endpoint", "http://127.0.0.1:9/", "report"])
    assert (args.group, args.scenarios, args.lrs_endpoint) == ("RENNES-2026", [Path("d")], "http://127.0.0.1:9/")
    assert parse_args(["report", "--learner", "Camille"]).scenarios == []  # the report's own default
    err = _refused(["--group", "RENNES-2026", "report", "--learner", "Camille"], capsys)
    assert "l'option --learner est impossible avec l'option --group" in err
    err = _refused(["report", "--jsonl", "x.jsonl"], capsys)
    assert "l'une de ces options est obligatoire : --group --learner" in err


def test_options_are_not_abbreviated_after_the_command_either(capsys):
    err = _refused(["play", "--grou", "X"], capsys)
    assert "arguments non reconnus : --grou X" in err


def test_the_group_report_of_a_workshop_counts_every_desk_whatever_the_place_of_group(tmp_path, data_dir, capsys):
    loaded = {x.folder_id: x for x in load_all([builtin_scenarios_dir()])}
    write_jsonl(workshop([loaded["prenoms"].scenario], ["Camille", "Léa", "Yann"], group="RENNES-2026"),
                tmp_path / "postes.jsonl")
    for argv in (["--group", "RENNES-2026", "report"], ["report", "--group", "RENNES-2026"]):
        assert main([*argv, "--jsonl", str(tmp_path / "postes.jsonl"), "-o", str(tmp_path / "r")]) == 0
        assert "3 participant·es" in capsys.readouterr().out


def test_a_shared_desk_started_with_group_before_play_records_the_workshop(tmp_path):
    """The trainer's command: « explorateurs --group CODE play ». A learner creates a profile on the
    title screen (Entrée, a pseudonym, Entrée): the profile and its records belong to the workshop."""
    data = tmp_path / "poste"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("EXPLORATEURS_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "game", "--data-dir", str(data), "--group", "rennes 2026", "play",
                           "--script", "key:RETURN,wait:2,text:Yann,key:RETURN,wait:2,quit"],
                          cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    with Store(data / "explorateurs.sqlite3") as store:
        assert [(x.pseudonym, x.group) for x in store.learners()] == [("Yann", "RENNES-2026")]


def test_a_desk_started_with_mode_evaluation_plays_in_assessment_mode(tmp_path):
    """The trainer's command: « explorateurs --mode evaluation play ». A learner creates a profile and
    opens the first scenario: the attempt and its statements are in assessment mode."""
    import json
    import sqlite3

    data = tmp_path / "poste"
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.pop("EXPLORATEURS_DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "game", "--data-dir", str(data), "--mode", "evaluation", "play",
                           "--script", "key:RETURN,wait:2,text:Yann,key:RETURN,wait:5,key:HOME,key:RETURN,wait:5,quit"],
                          cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()
    db = sqlite3.connect(data / "explorateurs.sqlite3")
    try:
        [(state,)] = db.execute("SELECT state FROM attempts").fetchall()
    finally:
        db.close()
    assert json.loads(state)["mode"] == "assessment"
    with Store(data / "explorateurs.sqlite3") as store:
        stmts = store.statements()
    assert stmts and all(s["context"]["extensions"][next(k for k in s["context"]["extensions"] if k.endswith("/mode"))]
                         == "assessment" for s in stmts)


def test_an_unknown_mode_is_refused_in_french(capsys):
    err = _refused(["--mode", "examen", "play"], capsys)
    assert "argument --mode" in err and "examen" in err and "Traceback" not in err


def test_a_workshop_code_drawn_for_an_evaluation_says_so_and_every_desk_reads_it():
    from game.core.modes import ASSESSMENT, group_mode

    assert main(["group", "new", "RENNES-2026", "--mode", "evaluation"]) == 0
    assert group_mode("RENNES-2026-EVAL") == ASSESSMENT and group_mode("RENNES-2026") is None
