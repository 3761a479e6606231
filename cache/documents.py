"""The seed's JSON documents, as functions of the SQLite rows.

Each file's content is defined here from the mirror tables alone, so the file tree can always be rebuilt from
cache.db and a check can prove that the two agree. `paths_for` says which files a changed row touches (its own
and its parent's, e.g. an order item touches its order); `render_many` builds those files, in batches.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import orjson

from cache.jsontree import file_name, ident_of
from cache.tables import BY_NAME

CATEGORY_DIRS = {"course": "courses", "package": "packages", "cooking_eqt": "cooking_eqt", "menu": "menu"}
DIR_CATEGORIES = {v: k for k, v in CATEGORY_DIRS.items()}
ALL_PRODUCTS = "products/__all__.json"
CAMPAIGNS_30D = "ads/campaign/campaigns_last_30d.json"
BANGKOK = dt.timezone(dt.timedelta(hours=7))  # the school's day boundaries; Thailand has no daylight saving
WINDOW_DAYS = 30

Row = Mapping[str, Any]


def bangkok_date(timestamp: str) -> str:
    return dt.datetime.fromisoformat(timestamp).astimezone(BANGKOK).date().isoformat()


def window_start(today: str) -> str:
    return (dt.date.fromisoformat(today) - dt.timedelta(days=WINDOW_DAYS - 1)).isoformat()


# A rule gets the row and the first day of the 30-day window (None before the first sync set "today").
Rule = Callable[[Row, str | None], list[str]]


def _own(folder: str) -> Rule:
    return lambda row, window_from: [f"{folder}/{file_name(row['id'])}.json"]


def _parent(column: str, folder: str) -> Rule:
    return lambda row, window_from: [f"{folder}/{file_name(row[column])}.json"] if row.get(column) else []


def _product(row: Row, window_from: str | None) -> list[str]:
    folder = CATEGORY_DIRS.get(row.get("category") or "")
    return [f"products/{folder}/{file_name(row['id'])}.json", ALL_PRODUCTS] if folder else [ALL_PRODUCTS]


def _daily(row: Row, window_from: str | None) -> list[str]:
    if window_from and row["date"] >= window_from:
        return [f"ad_logs/daily/{row['date']}.json", CAMPAIGNS_30D]
    return [f"ad_logs/daily/{row['date']}.json"]


def _hourly(row: Row, window_from: str | None) -> list[str]:
    return [f"ad_logs/hourly/{bangkok_date(row['hour'])}.json"]


def _snapshot(row: Row, window_from: str | None) -> list[str]:
    return [CAMPAIGNS_30D]


# Per table, the files a row (before or after a change) belongs to.
_PATHS: dict[str, list[Rule]] = {
    "employees": [_own("employee")],
    "products": [_product],
    "package_items": [_parent("package_id", "products/packages")],
    "customers": [_own("customer")],
    "campaigns": [_own("ads/campaign"), _snapshot],
    "ad_sets": [_own("ads/ad_set"), _parent("campaign_id", "ads/campaign"), _snapshot],
    "ads": [_own("ads/ad"), _parent("ad_set_id", "ads/ad_set"), _snapshot],
    "orders": [_own("orders"), _parent("customer_id", "customer")],
    "order_items": [_parent("order_id", "orders")],
    "ad_daily_stats": [_daily],
    "ad_hourly_stats": [_hourly],
}

# Every folder that holds documents (pictures live elsewhere and are handled by the sync's picture fetcher).
DOCUMENT_FOLDERS = ("customer", "employee", "orders", "products", *(f"products/{d}" for d in CATEGORY_DIRS.values()),
                    "ads/campaign", "ads/ad_set", "ads/ad", "ad_logs/daily", "ad_logs/hourly")

# Tables whose files depend on columns that can change, so the row as it was must be looked at too.
TABLES_WITH_MOVABLE_PATHS = {"products", "package_items", "ad_sets", "ads", "orders", "order_items",
                             "ad_daily_stats", "ad_hourly_stats"}


def paths_for(table: str, rows: Iterable[Row], today: str | None) -> set[str]:
    out: set[str] = set()
    rules = _PATHS[table]
    window_from = window_start(today) if today else None
    for row in rows:
        for rule in rules:
            out.update(rule(row, window_from))
    return out


# --- rows as documents ----------------------------------------------------------------------------------------

def _decoder(table: str) -> Callable[[sqlite3.Row], dict[str, Any]]:
    """SQLite row → the row as the server sent it (JSON arrays and booleans restored)."""
    spec = BY_NAME[table]
    arrays = [c.name for c in spec.columns if c.json_array]
    booleans = [c.name for c in spec.columns if c.boolean]

    def decode(row: sqlite3.Row) -> dict[str, Any]:
        doc = dict(row)
        for name in arrays:
            if doc[name] is not None:
                doc[name] = orjson.loads(doc[name])
        for name in booleans:
            if doc[name] is not None:
                doc[name] = bool(doc[name])
        return doc

    return decode


DECODERS = {name: _decoder(name) for name in BY_NAME}


def _fetch(conn: sqlite3.Connection, table: str, column: str, keys: list[str],
           order: str = "id") -> dict[str, list[dict[str, Any]]]:
    """Rows of `table` whose `column` is one of `keys`, grouped by it."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    if not keys:
        return out
    decode = DECODERS[table]
    marks = ",".join("?" * len(keys))
    for row in conn.execute(f"SELECT * FROM {table} WHERE {column} IN ({marks}) ORDER BY {order}", keys):
        out[row[column]].append(decode(row))
    return out


