"""Where a report's files go and how they are written: ``<stem>.html`` and ``<stem>.csv``, each
whole or not at all (the group report of ``explorateurs report``, the learner's own report)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from game.storage.files import replace_file


def learner_stem(folder: Path, learner: str) -> str:
    """``rapport-<pseudonym>`` (see :mod:`game.core.filenames`), with the pseudonym's hash when a
    report of another learner whose name differs only by case is already in ``folder``: « Camille »
    and « camille » are one file on Windows and macOS (and on a USB key)."""
    from game.core.filenames import file_stem, hashed_stem

    stem = "rapport-" + file_stem(learner)
    mine = {f"{stem}.html", f"{stem}.csv"}  # NFC already; macOS may list names decomposed (NFD)
    try:
        names = {unicodedata.normalize("NFC", p.name) for p in folder.iterdir()}
    except OSError:  # no folder yet (or unreadable: writing will say why)
        names = set()
    taken = {n for n in names if n.casefold() in {m.casefold() for m in mine}} - mine
    return "rapport-" + hashed_stem(learner) if taken else stem


def write_report_files(folder: Path, stem: str, html: bytes, csv: bytes) -> tuple[Path, Path]:
    """``<stem>.html`` and ``<stem>.csv`` in ``folder`` (created), each written whole or not at all."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path, csv_path = folder / f"{stem}.html", folder / f"{stem}.csv"
    for path, data in ((html_path, html), (csv_path, csv)):
        replace_file(path, data)
    return html_path, csv_path
