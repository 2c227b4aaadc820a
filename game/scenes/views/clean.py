"""What the cleaning workbench shows: the step's progress and goal, the errors left, the cell and
column under the grid's cursor, the column's values (its facet), and which actions are open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from game.core.correctness import Change
from game.core.operations import OPERATIONS, clusters
from game.core.profile import ColumnProfile, column_profile
from game.core.scenario import CleanStep, Scenario
from game.core.table import Table
from game.core.tableschema import Report
from game.core.tableschema.kinds import KINDS
from game.i18n import _, ngettext, render
from game.play.clean import CleanWork, Objectives, Surprise

from .text import Line, tr_s

#: errors listed beside the grid (the count says how many more)
MAX_LISTED = 200
#: values of the column offered in its facet
FACET_VALUES = 50
#: most frequent values named in the column's profile line
FREQUENT_VALUES = 4
#: errors of the cell under the cursor explained under the grid
CELL_ERRORS = 2


@dataclass(frozen=True, slots=True)
class WorkbenchState:
    """What the screen holds besides the play state: where the grid's cursor is (data row and
    column indexes), the answer to the last action, the hints shown, a give-up to confirm."""

    row: int = 0
    col: int = 0
    feedback: Line | None = None
    hints_shown: int = 0
    confirm_give_up: bool = False


@dataclass(frozen=True, slots=True)
class WorkbenchView:
    progress: float  # share of the scenario's steps reached
    progress_label: str  # « scenario — étape n sur total »
    title: str
    status: Line  # errors left, at the start, warnings, rows lost
    goal: Line | None  # where the step stands against its goal, from the real counts (None at the start)
    reached: bool  # the step's goal is met: the learner may go on
    cell: str  # the cell under the cursor and its errors
    profile: str  # the column under the cursor: empty cells, distinct and frequent values
    intro: str  # the step's instructions ("" when none)
    errors_heading: str
    errors: tuple[str, ...]  # one entry per error listed, in the report's order
    errors_more: str  # « … et n autres. » ("" when all are listed)
    feedback: Line | None
    facet_heading: str  # "" when the table has no column
    facet: tuple[str, ...]  # « value » and its count, most frequent first
    facet_values: tuple[str, ...]  # the value of each facet entry
    can_undo: bool
    can_redo: bool
    can_hint: bool
    give_up: Literal["offer", "confirm"] | None  # None once the goal is reached
    findings: tuple[str, ...]  # what the file reader noticed (encoding, separator…)
    #: what the last operation changed that the instructions do not expect, with « Annuler ? » (None: nothing)
    surprise: Line | None = None


def error_line(e: Any) -> str:
    """One error of the list: where (row, column), how serious, and what is wrong."""
    where = _("Ligne {row}").format(row=e.row) if e.row else _("En-tête")
    if e.field:
        where += f" · {e.field}"
    kind = _("avertissement") if e.severity == "warning" else _("erreur")
    return f"{where} ({kind})\n{render(e.message)}"


def cell_marks(table: Table, report: Report) -> dict[tuple[int, int], str]:
    """(data row, column) → the severity to mark the cell with; an error outweighs a warning."""
    rows = {n: i for i, n in enumerate(table.row_numbers)}
    cols = {name: j for j, name in enumerate(table.header)}
    marks: dict[tuple[int, int], str] = {}
    for e in report.errors:
        if e.row in rows and e.field in cols:
            key = (rows[e.row], cols[e.field])
            if marks.get(key) != "error":
                marks[key] = e.severity
    return marks


def cursor_column(table: Table, col: int) -> int | None:
    """The column under the cursor (the last one when the cursor is beyond it), None without columns."""
    return min(col, table.ncols - 1) if table.ncols else None


def profile_of(table: Table, col: int) -> ColumnProfile | None:
    c = cursor_column(table, col)
    if c is None:
        return None
    return column_profile(table.columns[c], values=FACET_VALUES, frequent=FREQUENT_VALUES)


def profile_text(table: Table, col: int, profile: ColumnProfile | None) -> str:
    c = cursor_column(table, col)
    if c is None or profile is None:
        return ""
    top = " · ".join(_("« {value} » ({count})").format(value=v, count=n) for v, n in profile.frequent)
    return _("Colonne {column} : {empty} vide(s), {distinct} valeur(s) différente(s). Les plus fréquentes : {top}").format(
        column=table.header[c], empty=profile.empty, distinct=profile.distinct, top=top or "—")


def cell_text(work: CleanWork, row: int, col: int) -> str:
    """The cell under the cursor, and what is wrong with it (with how to fix it)."""
    t = work.table
    if not t.nrows or not t.ncols:
        return _("Le tableau est vide.")
    r, c = min(row, t.nrows - 1), min(col, t.ncols - 1)
    value = t.columns[c][r]
    text = _("Ligne {row} · {column} : « {value} »").format(row=t.row_numbers[r], column=t.header[c], value=value or "")
    here = [e for e in work.report.errors if e.row == t.row_numbers[r] and e.field == t.header[c]]
    for e in here[:CELL_ERRORS]:
        text += "\n" + render(e.message)
        if e.hint is not None:
            text += " " + render(e.hint)
    return text


def error_cell(table: Table, error: Any, row: int) -> tuple[int, int] | None:
    """Where the grid's cursor goes for an error of the list: its cell, its column on the current
    ``row`` for a column-wide error, None when the table no longer has it."""
    if error.row in table.row_numbers:
        return table.row_numbers.index(error.row), table.header.index(error.field) if error.field in table.header else 0
    if error.field in table.header:
        return row, table.header.index(error.field)
    return None


def palette_request(work: CleanWork, step: CleanStep, row: int, col: int) -> dict[str, Any]:
    """What the operation palette is opened with: the columns, where the cursor stands, the schema's
    names and allowed values, the first cluster of similar values of the column, the operations offered."""
    t = work.table
    r, c = min(row, max(0, t.nrows - 1)), min(col, max(0, t.ncols - 1))
    column = t.header[c] if t.ncols else ""
    enums = {f.name: [str(v) for v in f.enum] for f in work.schema.fields if f.enum}
    groups = clusters(t.columns[c]) if t.ncols else []
    return {"columns": list(t.header), "column": column, "row": t.row_numbers[r] if t.nrows else 0,
            "value": (t.columns[c][r] or "") if t.nrows and t.ncols else "",
            "schema_names": [f.name for f in work.schema.fields], "enums": enums,
            "cluster": {"values": [v for v, _n in groups[0].values], "to": groups[0].suggestion} if groups else {},
            "offered": list(step.operations)}


#: wrong values quoted in a message (the count says how many there are)
QUOTED = 3


def _quoted(changes: tuple[Change, ...], with_column: bool) -> str:
    out = []
    for c in changes[:QUOTED]:
        text = _("« {before} » devenu « {after} »").format(before=c.before or "", after=c.after or "")
        out.append(_("{change} ({column})").format(change=text, column=c.column) if with_column else text)
    return ", ".join(out)


def _human(work: CleanWork, step: CleanStep, field: str) -> str:
    """A column as the learner knows it: the schema's title, else its name."""
    f = next((f for f in work.schema.fields if f.name == field), None)
    return f.title if f is not None and f.title else field


