"""Personal data (RGPD) before publication: pseudonymise or generalise a column (or remove it)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from ..messages import N_, Message, msg
from ..table import Table
from .base import Operation, Result, cells_result, check_choice, check_columns, map_cells

PSEUDONYMISE_METHODS = ("token", "initials")


def pseudonym(value: str, salt: str, prefix: str = "personne") -> str:
    """A stable token for a value: the same person (whatever the case or spaces) gets the same token."""
    key = " ".join(value.split()).casefold()
    digest = hmac.new(salt.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{prefix}-{digest[:8]}"


def initials(value: str) -> str:
    """« Jean-Pierre Dupont » → « J.-P. D. »"""
    words = []
    for word in value.split():
        parts = [p for p in word.split("-") if p]
        words.append("-".join(p[0].upper() + "." for p in parts))
    return " ".join(w for w in words if w)


@dataclass(frozen=True, slots=True)
class PseudonymiseColumn(Operation):
    column: str
    method: str = "token"
    #: secret mixed into the tokens so that nobody can recompute them from a list of names
    salt: str = ""
    prefix: str = "personne"

    op = "pseudonymise-column"
    label = N_("Pseudonymiser une colonne de données personnelles")
    explanation = N_("Remplace chaque nom par un code (« personne-3f9a1c0b ») : une même personne garde le même "
                     "code, ce qui permet encore de compter, mais on ne voit plus qui elle est. Le « sel » est "
                     "un secret qui empêche de retrouver les noms : ne le publiez pas. Autre choix : ne garder "
                     "que les initiales. Pour ne rien publier du tout, supprimez la colonne.")

    def check(self, table: Table) -> list[Message]:
        out = check_columns(table, [self.column]) + check_choice("method", self.method, PSEUDONYMISE_METHODS)
        if self.method == "token" and len(self.salt) < 8:
            out.append(msg(N_("Choisissez un sel secret d'au moins 8 caractères : sans lui, on pourrait "
                              "retrouver les noms.")))
        return out

    def _apply(self, table: Table) -> Result:
        fn: Callable[[str], str]
        if self.method == "token":
            def token(cell: str) -> str:
                return pseudonym(cell, self.salt, self.prefix) if cell.strip() else cell
            fn = token
        else:
            fn = initials
        new, cols, changed, _ = map_cells(table, [table.index(self.column)], fn)
        return cells_result(table, new, self.column, cols, changed,
                            summary=msg(N_("Colonne « {column} » pseudonymisée ; cellules modifiées : {count}."),
                                        column=self.column, count=changed))
