"""``explorateurs validate --schema S FILE``: a French report like Validata's, or JSON lines.

``main_validate(args)`` takes a namespace with ``schema``, ``file``, ``format`` ("text" | "json")
and ``lang``; it returns 1 when the file has errors (warnings alone: 0) and 2 when the schema
or the file cannot be read.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from game.core.csvquality import CsvReadError, nul_cells
from game.core.messages import N_, msg
from game.core.table import Table
from game.core.tableschema import ERROR, Report, ValidationError, validate
from game.storage.bounded import FileRefused, load_json, megabytes
from game.storage.csvfile import read_csv
from game.storage.schemas import SchemaNotFound, load_schema

DELIMITERS = (",", ";", "\t", "|")

#: French titles of each kind of problem, in the order the report shows them
from game.core.tableschema.kinds import KINDS  # noqa: E402
from game.i18n import _  # noqa: E402


def _where(e: ValidationError) -> str:
    if e.row is None:
        return _("en-tête, colonne « {field} »").format(field=e.field) if e.field else _("en-tête")
    if e.field:
        return _("ligne {row}, colonne « {field} »").format(row=e.row, field=e.field)
    return _("ligne {row}").format(row=e.row)


def _visible(text: str) -> str:
    """A NUL character, invisible in a terminal (and turning a text into « binary » for grep), shown as ␀."""
    return text.replace("\x00", "␀")


def print_text(report: Report, file: str, schema_name: str, render: Any, out: TextIO) -> None:
    from game.i18n import _ as translate

    n_err, n_warn = report.error_count, report.warning_count
    print(_("Validation de {file} avec le schéma {schema}").format(file=file, schema=schema_name), file=out)
    if report.valid:
        print("✔ " + (_("Le fichier est valide ({warnings} avertissement(s)).").format(warnings=n_warn) if n_warn
                      else _("Le fichier est valide.")), file=out)
    else:
        print("✘ " + _("Le fichier n'est pas valide : {errors} erreur(s), {warnings} avertissement(s).").format(
            errors=n_err, warnings=n_warn), file=out)
    groups: dict[str, list[ValidationError]] = defaultdict(list)
    for e in report.errors:
        groups[e.code].append(e)
    order = {code: k for k, code in enumerate(KINDS)}
    for code in sorted(groups, key=lambda c: (groups[c][0].severity != "error", order.get(c, 99), c)):
        errs = groups[code]
        kind = _("Erreur") if errs[0].severity == "error" else _("Avertissement")
        print(f"\n{kind} — {translate(KINDS.get(code, code))} ({code}) : {len(errs)}", file=out)
        hints_shown: set[str] = set()
        for e in errs:
            print(f"  • {_where(e)} : {_visible(render(e.message))}", file=out)
            if e.hint is not None:
                hint = render(e.hint)
                if hint not in hints_shown:
                    hints_shown.add(hint)
                    print(f"    {hint}", file=out)
    if report.omitted:
        print("\n" + _omitted(report.omitted), file=out)


def _omitted(count: int) -> str:
    from game.i18n import active

    number = active().number
    return _("… et {count} autre(s) erreur(s), comptée(s) mais non détaillée(s) : le rapport détaille les {limit} "
             "premières.").format(count=number(count), limit=number(MAX_REPORTED_ERRORS))


def print_json(report: Report, render: Any, out: TextIO) -> None:
    for e in report.errors:
        print(json.dumps({"row": e.row, "field": e.field, "column": e.column, "code": e.code,
                          "severity": e.severity, "cell": e.cell, "message": render(e.message),
                          "hint": render(e.hint) if e.hint is not None else None},
                         ensure_ascii=False), file=out)
    if report.omitted:
        print(json.dumps({"row": None, "field": None, "column": None, "code": "errors-omitted", "severity": "error",
                          "cell": None, "count": report.omitted, "message": _omitted(report.omitted), "hint": None},
                         ensure_ascii=False), file=out)


def _why(exc: Exception) -> str:
    """A file or JSON error in French (« accès refusé »); other errors say what they say."""
    from game.i18n import render
    from game.storage.jsonerrors import located_json_reason
    from game.storage.oserrors import french_reason

    if isinstance(exc, json.JSONDecodeError):
        return render(located_json_reason(exc))
    return render(french_reason(exc)) if isinstance(exc, OSError) else str(exc)


class _Stop(Exception):
    """A file or schema that cannot be read: the French reason was printed, exit code 2."""


#: a recipe is a list of a few dozen operations: a few kB
MAX_RECIPE_BYTES = 16 * 1024 * 1024
#: row errors detailed in a report (frictionless stops at 1,000): the others are counted only, so a
#: file where every cell is wrong is reported in bounded memory (5 million errors took over 3 GB)
MAX_REPORTED_ERRORS = 10_000


def _nul_errors(table: Table, room: int) -> tuple[list[ValidationError], int]:
    """One error per label or cell of ``table`` holding a NUL character (at most ``room``), and how
    many were left out: frictionless accepts them, but many programs cut the value or stop there."""
    cells = nul_cells(table)
    extra = []
    for row, column, cell in cells[:max(0, room)]:
        label = table.header[column] if column < table.ncols else None
        extra.append(ValidationError(
            "nul-character", row, label, column, cell, ERROR,
            msg(N_("La valeur contient un caractère nul (octet 0, invisible) en position {position}."),
                position=cell.index("\x00") + 1),
            msg(N_("Pour corriger : supprimez ce caractère dans un éditeur de texte ; il vient souvent d'un export de "
                   "base de données ou d'un fichier abîmé."))))
    return extra, len(cells) - len(extra)


def _with_nul_errors(report: Report, table: Table, read: Any) -> Report:
    """The report with the NUL characters of ``table`` as errors. Looked for only when the file read
    holds one (the reader's « nul-bytes » finding)."""
    if "nul-bytes" not in read.codes():
        return report
    extra, left_out = _nul_errors(table, MAX_REPORTED_ERRORS - len(report.errors))
    if not extra and not left_out:
        return report
    errors = sorted(report.errors + tuple(extra), key=ValidationError.sort_key)
    return Report(tuple(errors), report.units, report.omitted + left_out)


def _validate_streaming(args: Any, schema: Any) -> tuple[Report, Any]:
    """Validate the file chunk by chunk (memory bounded by a chunk, the unique values and the errors
    detailed); the report and the stream (its dialect and findings)."""
    from game.core.tableschema.stream import StreamValidator
    from game.storage.csvstream import open_csv_stream

    stream = open_csv_stream(args.file)
    validator = StreamValidator(schema, max_errors=MAX_REPORTED_ERRORS)
    nul: list[ValidationError] = []
    nul_left_out = 0
    for chunk in stream.chunks():
        validator.feed(chunk)
        if "nul-bytes" in {f.code for f in stream.findings}:
            extra, left_out = _nul_errors(chunk, MAX_REPORTED_ERRORS - len(nul))
            nul += extra
            nul_left_out += left_out
        del chunk  # not alive while the next one is read
    report = validator.report()
    if nul or nul_left_out:
        room = max(0, MAX_REPORTED_ERRORS - len(report.errors))
        errors = sorted(report.errors + tuple(nul[:room]), key=ValidationError.sort_key)
        report = Report(tuple(errors), {}, report.omitted + nul_left_out + len(nul[room:]))
    return report, stream


def _out_of_memory(file: Any) -> None:
    from game.i18n import active

    try:
        size = Path(file).stat().st_size
    except OSError:
        size = 0
    print(_("Mémoire insuffisante pour valider « {file} » ({size} Mo) sur cet ordinateur : découpez le fichier en "
            "plusieurs fichiers plus petits (par année, par exemple).").format(
              file=file, size=active().number(megabytes(size))),
          file=sys.stderr)


def _open(args: Any, keep_initial_spaces: bool) -> tuple[Any, Any]:
    """The schema and the CSV read of a command, or :class:`_Stop` after printing why not."""
    from game.i18n import activate, render

    activate(getattr(args, "lang", None) or "fr")
    try:
        schema = load_schema(args.schema)
    except (SchemaNotFound, OSError, ValueError) as exc:
        print(_("Schéma introuvable ou illisible : {reason}").format(reason=_why(exc)), file=sys.stderr)
        raise _Stop from None
    try:
        return schema, read_csv(args.file, keep_initial_spaces=keep_initial_spaces)
    except CsvReadError as exc:
        print(render(exc.message), file=sys.stderr)
        raise _Stop from None
    except MemoryError:
        _out_of_memory(args.file)
        raise _Stop from None


def _load_schema(args: Any) -> Any:
    from game.i18n import activate

    activate(getattr(args, "lang", None) or "fr")
    try:
        return load_schema(args.schema)
    except (SchemaNotFound, OSError, ValueError) as exc:
        print(_("Schéma introuvable ou illisible : {reason}").format(reason=_why(exc)), file=sys.stderr)
        raise _Stop from None


def main_validate(args: Any, out: TextIO | None = None) -> int:
    """Validate a file of any size: read and checked chunk by chunk, "comma + space" read as Validata does."""
    from game.i18n import render

    out = out or sys.stdout
    try:
        schema = _load_schema(args)
    except _Stop:
        return 2
    for problem in schema.problems:
        print(_("Schéma : {problem}").format(problem=render(problem.message)), file=sys.stderr)
    try:
        report, stream = _validate_streaming(args, schema)
    except CsvReadError as exc:
        print(render(exc.message), file=sys.stderr)
        return 2
    except MemoryError:
        _out_of_memory(args.file)
        return 2
    if getattr(args, "format", "text") == "json":
        print_json(report, render, out)
    else:
        print_text(report, str(args.file), str(args.schema), render, out)
        print_findings(stream.findings, render, out)
    return 0 if report.valid else 1


def print_findings(findings: Any, render: Any, out: TextIO) -> None:
    """What keeps the file from being a « fichier CSV de qualité » (encoding, separator…)."""
    if findings:
        print("\n" + _("Qualité du fichier CSV :"), file=out)
        for f in findings:
            print(f"  • {render(f.message)} {render(f.hint)}", file=out)


def main_clean(args: Any, out: TextIO | None = None) -> int:
    """Apply a saved recipe to a new file, write the quality CSV, report what is left."""
    from game.core.history import replay
    from game.i18n import render
    from game.storage.csvfile import write_quality_csv

    out = out or sys.stdout
    try:
        schema, read = _open(args, keep_initial_spaces=True)
    except _Stop:
        return 2
    try:
        recipe = load_json(args.recipe, MAX_RECIPE_BYTES)
    except FileRefused as exc:
        print(_("Recette illisible ({path}) : {reason}").format(path=args.recipe, reason=render(exc.reason or exc.message)),
              file=sys.stderr)
        return 2
    if isinstance(recipe, dict):
        recipe = recipe.get("operations")  # an object without « operations » is not a recipe
    if not isinstance(recipe, list):
        print(_("Recette illisible ({path}) : une liste d'opérations est attendue.").format(path=args.recipe), file=sys.stderr)
        return 2
    try:
        table, results, problems = replay(read.table, recipe)
    except RecursionError:  # an operation's parameters nested deeper than Python goes
        print(_("Recette illisible ({path}) : une opération a des paramètres imbriqués trop profondément.").format(
            path=args.recipe), file=sys.stderr)
        return 2
    print(_("Recette {path} : {applied} opération(s) appliquée(s) sur {total}.").format(path=args.recipe, applied=len(results), total=len(recipe)), file=out)
    for p in problems:
        step = _("étape {n}").format(n=p.path[0] + 1) if p.path else _("recette")
        print(f"  ! {step} : {render(p.message)}", file=out)
    for r in results:
        print(f"  • {render(r.summary)}", file=out)
    try:
        write_quality_csv(table, args.output)
    except OSError as exc:
        print(_("Impossible d'écrire {path} : {reason}").format(path=args.output, reason=_why(exc)), file=sys.stderr)
        return 2
    print(_("Fichier écrit : {path} (UTF-8, virgule, CRLF).").format(path=args.output), file=out)
    try:
        report = _with_nul_errors(validate(table, schema, max_errors=MAX_REPORTED_ERRORS), table, read)
    except MemoryError:
        _out_of_memory(args.file)
        return 2
    print_text(report, str(args.output), str(args.schema), render, out)
    return 0 if report.valid and not problems else 1


def build_parser() -> Any:
    import argparse

    p = argparse.ArgumentParser(prog="explorateurs validate", description="Valider un CSV contre un schéma.")
    p.add_argument("--schema", required=True, help="chemin d'un schéma JSON ou nom livré (scdl/subventions)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", default="fr")
    p.add_argument("file")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    return main_validate(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
