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


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a score chart: a share between 0 and 1 (none: no bar), its fill, the text written after it."""

    label: str
    share: float | None
    fill: str
    text: str
    tooltip: str = ""


def score_bars(key: str, title: str, description: str, rows: Sequence[Bar],
               marks: Sequence[tuple[float, str]] = ()) -> str:
    """An ``<svg role="img">`` of horizontal bars on a 0–100 % scale, with dashed lines at ``marks``
    (share, label written under the scale). Every text is escaped here."""
    axis = 22
    scale = BAR_W - 60  # room for the figure written after a full bar
    height = TOP * 2 + ROW_H * max(1, len(rows)) + axis
    bottom = TOP + ROW_H * max(1, len(rows))
    out = [f'<svg class="chart" role="img" aria-labelledby="{key}-t {key}-d" viewBox="0 0 {WIDTH} {height}" '
           f'width="{WIDTH}" height="{height}" preserveAspectRatio="xMinYMin meet">',
           f'<title id="{key}-t">{escape(title)}</title>', f'<desc id="{key}-d">{escape(description)}</desc>']
    for share, label in marks:  # behind the bars
        x = LABEL_W + scale * share
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#4a4a4a" stroke-width="1" '
                   f'stroke-dasharray="4 3"/>')
        out.append(f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" class="lbl">{escape(label)}</text>')
    for i, row in enumerate(rows):
        y = TOP + i * ROW_H
        out.append(f'<g><title>{escape(row.tooltip or row.label)}</title>')
        out.append(f'<text x="{LABEL_W - 8}" y="{y + BAR_H / 2 + 5:.1f}" text-anchor="end" class="lbl">'
                   f'{escape(_short(row.label))}</text>')
        w = scale * min(max(row.share or 0.0, 0.0), 1.0)
        if row.share is not None and w > 0:
            out.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H}" fill="{row.fill}" '
                       f'stroke="#6b6b6b" stroke-width="1"/>')
        out.append(f'<text x="{LABEL_W + w + 6:.1f}" y="{y + BAR_H / 2 + 5:.1f}" class="lbl">{escape(row.text)}</text>')
        out.append("</g>")
    out.append(f'<line x1="{LABEL_W}" y1="{TOP - 4}" x2="{LABEL_W}" y2="{bottom}" stroke="#6b6b6b" stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)
