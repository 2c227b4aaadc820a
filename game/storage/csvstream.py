"""Read a CSV file of any size chunk by chunk, for validation in bounded memory.

:func:`open_csv_stream` detects the encoding (a streaming pass over the bytes tells UTF-8 from
Windows-1252), the delimiter, "comma + space", line endings and title rows (from the first 64 kB),
then :meth:`CsvStream.chunks` yields :class:`~game.core.table.Table` objects of at most
``chunk_rows`` rows, numbered like :func:`game.storage.csvfile.read_csv` numbers them (one number
per CSV record), read as Validata reads them (the spaces after a delimiter dropped). Only one chunk
and its text are alive at a time. :attr:`CsvStream.findings` gathers what the chunks read so far
tell about the file's quality (the same findings as ``read_csv``, counted over the whole file).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from game.core.csvquality import (
    MAX_EXAMPLES,
    SAMPLE_CHARS,
    CsvDialect,
    CsvReadError,
    Finding,
    detect_encoding,
    file_findings,
    sniff_text,
    table_findings,
)
from game.core.messages import N_, msg
from game.core.table import Table
from game.storage.bounded import NotRegular, _not_regular, open_regular
from game.storage.csvfile import MAX_COLUMNS, _no_gc, _table

#: the longest record read: far more than a spreadsheet cell holds (a longer one is an unclosed quote
#: swallowing the rest of the file, refused with its line number instead of filling the memory)
MAX_RECORD_CHARS = 32 * 1024 * 1024
_BLOCK = 1024 * 1024
#: the most text a chunk is cut from (a 20,000-row chunk of subventions is about 5 MB): a file of
#: thousands of columns, or of rows with thousands of extra cells, gets shorter chunks
MAX_CHUNK_CHARS = 16 * 1024 * 1024
#: rows validated at a time (a subventions row takes about 0.9 kB once read)
STREAM_CHUNK_ROWS = 5_000
#: findings counted over every chunk (the others say something about the whole file once)
_SUMMED = frozenset({"blank-rows", "ragged-rows", "mojibake", "leading-spaces", "replacement-characters"})
_ORDER = {code: k for k, code in enumerate((
    "encoding-not-utf8", "utf8-bom", "double-bom", "delimiter-not-comma", "line-ending-not-crlf",
    "title-rows-above-header", "unbalanced-quotes", "replacement-characters", "nul-bytes", "empty-header-label",
    "duplicate-header-label", "no-data-rows", "blank-rows", "ragged-rows", "mojibake", "leading-spaces"))}
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


def _whole_file_encoding(path: Path, head: bytes) -> tuple[str, bool]:
    """``(codec, bom)`` as :func:`~game.core.csvquality.detect_encoding` would say on the whole file,
    reading it block by block: UTF-8 if every byte decodes, else Windows-1252 (Latin-1 when a byte
    Windows-1252 leaves undefined appears)."""
    cut = head.rfind(b"\n")
    encoding, bom = detect_encoding(head[: cut + 1] if 0 < cut < len(head) - 1 else head)  # refusals, BOM, UTF-16
    if bom or encoding.startswith("utf-16"):
        return encoding, bom
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, undefined = True, False
    with open_regular(path) as f:
        while block := f.read(_BLOCK):
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            if not undefined:
                undefined = any(byte in block for byte in _CP1252_UNDEFINED)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if utf8:
        return "utf-8", False
    return ("latin-1" if undefined else "cp1252"), False


def _records(text: Iterator[str], delimiter: str, quotechar: str, skip_initial_space: bool,
             consumed: list[str]) -> Iterator[list[str]]:
    """The records ``csv.reader`` gives, line by line (each line read is added to ``consumed``): a
    line without a quote character is cut with ``str.split``, as :func:`game.storage.csvfile.read_csv`
    does; a line holding one goes to the csv module, which reads on over the following lines when a
    quoted cell spans them."""
    lines = iter(text)

    def source() -> Iterator[str]:
        for line in lines:
            consumed.append(line)
            yield line

    if skip_initial_space:  # "comma + space", read as Validata reads it: the csv module does it all
        yield from csv.reader(source(), delimiter=delimiter, quotechar=quotechar, skipinitialspace=True)
        return
    for line in lines:
        consumed.append(line)
        if quotechar in line:
            yield next(csv.reader(itertools.chain((line,), source()), delimiter=delimiter, quotechar=quotechar))
        else:
            body = line.rstrip("\r\n")
            yield body.split(delimiter) if body else []


class CsvStream:
    def __init__(self, path: Path, dialect: CsvDialect, title_lines: tuple[str, ...], chunk_rows: int) -> None:
        self.path = path
        self.dialect = dialect
        self.title_lines = title_lines
        self.chunk_rows = chunk_rows
        self.rows = 0
        self._findings: dict[str, Finding] = {}

    @property
    def findings(self) -> tuple[Finding, ...]:
        """In the order ``read_csv`` gives them (the file's, then the rows')."""
        return tuple(sorted(self._findings.values(), key=lambda f: _ORDER.get(f.code, len(_ORDER))))

    def _merge(self, found: list[Finding]) -> None:
        for f in found:
            old = self._findings.get(f.code)
            if old is None:
                self._findings[f.code] = f
            elif f.code in _SUMMED:
                self._findings[f.code] = Finding(old.code, old.message, old.hint, old.count + f.count,
                                                 (old.rows + f.rows)[:MAX_EXAMPLES])

    def chunks(self) -> Iterator[Table]:
        """The data rows, ``chunk_rows`` at a time (one empty table when the file has none)."""
        d = self.dialect
        codec = "utf-8-sig" if d.encoding == "utf-8" and d.bom else d.encoding
        consumed: list[str] = []
        with open_regular(self.path) as raw, io.TextIOWrapper(raw, encoding=codec, newline="") as text:
            old_limit = csv.field_size_limit(MAX_RECORD_CHARS)
            records = _records(text, d.delimiter, d.quotechar, d.skip_initial_space, consumed)
            try:
                yield from self._chunks(records, consumed)
            except csv.Error as e:
                if "field larger" not in str(e):
                    raise CsvReadError(msg(N_("Le fichier n'a pas pu être découpé en lignes et colonnes : {reason}."),
                                           reason=str(e)), str(self.path)) from None
                line = sum(c.count("\n") or c.count("\r") for c in consumed)
                raise CsvReadError(msg(N_("Ligne {line} : une cellule dépasse {limit} caractères ; un guillemet "
                                          "ouvert n'est sans doute jamais refermé."),
                                       line=line, limit=MAX_RECORD_CHARS), str(self.path)) from None
            finally:
                csv.field_size_limit(old_limit)

    def _chunks(self, records: Iterator[list[str]], consumed: list[str]) -> Iterator[Table]:
        d = self.dialect
        header = next(itertools.islice(records, d.header_row - 1, None), None)
        if header is None:
            raise CsvReadError(msg(N_("Le fichier ne contient aucune ligne de noms de colonnes.")), str(self.path))
        if len(header) > MAX_COLUMNS:
            raise CsvReadError(msg(N_("La ligne d'en-tête compte {count} colonnes : c'est plus que les {limit} "
                                      "colonnes qu'un tableur accepte. Vérifiez le séparateur de la ligne "
                                      "d'en-tête."), count=len(header), limit=MAX_COLUMNS), str(self.path))
        number = d.header_row + 1
        first = True
        done = [False]

        def chunk_records() -> Iterator[list[str]]:
            """The next records, until ``chunk_rows`` of them or :data:`MAX_CHUNK_CHARS` of text (a wide
            or ragged file gets shorter chunks)."""
            count, size, seen = 0, 0, len(consumed)
            for record in records:
                yield record
                count += 1
                size += sum(map(len, consumed[seen:]))
                seen = len(consumed)
                if count >= self.chunk_rows or size >= MAX_CHUNK_CHARS:
                    return
            done[0] = True

        while True:
            with _no_gc():
                table, leading = _table(header, chunk_records(), number)
            if table.nrows == 0 and not first:
                return
            chunk_text = "".join(consumed)
            consumed.clear()
            if first:
                self._merge(file_findings(d, chunk_text, self.title_lines))
            else:  # what the text of a later chunk may add about the file
                self._merge([f for f in file_findings(d, chunk_text)
                             if f.code in ("unbalanced-quotes", "replacement-characters")])
            if first:
                self._merge(table_findings(table, d, chunk_text, leading_space=leading))
            else:  # the header was judged with the first chunk: its labels are not counted again
                unlabelled = replace(table, header=("",) * table.ncols)
                self._merge([f for f in table_findings(unlabelled, d, chunk_text, leading_space=leading)
                             if f.code in _SUMMED or f.code == "nul-bytes"])
            self.rows += table.nrows
            number += table.nrows
            first = False
            last = done[0]
            yield table
            del table, chunk_text  # only one chunk alive: not this one while the next is read
            if last:
                return


def open_csv_stream(path: str | os.PathLike[str], *, chunk_rows: int | None = None) -> CsvStream:
    """Detect how ``path`` is written, without reading it whole. Raises :class:`CsvReadError`
    (French message) for a missing, empty, binary or irregular file, like ``read_csv``."""
    p = Path(path)
    try:
        with open_regular(p) as f:
            head = f.read(SAMPLE_CHARS * 4)
        encoding, bom = _whole_file_encoding(p, head)
    except NotRegular as e:
        raise CsvReadError(_not_regular(str(p), e.mode).message, str(p)) from None
    except OSError as e:
        from game.storage.oserrors import french_reason

        raise CsvReadError(french_reason(e), str(p)) from None
    except CsvReadError as e:
        raise CsvReadError(e.message, str(p)) from None
    codec = "utf-8-sig" if encoding == "utf-8" and bom else encoding
    cut = head.rfind(b"\n")
    sample = (head[: cut + 1] if cut > 0 else head).decode(codec, errors="replace")
    sniffed = sniff_text(sample)
    dialect = CsvDialect(encoding=encoding, delimiter=sniffed.delimiter, quotechar='"',
                         line_ending=sniffed.line_ending, skip_initial_space=sniffed.skip_initial_space,
                         bom=bom, header_row=sniffed.header_row)
    return CsvStream(p, dialect, sniffed.title_lines, chunk_rows or STREAM_CHUNK_ROWS)