def surprise_text(work: CleanWork, step: CleanStep, s: Surprise) -> str:
    """« Vous avez modifié 1 prénom d'une façon que la consigne n'attend pas : « AssiaAmélie » →
    « Assiaamélie ». Annuler ? » — the values named as the scenario names them (``columns``), else
    « valeur(s) de la colonne « title » », else the values of several columns with their column."""
    parts = []
    if s.cells:
        note = step.column_note(s.fields[0]) if len(s.fields) == 1 else None
        quoted = _quoted(s.examples, len(s.fields) > 1)
        if note is not None and note.one and note.many:
            noun = tr_s(note.one if s.cells == 1 else note.many)  # the scenario's own words (n ≥ 1)
            text = ngettext("Vous avez modifié {n} {noun} d'une façon que la consigne n'attend pas : {examples}.",
                            "Vous avez modifié {n} {noun} d'une façon que la consigne n'attend pas : {examples}.",
                            s.cells).format(n=s.cells, noun=noun, examples=quoted)
        elif len(s.fields) == 1:
            text = ngettext("Vous avez modifié {n} valeur de la colonne « {column} » d'une façon que la consigne n'attend pas : {examples}.",
                            "Vous avez modifié {n} valeurs de la colonne « {column} » d'une façon que la consigne n'attend pas : {examples}.",
                            s.cells).format(n=s.cells, column=_human(work, step, s.fields[0]), examples=quoted)
        else:
            text = ngettext("Vous avez modifié {n} valeur d'une façon que la consigne n'attend pas : {examples}.",
                            "Vous avez modifié {n} valeurs d'une façon que la consigne n'attend pas : {examples}.",
                            s.cells).format(n=s.cells, examples=quoted)
        if s.cells > QUOTED:
            text = text[:-1] + " " + _("(et {n} de plus).").format(n=s.cells - min(QUOTED, len(s.examples)))
        parts.append(text)
    if s.rows:
        parts.append(ngettext("Vous avez supprimé {n} ligne que la consigne garde.",
                              "Vous avez supprimé {n} lignes que la consigne garde.", s.rows).format(n=s.rows))
    return " ".join(parts + [_("Annuler ?")])


