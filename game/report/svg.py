"""Inline SVG charts of the report: horizontal stacked bars, each chart an image with a title and a
text alternative (the same figures are in the tables next to it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH, LABEL_W, ROW_H, BAR_H, TOP = 980, 300, 34, 22, 8
BAR_W = WIDTH - LABEL_W - 20
LABEL_CHARS = 36


@dataclass(frozen=True, slots=True)
class Series:
    """One segment kind: its name, its fill, and the colour of a count written on it."""

    name: str
    fill: str
    ink: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    counts: tuple[int, ...]  # one per series
    tooltip: str = ""


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def stacked_bars(key: str, title: str, description: str, series: Sequence[Series], rows: Sequence[Row]) -> str:
    """An ``<svg role="img">``; every text (already translated, not yet escaped) is escaped here."""
    height = TOP * 2 + ROW_H * max(1, len(rows))
    total = max((sum(r.counts) for r in rows), default=0) or 1
    out = [f'<svg class="chart" role="img" aria-labelledby="{key}-t {key}-d" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" preserveAspectRatio="xMinYMin meet">',
           f'<title id="{key}-t">{escape(title)}</title>', f'<desc id="{key}-d">{escape(description)}</desc>']
    for i, row in enumerate(rows):
        y = TOP + i * ROW_H
        out.append(f'<g><title>{escape(row.tooltip or row.label)}</title>')
        out.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H / 2 + 5:.1f}" text-anchor="end" class="lbl">'
                   f'{escape(_short(row.label))}</text>')
        x = float(LABEL_W)
        for s, n in zip(series, row.counts, strict=True):
            w = BAR_W * n / total
            if n:
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{s.fill}" '
                           f'stroke="#ffffff" stroke-width="1"/>')
                if w >= 18:
                    out.append(f'<text x="{x + w / 2:.1f}" y="{y + BAR_H / 2 + 5:.1f}" text-anchor="middle" '
                               f'fill="{s.ink}" class="num">{n}</text>')
            x += w
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def legend(series: Sequence[Series]) -> str:
    items = "".join(f'<li><span class="swatch" style="background:{s.fill}"></span>{escape(s.name)}</li>' for s in series)
    return f'<ul class="legend">{items}</ul>'
