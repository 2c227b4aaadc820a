"""What a CSV file looks like at byte and text level, and what a learner must fix in it.

Pure functions on bytes and decoded text (no disk, no ``csv`` module): encoding detection,
dialect sniffing (delimiter, "comma + space", line endings, title rows above the header) and the
OpenDataLocale « fichier CSV de qualité » findings. ``game.storage.csvfile`` reads and writes
files with them.

Quality rules (OpenDataLocale / Opendatafrance): UTF-8, CRLF, comma, fields quoted where needed,
a header row in first line with one unique label per column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .messages import N_, Message, msg

if TYPE_CHECKING:  # pragma: no cover
    from .table import Table

LineEnding = Literal["CRLF", "LF", "CR", "mixed", "none"]

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
SAMPLE_RECORDS = 50
SAMPLE_CHARS = 64 * 1024
MAX_EXAMPLES = 5

_ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "latin-1": "ISO-8859-1 (Latin-1)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
}
#: bytes that Windows-1252 leaves undefined: a file holding them is Latin-1 (C1 controls)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


class CsvReadError(Exception):
    """The file cannot be read as a table at all; ``message`` says why, in French."""

    def __init__(self, message: Message, path: str = "") -> None:
        super().__init__(message.format_source())
        self.message = message
        self.path = path


@dataclass(frozen=True, slots=True)
class CsvDialect:
    encoding: str  # Python codec name: "utf-8", "cp1252", "latin-1", "utf-16"
    delimiter: str
    quotechar: str = '"'
    line_ending: LineEnding = "CRLF"
    #: the delimiter is followed by spaces ("comma + space", e.g. ``a, b, c``)
    skip_initial_space: bool = False
    bom: bool = False
    #: record number of the header (1 unless title rows come before it)
    header_row: int = 1

    @property
    def encoding_label(self) -> str:
        return encoding_label(self.encoding)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the learner must fix so that the file is a « fichier CSV de qualité »."""

    code: str
    message: Message
    hint: Message
    count: int = 1  # how many rows / cells / occurrences
    rows: tuple[int, ...] = ()  # example row numbers (header = 1), at most MAX_EXAMPLES


@dataclass(frozen=True, slots=True)
class CsvRead:
    table: Table
    dialect: CsvDialect
    findings: tuple[Finding, ...] = ()

    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bool


@dataclass(frozen=True, slots=True)
class Sniffed:
    delimiter: str
    skip_initial_space: bool
    line_ending: LineEnding
    header_row: int  # 1-based record number
    #: the records above the header (title / comment lines), as found in the sample
    title_lines: tuple[str, ...] = field(default=())


def encoding_label(encoding: str) -> str:
    return _ENCODING_LABELS.get(encoding.lower(), encoding.upper())


# --------------------------------------------------------------------------- encoding

def _err(text: str, **params: object) -> CsvReadError:
    return CsvReadError(msg(text, **params))


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:400]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def detect_encoding(data: bytes) -> tuple[str, bool]:
    """``(codec, bom)``: UTF-8 when the bytes decode as UTF-8, else Windows-1252 or Latin-1.

    Raises :class:`CsvReadError` for an empty or binary file.
    """
    encoding, bom, _ = _detect(data)
    return encoding, bom


