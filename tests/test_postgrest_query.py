"""The URL grammar on its own: what clients send is parsed into the structure PostgREST would build."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devserver.errors import ApiError
from devserver.postgrest_query import Condition, Logic, parse_list, parse_query_string


def quote(value: str) -> str:
    """How clients quote a list item that holds reserved characters."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@given(st.lists(st.text(min_size=1), max_size=6))
def test_quoted_list_items_round_trip(values):
    assert parse_list("(" + ",".join(quote(v) for v in values) + ")") == values


@given(st.text(alphabet=st.characters(blacklist_characters='",()\\{}'), min_size=1))
def test_logic_tree_values_round_trip(value):
    (tree,) = parse_query_string("or=" + f"(id.eq.{quote(value)},id.eq.x)".replace("%", "%25")
                                 .replace("&", "%26").replace("+", "%2B").replace("#", "%23")).filters
    assert isinstance(tree, Logic)
    assert tree.items[0].value == value


def test_keyset_page_query_of_the_sync_protocol():
    query = parse_query_string(
        "select=*&txid=gte.120&or=(txid.gt.120,and(txid.eq.120,id.gt.%22TVS-CUS-FB-26-0002%22))"
        "&order=txid.asc,id.asc&limit=1000"
    )
    gte, tree = query.filters
    assert gte == Condition(gte.field, "gte", "120")
    assert isinstance(tree, Logic) and tree.op == "or"
    inner = tree.items[1]
    assert isinstance(inner, Logic) and inner.op == "and"
    assert inner.items[1].value == "TVS-CUS-FB-26-0002"
    assert [(t.field.column, t.descending) for t in query.order] == [("txid", False), ("id", False)]
    assert query.limit == 1000


def test_top_level_values_are_taken_verbatim():
    (cond,) = parse_query_string("name=eq.a.b").filters
    assert cond.value == "a.b"
    (cond,) = parse_query_string('name=eq."quoted"').filters
    assert cond.value == '"quoted"'


def test_plus_is_a_space():
    (cond,) = parse_query_string("updated_at=gt.2024-05-01+12%3A00%3A00%2B00%3A00").filters
    assert cond.value == "2024-05-01 12:00:00+00:00"


@pytest.mark.parametrize("raw", ["id=foo.1", "id=eq", "or=id.eq.1", "or=(id.eq.1", "order=id.sideways",
                                 "limit=-1", "select=orders(*)", "in=(", "id=is.maybe", "a..b=eq.1"])
def test_malformed_input_is_pgrst100(raw):
    with pytest.raises(ApiError) as caught:
        parse_query_string(raw)
    assert caught.value.status == 400
    assert caught.value.body["code"] == "PGRST100"
