"""Validation chunk by chunk (``explorateurs validate``) gives the report of the whole table.

On the seeded mutated files of every shipped schema (BOM, double BOM, Windows-1252, ``;``, tab, CR
line endings, quoted line breaks, ragged and blank rows, duplicates in unique columns…), read with
chunks of 2 or 3 rows: the same dialect, the same errors in the same order, the same findings.
"""

from __future__ import annotations

import pytest

from game.core.tableschema import validate
from game.core.tableschema.stream import StreamValidator
from game.storage.csvfile import read_csv
from game.storage.csvstream import open_csv_stream
from game.storage.schemas import load_schema
from tests.core.tableschema.mutations import _synthetic, generate


def _errors(report):
    return [(e.row, e.field, e.column, e.code, e.severity, e.detail, e.cell) for e in report.errors]


@pytest.mark.parametrize("chunk_rows", [2, 3])
def test_chunks_give_the_report_and_findings_of_the_whole_table(tmp_path, chunk_rows):
    for name, path, applied in generate(tmp_path, 4, "stream"):
        schema = _synthetic() if name == "synthetic" else load_schema(name)
        read = read_csv(path, keep_initial_spaces=False)
        stream = open_csv_stream(path, chunk_rows=chunk_rows)
        assert stream.dialect == read.dialect, (path.name, applied)
        validator = StreamValidator(schema)
        for chunk in stream.chunks():
            assert chunk.nrows <= chunk_rows
            validator.feed(chunk)
        whole = validate(read.table, schema)
        assert _errors(validator.report()) == _errors(whole), (path.name, applied)
        assert stream.rows == read.table.nrows
        assert [(f.code, f.count) for f in stream.findings] == [(f.code, f.count) for f in read.findings], (
            path.name, applied)


def test_the_error_limit_counts_the_others_across_chunks(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("n,x\n" + "".join(f"{i},abc\n" for i in range(50)), encoding="utf-8")
    from game.core.tableschema import parse_schema

    schema = parse_schema({"fields": [{"name": "n"}, {"name": "x", "type": "integer"}]})
    validator = StreamValidator(schema, max_errors=7)
    for chunk in open_csv_stream(path, chunk_rows=4).chunks():
        validator.feed(chunk)
    report = validator.report()
    assert (len(report.errors), report.omitted, report.error_count) == (7, 43, 50)
    assert [e.row for e in report.errors] == list(range(2, 9))


def test_long_rows_make_shorter_chunks_so_memory_stays_bounded(tmp_path, monkeypatch):
    from game.core.tableschema import parse_schema
    from game.storage import csvstream

    monkeypatch.setattr(csvstream, "MAX_CHUNK_CHARS", 1000)  # about 10 rows of 100 characters
    path = tmp_path / "f.csv"
    path.write_text("n,x\n" + "".join(f"{i},{'y' * 95}{',extra' * (i % 3)}\n" for i in range(60)), encoding="utf-8")
    schema = parse_schema({"fields": [{"name": "n", "type": "integer", "constraints": {"unique": True}},
                                      {"name": "x", "constraints": {"maxLength": 90}}]})
    validator = StreamValidator(schema)
    sizes = []
    for chunk in open_csv_stream(path).chunks():
        sizes.append(chunk.nrows)
        validator.feed(chunk)
    assert len(sizes) > 5 and max(sizes) <= 11 and sum(sizes) == 60
    assert _errors(validator.report()) == _errors(validate(read_csv(path).table, schema))
