"""Near-identical values grouped by an OpenRefine key-collision fingerprint, then merged."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..messages import N_, Message, msg
from ..table import Cell, Table
from .base import Operation, Result, cells_result, check_columns, map_cells

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})
#: joining marks become spaces (« Saint-Étienne » = « saint etienne »), other punctuation disappears
_SEPARATORS = re.compile(r"[\-'’_/]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")


def fold_accents(text: str) -> str:
    """Lower case without accents: « Numéraire » → « numeraire », « Œuvre » → « oeuvre »."""
    nfkd = unicodedata.normalize("NFKD", text.lower().translate(_LIGATURES))
    return "".join(ch for ch in nfkd if not unicodedata.combining(ch))


def fingerprint(text: str) -> str:
    """OpenRefine's fingerprint key: trim, lower case, no accents, no punctuation, unique tokens sorted."""
    s = _SEPARATORS.sub(" ", fold_accents(text.strip()))
    s = _PUNCTUATION.sub("", s)
    return " ".join(sorted(set(s.split())))


@dataclass(frozen=True, slots=True)
class Cluster:
    """Values sharing one fingerprint, most frequent first: ``(("Rennes", 12), ("RENNES", 3))``."""

    key: str
    values: tuple[tuple[str, int], ...]

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.values)

    @property
    def suggestion(self) -> str:
        """The value to merge into: the most frequent one."""
        return self.values[0][0]


def clusters(values: Iterable[Cell]) -> list[Cluster]:
    """Groups of two or more different values with the same fingerprint, biggest groups first."""
    counts = Counter(v for v in values if v is not None and v.strip())
    groups: dict[str, list[tuple[str, int]]] = {}
    for value, n in counts.items():
        key = fingerprint(value)
        if key:
            groups.setdefault(key, []).append((value, n))
    out = [Cluster(k, tuple(sorted(vs, key=lambda x: (-x[1], x[0])))) for k, vs in groups.items() if len(vs) > 1]
    out.sort(key=lambda c: (-c.rows, -len(c.values), c.key))
    return out


@dataclass(frozen=True, slots=True)
class MergeCluster(Operation):
    column: str
    values: tuple[str, ...]
    to: str

    op = "merge-cluster"
    label = N_("Regrouper des valeurs presque identiques")
    explanation = N_("Remplace plusieurs écritures d'une même chose (« Rennes », « RENNES », « rennes ») par "
                     "une seule. Le jeu propose les groupes de valeurs qui ne diffèrent que par les "
                     "majuscules, les accents, la ponctuation ou l'ordre des mots ; vous choisissez la bonne "
                     "écriture.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column])
        if not self.values:
            out.append(msg(N_("Choisissez les valeurs à regrouper.")))
        return out

    def _apply(self, table: Table) -> Result:
        wanted = set(self.values)
        to = self.to

        def fn(cell: str) -> str:
            return to if cell in wanted else cell

        new, cols, changed, _ = map_cells(table, [table.index(self.column)], fn)
        return cells_result(table, new, self.column, cols, changed,
                            summary=msg(N_("Valeurs regroupées en « {to} » dans la colonne « {column} » ; "
                                           "cellules modifiées : {count}."),
                                        to=to, column=self.column, count=changed))