def _detect(data: bytes) -> tuple[str, bool, str | None]:
    """:func:`detect_encoding`, with the text when telling UTF-8 already decoded it."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8", True, None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", True, None
    if not data or data.isspace():
        raise _err(N_("Le fichier est vide : il ne contient aucune ligne."))
    if data.startswith(b"PK\x03\x04"):
        raise _err(N_("Ce fichier est un classeur (Excel ou LibreOffice) ou une archive, pas un fichier CSV. "
                      "Ouvrez-le dans votre tableur et utilisez « Enregistrer sous » au format CSV."))
    if data.startswith(b"%PDF"):
        raise _err(N_("Ce fichier est un document PDF, pas un fichier CSV : les données d'un PDF ne se lisent pas comme un tableau."))
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return utf16, False, None
        if not looks_binary(data):  # a few NUL bytes in a text: read it, a finding says where they are
            return _detect_text(data)
        raise _err(N_("Ce fichier n'est pas un fichier texte : il contient des octets nuls. "
                      "S'agit-il d'un classeur, d'une image ou d'un fichier compressé ?"))
    return _detect_text(data)


def _detect_text(data: bytes) -> tuple[str, bool, str | None]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", False, text
    if any(b in _CP1252_UNDEFINED for b in set(data)):
        return "latin-1", False, None
    return "cp1252", False, None


_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"SQLite format 3",
                 b"\x7fELF", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\xfd7zXZ", b"\x28\xb5\x2f\xfd")
#: bytes a text file holds: printable ones, tab, line breaks, form feed, escape
_TEXT_BYTES = bytes(range(32, 256)) + b"\t\n\r\x0c\x1b"


def looks_binary(data: bytes) -> bool:
    """Whether bytes holding NUL are an image, an archive, a spreadsheet… rather than a text with a
    few stray NUL bytes: a known signature, or more than 5 % of control bytes at the start (random
    or compressed bytes have about 10 %, a text a handful; a short text may have a few more)."""
    if data.startswith(_BINARY_MAGIC):
        return True
    sample = data[:SAMPLE_CHARS]
    return len(sample.translate(None, _TEXT_BYTES)) > max(16, 0.05 * len(sample))


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes, detecting the encoding unless one is given. Never guesses silently:
    the returned encoding is what the text was decoded with."""
    if encoding is None:
        encoding, bom, text = _detect(data)
        if text is not None:
            return Decoded(text, encoding, bom)
    else:
        if not data.strip():
            raise _err(N_("Le fichier est vide : il ne contient aucune ligne."))
        enc = encoding.lower().replace("_", "-")
        bom = enc in ("utf-8", "utf8", "utf-8-sig") and data.startswith(b"\xef\xbb\xbf")
        encoding = "utf-8" if enc in ("utf8", "utf-8-sig") else encoding
    codec = "utf-8-sig" if encoding == "utf-8" and bom else encoding
    try:
        text = data.decode(codec)
    except LookupError:
        raise _err(N_("Encodage inconnu : « {encoding} »."), encoding=encoding) from None
    except UnicodeDecodeError as e:
        raise _err(N_("Le fichier ne peut pas être lu comme du texte {encoding} (octet invalide à la position {pos})."),
                   encoding=encoding_label(encoding), pos=e.start) from None
    if text.startswith("\ufeff") and not bom:  # a BOM the codec kept (a given codec, or "utf-16" without BOM
        text, bom = text[1:], True  # detection); a second BOM after the first stays in the text: it is reported
    return Decoded(text, encoding, bom)


# --------------------------------------------------------------------------- text sniffing

_NEWLINE = re.compile(r"\r\n|\r|\n")


def _quoted_field_re(delimiter: str, quotechar: str) -> re.Pattern[str]:
    d, q = re.escape(delimiter), re.escape(quotechar)
    # a quoted field starts a line or follows the delimiter (possibly after spaces)
    return re.compile(rf"(^|{d})( *){q}(?:[^{q}]|{q}{q})*{q}", re.M)


def _sample_lines(text: str, delimiter: str, quotechar: str = '"') -> list[str]:
    """The first records of ``text`` with quoted fields replaced by ``Q`` (so quoted delimiters and
    line breaks do not count); the last, possibly cut, record is dropped when the text is cut."""
    cut = len(text) > SAMPLE_CHARS
    sample = text[:SAMPLE_CHARS]
    if quotechar in sample:
        sample = _quoted_field_re(delimiter, quotechar).sub(r"\1\2Q", sample)
    lines = _NEWLINE.split(sample)
    if lines and lines[-1] == "":
        lines.pop()
    if cut and len(lines) > 1:
        lines.pop()
    return lines[: SAMPLE_RECORDS + 10]


