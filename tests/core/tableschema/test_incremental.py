"""``revalidate`` after an edit gives exactly what a full ``validate`` of the new table gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.table import Table
from game.core.tableschema import parse_schema, revalidate, validate

SCHEMA = parse_schema({
    "primaryKey": ["b", "c"],
    "fields": [
        {"name": "a", "type": "integer", "constraints": {"unique": True, "minimum": 0}},
        {"name": "b", "constraints": {"required": True, "pattern": "W\\d{3}"}},
        {"name": "c", "type": "date"},
        {"name": "d", "constraints": {"maxLength": 14}},
        {"name": "e", "type": "integer"},
    ],
    "custom_checks": [
        {"name": "french-siret-value", "params": {"column": "d"}},
        {"name": "one-of-required", "params": {"column1": "b", "column2": "d"}},
        {"name": "compare-columns-value", "params": {"column": "a", "op": ">=", "column2": "e"}},
    ],
})
NAMES = ["a", "b", "c", "d", "e", "zz"]
CELLS = st.sampled_from(["", "1", "-2", "7", "x", "W123", "W12", "2017-01-02", "05/12/2016", "23350001600040",
                         "21860194600000", "1.5"])
ROWS = 6


@st.composite
def tables(draw):
    header = draw(st.permutations(NAMES[:5]))
    rows = [[draw(CELLS) for _ in header] for _ in range(ROWS)]
    if draw(st.booleans()):
        rows[draw(st.integers(0, ROWS - 1))] = ["" for _ in header]
    return Table.from_rows(header, rows)


EDITS = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 9), st.integers(0, ROWS - 1), CELLS),
    st.tuples(st.just("fill"), st.integers(0, 9), CELLS),
    st.tuples(st.just("rename"), st.integers(0, 9), st.sampled_from(NAMES)),
    st.tuples(st.just("swap"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("drop"), st.integers(0, 9)),
)


def apply(table: Table, edit) -> tuple[Table, set[int]]:
    kind, c = edit[0], edit[1] % max(table.ncols, 1)
    if table.ncols == 0:
        return table, set()
    if kind == "set":
        values = list(table.columns[c])
        values[edit[2]] = edit[3]
        return table.with_column(c, values), {c}
    if kind == "fill":
        return table.with_column(c, [edit[2]] * table.nrows), {c}
    if kind == "rename":
        return table.with_column(c, table.columns[c], name=edit[2]), set()
    if kind == "swap":
        j = edit[2] % table.ncols
        order = list(range(table.ncols))
        order[c], order[j] = order[j], order[c]
        # the moved columns are reported: two columns of the same name swapped change cells, not the header
        return table.with_columns([table.header[k] for k in order], [table.columns[k] for k in order]), {c, j}
    keep = [k for k in range(table.ncols) if k != c]
    return table.with_columns([table.header[k] for k in keep], [table.columns[k] for k in keep]), set()


@settings(max_examples=300, deadline=None)
@given(tables(), st.lists(EDITS, min_size=1, max_size=6), st.booleans())
def test_revalidate_equals_validate_after_random_edits(table, edits, tell_columns):
    report = validate(table, SCHEMA)
    for edit in edits:
        new, changed = apply(table, edit)
        report = revalidate(report, table, new, SCHEMA, changed if tell_columns else None, rows_changed=False)
        assert report.errors == validate(new, SCHEMA).errors
        table = new


def test_unchanged_columns_are_not_recomputed():
    table = Table.from_rows(["a", "b", "c", "d", "e"], [["1", "W123", "2017-01-02", "x", "0"]] * 3)
    report = validate(table, SCHEMA)
    new = table.with_column(2, ["bad"] * 3)
    again = revalidate(report, table, new, SCHEMA, {2}, rows_changed=False)
    assert again.units[("col", 0)] is report.units[("col", 0)]
    assert again.units[("custom", 0)] is report.units[("custom", 0)]
    assert again.units[("col", 2)] is not report.units[("col", 2)]
    assert again.errors == validate(new, SCHEMA).errors


def test_rows_changed_means_a_full_validation():
    table = Table.from_rows(["a", "b", "c", "d", "e"], [["1", "W123", "2017-01-02", "x", "0"]] * 3)
    fewer = table.select_rows([0, 1])
    report = revalidate(validate(table, SCHEMA), table, fewer, SCHEMA, None, rows_changed=True)
    assert report.errors == validate(fewer, SCHEMA).errors
