"""``explorateurs new``: a scenario folder from the commented French template, that check accepts."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from game.cli import main
from game.cli import new as new_cli
from game.core.build import STEP_BUILDERS
from game.i18n import Translator, activate
from game.storage.scenarios import builtin_scenarios_dir, load_scenario, schema_path


def test_new_then_check_passes(tmp_path, capsys):
    assert main(["new", "essai", "--dir", str(tmp_path / "tmp")]) == 0
    out = capsys.readouterr().out
    folder = tmp_path / "tmp" / "essai"
    assert f"Scénario créé : {folder}" in out
    assert f"explorateurs check {folder}" in out
    assert (folder / "data" / "prenoms-valbourg.csv").is_file()
    assert "données fictives" in (folder / "data" / "README.md").read_text(encoding="utf-8")
    assert main(["check", str(folder)]) == 0


def test_the_new_scenario_has_the_name_as_id_and_every_step_kind(tmp_path):
    assert main(["new", "mon-scenario", "--dir", str(tmp_path)]) == 0
    item = load_scenario(tmp_path / "mon-scenario")
    assert item.valid, [p.message.format_source() for p in item.problems]
    scenario = item.scenario
    assert scenario.id == "mon-scenario"
    assert {s.kind for s in scenario.steps} == set(STEP_BUILDERS)
    quiz = next(s for s in scenario.steps if s.kind == "quiz")
    assert {q.type for q in quiz.questions} == {"unique", "multiple", "vrai-faux"}
    dialogue = next(s for s in scenario.steps if s.kind == "dialogue")
    assert {c.grade for c in dialogue.choices} == {"juste", "partiel", "faux"}
    sort = next(s for s in scenario.steps if s.kind == "sort")
    assert all(q.sources for q in quiz.questions) and all(c.sources for c in sort.cards)
    assert all(line.sources for line in dialogue.lines)


def test_the_modeline_points_at_the_installed_schema_from_anywhere(tmp_path):
    assert main(["new", "ailleurs", "--dir", str(tmp_path)]) == 0
    first = (tmp_path / "ailleurs" / "scenario.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert Path(first[len(prefix):]).resolve() == schema_path().resolve()


def test_the_modeline_is_relative_inside_the_shipped_scenarios_folder():
    ref = new_cli.schema_ref(builtin_scenarios_dir() / "mon-scenario")
    assert ref == "../scenario.schema.json"
    assert (builtin_scenarios_dir() / "mon-scenario" / ref).resolve() == schema_path().resolve()


def test_without_dir_the_folder_goes_to_the_user_scenarios_folder_the_game_reads(data_dir, tmp_path, monkeypatch):
    from game.storage.scenarios import default_scenario_dirs

    monkeypatch.chdir(tmp_path)
    assert main(["new", "ici"]) == 0
    assert (data_dir / "scenarios" / "ici" / "scenario.yaml").is_file()
    assert not (tmp_path / "ici").exists()
    assert data_dir / "scenarios" in default_scenario_dirs()


@pytest.mark.parametrize("name", ["Mon-scenario", "mon scénario", "mon_scenario", "-mon-scenario", "été", "a/b", "x" * 65])
def test_bad_names_are_refused_in_french_and_nothing_is_created(name, tmp_path, capsys):
    assert new_cli.new_scenario(name, tmp_path, activate("fr")) == 2
    err = capsys.readouterr().err
    assert "Nom de scénario" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(tmp_path, capsys):
    folder = tmp_path / "essai"
    folder.mkdir()
    (folder / "scenario.yaml").write_text("mon travail\n", encoding="utf-8")
    assert main(["new", "essai", "--dir", str(tmp_path)]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert (folder / "scenario.yaml").read_text(encoding="utf-8") == "mon travail\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["essai"]


def test_a_destination_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path, capsys):
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    assert main(["new", "essai", "--dir", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert "Impossible de créer le scénario" in err and "Traceback" not in err
    assert err.endswith(": un fichier du même nom existe déjà\n") and "File exists" not in err


def test_the_copy_is_writable_even_from_a_read_only_template(tmp_path, monkeypatch):
    import shutil

    template = tmp_path / "modele"
    shutil.copytree(new_cli.template_dir(), template)
    for p in template.rglob("*"):
        if p.is_file():
            p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    monkeypatch.setattr(new_cli, "template_dir", lambda: template)
    assert main(["new", "copie", "--dir", str(tmp_path / "dest")]) == 0
    files = [p for p in (tmp_path / "dest" / "copie").rglob("*") if p.is_file()]
    assert len(files) == 4  # scenario.yaml, babel.cfg, data/README.md, the CSV
    assert all(p.stat().st_mode & stat.S_IWUSR for p in files)


def test_render_template_keeps_the_comment_column():
    text = "# yaml-language-server: $schema=../scenario.schema.json\nid: modele                # commentaire\n"
    out = new_cli.render_template(text, "budget", "/jeu/scenarios/scenario.schema.json")
    assert out == "# yaml-language-server: $schema=/jeu/scenarios/scenario.schema.json\nid: budget                # commentaire\n"


def test_a_shipped_scenario_s_name_is_refused_before_anything_is_written(data_dir, tmp_path, capsys):
    assert main(["new", "prenoms", "--dir", str(tmp_path)]) == 2
    assert "Le nom « prenoms » est déjà celui d'un scénario fourni : choisissez-en un autre." in capsys.readouterr().err
    assert [p for p in tmp_path.iterdir() if p != data_dir] == []


def test_a_name_already_in_the_user_scenarios_folder_is_refused_even_in_a_zip(data_dir, tmp_path, capsys):
    import zipfile

    from game.storage.paths import user_scenarios_dir

    user = user_scenarios_dir()
    (user / "budget").mkdir()
    (user / "budget" / "scenario.yaml").write_text("id: budget\n", encoding="utf-8")
    with zipfile.ZipFile(user / "paquet.zip", "w") as z:
        z.writestr("elections/scenario.yaml", "id: elections\n")
    for name in ("budget", "elections"):
        assert main(["new", name, "--dir", str(tmp_path / "ailleurs")]) == 2
        err = capsys.readouterr().err
        assert f"Le nom « {name} » est déjà celui d'un de vos scénarios, dans {user} : choisissez-en un autre." in err
    assert not (tmp_path / "ailleurs").exists()
    assert main(["new", "paquet", "--dir", str(tmp_path / "ailleurs")]) == 0  # the zip's own name is no scenario id


def test_the_authoring_guide_is_named_by_its_installed_path(tmp_path, capsys):
    assert main(["new", "guide", "--dir", str(tmp_path)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    guide = builtin_scenarios_dir().resolve() / "README.md"
    assert last == f"Le guide de rédaction : {guide}"
    assert guide.is_file()
    assert new_cli.guide_path(Translator("en")) == builtin_scenarios_dir().resolve() / "README.en.md"


def test_new_then_check_by_name_passes(data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "essai"]) == 0
    assert main(["check", "essai"]) == 0  # the user scenarios folder, not ./essai
    assert f"OK      {data_dir / 'scenarios' / 'essai' / 'scenario.yaml'}" in capsys.readouterr().out


def test_the_guide_s_translation_commands_work_as_written_in_a_new_scenario(tmp_path, capsys):
    import subprocess
    import sys

    assert main(["new", "essai", "--dir", str(tmp_path)]) == 0
    folder = tmp_path / "essai"
    bin_dir = Path(sys.executable).parent
    for cmd in (["pybabel", "extract", "-F", "babel.cfg", "-o", "scenario.pot", "."],
                ["pybabel", "init", "-D", "scenario", "-l", "en", "-i", "scenario.pot", "-d", "locales"]):
        done = subprocess.run([str(bin_dir / cmd[0]), *cmd[1:]], cwd=folder, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    po = (folder / "locales" / "en" / "LC_MESSAGES" / "scenario.po").read_text(encoding="utf-8")
    assert "#: scenario.yaml:" in po
    capsys.readouterr()
    assert main(["check", str(folder)]) == 1  # the catalogue is empty: every text is reported untranslated
    out = capsys.readouterr().out
    assert "Texte sans traduction en anglais (en)" in out
    assert f"{folder / 'scenario.yaml'} : " in out and "textes sans traduction (détail ci-dessus)." in out
