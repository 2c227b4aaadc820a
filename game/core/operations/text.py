"""Operations on the text of cells: encoding repair, spaces, case, find and replace."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..messages import N_, Message, msg
from ..table import Table
from .base import (
    Operation,
    Result,
    cells_result,
    check_choice,
    check_columns,
    map_cells,
    target_indexes,
)

# -- fix-encoding ------------------------------------------------------------------------------

_MOJIBAKE_HINT = re.compile("[\u00c0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


def _to_cp1252_bytes(text: str) -> bytes | None:
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:  # the 5 bytes cp1252 leaves undefined come back as latin-1 controls
                out.append(ord(ch))
            else:
                return None
    return bytes(out)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was read as Windows-1252 (``Ã©`` → ``é``), even twice; else unchanged."""
    for _ in range(3):
        if text.isascii() or not _MOJIBAKE_HINT.search(text):
            return text
        raw = _to_cp1252_bytes(text)
        if raw is None:
            return text
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            return text
        if fixed == text:
            return text
        text = fixed
    return text


@dataclass(frozen=True, slots=True)
class FixEncoding(Operation):
    column: str | None = None

    op = "fix-encoding"
    label = N_("Réparer les accents (encodage)")
    explanation = N_("Remplace les suites de caractères bizarres comme « Ã© » par la lettre qu'elles auraient "
                     "dû être (« é »). Elles apparaissent quand un fichier enregistré en UTF-8 a été relu "
                     "comme un fichier Windows. Sans colonne choisie, tout le tableau et les noms de colonnes "
                     "sont réparés.")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column])

    def _apply(self, table: Table) -> Result:
        new, cols, changed, _ = map_cells(table, target_indexes(table, self.column), repair_mojibake)
        if self.column is None:
            header = tuple(repair_mojibake(h) for h in new.header)
            if header != new.header:
                cols = cols | {c for c, (a, b) in enumerate(zip(header, new.header, strict=True)) if a != b}
                new = replace(new, header=header)
        return cells_result(table, new, self.column, cols, changed)


# -- trim-spaces -------------------------------------------------------------------------------

# runs of two or more blanks, or any single blank other than a space / no-break space
_SPACES = re.compile("\\s{2,}|[^\\S \u00a0\u202f]")


def clean_spaces(text: str) -> str:
    """Trim both ends and collapse inner runs of blanks to one space (a lone no-break space stays)."""
    return _SPACES.sub(" ", text.strip())


@dataclass(frozen=True, slots=True)
class TrimSpaces(Operation):
    column: str | None = None

    op = "trim-spaces"
    label = N_("Supprimer les espaces en trop")
    explanation = N_("Enlève les espaces au début et à la fin des cellules, et remplace les espaces répétés, "
                     "tabulations et retours à la ligne à l'intérieur par une seule espace. Sans colonne "
                     "choisie, tout le tableau et les noms de colonnes sont nettoyés.")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column])

    def _apply(self, table: Table) -> Result:
        new, cols, changed, _ = map_cells(table, target_indexes(table, self.column), clean_spaces)
        if self.column is None:
            header = tuple(clean_spaces(h) for h in new.header)
            if header != new.header:
                cols = cols | {c for c, (a, b) in enumerate(zip(header, new.header, strict=True)) if a != b}
                new = replace(new, header=header)
        return cells_result(table, new, self.column, cols, changed)


# -- change-case -------------------------------------------------------------------------------

CASE_MODES = ("upper", "lower", "title", "first-letter")
#: small words kept in lower case inside a title (« Saint-Rémy-de-Provence », « Boulogne-sur-Mer »)
_SMALL_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "d", "l", "et", "en", "sur", "sous", "aux",
                          "au", "à", "lès", "lez"})
_TITLE_PARTS = re.compile(r"([\s\-'’]+)")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def french_title(text: str) -> str:
    """« saint-rémy-de-provence » → « Saint-Rémy-de-Provence », « L'Haÿ-les-Roses »."""
    parts = _TITLE_PARTS.split(text.lower())
    out: list[str] = []
    first = True
    for part in parts:
        if not part or _TITLE_PARTS.fullmatch(part):
            out.append(part)
            continue
        out.append(part if (not first and part in _SMALL_WORDS) else _cap(part))
        first = False
    return "".join(out)


def first_letter(text: str) -> str:
    """First letter in capital, the rest in lower case (« RENNES » → « Rennes »)."""
    low = text.lower()
    for i, ch in enumerate(low):
        if ch.isalpha():
            return low[:i] + ch.upper() + low[i + 1:]
    return low


_CASE = {"upper": str.upper, "lower": str.lower, "title": french_title, "first-letter": first_letter}


@dataclass(frozen=True, slots=True)
class ChangeCase(Operation):
    column: str
    mode: str = "first-letter"

    op = "change-case"
    label = N_("Changer la casse (majuscules, minuscules)")
    explanation = N_("Met le texte d'une colonne en MAJUSCULES, en minuscules, avec Une Majuscule À Chaque Mot "
                     "(en respectant « de », « sur », « les » des noms de lieux) ou seulement une majuscule "
                     "à la première lettre. Les lettres accentuées sont gardées : « é » devient « É ».")

    def check(self, table: Table) -> list[Message]:
        return check_columns(table, [self.column]) + check_choice("mode", self.mode, CASE_MODES)

    def _apply(self, table: Table) -> Result:
        new, cols, changed, _ = map_cells(table, [table.index(self.column)], _CASE[self.mode])
        return cells_result(table, new, self.column, cols, changed)


# -- find-replace ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FindReplace(Operation):
    find: str
    replace: str = ""
    column: str | None = None
    whole_cell: bool = False
    case_sensitive: bool = True

    op = "find-replace"
    label = N_("Rechercher et remplacer")
    explanation = N_("Remplace un texte par un autre, dans une colonne ou dans tout le tableau. Choisissez "
                     "« cellule entière » pour ne remplacer que les cellules qui contiennent exactement ce "
                     "texte, et non les cellules où il apparaît au milieu d'autres mots.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column])
        if not self.find:
            out.append(msg(N_("Indiquez le texte à rechercher.")))
        return out

    def _apply(self, table: Table) -> Result:
        find, to = self.find, self.replace
        if self.whole_cell:
            if self.case_sensitive:
                def fn(cell: str) -> str:
                    return to if cell == find else cell
            else:
                folded = find.casefold()

                def fn(cell: str) -> str:
                    return to if cell.casefold() == folded else cell
        elif self.case_sensitive:
            def fn(cell: str) -> str:
                return cell.replace(find, to)
        else:
            pattern = re.compile(re.escape(find), re.IGNORECASE)

            def fn(cell: str) -> str:
                return pattern.sub(lambda _: to, cell)
        new, cols, changed, _ = map_cells(table, target_indexes(table, self.column), fn)
        return cells_result(table, new, self.column, cols, changed)
