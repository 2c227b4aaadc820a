"""The JSON form of a query: what scenario authors write as a challenge's reference query."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core.reuse import AGGREGATES, OPERATORS, Filter, Query, QueryError

AUTHOR_QUERY = {"filter": [{"column": "objet", "op": "contains", "value": "sport"}], "group": ["nomBeneficiaire"],
                "aggregate": "sum", "measure": "montant", "sort": "montant", "desc": True, "top": 5}


def test_the_authors_short_form_reads_into_a_query_and_back():
    query = Query.from_json(AUTHOR_QUERY)
    assert query == Query((Filter("objet", "contains", "sport"),), ("nomBeneficiaire",), "sum", "montant",
                          "montant", True, 5)
    assert query.to_json() == AUTHOR_QUERY


def test_missing_keys_take_their_default():
    assert Query.from_json({}) == Query()
    assert Query.from_json({"filter": [{"column": "montant", "op": "empty"}]}).filters == (
        Filter("montant", "empty", ""),)
    assert Query().to_json() == {}


def test_a_single_column_or_filter_may_be_written_without_brackets_and_numbers_as_numbers():
    query = Query.from_json({"group": "nomBeneficiaire", "filter": {"column": "montant", "op": ">", "value": 1000}})
    assert query.group_by == ("nomBeneficiaire",) and query.filters == (Filter("montant", ">", "1000"),)


@pytest.mark.parametrize(("data", "message", "hint"), [
    ([], "Une requête doit être un objet JSON (entre accolades).", None),
    ({"groupe": ["a"]}, "Clé inconnue dans la requête : « groupe ».", "Vouliez-vous dire « group » ?"),
    ({"filter": [{"column": "a", "op": "=", "valeur": "x"}]}, "Clé inconnue dans un filtre : « valeur ».",
     "Vouliez-vous dire « value » ?"),
    ({"filter": [{"column": "a"}]},
     "Un filtre doit indiquer une colonne (« column ») et une opération (« op »).", None),
    ({"top": "5"}, "« top » doit être un nombre entier (par exemple 5).", None),
    ({"top": True}, "« top » doit être un nombre entier (par exemple 5).", None),
    ({"group": [1]}, "« group » doit être une liste.", None),
    ({"desc": "oui"}, "« desc » doit valoir true ou false.", None),
    ({"measure": ["montant"]}, "« measure » doit être un texte.", None),
])
def test_a_query_that_cannot_be_read_says_why_in_french(data, message, hint):
    with pytest.raises(QueryError) as caught:
        Query.from_json(data)
    assert caught.value.message.format_source() == message
    assert (caught.value.hint.format_source() if caught.value.hint else None) == hint


NAMES = st.text(min_size=1, max_size=12)
QUERIES = st.builds(
    Query,
    filters=st.lists(st.builds(Filter, NAMES, st.sampled_from(sorted(OPERATORS)), st.text(max_size=8)),
                     max_size=3).map(tuple),
    group_by=st.lists(NAMES, max_size=2).map(tuple),
    aggregate=st.sampled_from(["", *AGGREGATES]),
    measure=st.one_of(st.just(""), NAMES),
    sort=st.one_of(st.just(""), NAMES),
    descending=st.booleans(),
    top=st.one_of(st.none(), st.integers(1, 100)),
    select=st.lists(NAMES, max_size=3).map(tuple),
)


@given(QUERIES)
def test_json_round_trip(query):
    assert Query.from_json(query.to_json()) == query
