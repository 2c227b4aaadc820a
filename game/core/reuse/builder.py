"""The reuse desk's query builder: what a learner picks on the screen (filters, a group, a
computation on a column, a sort order, how many rows to keep) becomes a :class:`~.query.Query`;
and what a typed answer must be before it is graded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from ..messages import N_, msg
from .numbers import parse_number
from .query import Filter, Query, QueryError, result_header

#: sort orders offered, in the builder's order: none, largest first, smallest first
SORT_ORDERS = ("", "desc", "asc")

AnswerProblem = Literal["empty", "not-a-number"]


def parse_top(text: str) -> int | None:
    """« Ne garder que les N premiers »: a whole number above 0, or nothing (keep every row)."""
    text = text.strip()
    if text and not (text.isdecimal() and int(text) > 0):
        raise QueryError(msg(N_("« {value} » n'est pas un nombre entier : écrivez par exemple 3 pour garder les "
                                "trois premières lignes, ou laissez vide."), value=text))
    return int(text) if text else None


def build_query(header: Sequence[str], *, filters: Iterable[Filter] = (), group: str = "", aggregate: str = "",
                measure: str = "", order: str = "", top: str = "") -> Query:
    """The query the builder's choices describe (``group``, ``aggregate``, ``measure``: "" for none;
    ``order``: one of :data:`SORT_ORDERS`, sorting on the result's last column). :class:`QueryError`
    when ``top`` is not a whole number."""
    top_n = parse_top(top)
    group_by = (group,) if group else ()
    sort, descending = "", False
    if order:
        columns = result_header(Query(group_by=group_by, aggregate=aggregate, measure=measure), header)
        sort, descending = (columns[-1] if columns else ""), order == "desc"
    return Query(filters=tuple(filters), group_by=group_by, aggregate=aggregate, measure=measure,
                 sort=sort, descending=descending, top=top_n)


def answer_problem(kind: str, given: str) -> AnswerProblem | None:
    """Why a typed answer is asked again rather than graded: nothing typed, or a number question
    answered with something that is not a number."""
    if not given.strip():
        return "empty"
    if kind == "number" and parse_number(given) is None:
        return "not-a-number"
    return None
