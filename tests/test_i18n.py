"""French is the source; English is complete; catalogs are compiled and up to date."""

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from game.core.build import text_fields
from game.core.messages import msg
from game.i18n import Translator
from game.storage.library import load_all
from game.storage.scenarios import builtin_scenarios_dir

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "locales"
PLACEHOLDER = re.compile(r"\{\w+\}")


def catalog(path):
    with open(path, "rb") as f:
        return read_po(f)


def ids(cat):
    return {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}


def test_pot_is_up_to_date_with_the_code(tmp_path):
    out = tmp_path / "fresh.pot"
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "extract", "--no-location",
                    "-F", "babel.cfg", "-k", "N_", "-o", str(out), "game"], cwd=ROOT, check=True, capture_output=True)
    fresh, committed = ids(catalog(out)), ids(catalog(LOCALES / "explorateurs.pot"))
    assert fresh == committed, f"run scripts/i18n.sh — new: {sorted(fresh - committed)[:5]}, gone: {sorted(committed - fresh)[:5]}"


def test_english_translates_every_message_with_the_same_placeholders():
    pot = ids(catalog(LOCALES / "explorateurs.pot"))
    en = catalog(LOCALES / "en" / "LC_MESSAGES" / "explorateurs.po")
    assert ids(en) == pot
    for m in en:
        if not m.id:
            continue
        sources = m.id if isinstance(m.id, tuple) else (m.id,)
        targets = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(targets) and not m.fuzzy, f"untranslated: {m.id!r}"
        for t in targets:
            assert set(PLACEHOLDER.findall(t)) == set(PLACEHOLDER.findall(sources[0])), m.id


def test_compiled_catalog_is_used():
    mo = LOCALES / "en" / "LC_MESSAGES" / "explorateurs.mo"
    po = LOCALES / "en" / "LC_MESSAGES" / "explorateurs.po"
    assert mo.exists(), "the .mo is compiled by scripts/setup.sh"
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "stale .mo: run scripts/setup.sh"
    tr = Translator("en")
    assert not tr.catalog_missing
    assert tr.gettext("Commencer") == "Start"
    assert tr.render(msg("Clé inconnue : « {key} ».", key="lignes")) == "Unknown key: “lignes”."


def test_numbers_and_dates_follow_the_locale():
    fr, en = Translator("fr"), Translator("en")
    assert fr.number(1234567.5) == "1\u202f234\u202f567,5"
    assert en.number(1234567.5) == "1,234,567.5"
    assert fr.percent(0.8) == "80\u00a0%"
    assert en.percent(0.8) == "80%"
    assert fr.date(date(2026, 11, 27)) == "27 nov. 2026"
    assert en.date(date(2026, 11, 27)) == "27 Nov 2026"


@pytest.mark.parametrize("item", [i for i in load_all([builtin_scenarios_dir()])], ids=lambda i: i.folder_id)
def test_shipped_scenarios_are_completely_translated(item):
    other = {"fr": "en", "en": "fr"}[item.scenario.language]
    translations = item.translations.get(other, {})
    missing = [t for t in text_fields(item.scenario) if not translations.get(t)]
    assert missing == [], f"{len(missing)} untranslated, e.g. {missing[:3]}"


def test_catalogs_compile_without_errors(tmp_path):
    """A « % » read as a printf placeholder makes pybabel refuse the catalog (and the setup script)."""
    import shutil

    shutil.copytree(LOCALES, tmp_path / "locales")
    r = subprocess.run([str(Path(sys.executable).parent / "pybabel"), "compile", "-D", "explorateurs", "-d", str(tmp_path / "locales")],
                       capture_output=True, text=True)
    assert r.returncode == 0 and "error" not in r.stderr.lower(), r.stderr


def test_french_plural_is_singular_at_zero_and_one_and_english_follows_its_catalogue():
    from game.i18n import Translator

    fr, en = Translator("fr"), Translator("en")
    assert [fr.ngettext("{n} élément", "{n} éléments", n) for n in (0, 1, 2)] == ["{n} élément", "{n} élément", "{n} éléments"]
    assert [en.ngettext("{n} relevé", "{n} relevés", n) for n in (0, 1, 2)] == ["{n} records", "{n} record", "{n} records"]