def _with_children(conn: sqlite3.Connection, table: str, ids: list[str], child: str | None = None,
                   child_column: str = "", key: str = "", order: str = "id") -> dict[str, dict[str, Any] | None]:
    parents = _fetch(conn, table, "id", ids)
    children = _fetch(conn, child, child_column, ids, order) if child else {}
    out: dict[str, dict[str, Any] | None] = {}
    for ident in ids:
        found = parents.get(ident)
        if not found:
            out[ident] = None
            continue
        doc = found[0]
        if child:
            doc[key] = children.get(ident, [])
        out[ident] = doc
    return out


def _campaigns_30d(conn: sqlite3.Connection) -> dict[str, Any] | None:
    today = meta(conn, "server_today")
    if today is None:
        return None
    start = window_start(today)
    rows = conn.execute(
        """
        SELECT c.id, c.name, c.platform, c.status,
               round(coalesce(sum(s.spend_thb), 0), 2) AS spend_thb,
               coalesce(sum(s.impressions), 0) AS impressions, coalesce(sum(s.reach), 0) AS reach,
               coalesce(sum(s.clicks), 0) AS clicks, coalesce(sum(s.leads), 0) AS leads,
               coalesce(sum(s.messages), 0) AS messages
        FROM campaigns c
        LEFT JOIN ad_sets a ON a.campaign_id = c.id
        LEFT JOIN ads d ON d.ad_set_id = a.id
        LEFT JOIN ad_daily_stats s ON s.ad_id = d.id AND s.date BETWEEN ? AND ?
        GROUP BY c.id ORDER BY c.id
        """,
        (start, today),
    ).fetchall()
    # Like every document, the snapshot exists only while rows produce it.
    return {"from": start, "to": today, "campaigns": [dict(r) for r in rows]} if rows else None


def _hourly_rows(conn: sqlite3.Connection, date: str) -> list[dict[str, Any]]:
    day = dt.date.fromisoformat(date)
    start = dt.datetime(day.year, day.month, day.day, tzinfo=BANGKOK).astimezone(dt.UTC)
    end = start + dt.timedelta(days=1)
    decode = DECODERS["ad_hourly_stats"]
    return [decode(r) for r in conn.execute(
        "SELECT * FROM ad_hourly_stats WHERE hour >= ? AND hour < ? ORDER BY hour, ad_id",
        (start.isoformat(), end.isoformat()))]


def meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def _encode(doc: Any) -> bytes | None:
    return None if doc is None or doc == [] else orjson.dumps(doc)


def render_many(conn: sqlite3.Connection, paths: Iterable[str]) -> dict[str, bytes | None]:
    """Each path's content from the rows, or None where the file should not exist (its row is gone)."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    out: dict[str, bytes | None] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        ident = ident_of(name.removesuffix(".json"))
        groups[folder].append((path, ident))
    for folder, items in groups.items():
        ids = [ident for _, ident in items]
        docs: Mapping[str, Any]
        if folder == "customer":
            docs = _with_children(conn, "customers", ids, "orders", "customer_id", "orders",
                                  "created_at DESC, id DESC")
        elif folder == "orders":
            docs = _with_children(conn, "orders", ids, "order_items", "order_id", "items")
        elif folder == "employee":
            docs = _with_children(conn, "employees", ids)
        elif folder == "ads/ad":
            docs = _with_children(conn, "ads", ids)
        elif folder == "ads/ad_set":
            docs = _with_children(conn, "ad_sets", ids, "ads", "ad_set_id", "ads")
        elif folder == "ads/campaign":
            docs = _with_children(conn, "campaigns", ids, "ad_sets", "campaign_id", "ad_sets")
            if "campaigns_last_30d" in ids:
                docs = {**docs, "campaigns_last_30d": _campaigns_30d(conn)}
        elif folder == "products":
            decode = DECODERS["products"]
            docs = {"__all__": [decode(r) for r in conn.execute(
                "SELECT * FROM products ORDER BY category, sort_order, id")]}
        elif folder.startswith("products/"):
            category = DIR_CATEGORIES.get(folder.removeprefix("products/"))
            with_items = category == "package"
            found = _with_children(conn, "products", ids, "package_items" if with_items else None,
                                   "package_id", "items")
            # A product whose category changed no longer belongs in this folder.
            docs = {i: d if d is not None and d["category"] == category else None for i, d in found.items()}
        elif folder == "ad_logs/daily":
            rows = _fetch(conn, "ad_daily_stats", "date", ids, "ad_id")
            docs = {i: rows.get(i, []) for i in ids}
        elif folder == "ad_logs/hourly":
            docs = {i: _hourly_rows(conn, i) for i in ids}
        else:
            raise ValueError(f"no document is defined for {folder}/")
        for path, ident in items:
            out[path] = _encode(docs.get(ident))
    return out
