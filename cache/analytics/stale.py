"""What a changed row makes stale in the analytics aggregates, written down in the page's own transaction.

A change is described by the row before it and the row after it (either may be missing: an insert, a delete).
A row whose columns the figures read are the same before and after changes nothing (a customer's new tag or
note, an order's new employee): the churn of a normal day is mostly such changes. Otherwise both rows name
keys in `analytics_dirty`, the row before for what it contributed until now, the row after for what it
contributes from now on. Keys that need other tables to become days (an order item → its order's payment day)
are expanded only when the aggregates are brought up to date (cache/analytics/aggregates.py), once per cycle rather than
once per page; the rows they are expanded through record their own old state when they change, so nothing the
aggregates last saw is missed.

Kinds of key:
    instant          a timestamp whose Bangkok day is stale (a payment, a customer's creation); kept as the
                     text the server sent, so the day is worked out by the same SQL as the aggregates'
    ad_day           a date of ad figures: the day's KPIs and the month's per-ad figures are stale
    order            an order whose items changed: its payment day
    first_paid       a customer whose first payment may have moved
    customer_orders  a customer whose acquisition campaign changed: every day they paid (their orders'
                     attribution) and their first payment
    ad, ad_set       an ad or ad set that moved: every day of its ads' figures
    campaign         a campaign renamed or moved platform: every day it appears in
    product          a product renamed or recategorised: every day it sold
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cache import meta
from cache.analytics import figures

Row = Mapping[str, Any]
Key = tuple[str, str]


@dataclass(frozen=True)
class _Rule:
    columns: tuple[str, ...]  # what the figures read from a row of the table
    keys: Callable[[Row], Iterable[tuple[str, Any]]]


RULES: dict[str, _Rule] = {
    "customers": _Rule(("created_at", "acquired_campaign_id"), lambda r: (
        ("instant", r["created_at"]), ("customer_orders", r["id"]))),
    "orders": _Rule(("customer_id", "status", "campaign_id", "total_thb", "discount_thb", "paid_at"), lambda r: (
        ("instant", r["paid_at"]), ("first_paid", r["customer_id"]))),
    "order_items": _Rule(("order_id", "product_id", "qty", "unit_price_thb"), lambda r: (("order", r["order_id"]),)),
    "ad_daily_stats": _Rule(("ad_id", "date", *figures.FIGURES), lambda r: (("ad_day", r["date"]),)),
    "ads": _Rule(("ad_set_id",), lambda r: (("ad", r["id"]),)),
    "ad_sets": _Rule(("campaign_id",), lambda r: (("ad_set", r["id"]),)),
    "campaigns": _Rule(("name", "platform"), lambda r: (("campaign", r["id"]),)),
    "products": _Rule(("name_th", "name_en", "category"), lambda r: (("product", r["id"]),)),
}


def columns_sql(table: str) -> str:
    """The columns to read a row's state before a change by."""
    return ", ".join(("id", *RULES[table].columns))


def changed_keys(table: str, before: Iterable[Row], after: Iterable[Row]) -> set[Key]:
    """The keys a change makes stale. `after` holds rows as the server sent them: a tombstone (deleted_at set)
    means the row is gone."""
    rule = RULES.get(table)
    if rule is None:
        return set()
    old = {r["id"]: r for r in before}
    new = {r["id"]: r for r in after if r.get("deleted_at") is None}
    keys: set[Key] = set()
    for ident in old.keys() | new.keys():
        was, now = old.get(ident), new.get(ident)
        if was is not None and now is not None and all(was[c] == now.get(c) for c in rule.columns):
            continue
        for row in (was, now):
            if row is not None:
                keys.update((kind, str(key)) for kind, key in rule.keys(row) if key is not None)
    return keys


def record(conn: sqlite3.Connection, keys: Iterable[Key]) -> None:
    conn.executemany("INSERT OR IGNORE INTO analytics_dirty (kind, key) VALUES (?, ?)", keys)


def mark_rebuild(conn: sqlite3.Connection) -> None:
    """A table is being filled from empty (its first pull): recording its keys page by page would cost more
    than building every aggregate once at the end of the cycle, which this asks for."""
    meta.put(conn, analytics_rebuild="1")
