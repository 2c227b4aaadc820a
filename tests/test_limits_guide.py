"""The limits the authoring guide gives trainers (section 12.1, French and English) are the ones the
game applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.storage import packs
from game.storage.limits import LIMITS, MIB

ROOT = Path(__file__).resolve().parents[1]


def _n(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _rows(s: str, unit: str, levels: str, rows: str, files: str, per_file: str, total: str, and_: str) -> list[str]:
    p = packs.LIMITS
    return [f"| {LIMITS.yaml_bytes // MIB} {unit} |", f"| {LIMITS.yaml_depth} {levels} |", f"| {_n(LIMITS.yaml_aliases, s)} |",
            f"| {_n(LIMITS.yaml_values, s)} |", f"| {LIMITS.schema_bytes // MIB} {unit} |",
            f"| {LIMITS.dataset_bytes // MIB} {unit} {and_} {_n(LIMITS.dataset_rows, s)} {rows}",
            f"| {_n(p.files, s)} {files}, {p.file_bytes // MIB} {unit} {per_file}, {p.pack_bytes // MIB} {unit} {total} |"]


@pytest.mark.parametrize(("guide", "rows"), [
    ("README.md", _rows(" ", "Mo", "niveaux", "lignes", "fichiers", "par fichier", "en tout", "et")),
    ("README.en.md", _rows(",", "MB", "levels", "rows", "files", "per file", "in all", "and")),
])
def test_the_guide_gives_the_limits_the_game_applies(guide, rows):
    text = (ROOT / "scenarios" / guide).read_text(encoding="utf-8")
    section = text[text.index("### 12.1"):text.index("## 13.")]
    for row in rows:
        assert row in section, row
