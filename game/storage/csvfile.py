"""Read the CSV files territories publish, and write the « fichier CSV de qualité ».

:func:`read_csv` detects the encoding, delimiter, "comma + space", line endings, title rows and
quoting, reads the cells exactly as written (nothing is silently fixed) and returns what the
learner must fix as :class:`~game.core.csvquality.Finding` objects. :func:`write_quality_csv`
writes the OpenDataLocale quality CSV: UTF-8 without BOM, comma, CRLF, minimal quoting, header row.

Rows are numbered like frictionless: one number per CSV record (a blank line is a record, a
quoted cell spanning lines is one record), the first record being 1.
"""

from __future__ import annotations

import csv
import gc
import io
import itertools
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType

from game.core.csvquality import (
    CsvDialect,
    CsvRead,
    CsvReadError,
    Decoded,
    Finding,
    Sniffed,
    decode_bytes,
    file_findings,
    sniff_text,
    table_findings,
)
from game.core.messages import N_, msg
from game.core.table import Cell, Table
from game.storage.bounded import FileRefused, read_bounded

__all__ = [
    "CsvDialect", "CsvRead", "CsvReadError", "Finding",
    "parse_text", "read_csv", "read_text", "write_quality_csv", "quality_csv_text",
]


#: the largest file read whole: a CSV takes about 6 times its size in memory once read and validated
#: (measured on subventions files, bench/hostile_csv.py), up to 30 times for tiny distinct cells
MAX_CSV_BYTES = 200 * 1024 * 1024
#: at most this many cells (about 90 bytes each at worst once read): bounds the files of tiny cells
MAX_CELLS = 20_000_000
#: the most columns a spreadsheet holds (LibreOffice Calc, Excel: 16,384)
MAX_COLUMNS = 16_384
_SIZE_REASON = N_("qu'un fichier CSV peut peser pour être lu en mémoire ; découpez-le en plusieurs fichiers (par "
                  "année, par exemple)")


