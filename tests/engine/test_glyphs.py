"""Chaque caractère du jeu s'affiche : présent dans la police, ou remplacé par un caractère présent.

Les caractères viennent des catalogues `locales/*/LC_MESSAGES/*.po`, des scénarios
`scenarios/**/*.yaml`, du code du jeu (chaînes écrites en dur) et d'un échantillon français fixe.
"""

import ast
import unicodedata
from pathlib import Path

import pytest

from game.engine.fonts import FAMILIES, fonts_dir

fontTools = pytest.importorskip("fontTools.ttLib")

ROOT = Path(__file__).resolve().parents[2]
FRENCH_SAMPLE = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔŒÙÛÜ«»’…–—€ \u00a0\u202f"


def game_texts() -> dict[str, str]:
    """Textes à afficher, par origine."""
    texts = {"échantillon français": FRENCH_SAMPLE}
    files = (sorted(ROOT.glob("locales/*/LC_MESSAGES/*.po")) + sorted(ROOT.glob("scenarios/**/*.yaml"))
             )
    for path in files:
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    # literals drawn on screen outside the catalogs: the view layers (N_ strings are in the catalogs)
    views = (sorted(ROOT.glob("game/scenes/*.py")) + sorted(ROOT.glob("game/ui/*.py")) + [ROOT / "game" / "app.py"]
             + sorted(ROOT.glob("game/services/*.py")))
    for path in views:
        texts[str(path.relative_to(ROOT))] = code_strings(path)
    return texts


def code_strings(path: Path) -> str:
    """The string literals of a module that may reach the screen (docstrings left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return "\n".join(n.value for n in ast.walk(tree)
                     if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings)


def visible_chars(text: str) -> set[str]:
    return {ch for ch in text if ch != "\ufeff" and unicodedata.category(ch) != "Cc"}


def cmap(filename: str) -> set[int]:
    return set(fontTools.TTFont(fonts_dir() / filename).getBestCmap())


@pytest.mark.parametrize("family, regular, bold, substitutions", FAMILIES, ids=[f[0] for f in FAMILIES])
def test_every_game_character_is_drawn_by_each_shipped_font(family, regular, bold, substitutions):
    for filename in (regular, bold):
        covered = cmap(filename)
        missing = []
        for origin, text in game_texts().items():
            for ch in sorted(visible_chars(text)):
                shown = substitutions.get(ch, ch)
                if not all(ord(c) in covered for c in shown):
                    missing.append(f"U+{ord(ch):04X} {ch!r} ({origin})")
        assert missing == [], f"{filename} ne sait pas afficher : {missing}"


def test_atkinson_really_lacks_the_narrow_no_break_space_so_the_substitution_is_needed():
    atkinson = next(f for f in FAMILIES if f[0] == "Atkinson Hyperlegible")
    assert 0x202F not in cmap(atkinson[1])
    assert 0x00A0 in cmap(atkinson[1])
    assert atkinson[3] == {"\u202f": "\u00a0"}


def test_dejavu_needs_no_substitution():
    dejavu = next(f for f in FAMILIES if f[0] == "DejaVu Sans")
    for filename in dejavu[1:3]:
        assert {ord(c) for c in FRENCH_SAMPLE} <= cmap(filename)