def wrong_line(o: Objectives) -> str:
    """What keeps a valid file from being the right one: values changed otherwise, rows removed."""
    c = o.comparison
    parts = []
    if c.wrong:
        parts.append(ngettext("{n} valeur modifiée d'une façon que la consigne n'attend pas : {examples}.",
                              "{n} valeurs modifiées d'une façon que la consigne n'attend pas : {examples}.",
                              c.wrong).format(n=c.wrong, examples=_quoted(c.examples, True)))
    if c.rows_lost:
        parts.append(ngettext("{n} ligne supprimée que la consigne garde.", "{n} lignes supprimées que la consigne garde.",
                              c.rows_lost).format(n=c.rows_lost))
    return " ".join(parts)


def goal_line(o: Objectives, step: CleanStep) -> Line | None:
    """What is true of the step's goal: met with a valid file (success); errors left that the goal
    expects, how many and of which kinds (accent, never « atteint »); errors the learner can still
    fix, or what else keeps the goal out of reach (warning). None when there is nothing to say."""
    if o.reached and o.errors_left == 0:
        return Line(_("Objectif atteint : le fichier respecte le schéma."), "success")
    parts: list[str] = []
    fixable, expected = o.errors_fixable, o.errors_expected
    if fixable:
        parts.append(ngettext("{n} erreur reste que vous pouvez corriger.", "{n} erreurs restent que vous pouvez corriger.",
                              fixable).format(n=fixable))
    if expected:
        kinds = " · ".join(_("{kind} : {n}").format(kind=_(KINDS.get(code, code)), n=n) for code, n in o.expected)
        if fixable:
            text = ngettext("{n} autre erreur reste, attendue : le fichier n'a pas l'information pour la corriger ({kinds}).",
                            "{n} autres erreurs restent, attendues : le fichier n'a pas l'information pour les corriger ({kinds}).",
                            expected)
        else:
            text = ngettext("{n} erreur reste — attendue : le fichier n'a pas l'information pour la corriger, "
                            "la correction de référence la laisse aussi ({kinds}). Signalez-la plutôt que d'inventer.",
                            "{n} erreurs restent — toutes attendues : le fichier n'a pas l'information pour les corriger, "
                            "la correction de référence les laisse aussi ({kinds}). Signalez-les plutôt que d'inventer.",
                            expected)
        parts.append(text.format(n=expected, kinds=kinds))
    if not o.reached and not fixable:  # what else keeps the goal out of reach once the errors are done
        goal = step.goal
        if goal.max_warnings is not None and o.warnings_left > goal.max_warnings:
            parts.append(_("Avertissements : {n}, l'objectif en admet {max}.").format(n=o.warnings_left, max=goal.max_warnings))
        if step.keep_rows and o.rows_lost:
            parts.append(ngettext("{n} ligne de données perdue.", "{n} lignes de données perdues.", o.rows_lost)
                         .format(n=o.rows_lost))
        if o.values_missing:
            parts.append(_("Valeurs à garder absentes du fichier : {values}.").format(values=", ".join(o.values_missing)))
        for op, done, size in o.operations_left:
            parts.append(_("Pas encore fait comme la consigne le demande : « {operation} » (changements faits : {done} sur {size} attendus).").format(
                operation=_(OPERATIONS[op].label) if op in OPERATIONS else op, done=done, size=size))
    wrong = wrong_line(o)
    if wrong:  # a valid file is not yet the right one
        parts.append(wrong)
    if not parts:
        return None
    return Line("\n".join(parts), "warning" if fixable or not o.reached else "accent")


