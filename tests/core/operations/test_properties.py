"""Properties over random tables: only the row-removal operations change the number of rows."""

from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.operations import (
    OPERATIONS,
    ChangeCase,
    DatesToIso,
    EditCell,
    FillDown,
    FindReplace,
    FixEncoding,
    GroupSmallCounts,
    MapToEnum,
    MergeCluster,
    MergeColumns,
    NormaliseMissing,
    NormaliseNumbers,
    PadCodes,
    PseudonymiseColumn,
    RemoveBlankRows,
    RemoveColumn,
    RemoveDuplicateRows,
    RemoveRows,
    RenameColumn,
    ReorderColumns,
    SplitColumn,
    SwapColumnsValues,
    TrimSpaces,
)
from game.core.table import Table

CELLS = st.one_of(
    st.sampled_from(["", " ", "NA", "-", "05/12/2016", "5 déc. 2016", "17\u00a0833", "100000,1", "3238",
                     "32402138500000.0", "Rennes", "RENNES", "Aide en numÃ©raire", "a;b", "x y  z", "?"]),
    st.text(max_size=8),
)


@st.composite
def tables(draw):
    ncols = draw(st.integers(2, 4))
    nrows = draw(st.integers(0, 6))
    header = [f"c{i}" for i in range(ncols)]
    rows = [[draw(CELLS) for _ in range(draw(st.integers(ncols - 1, ncols)))] for _ in range(nrows)]
    return Table.from_rows(header, rows)


@st.composite
def operations(draw, t):
    names = list(t.header)
    c = draw(st.sampled_from(names))
    other = draw(st.sampled_from([n for n in names if n != c]))
    text = draw(CELLS)
    numbers = list(t.row_numbers)
    choices = [
        FixEncoding(draw(st.sampled_from([None, c]))),
        TrimSpaces(draw(st.sampled_from([None, c]))),
        RenameColumn(c, "nouveau"),
        ReorderColumns(tuple(draw(st.permutations(names)))),
        RemoveColumn(c),
        NormaliseMissing(draw(st.sampled_from([None, c]))),
        DatesToIso(c, draw(st.booleans())),
        NormaliseNumbers(c, draw(st.booleans())),
        PadCodes(c, draw(st.integers(1, 14))),
        ChangeCase(c, draw(st.sampled_from(["upper", "lower", "title", "first-letter"]))),
        MergeCluster(c, (text,), "fusion"),
        MapToEnum(c, ("Rennes", "oui"), ((text, "oui"),), draw(st.sampled_from(["", ";"]))),
        SplitColumn(c, draw(st.sampled_from([" ", ";", "/"])), ("p1", "p2", "p3"), draw(st.booleans())),
        MergeColumns((c, other), "fusion", " ", draw(st.booleans())),
        FillDown(c),
        SwapColumnsValues(c, other),
        PseudonymiseColumn(c, draw(st.sampled_from(["token", "initials"])), "sel-secret-2026"),
        FindReplace(text or "x", draw(CELLS), draw(st.sampled_from([None, c])), draw(st.booleans()),
                    draw(st.booleans())),
        RemoveDuplicateRows(),
        RemoveBlankRows(),
        GroupSmallCounts(c, other, draw(st.integers(2, 5)), "Autres"),
    ]
    if numbers:
        r = draw(st.sampled_from(numbers))
        choices += [EditCell(r, c, text), RemoveRows((r,))]
    return draw(st.sampled_from(choices))


def test_the_property_test_draws_every_operation():
    drawn = {"edit-cell", "remove-rows"} | {
        "fix-encoding", "trim-spaces", "rename-column", "reorder-columns", "remove-column", "normalise-missing",
        "dates-to-iso", "normalise-numbers", "pad-codes", "change-case", "merge-cluster", "map-to-enum",
        "split-column", "merge-columns", "fill-down", "swap-columns-values", "pseudonymise-column",
        "find-replace", "remove-duplicate-rows", "remove-blank-rows", "group-small-counts"}
    assert drawn == set(OPERATIONS)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_only_row_removal_operations_change_the_number_of_rows(data):
    t = data.draw(tables())
    op = data.draw(operations(t))
    assert op.check(t) == []
    result = op.apply(t)
    new = result.table
    if not op.removes_rows:
        assert new.nrows == t.nrows
        assert new.row_numbers == t.row_numbers
        assert not result.rows_changed
    else:
        assert new.nrows <= t.nrows
    assert result.cells_changed >= 0 and result.cells_skipped >= 0
    assert result.changed_columns is None or all(0 <= c < new.ncols for c in result.changed_columns)
    assert op.apply(t).table == new  # deterministic
    assert type(op).from_json(op.to_json()) == op


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_cell_operations_report_exactly_the_columns_they_changed(data):
    t = data.draw(tables())
    op = data.draw(operations(t))
    result = op.apply(t)
    new = result.table
    if result.header_changed or result.rows_changed or result.changed_columns is None:
        return
    changed = {c for c in range(t.ncols) if new.columns[c] != t.columns[c]}
    assert changed == set(result.changed_columns)
    cells = sum(a != b for c in changed for a, b in zip(t.columns[c], new.columns[c], strict=True))
    assert cells == result.cells_changed