def delimiter_scores(text: str, candidates: Sequence[str] = DELIMITERS) -> dict[str, tuple[float, int]]:
    """For each candidate, ``(consistency, width)``: the share of non-blank sample records that
    have the most common number of fields, and that number. Quoted fields are ignored."""
    scores: dict[str, tuple[float, int]] = {}
    for d in candidates:
        counts = [line.count(d) + 1 for line in _sample_lines(text, d) if line.strip()]
        counts = counts[:SAMPLE_RECORDS]
        if not counts:
            scores[d] = (0.0, 1)
            continue
        width, freq = Counter(counts).most_common(1)[0]
        # the header agreeing with the data counts double: title rows aside, it should
        header_bonus = 1 if counts[0] == width else 0
        scores[d] = ((freq + header_bonus) / (len(counts) + 1), width)
    return scores


def sniff_delimiter(text: str, candidates: Sequence[str] = DELIMITERS) -> str:
    """The delimiter whose field counts are the most consistent over the first records.

    Ties go to the one giving more columns, then to the order of ``candidates`` (comma first).
    A text where no candidate splits anything is one column: comma.
    """
    scores = delimiter_scores(text, candidates)
    best, best_key = candidates[0], (-1.0, 0, 0)
    for rank, d in enumerate(candidates):
        consistency, width = scores[d]
        if width < 2:
            continue
        key = (round(consistency, 3), width, -rank)
        if key > best_key:
            best, best_key = d, key
    return best


def sniff_initial_space(text: str, delimiter: str) -> bool:
    """True when (nearly) every delimiter is followed by a space: the "comma + space" style."""
    total = spaced = 0
    for line in _sample_lines(text, delimiter)[:SAMPLE_RECORDS]:
        total += line.count(delimiter)
        spaced += line.count(delimiter + " ")
    return total > 0 and spaced >= 0.9 * total


