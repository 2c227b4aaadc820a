"""The trainer's group report and the learner's own report, rendered from the pure model
(:mod:`game.core.report`): a self-contained HTML page and a CSV file for a spreadsheet."""

from .html import render_html
from .spreadsheet import render_csv

__all__ = ["render_csv", "render_html"]