def present(work: CleanWork, scenario: Scenario, step: CleanStep, state: WorkbenchState,
            profile: ColumnProfile | None = None) -> WorkbenchView:
    """The cleaning workbench for ``state`` (``profile``: the column's profile when the screen kept
    it, computed otherwise)."""
    t, report = work.table, work.report
    i = scenario.index(step.id)
    o = work.objectives()
    status = _("Erreurs restantes : {left} (au départ : {start}) · avertissements : {warnings} · lignes perdues : {lost}").format(
        left=o.errors_left, start=o.errors_at_start, warnings=o.warnings_left, lost=o.rows_lost)
    if profile is None:
        profile = profile_of(t, state.col)
    c = cursor_column(t, state.col)
    facet = profile.values if profile is not None and c is not None else ()
    listed = report.errors[:MAX_LISTED]
    more = len(report.errors) - len(listed)
    if o.reached:
        give_up: Literal["offer", "confirm"] | None = None
    else:
        give_up = "confirm" if state.confirm_give_up else "offer"
    return WorkbenchView(
        progress=(i + 1) / len(scenario.steps),
        progress_label=_("{scenario} — étape {n} sur {total}").format(scenario=tr_s(scenario.title), n=i + 1,
                                                                     total=len(scenario.steps)),
        title=tr_s(step.title),
        status=Line(status, "success" if o.reached and not o.errors_left else "text"),
        goal=goal_line(o, step),
        reached=o.reached,
        cell=cell_text(work, state.row, state.col),
        profile=profile_text(t, state.col, profile),
        intro=tr_s(step.intro) if step.intro else "",
        errors_heading=_("Erreurs et avertissements ({n})").format(n=len(report.errors)),
        errors=tuple(error_line(e) for e in listed),
        errors_more=_("… et {n} autres.").format(n=more) if more > 0 else "",
        feedback=state.feedback if state.feedback is not None and state.feedback.text else None,
        facet_heading=_("Valeurs de la colonne {column} (Entrée : chercher et remplacer cette valeur)").format(
            column=t.header[c]) if facet else "",
        facet=tuple(_("« {value} »\n{count} ligne(s)").format(value=v or _("(vide)"), count=n) for v, n in facet),
        facet_values=tuple(v for v, _n in facet),
        can_undo=work.history.can_undo,
        can_redo=work.history.can_redo,
        can_hint=bool(step.hints) and state.hints_shown < len(step.hints) and not o.reached,
        give_up=give_up,
        findings=tuple(render(f.message) for f in work.findings),
        surprise=Line(surprise_text(work, step, work.surprise), "warning") if work.surprise is not None
        and work.surprise.done == len(work.history.done) else None,
    )