def line_ending_of(text: str, quotechar: str = '"') -> LineEnding:
    """The line ending of the records; line breaks inside quoted cells do not count."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    if (crlf > 0) + (cr > 0) + (lf > 0) <= 1:  # one kind only: quoted breaks cannot change it
        return "CRLF" if crlf else "CR" if cr else "LF" if lf else "none"
    if quotechar in text:
        q = re.escape(quotechar)
        text = re.sub(rf"{q}[^{q}]*{q}", "", text)
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("CRLF", crlf), ("CR", cr), ("LF", lf)) if n]
    if not kinds:
        return "none"
    if len(kinds) > 1:
        return "mixed"
    return kinds[0]  # type: ignore[return-value]


def sniff_header_row(text: str, delimiter: str) -> tuple[int, tuple[str, ...]]:
    """``(header_row, title_lines)``: the header is the first record with at least half of the
    usual number of fields filled in; blank, title or comment records above it are returned."""
    lines = _sample_lines(text, delimiter)
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)  # blank lines never head a table
    counts = [line.count(delimiter) + 1 for line in lines if line.strip()][:SAMPLE_RECORDS]
    width = Counter(counts).most_common(1)[0][0] if counts else 1
    if width >= 2:
        need = max(2, (width + 1) // 2)
        for i, line in enumerate(lines[:10]):
            if sum(1 for c in line.split(delimiter) if c.strip()) >= need:
                return i + 1, tuple(lines[:i])
    return first + 1, tuple(lines[:first])


def sniff_text(text: str, *, delimiter: str | None = None, quotechar: str = '"') -> Sniffed:
    """Everything that can be told from the decoded text alone."""
    d = delimiter or sniff_delimiter(text)
    header_row, titles = sniff_header_row(text, d)
    body = text
    if header_row > 1:  # judge the delimiter's spacing on the table itself
        body = "\n".join(_sample_lines(text, d)[header_row - 1:])
    return Sniffed(d, sniff_initial_space(body, d), line_ending_of(text, quotechar), header_row, titles)


# --------------------------------------------------------------------------- findings

_MOJIBAKE = re.compile(
    "Ã[\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
    "|â€[\u0099\u009d™œ“”˜¦¢¡°\u2013\u2014\u02dc]"
    "|Â[\u00a0-\u00bf]"
)


def find_mojibake(text: str) -> list[str]:
    """Character pairs typical of UTF-8 text decoded as Windows-1252 (``Ã©`` for ``é``)."""
    if "Ã" not in text and "â€" not in text and "Â" not in text:  # fast path for big clean files
        return []
    return _MOJIBAKE.findall(text)


def repair_mojibake(value: str) -> str | None:
    """The text before it was wrongly decoded, or None when it does not re-encode cleanly."""
    for codec in ("cp1252", "latin-1"):
        try:
            return value.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return None


_DELIMITER_NAMES = {
    ";": N_("des points-virgules ( ; )"),
    "\t": N_("des tabulations"),
    "|": N_("des barres verticales ( | )"),
}
_LINE_ENDING_NAMES = {
    "LF": N_("LF (saut de ligne seul, l'habitude de Linux et macOS)"),
    "CR": N_("CR (retour chariot seul, un ancien format Mac)"),
    "mixed": N_("un mélange de fins de ligne différentes"),
}


def _finding(code: str, message: Message, hint: Message, count: int = 1, rows: Sequence[int] = ()) -> Finding:
    return Finding(code, message, hint, count, tuple(rows[:MAX_EXAMPLES]))


def file_findings(dialect: CsvDialect, text: str, title_lines: Sequence[str] = ()) -> list[Finding]:
    """Findings about the file as a whole: encoding, BOM, delimiter, line endings, title rows."""
    out: list[Finding] = []
    if dialect.encoding != "utf-8":
        out.append(_finding(
            "encoding-not-utf8",
            msg(N_("Le fichier est encodé en {encoding} et non en UTF-8 : les accents risquent de s'afficher mal "
                   "chez les réutilisateurs."), encoding=dialect.encoding_label),
            msg(N_("Pour corriger : enregistrez le fichier en UTF-8 (dans LibreOffice : « Enregistrer sous », "
                   "cochez « Éditer les paramètres du filtre », jeu de caractères « Unicode (UTF-8) »).")),
        ))
    if dialect.bom and dialect.encoding == "utf-8":  # a UTF-16 file's BOM goes with encoding-not-utf8
        out.append(_finding(
            "utf8-bom",
            msg(N_("Le fichier commence par une marque d'ordre des octets (BOM) : certains logiciels l'affichent "
                   "comme des caractères parasites « ï»¿ » collés au nom de la première colonne.")),
            msg(N_("Pour corriger : enregistrez le fichier en « UTF-8 sans BOM » ; l'export « fichier CSV de qualité » "
                   "du jeu le fait.")),
        ))
    if dialect.bom and text.startswith("\ufeff"):
        out.append(_finding(
            "double-bom",
            msg(N_("Le fichier commence par deux marques d'ordre des octets (BOM) : la seconde reste collée au nom "
                   "de la première colonne, qui n'est alors plus reconnu.")),
            msg(N_("Pour corriger : enregistrez le fichier en « UTF-8 sans BOM » ; l'export « fichier CSV de qualité » "
                   "du jeu le fait.")),
        ))
    if dialect.delimiter != ",":
        out.append(_finding(
            "delimiter-not-comma",
            msg(N_("Les colonnes sont séparées par {delimiter} et non par des virgules, le séparateur attendu "
                   "d'un fichier CSV de qualité."),
                delimiter=_DELIMITER_NAMES.get(dialect.delimiter, repr(dialect.delimiter))),
            msg(N_("Pour corriger : exportez le fichier avec la virgule comme séparateur de champ ; les valeurs "
                   "qui contiennent une virgule seront alors mises entre guillemets.")),
        ))
    if dialect.line_ending in _LINE_ENDING_NAMES:
        out.append(_finding(
            "line-ending-not-crlf",
            msg(N_("Les lignes se terminent par {ending} au lieu de CRLF (retour chariot + saut de ligne), "
                   "la fin de ligne d'un fichier CSV de qualité."),
                ending=_LINE_ENDING_NAMES[dialect.line_ending]),
            msg(N_("Pour corriger : l'export « fichier CSV de qualité » écrit des fins de ligne CRLF ; "
                   "un éditeur de texte permet aussi de choisir « Windows (CRLF) ».")),
        ))
    if dialect.header_row > 1:
        example = next((t for t in title_lines if t.strip()), "")
        out.append(_finding(
            "title-rows-above-header",
            msg(N_("Le fichier commence par {count} ligne(s) de titre, de commentaire ou vides avant la ligne des "
                   "noms de colonnes (ligne {header_row}) : « {example} »."),
                count=dialect.header_row - 1, header_row=dialect.header_row, example=example.strip()[:80]),
            msg(N_("Pour corriger : supprimez ces lignes pour que les noms de colonnes soient sur la première ligne ; "
                   "le titre a sa place dans la description du jeu de données.")),
            dialect.header_row - 1, range(1, dialect.header_row),
        ))
    q = dialect.quotechar
    if text.count(q) % 2:
        out.append(_finding(
            "unbalanced-quotes",
            msg(N_("Un guillemet ouvert n'est jamais refermé : tout ce qui le suit risque d'être lu comme une "
                   "seule cellule.")),
            msg(N_("Pour corriger : dans un éditeur de texte, ajoutez le guillemet manquant ; un guillemet à "
                   "l'intérieur d'une valeur entre guillemets s'écrit doublé (\"\").")),
        ))
    if "\ufffd" in text:
        out.append(_finding(
            "replacement-characters",
            msg(N_("Le fichier contient des caractères de remplacement (un losange avec un point d'interrogation) : "
                   "des lettres ont été perdues lors d'une conversion d'encodage précédente.")),
            msg(N_("Pour corriger : repartez si possible du fichier d'origine ; sinon, retapez les lettres perdues.")),
            text.count("\ufffd"),
        ))
    return out


def nul_cells(table: Table) -> list[tuple[int | None, int, str]]:
    """``(row number, column index, cell)`` of every label (row None) and cell holding a NUL
    character, in file order; columns beyond the header's width are numbered on from it."""
    found: list[tuple[int | None, int, str]] = [(None, j, label) for j, label in enumerate(table.header)
                                                  if "\x00" in label]
    hits: list[tuple[int, int, str]] = []
    for j, col in enumerate(table.columns):
        if "\x00" in "\x1f".join(filter(None, col)):  # one C scan per column; most have none
            hits += [(r, j, v) for r, v in enumerate(col) if v and "\x00" in v]
    for r, extra in table.extras.items():
        hits += [(r, table.ncols + k, v) for k, v in enumerate(extra) if "\x00" in v]
    hits.sort()
    return found + [(table.row_numbers[r], j, v) for r, j, v in hits]


