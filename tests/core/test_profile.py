"""A column's profile: empty cells, different values, the most frequent ones (ties in table order)."""

from game.core.profile import column_profile


def test_the_profile_counts_empty_cells_apart_and_lists_values_most_frequent_first():
    p = column_profile(["b", "", None, "a", "b", "c", "a", "b"], values=3, frequent=2)
    assert (p.empty, p.distinct) == (2, 3)
    assert p.values == (("b", 3), ("", 2), ("a", 2))  # empty is a value of the facet, after « b »
    assert p.frequent == (("b", 3), ("a", 2))  # not among the frequent ones


def test_an_empty_column_has_no_values():
    p = column_profile([])
    assert (p.empty, p.distinct, p.values, p.frequent) == (0, 0, (), ())
