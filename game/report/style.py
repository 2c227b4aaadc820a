"""The report's inline style sheet: system fonts, text at 4.5:1 or more on every background
(:data:`TEXT_PAIRS`, checked by a test), colours kept when printed, tables that scroll on a narrow
screen and break cleanly on paper."""

from string import Template

from game.core.report import (
              ACQUIRED,
              FINISHED,
              IN_PROGRESS,
              INSUFFICIENT,
              MASTERED,
              NOT_STARTED,
              STARTED,
              TO_DISCOVER,
)

INK, PAPER, MUTED, TITLE, LINK = "#1b1b1b", "#ffffff", "#4a4a4a", "#1f4e79", "#0b57a4"
NOTE, HEAD, ROWHEAD = "#f3f3f3", "#e8eef5", "#fafafa"
LEVEL_FILL = {TO_DISCOVER: "#f4c7c3", IN_PROGRESS: "#fce8b2", ACQUIRED: "#c8e6c9", MASTERED: "#81c784",
              INSUFFICIENT: "#e3e3e3"}
#: (fill, ink of the count written on it) of each status in the completion chart
STATUS_FILL = {FINISHED: ("#2e7d32", "#ffffff"), STARTED: ("#f9a825", INK), NOT_STARTED: ("#d6d6d6", INK)}
STATUS_INK = {FINISHED: "#1b5e20", STARTED: "#7a4a00", NOT_STARTED: MUTED}

#: Every text colour on every background it is written on.
TEXT_PAIRS = (
    [("text", INK, PAPER), ("muted", MUTED, PAPER), ("muted on a row header", MUTED, ROWHEAD), ("title", TITLE, PAPER),
     ("link", LINK, PAPER), ("note", INK, NOTE), ("column header", INK, HEAD), ("row header", INK, ROWHEAD)]
    + [(f"level {lv}", INK, fill) for lv, fill in LEVEL_FILL.items()]
    + [(f"status {st}", ink, PAPER) for st, ink in STATUS_INK.items()]
    + [(f"count on {st}", ink, fill) for st, (fill, ink) in STATUS_FILL.items()]
)

_CSS = Template("""
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: $ink;
  background: $paper; }
header, main, footer { max-width: 1240px; margin: 0 auto; padding: 0 16px; }
header { padding-top: 24px; border-bottom: 3px solid $title; }
h1 { font-size: 1.8rem; margin: 0 0 4px; color: $title; }
h2 { font-size: 1.35rem; margin: 32px 0 8px; color: $title; border-bottom: 1px solid #c4c4c4; }
h3 { font-size: 1.1rem; margin: 20px 0 6px; }
.meta, .small, footer { color: $muted; }
.small { font-size: .85em; display: block; }
a { color: $link; }
a:focus-visible { outline: 3px solid $title; outline-offset: 2px; }
nav ol { display: flex; flex-wrap: wrap; gap: 4px 24px; padding-left: 20px; margin: 12px 0; }
.empty { font-size: 1.2rem; padding: 24px; background: $note; border-left: 4px solid $title; }
.alert, .note { padding: 8px 12px; background: $note; border-left: 4px solid $title; }
.alert { font-weight: 600; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 8px 0 16px; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #b0b0b0; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: $head; }
tbody th { font-weight: 600; background: $rowhead; }
td.n { text-align: right; white-space: nowrap; }
td.n .small { white-space: normal; text-align: left; max-width: 22em; }
abbr { text-decoration: none; }
.heat { width: 100%; table-layout: fixed; }
.heat thead th:first-child { width: 9em; }
.heat tbody th { overflow-wrap: anywhere; }
.heat td { text-align: center; font-size: .82em; padding: 3px 4px; }
.lv-a-decouvrir { background: $a_decouvrir; }
.lv-en-cours { background: $en_cours; }
.lv-acquis { background: $acquis; }
.lv-maitrise { background: $maitrise; }
.lv-insuffisant { background: $insuffisant; }
.lv .small { color: $ink; }
.st { font-weight: 600; }
.st-termine { color: $finished_ink; }
.st-commence { color: $started_ink; }
.st-non-commence { color: $muted; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0 4px; }
.chart .lbl { font-size: 12.5px; fill: $ink; }
.chart .num { font-size: 12px; font-weight: 600; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 12px; }
.swatch { display: inline-block; width: 14px; height: 14px; border: 1px solid #6b6b6b; margin-right: 6px;
  vertical-align: -2px; }
.keys { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; font-size: .9em; }
.keys dt { font-weight: 600; }
.keys dd { margin: 0; }
.res { margin: 0; padding-left: 18px; }
details.why summary { font-weight: 600; padding: 4px 0; cursor: pointer; }
details.why summary:focus-visible { outline: 3px solid $title; outline-offset: 2px; }
td ul { margin: 0; padding-left: 18px; }
li.ko { font-weight: 600; }
footer { margin-top: 32px; padding-top: 8px; padding-bottom: 24px; border-top: 1px solid #c4c4c4; font-size: .9em; }
@media print {
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0; }
  nav { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  table, .chart { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  .res a::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; }
}
""")
CSS = _CSS.substitute(
    ink=INK, paper=PAPER, title=TITLE, muted=MUTED, link=LINK, note=NOTE, head=HEAD, rowhead=ROWHEAD,
    a_decouvrir=LEVEL_FILL[TO_DISCOVER], en_cours=LEVEL_FILL[IN_PROGRESS], acquis=LEVEL_FILL[ACQUIRED],
    maitrise=LEVEL_FILL[MASTERED], insuffisant=LEVEL_FILL[INSUFFICIENT], finished_ink=STATUS_INK[FINISHED],
    started_ink=STATUS_INK[STARTED])