def _nul_finding(table: Table, dialect: CsvDialect, text: str) -> list[Finding]:
    first = text.find("\x00")
    if first == -1:
        return []
    codec = "utf-16-le" if dialect.encoding.startswith("utf-16") else dialect.encoding
    try:
        offset = len(text[:first].encode(codec)) + (len("\ufeff".encode(codec)) if dialect.bom else 0)
    except (LookupError, UnicodeError):  # pragma: no cover - the text was decoded with this codec
        offset = first
    cells = nul_cells(table)
    rows = list(dict.fromkeys(r if r is not None else dialect.header_row for r, _, _ in cells))
    line = text.count("\n", 0, first) + 1 if "\n" in text else text.count("\r", 0, first) + 1
    count = text.count("\x00")
    hint = msg(N_("Pour corriger : supprimez ces caractères dans un éditeur de texte ; ils viennent souvent d'un "
                  "export de base de données ou d'un fichier abîmé."))
    if not cells or line < dialect.header_row:  # the first one is in a title row above the table
        return [_finding(
            "nul-bytes",
            msg(N_("Le fichier contient {count} caractère(s) nul(s) (octet 0, invisible), le premier ligne {row}, "
                   "au-dessus de la ligne des noms de colonnes (à {offset} octets du début du fichier) : beaucoup de "
                   "logiciels coupent la valeur ou refusent le fichier à cet endroit."),
                count=count, row=line, offset=offset),
            hint, len(cells), [line] + rows)]
    row, column = cells[0][0], cells[0][1]
    label = table.header[column] if column < table.ncols else str(column + 1)
    return [_finding(
        "nul-bytes",
        msg(N_("Le fichier contient {count} caractère(s) nul(s) (octet 0, invisible), le premier ligne {row}, "
               "colonne « {column} » (à {offset} octets du début du fichier) : beaucoup de logiciels coupent la valeur ou "
               "refusent le fichier à cet endroit."),
            count=count, row=row if row is not None else dialect.header_row, column=label, offset=offset),
        hint, len(cells), rows,
    )]


