"""A reuse query on the real file shipped with the « Subventions » scenario, before any cleaning."""

import csv
import math
from pathlib import Path

import pytest

from game.core.reuse import AnswerSpec, Query, check_answer, expected_answer, run_query
from game.storage.csvfile import read_csv

FILE = Path(__file__).resolve().parents[3] / "scenarios" / "subventions" / "data" / "haute-garonne-2018.csv"


def test_total_granted_by_the_sicoval_in_the_shipped_file():
    table = read_csv(FILE).table
    query = Query.from_json({"filter": [{"column": "nomAttribuant", "op": "contains", "value": "Sicoval"}],
                             "aggregate": "sum", "measure": "montant"})
    result = run_query(table, query)

    with FILE.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter=";") if "sicoval" in r["nomAttribuant"].lower()]
    total = math.fsum(float(r["montant"]) for r in rows)

    assert result.header == ("montant",)
    assert result.rows == ((pytest.approx(total),),)
    assert result.rows_matched == len(rows) > 0 and result.skipped == 0
    assert check_answer(f"{total:,.2f}".replace(",", " ").replace(".", ","),
                        expected_answer(result, AnswerSpec("number"))).ok
