"""Reuse challenges: the questions reusers ask, answered from the table the learner published.

>>> q = Query.from_json({"filter": [{"column": "nomAttribuant", "op": "contains", "value": "sicoval"}],
...                      "aggregate": "sum", "measure": "montant"})
>>> result = run_query(table, q)            # QueryResult(header=("montant",), rows=((224825.35,),), ...)
>>> expected = expected_answer(result, AnswerSpec("number", tolerance=1))
>>> check_answer("224 825,35", expected).ok
True
"""

from __future__ import annotations

from .answers import (
    KINDS,
    AnswerCheck,
    AnswerSpec,
    ExpectedAnswer,
    check_answer,
    expected_answer,
    split_answer,
)
from .builder import SORT_ORDERS, answer_problem, build_query, parse_top
from .charts import (
    Bounds,
    Point,
    PointSet,
    Series,
    bar_series,
    bounds,
    geopoints,
    line_series,
    parse_geopoint,
    points,
    result_series,
)
from .columns import PlaceColumns, place, place_columns
from .numbers import cell_test, fold_text, fold_words, iso_date, parse_number, plain_number, read_number
from .query import (
    AGGREGATES,
    OPERATORS,
    Filter,
    Query,
    QueryError,
    QueryResult,
    check_query,
    result_header,
    run_query,
    skipped_note,
    unknown_column,
)

__all__ = [
    "AGGREGATES", "KINDS", "OPERATORS", "SORT_ORDERS", "AnswerCheck", "AnswerSpec", "Bounds", "ExpectedAnswer",
    "Filter", "PlaceColumns", "Point", "PointSet", "Query", "QueryError", "QueryResult", "Series", "answer_problem",
    "bar_series", "bounds", "build_query", "cell_test", "check_answer", "check_query", "expected_answer", "fold_text",
    "fold_words", "geopoints", "iso_date", "line_series", "parse_geopoint", "parse_number", "parse_top", "place",
    "place_columns", "plain_number", "points", "read_number", "result_header", "result_series", "run_query",
    "skipped_note", "split_answer", "unknown_column",
]