def table_findings(table: Table, dialect: CsvDialect, text: str, *, leading_space: bool | None = None) -> list[Finding]:
    """Findings about the rows: header labels, blank and ragged rows, leading spaces, mojibake.

    ``leading_space``: whether some label or cell starts with a space or tab, when the reader
    already knows (``None``: looked for here)."""
    out: list[Finding] = _nul_finding(table, dialect, text)
    width = table.ncols
    header = table.header

    empty = [i + 1 for i, label in enumerate(header) if not label.strip()]
    if empty:
        out.append(_finding(
            "empty-header-label",
            msg(N_("La ligne d'en-tête contient des colonnes sans nom (colonne n° {position})."), position=empty[0]),
            msg(N_("Pour corriger : donnez un nom à chaque colonne, ou supprimez la colonne si elle est vide.")),
            len(empty), [dialect.header_row],
        ))
    dup = [label for label, n in Counter(h.strip() for h in header if h.strip()).items() if n > 1]
    if dup:
        out.append(_finding(
            "duplicate-header-label",
            msg(N_("Plusieurs colonnes portent le même nom : « {label} »."), label=dup[0]),
            msg(N_("Pour corriger : renommez les colonnes pour que chaque nom soit unique.")),
            len(dup), [dialect.header_row],
        ))
    if table.nrows == 0:
        out.append(_finding(
            "no-data-rows",
            msg(N_("Le fichier ne contient que la ligne des noms de colonnes, sans aucune donnée.")),
            msg(N_("Pour corriger : vérifiez que vous avez exporté le bon fichier, ou la bonne feuille du classeur.")),
            0,
        ))
        return out + _text_findings(table, dialect, text, leading_space)

    numbers = table.row_numbers
    cols = table.columns
    # a blank row has an empty first cell: test the whole row only for those
    maybe_blank = [r for r, v in enumerate(cols[0]) if not v] if cols else []
    blank_idx = [r for r in maybe_blank if r not in table.extras and not any(col[r] for col in cols)]
    blank = [numbers[r] for r in blank_idx]
    if blank:
        out.append(_finding(
            "blank-rows",
            msg(N_("Le fichier contient des lignes vides, sans aucune valeur (par exemple la ligne {row}) : "
                   "un logiciel qui lit le fichier peut s'y arrêter."), row=blank[0]),
            msg(N_("Pour corriger : supprimez les lignes vides.")),
            len(blank), blank,
        ))
    blank_set = set(blank_idx)
    short = [r for r, v in enumerate(cols[-1]) if v is None and r not in blank_set] if cols else []
    ragged = sorted(
        [(r, width + len(cells)) for r, cells in table.extras.items()]
        + [(r, width - [col[r] for col in cols].count(None)) for r in short]
    )
    if ragged:
        out.append(_finding(
            "ragged-rows",
            msg(N_("Certaines lignes n'ont pas autant de cellules que la ligne d'en-tête ({expected}) : "
                   "la ligne {row} en a {found}."),
                expected=width, row=numbers[ragged[0][0]], found=ragged[0][1]),
            msg(N_("Pour corriger : vérifiez ces lignes ; souvent une valeur contient le séparateur sans être "
                   "entre guillemets, ou une cellule a été oubliée.")),
            len(ragged), [numbers[r] for r, _ in ragged],
        ))
    return out + _text_findings(table, dialect, text, leading_space)


