"""Scenario translations: babel extractor, catalogs per scenario, « missing translations » check, fallback."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from game.cli import main
from game.core.texts import scenario_texts, text_fields
from game.i18n import Translator
from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir, load_scenario

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures" / "traductions"
PYBABEL = str(Path(sys.executable).parent / "pybabel")
MAPPING = str(ROOT / "scenarios" / "babel.cfg")
TRANSLATION_CODES = {"missing-translation", "stale-translation", "unreadable-translation"}


def translation_warnings(item):
    return [p for p in item.problems + item.warnings if p.code in TRANSLATION_CODES]


def pybabel_extract(tmp_path, *inputs, cwd=ROOT):
    out = tmp_path / "messages.pot"
    r = subprocess.run([PYBABEL, "extract", "-F", MAPPING, "-o", str(out), *map(str, inputs)],
                       cwd=cwd, capture_output=True, text=True)
    return r, out


# extractor ---------------------------------------------------------------------------------------

def test_pybabel_extract_with_the_project_mapping_finds_every_text_at_its_line(tmp_path):
    folder = FIX / "mini-traduit"
    r, pot = pybabel_extract(tmp_path, folder)
    assert r.returncode == 0, r.stderr
    with pot.open("rb") as f:
        catalog = read_po(f)
    lines = (folder / "scenario.yaml").read_text(encoding="utf-8").splitlines()
    found = {m.id: m for m in catalog if m.id}
    assert list(found) == text_fields(load_scenario(folder).scenario)
    second = found["Deuxième réplique."]
    assert [(Path(f).name, n) for f, n in second.locations] == [("scenario.yaml", 27)]
    assert second.auto_comments == ["steps/intro/lines/1/text"]
    assert found["Une question ?"].auto_comments == ["steps/quiz/questions/q1/prompt"]
    for m in found.values():  # every text is written on the line babel gives
        for _file, n in m.locations:
            assert m.id.rstrip(".?") in lines[n - 1], (m.id, n)


def test_babel_finds_the_extractor_by_its_registered_name():
    path = FIX / "mini-traduit" / "scenario.yaml"
    found = list(extract_from_file("explorateurs_scenario", str(path)))
    assert (27, "Deuxième réplique.", ["steps/intro/lines/1/text"], None) in found
    assert (5, "Mini", ["title"], None) in found


def test_a_broken_scenario_stops_the_extraction_with_a_located_french_message(tmp_path):
    folder = tmp_path / "casse"
    folder.mkdir()
    (folder / "scenario.yaml").write_text("id: casse\ntitle: [Mini\n", encoding="utf-8")
    r, pot = pybabel_extract(tmp_path, folder)
    assert r.returncode != 0  # scripts/i18n.sh (set -e) stops before pybabel update could empty a catalog
    assert "Traceback" not in r.stderr
    assert "casse/scenario.yaml:2:8: Erreur de syntaxe YAML" in r.stderr  # where the bracket opens
    assert "Les textes de ce scénario ne peuvent pas être extraits" in r.stderr


@pytest.mark.parametrize("folder", sorted(p.parent for p in builtin_scenarios_dir().glob("*/scenario.yaml")), ids=lambda p: p.name)
def test_the_extractor_and_the_game_agree_on_the_texts_of_each_shipped_scenario(folder):
    found = [m for _line, m, _comments, _ctx in extract_from_file("explorateurs_scenario", str(folder / "scenario.yaml"))]
    scenario = load_scenario(folder).scenario
    assert list(dict.fromkeys(found)) == text_fields(scenario)
    doc = yaml.safe_load((folder / "scenario.yaml").read_text(encoding="utf-8"))
    for t in scenario_texts(scenario):  # each path leads to its text in the file
        value = doc
        for part in t.path:
            value = value[part]
        if t.path[-1] == "words":  # a title element's words: one catalogue entry for the list
            value = ", ".join(value)
        assert value == t.text, t.label


# check: missing translations -------------------------------------------------------------------------

def test_check_reports_the_untranslated_text_where_it_is_written_with_a_hint(capsys):
    assert main(["check", str(FIX / "traduction-manquante")]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "Texte sans traduction" in x)
    assert line == ("tests/fixtures/traductions/traduction-manquante/scenario.yaml:27:15: "
                    "avertissement : Texte sans traduction en anglais (en) : « Deuxième réplique. ». "
                    "Ajoutez la traduction dans locales/en/LC_MESSAGES/scenario.po (par exemple avec Poedit), "
                    "puis relancez explorateurs check.")
    assert out.count("Texte sans traduction") == 1


def test_check_passes_on_a_completely_translated_scenario(capsys):
    assert main(["check", str(FIX / "mini-traduit")]) == 0
    assert "avertissement" not in capsys.readouterr().out


def test_a_missing_translation_leaves_the_scenario_playable():
    item = load_scenario(FIX / "traduction-manquante")
    assert item.valid and item.scenario is not None  # the game lists and plays it
    assert [p.code for p in translation_warnings(item)] == ["missing-translation"]


def test_fuzzy_and_stale_translations_are_reported_where_they_are(tmp_path):
    folder = tmp_path / "mini-traduit"
    shutil.copytree(FIX / "mini-traduit", folder)
    po = folder / "locales" / "en" / "LC_MESSAGES" / "scenario.po"
    text = po.read_text(encoding="utf-8").replace('msgid "Bravo."', '#, fuzzy\nmsgid "Bravo."')
    po.write_text(text + '\nmsgid "Ancienne réplique."\nmsgstr "Old line."\n', encoding="utf-8")
    stale_line = len(text.splitlines()) + 2
    warnings = translation_warnings(load_scenario(folder))
    assert [(p.code, p.message.kwargs["text"]) for p in warnings] == [
        ("missing-translation", "Bravo."), ("stale-translation", "Ancienne réplique.")]
    assert warnings[0].where.endswith("scenario.yaml:31:19")
    assert warnings[1].where.endswith(f"locales/en/LC_MESSAGES/scenario.po:{stale_line}:1")


def test_a_scenario_without_catalogs_is_simply_written_in_one_language():
    item = load_scenario(ROOT / "tests" / "fixtures" / "scenarios" / "mini")
    assert item.valid and translation_warnings(item) == []


def test_the_shipped_scenarios_have_no_missing_fuzzy_or_stale_translation():
    items = load_all([builtin_scenarios_dir()])
    assert items and all(item.translations.get("en") for item in items)
    assert [p.where + " " + p.message.format_source() for item in items for p in translation_warnings(item)] == []


# the game: fallback to the source language ---------------------------------------------------------------

def test_the_game_shows_the_french_text_when_its_translation_is_missing_or_fuzzy(tmp_path):
    folder = tmp_path / "traduction-manquante"
    shutil.copytree(FIX / "traduction-manquante", folder)
    po = folder / "locales" / "en" / "LC_MESSAGES" / "scenario.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Bravo."', '#, fuzzy\nmsgid "Bravo."'), encoding="utf-8")
    item = load_scenario(folder)
    tr = Translator("en")
    tr.use_scenario(item.translations, item.scenario.language)
    assert tr.scenario("Première réplique.") == "First line."
    assert tr.scenario("Deuxième réplique.") == "Deuxième réplique."  # no translation
    assert tr.scenario("Bravo.") == "Bravo."  # fuzzy: not trusted
    fr = Translator("fr")
    fr.use_scenario(item.translations, item.scenario.language)
    assert fr.scenario("Première réplique.") == "Première réplique."


def test_shipped_catalogs_carry_no_format_flag_that_po_tools_would_check():
    """babel flags « 40 % des » as python-format; msgfmt -c (Poedit) would then refuse « 40% of »."""
    for po in builtin_scenarios_dir().glob("*/locales/*/LC_MESSAGES/scenario.po"):
        assert "python-format" not in po.read_text(encoding="utf-8"), f"{po}: run scripts/i18n.sh scenarios"