def _raise_field_limit(size: int) -> None:
    # one huge cell (an unclosed quote swallowing the file) must be reported, not crash the reader
    if csv.field_size_limit() < size:
        csv.field_size_limit(min(size, sys.maxsize // 2))


@contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of small lists and strings, none of them cyclic: the cyclic garbage collector
    would only slow the reading down (about twice as fast without it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _records_keeping_spaces(text: str, delimiter: str, quotechar: str) -> Iterator[list[str]]:
    """Records of a "comma + space" file: quoting understood as after a plain delimiter (as
    ``skipinitialspace`` does) but the spaces after each delimiter kept at the start of the cell."""
    consumed: list[str] = []

    def lines() -> Iterator[str]:
        for line in io.StringIO(text, newline=""):
            consumed.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter, quotechar=quotechar, skipinitialspace=True)
    for record in reader:
        raw = "".join(consumed)
        consumed.clear()
        out, pos, n = [], 0, len(raw)
        for value in record:
            start = pos
            while pos < n and raw[pos] == " ":
                pos += 1
            spaces = pos - start
            out.append(" " * spaces + value if spaces else value)
            if pos < n and raw[pos] == quotechar:  # skip the quoted part, doubled quotes included
                j = pos + 1
                while True:
                    k = raw.find(quotechar, j)
                    if k == -1:
                        pos = n
                        break
                    if raw.startswith(quotechar, k + 1):
                        j = k + 2
                        continue
                    pos = k + 1
                    break
            k = raw.find(delimiter, pos)
            pos = n if k == -1 else k + 1
        yield out


# line breaks that str.splitlines knows but the csv module does not: with any of them, no fast path
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _records(text: str, delimiter: str, quotechar: str) -> Iterator[list[str]]:
    """The records ``csv.reader`` gives, about twice as fast: a line without a quote character is
    cut with ``str.split``; only lines holding a quote go through the csv module, which may read
    on over the following lines (a quoted cell spanning lines)."""
    if any(c in text for c in _OTHER_BREAKS):  # one fast scan per character, faster than a regex
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar=quotechar)
        return
    lines = text.splitlines(keepends=True)
    n, pos = len(lines), 0

    def source() -> Iterator[str]:
        nonlocal pos
        while pos < n:
            line = lines[pos]
            pos += 1
            yield line

    quoted = csv.reader(source(), delimiter=delimiter, quotechar=quotechar)
    while pos < n:
        line = lines[pos]
        if quotechar in line:
            yield next(quoted)
        else:
            pos += 1
            body = line.rstrip("\r\n")
            yield body.split(delimiter) if body else []


def parse_text(text: str, dialect: CsvDialect, *, keep_initial_spaces: bool = True,
               max_rows: int | None = None, progress: Callable[[float], None] | None = None) -> Table:
    """Cut decoded text into a :class:`Table` with the given dialect.

    Records above ``dialect.header_row`` are left out (a finding reports them); blank records
    become rows of empty strings, short rows keep ``None`` in their missing cells and long rows
    keep their extra cells, so validation sees exactly what the file holds.
    """
    return _parse(text, dialect, keep_initial_spaces, max_rows, progress)[0]


def _parse(text: str, dialect: CsvDialect, keep_initial_spaces: bool, max_rows: int | None,
           progress: Callable[[float], None] | None) -> tuple[Table, bool]:
    """:func:`parse_text`, and whether a label or cell starts with a space or a tab."""
    _raise_field_limit(len(text) + 1)
    _check_cell_count(text, dialect.delimiter)
    if dialect.skip_initial_space and keep_initial_spaces:
        records: Iterator[list[str]] = _records_keeping_spaces(text, dialect.delimiter, dialect.quotechar)
    elif dialect.skip_initial_space:
        records = csv.reader(io.StringIO(text, newline=""), delimiter=dialect.delimiter,
                             quotechar=dialect.quotechar, skipinitialspace=True)
    else:
        records = _records(text, dialect.delimiter, dialect.quotechar)
    first = dialect.header_row - 1
    with _no_gc():
        try:
            rows = itertools.islice(records, first, None)
            header = next(rows, None)
            if header is None:
                raise CsvReadError(msg(N_("Le fichier ne contient aucune ligne de noms de colonnes.")))
            if len(header) > MAX_COLUMNS:
                raise CsvReadError(msg(N_("La ligne d'en-tête compte {count} colonnes : c'est plus que les {limit} "
                                          "colonnes qu'un tableur accepte. Vérifiez le séparateur de la ligne "
                                          "d'en-tête."), count=len(header), limit=MAX_COLUMNS))
            total = max(1, text.count("\n")) if progress else 0
            table, leading = _table(header, rows if max_rows is None else itertools.islice(rows, max_rows),
                                    dialect.header_row + 1,
                                    (lambda n: progress(min(1.0, n / total))) if progress else None)
        except csv.Error as e:  # pragma: no cover - the reader is lenient; kept for strange inputs
            raise CsvReadError(msg(N_("Le fichier n'a pas pu être découpé en lignes et colonnes : {reason}."),
                                   reason=str(e))) from None
    return table, leading


def _check_cell_count(text: str, delimiter: str) -> None:
    """Refuse a text that may hold more than :data:`MAX_CELLS` cells before cutting it: one cell per
    delimiter and per line break at most (quoted ones counted too), counted at C speed."""
    breaks = text.count("\n") or text.count("\r")
    count = text.count(delimiter) + breaks + 1
    if count > MAX_CELLS:
        raise CsvReadError(msg(N_("Le fichier compte jusqu'à {count} cellules (séparateurs et fins de ligne "
                                  "comptés) : c'est plus que la limite de {limit} cellules qu'il est possible de "
                                  "valider en mémoire ; découpez-le en plusieurs fichiers."),
                               count=count, limit=MAX_CELLS))


CHUNK = 20_000  # rows parsed at a time: the row lists of one chunk only are alive at once
SAMPLE = 2_000  # first values of a column telling whether its equal cells are worth sharing


def _table(header: Sequence[str], rows: Iterator[list[str]], first_number: int,
           progress: Callable[[int], None] | None = None) -> tuple[Table, bool]:
    """Columns built chunk by chunk; equal cells of a column share one string object, so a large
    file with repeated values (dates, codes, enums) takes a fraction of the memory. A column whose
    first values are mostly distinct (names, amounts) is kept as read: sharing would only cost time.
    Also tells whether any label or cell starts with a space or a tab."""
    width = len(header)
    extras: dict[int, tuple[str, ...]] = {}
    blank: list[Cell] = [""] * width
    columns: list[list[Cell]] = [[] for _ in range(width)]
    shared: list[dict[Cell, Cell] | None] = [{} for _ in range(width)]
    decided = False
    count = 0
    while True:
        chunk: list[list[Cell]] = list(itertools.islice(rows, CHUNK))  # type: ignore[arg-type]
        if not chunk:
            break
        for i, row in enumerate(chunk):
            n = len(row)
            if n == width:
                continue
            if n == 0:
                chunk[i] = blank
            elif n < width:
                chunk[i] = row + [None] * (width - n)
            else:
                extras[count + i] = tuple(row[width:])  # type: ignore[arg-type]
                chunk[i] = row[:width]
        if width:
            for c, values in enumerate(zip(*chunk, strict=True)):
                if not decided and len(set(values[:SAMPLE])) > SAMPLE // 2:
                    shared[c] = None  # mostly distinct values (names, amounts): sharing saves nothing
                pool = shared[c]
                if pool is None:
                    columns[c].extend(values)
                else:
                    keep = pool.setdefault
                    columns[c].extend(map(keep, values, values))
            decided = True
        count += len(chunk)
        del chunk
        if progress:
            progress(count)
    numbers = tuple(range(first_number, first_number + count))
    table = Table(tuple(header), tuple(tuple(c) for c in columns), numbers, MappingProxyType(extras))
    # does a label or a cell start with a space or a tab? a shared column is judged on its distinct
    # values only, the others joined (C speed)
    leading = any(
        _starts_spaced(pool if pool is not None else column)
        for pool, column in zip(shared, table.columns, strict=True)
    ) or _starts_spaced(table.header) or any(map(_starts_spaced, extras.values()))
    return table, leading


def _starts_spaced(values: Iterable[Cell]) -> bool:
    joined = "\x1f".join(filter(None, values))  # missing (None) and empty cells left out
    return joined[:1] in (" ", "\t") or "\x1f " in joined or "\x1f\t" in joined


def read_text(decoded: Decoded, *, delimiter: str | None = None, max_rows: int | None = None,
              keep_initial_spaces: bool = True, progress: Callable[[float], None] | None = None) -> CsvRead:
    """Sniff, parse and judge already decoded text (no disk)."""
    text = decoded.text
    sniffed: Sniffed = sniff_text(text, delimiter=delimiter)
    dialect = CsvDialect(
        encoding=decoded.encoding, delimiter=sniffed.delimiter, quotechar='"',
        line_ending=sniffed.line_ending, skip_initial_space=sniffed.skip_initial_space,
        bom=decoded.bom, header_row=sniffed.header_row,
    )
    table, leading = _parse(text, dialect, keep_initial_spaces, max_rows, progress)
    findings = (file_findings(dialect, text, sniffed.title_lines)
                + table_findings(table, dialect, text, leading_space=leading))
    return CsvRead(table, dialect, tuple(findings))


def read_csv(path: str | os.PathLike[str], *, encoding: str | None = None, delimiter: str | None = None,
             max_rows: int | None = None, keep_initial_spaces: bool = True,
             progress: Callable[[float], None] | None = None, max_bytes: int | None = None) -> CsvRead:
    """Read a CSV file as published, with what must be fixed to make it a quality CSV.

    ``encoding`` / ``delimiter`` override detection. ``max_rows`` reads only the first data rows
    (a preview; findings then cover those rows only). In a "comma + space" file the spaces stay at
    the start of every cell and label (a ``leading-spaces`` finding asks to remove them);
    ``keep_initial_spaces=False`` drops them while reading, as frictionless and Validata do.
    Raises :class:`CsvReadError` (French message) for a missing, empty or binary file, for what is
    not a regular file (a folder, a FIFO, ``/dev/zero``: refused before it is opened) and for a file
    larger than ``max_bytes`` (default :data:`MAX_CSV_BYTES`) or :data:`MAX_CELLS` cells.
    """
    p = Path(path)
    try:
        data = read_bounded(p, MAX_CSV_BYTES if max_bytes is None else max_bytes, _SIZE_REASON)
    except FileRefused as e:
        raise CsvReadError(e.message, str(p)) from None
    try:
        return read_text(decode_bytes(data, encoding), delimiter=delimiter, max_rows=max_rows,
                         keep_initial_spaces=keep_initial_spaces, progress=progress)
    except CsvReadError as e:
        raise CsvReadError(e.message, str(p)) from None


def _quality_rows(table: Table, drop_extras: bool) -> Iterator[Sequence[Cell]]:
    if not table.extras or drop_extras:
        return iter(table.rows())
    return (row + table.extras.get(r, ()) for r, row in enumerate(table.rows()))


def quality_csv_text(table: Table, *, drop_extras: bool = False) -> str:
    """The table as the text of a « fichier CSV de qualité » (see :func:`write_quality_csv`)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=",", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.header)
    writer.writerows(_quality_rows(table, drop_extras))  # None is written as an empty cell
    return buf.getvalue()


def write_quality_csv(table: Table, path: str | os.PathLike[str], *, drop_extras: bool = False) -> None:
    """Write the OpenDataLocale « fichier CSV de qualité »: UTF-8 without BOM, comma, CRLF,
    quotes only where needed, the header on the first line. Missing cells are written empty.

    Extra cells (beyond the header's width) are **kept** by default: nothing the learner did not
    delete disappears, and the written file still shows them as ragged rows to fix.
    ``drop_extras=True`` leaves them out. The file is replaced atomically.
    """
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".csv.tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter=",", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(table.header)
            writer.writerows(_quality_rows(table, drop_extras))
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