def _cells_matching(table: Table, header_row: int, test: Callable[[str], bool]) -> tuple[int, list[int], str]:
    """(count, example row numbers, first matching value) of the cells, labels included, passing ``test``."""
    hits = [label for label in table.header if label and test(label)]
    count, first = len(hits), (hits[0] if hits else "")
    rows: list[int] = [header_row] if hits else []
    for r, row in enumerate(table.rows()):
        hit = [v for v in row if v and test(v)]
        hit += [v for v in table.extras.get(r, ()) if v and test(v)]
        if hit:
            count += len(hit)
            first = first or hit[0]
            if len(rows) < MAX_EXAMPLES:
                rows.append(table.row_numbers[r])
    return count, rows, first


def _may_have_leading_space(text: str, sep: str) -> bool:
    starts = (sep + " ", sep + "\t", "\n ", "\n\t", "\r ", "\r\t",
              sep + '" ', '\n" ', '\r" ', sep + '"\t', '\n"\t', '\r"\t')
    return text[:1] in (" ", "\t") or text.startswith(('" ', '"\t')) or any(s in text for s in starts)


def _any_leading_space(table: Table) -> bool:
    """Whether a label or cell starts with a space or tab, joining each column (C speed)."""
    sep = "\x1f"
    for values in (table.header, *table.columns, *table.extras.values()):
        joined = sep.join(filter(None, values))  # missing (None) and empty cells left out
        if joined[:1] in (" ", "\t") or sep + " " in joined or sep + "\t" in joined:
            return True
    return False


def _text_findings(table: Table, dialect: CsvDialect, text: str, leading_space: bool | None = None) -> list[Finding]:
    out: list[Finding] = []
    if find_mojibake(text):
        count, rows, example = _cells_matching(table, dialect.header_row, lambda v: _MOJIBAKE.search(v) is not None)
        word = next((w for w in re.findall(r"\S+", example) if _MOJIBAKE.search(w)), example)
        fixed = repair_mojibake(word) or word
        out.append(_finding(
            "mojibake",
            msg(N_("Des cellules contiennent des caractères mal convertis, par exemple « {example} » au lieu de "
                   "« {fixed} » : le texte a été enregistré en UTF-8 puis relu comme du Windows-1252 avant "
                   "d'arriver ici."), example=word[:60], fixed=fixed[:60]),
            msg(N_("Pour corriger : utilisez l'opération « Réparer l'encodage » sur les colonnes touchées, puis "
                   "vérifiez les accents.")),
            count, rows,
        ))
    sep = dialect.delimiter
    if dialect.skip_initial_space:
        count, rows, _ = _cells_matching(table, dialect.header_row, lambda v: v[:1] == " ")
        label = next((h.strip() for h in table.header if h.startswith(" ") and h.strip()), "")
        out.append(_finding(
            "leading-spaces",
            msg(N_("Après chaque séparateur « {sep} », le fichier ajoute une espace : les valeurs commencent par une "
                   "espace, noms de colonnes compris. Pour un ordinateur, la colonne s'appelle alors "
                   "« {label} » précédé d'une espace, et non « {label} »."),
                sep=sep, label=label),
            msg(N_("Pour corriger : supprimez les espaces en début de cellule (opération « Supprimer les espaces ») "
                   "et dans les noms de colonnes ; l'export « fichier CSV de qualité » n'ajoute pas d'espace "
                   "après la virgule.")),
            count or text.count(sep + " "), rows,
        ))
    elif (leading_space if leading_space is not None
          else _may_have_leading_space(text, sep) and _any_leading_space(table)):
        count, rows, example = _cells_matching(table, dialect.header_row, lambda v: v[:1] in (" ", "\t"))
        if count:
            out.append(_finding(
                "leading-spaces",
                msg(N_("Des cellules commencent par une espace, par exemple « {example} » : pour un ordinateur "
                       "ce n'est pas la même valeur que « {stripped} »."),
                    example=example[:60], stripped=example.strip()[:60]),
                msg(N_("Pour corriger : supprimez les espaces en début et en fin de cellule "
                       "(opération « Supprimer les espaces »).")),
                count, rows,
            ))
    return out
