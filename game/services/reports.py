"""A report written to disk: rendered by :mod:`game.report` (which may not touch files), written by
:mod:`game.storage.reports` (which does not render). Both the trainer's command (``explorateurs
report``) and the learner's debrief button (``Services.save_learner_report``) go through here."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from game.i18n import Translator
from game.storage.reports import write_report_files

if TYPE_CHECKING:
    from game.core.report import Report
    from game.storage.scenarios import LoadedScenario


def write_report(report: Report, tr: Translator, folder: Path, stem: str) -> tuple[Path, Path]:
    """``<stem>.html`` and ``<stem>.csv`` in ``folder`` (created), each written whole or not at all."""
    from game.report import render_csv, render_html

    return write_report_files(folder, stem, render_html(report, tr).encode("utf-8"), render_csv(report, tr))


def report_translator(language: str, loaded: Iterable[LoadedScenario]) -> Translator:
    """A translator for a report: the interface strings, and the texts of every scenario played (a
    report spans several scenarios, the game's translator holds one at a time)."""
    tr = Translator(language)
    merged: dict[str, str] = {}
    for item in loaded:
        if item.scenario is not None and item.scenario.language != tr.language:
            merged.update(item.translations.get(tr.language, {}))
    tr.use_scenario({tr.language: merged}, "")
    return tr
