"""The learner's table against the reference recipe's: columns followed through renames, rows by
their number, a value the recipe takes on its way not flagged, alternatives accepted."""

from game.core.correctness import Reference, lineage
from game.core.history import History
from game.core.table import Table

ORIGINAL = Table.from_rows(["NOM", "VILLE"], [[" ana ", "rennes"], ["Bob", "brest"], ["Cléo", "vitré"]])
RECIPE = [{"op": "trim-spaces"}, {"op": "change-case", "column": "NOM", "mode": "upper"},
          {"op": "rename-column", "column": "VILLE", "to": "ville"}, {"op": "change-case", "column": "ville", "mode": "title"}]


def reference(accepted=None):
    history, problems = History.from_recipe(ORIGINAL, RECIPE)
    assert problems == []
    return Reference.replayed(ORIGINAL, [(s.operation, s.result) for s in history.done], accepted)


def play(ops):
    history, problems = History.from_recipe(ORIGINAL, ops)
    assert problems == []
    steps = [(s.operation, s.result) for s in history.done]
    return history, steps


def test_the_same_values_reached_in_another_order_and_before_renaming_are_right():
    ref = reference()
    history, steps = play([{"op": "change-case", "column": "VILLE", "mode": "title"}, {"op": "trim-spaces"},
                           {"op": "change-case", "column": "NOM", "mode": "upper"}])
    c = ref.compare(history.table, lineage(ORIGINAL.header, steps))
    assert (c.expected, c.right, c.wrong, c.rows_lost, c.score) == (6, 6, 0, 0, 1.0)  # VILLE not renamed yet


def test_a_value_changed_otherwise_a_kept_value_altered_and_a_row_lost_are_wrong():
    ref = reference()
    history, steps = play([{"op": "trim-spaces"}, {"op": "edit-cell", "row": 3, "column": "NOM", "value": "BOBBY"},
                           {"op": "remove-rows", "rows": [4]}])
    c = ref.compare(history.table, lineage(ORIGINAL.header, steps))
    assert (c.changed_wrong, c.rows_lost) == (1, 1)
    assert [(x.row, x.before, x.after, x.expected) for x in c.examples] == [(3, "Bob", "BOBBY", "BOB")]
    kept = Table.from_rows(["NOM", "VILLE"], [["ANA", "Rennes"], ["BOB", "Brest"], ["CLÉO", "Vitré !"]])
    c = ref.compare(kept, {"NOM": "NOM", "VILLE": "VILLE"})
    assert (c.right, c.changed_wrong) == (5, 1)


def test_a_step_the_recipe_also_takes_is_not_unexpected_but_another_change_is():
    ref = reference()
    history, steps = play([{"op": "trim-spaces"}])
    before = history.table
    examples, cells, rows, fields = ref.unexpected(ORIGINAL, before, lineage(ORIGINAL.header, steps), None)
    assert cells == 0  # « ana » is what the recipe has after trimming, before upper-casing
    history = history.apply(next(iter(play([{"op": "find-replace", "column": "NOM", "find": "ana", "replace": "Anna"}])[0].operations)))
    steps = [(s.operation, s.result) for s in history.done]
    examples, cells, rows, fields = ref.unexpected(before, history.table, lineage(ORIGINAL.header, steps), None)
    assert cells == 1 and fields == ("NOM",) and (examples[0].before, examples[0].after) == ("ana", "Anna")


def test_an_accepted_alternative_is_right():
    ref = reference({"ville": {"Vitré": frozenset({"VITRÉ"})}})
    table = Table.from_rows(["NOM", "ville"], [["ANA", "Rennes"], ["BOB", "Brest"], ["CLÉO", "VITRÉ"]])
    c = ref.compare(table, {"NOM": "NOM", "ville": "VILLE"})
    assert c.wrong == 0 and c.score == 1.0
