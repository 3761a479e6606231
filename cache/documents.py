"""The seed's JSON documents, as functions of the SQLite rows.

Each file's content is defined here from the mirror tables alone, so the file tree can always be rebuilt from
cache.db and a check can prove that the two agree. `paths_for` says which files a changed row touches (its own
and its parent's, e.g. an order item touches its order); `render_many` builds those files, in batches; `read`
is how a record is read, from its file or, failing that, from the rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from cache import meta
from cache.analytics import figures
from cache.jsontree import JsonTree, file_name, ident_of, shortened_start
from cache.tables import BY_NAME

log = logging.getLogger(__name__)

CATEGORY_DIRS = {"course": "courses", "package": "packages", "cooking_eqt": "cooking_eqt", "menu": "menu"}
DIR_CATEGORIES = {v: k for k, v in CATEGORY_DIRS.items()}
# The folders of the records that have a file each, named by the id (a product's folder is its category's).
RECORD_FOLDERS = {"employees": "employee", "customers": "customer", "orders": "orders", "campaigns": "ads/campaign",
                  "ad_sets": "ads/ad_set", "ads": "ads/ad"}
ALL_PRODUCTS = "products/__all__.json"
CAMPAIGNS_30D = "ads/campaign/campaigns_last_30d.json"
BANGKOK = dt.timezone(dt.timedelta(hours=7))  # the school's day boundaries; Thailand has no daylight saving
WINDOW_DAYS = 30

Row = Mapping[str, Any]


# An hour's figures come for every ad at once (2,000 rows naming the same hour; 336k rows, 168 hours, in a first sync
# of large): parsing each again took most of the time their paths cost.
@functools.lru_cache(maxsize=4096)
def bangkok_date(timestamp: str) -> str:
    return dt.datetime.fromisoformat(timestamp).astimezone(BANGKOK).date().isoformat()


def window_start(today: str) -> str:
    return (dt.date.fromisoformat(today) - dt.timedelta(days=WINDOW_DAYS - 1)).isoformat()


# A rule gets the row and the first day of the 30-day window (None before the first sync set "today").
Rule = Callable[[Row, str | None], list[str]]


def record_path(table: str, row: Row) -> str | None:
    """A record's own file, from its id (and a product's category); None for a product of no known category,
    which has none."""
    if table == "products":
        folder = CATEGORY_DIRS.get(row.get("category") or "")
        return _file(f"products/{folder}", row["id"]) if folder else None
    return _file(RECORD_FOLDERS[table], row["id"])


def _file(folder: str, ident: str) -> str:
    return f"{folder}/{file_name(ident)}.json"


def _own(table: str) -> Rule:
    return lambda row, window_from: [_file(RECORD_FOLDERS[table], row["id"])]


def _parent(column: str, folder: str) -> Rule:
    return lambda row, window_from: [_file(folder, row[column])] if row.get(column) else []


def _product(row: Row, window_from: str | None) -> list[str]:
    own = record_path("products", row)
    return [own, ALL_PRODUCTS] if own else [ALL_PRODUCTS]


def _daily(row: Row, window_from: str | None) -> list[str]:
    if window_from and row["date"] >= window_from:
        return [f"ad_logs/daily/{row['date']}.json", CAMPAIGNS_30D]
    return [f"ad_logs/daily/{row['date']}.json"]


def _hourly(row: Row, window_from: str | None) -> list[str]:
    return [f"ad_logs/hourly/{bangkok_date(row['hour'])}.json"]


def _snapshot(row: Row, window_from: str | None) -> list[str]:
    return [CAMPAIGNS_30D]


# Per table, the files a row (before or after a change) belongs to: each rule with the folder of every path it
# gives, or None where that varies.
_PATHS: dict[str, list[tuple[str | None, Rule]]] = {
    "employees": [(RECORD_FOLDERS["employees"], _own("employees"))],
    "products": [(None, _product)],
    "package_items": [("products/packages", _parent("package_id", "products/packages"))],
    "customers": [(RECORD_FOLDERS["customers"], _own("customers"))],
    "customer_activities": [("customer", _parent("customer_id", "customer"))],
    "campaigns": [(RECORD_FOLDERS["campaigns"], _own("campaigns")), (None, _snapshot)],
    "ad_sets": [(RECORD_FOLDERS["ad_sets"], _own("ad_sets")), ("ads/campaign", _parent("campaign_id", "ads/campaign")),
                (None, _snapshot)],
    "ads": [(RECORD_FOLDERS["ads"], _own("ads")), ("ads/ad_set", _parent("ad_set_id", "ads/ad_set")),
            (None, _snapshot)],
    "orders": [(RECORD_FOLDERS["orders"], _own("orders")), ("customer", _parent("customer_id", "customer"))],
    "order_items": [("orders", _parent("order_id", "orders"))],
    "ad_daily_stats": [(None, _daily)],
    "ad_hourly_stats": [(None, _hourly)],
}


# Folders of files rendered from the analytics aggregates (cache/analytics/files.py) rather than from rows.
ANALYTICS_FOLDERS = ("analytics", "ad_logs/monthly", "ad_logs/yearly")

# Every folder that holds documents (pictures live elsewhere and are handled by the sync's picture fetcher).
DOCUMENT_FOLDERS = ("customer", "employee", "orders", "products", *(f"products/{d}" for d in CATEGORY_DIRS.values()),
                    "ads/campaign", "ads/ad_set", "ads/ad", "ad_logs/daily", "ad_logs/hourly", *ANALYTICS_FOLDERS)

# Tables whose files depend on columns that can change, so the row as it was must be looked at too.
TABLES_WITH_MOVABLE_PATHS = {"customer_activities", "products", "package_items", "ad_sets", "ads", "orders",
                             "order_items", "ad_daily_stats", "ad_hourly_stats"}


# A journal entry for all the record files of a folder, one for each row of its table: a table filled from empty
# journals this once instead of one entry a row (300k in a first sync, each inserted, looked up and deleted).
# No file name is "*" (file_name quotes it).
WHOLE = "*"


def whole_folder(table: str) -> str | None:
    """The journal entry that stands for every record file of the table, when its records have a folder."""
    folder = RECORD_FOLDERS.get(table)
    return f"{folder}/{WHOLE}" if folder else None


def record_paths(folder: str, ids: Iterable[str]) -> list[str]:
    return [_file(folder, ident) for ident in ids]


def rule_folders(table: str) -> set[str | None]:
    """The folders of the files the table's rows belong to, None standing for those that vary from row to row."""
    return {folder for folder, _ in _PATHS[table]}


def paths_for(table: str, rows: Iterable[Row], today: str | None, *,
              leave_out: Collection[str | None] = ()) -> set[str]:
    """The files the rows belong to; with `leave_out`, but for those in these folders that rules of a fixed
    folder give (a folder journaled whole: a first sync's 1.8M rows need none of their 300k paths)."""
    out: set[str] = set()
    rules = [rule for folder, rule in _PATHS[table] if folder is None or folder not in leave_out]
    if not rules:
        return out
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


def _json_object(table: str, alias: str) -> str:
    """SQL that builds a row's JSON object as the server sent it (arrays and booleans restored), in column
    order. SQLite writes the text itself: rendering 300k files this way costs a fraction of decoding rows into
    Python and encoding them again. The renderers hand it over CAST AS BLOB, the UTF-8 bytes a file holds: as
    text it would be decoded into a str and encoded back, two more copies of a day's hourly figures (13 MB)."""
    parts = []
    for column in BY_NAME[table].columns:
        ref = f"{alias}.{column.name}"
        if column.json_array:
            value = f"json({ref})"
        elif column.boolean:
            value = f"CASE WHEN {ref} IS NULL THEN NULL WHEN {ref} THEN json('true') ELSE json('false') END"
        else:
            value = ref
        parts.append(f"'{column.name}', {value}")
    return f"json_object({', '.join(parts)})"


def _children(table: str, column: str, parent: str, order: str) -> str:
    """A JSON array of the child rows of `parent`, ordered. json() again around each element because a JSON
    value loses its JSON-ness when it passes through a subquery."""
    return (f"(SELECT json_group_array(json(doc)) FROM (SELECT {_json_object(table, 'c')} AS doc FROM {table} c "
            f"WHERE c.{column} = {parent}.id ORDER BY {order}))")


Children = tuple[str, str, str, str]  # (table, column naming the parent, key in the document, order)


def _documents(conn: sqlite3.Connection, table: str, ids: list[str], children: Children | None = None,
               where: str = "", params: Sequence[Any] = (), more: Sequence[Children] = ()) -> dict[str, bytes]:
    """id → JSON (UTF-8) of each existing row among `ids` (that also matches `where`), with its children
    (table, column, key, order) nested."""
    if not ids:
        return {}
    body = _json_object(table, "p")
    for child, column, key, order in (*((children,) if children else ()), *more):
        body = f"json_insert({body}, '$.{key}', json({_children(child, column, 'p', order)}))"
    marks = ",".join("?" * len(ids))
    return dict(conn.execute(f"SELECT p.id, CAST({body} AS BLOB) FROM {table} p WHERE p.id IN ({marks}){where}",
                             [*ids, *params]).fetchall())


def _array(conn: sqlite3.Connection, table: str, where: str, params: Sequence[Any], order: str) -> bytes | None:
    """The rows matching `where` as one JSON array, or None when there are none (no file then). Joined here
    from each row's object: SQLite's json_group_array grows its text by doubling and parses each member again,
    which took 70 MB to build a day of hourly figures (13 MB), against the array and its members here."""
    docs = [doc for (doc,) in conn.execute(
        f"SELECT CAST({_json_object(table, 'r')} AS BLOB) FROM {table} r WHERE {where} ORDER BY {order}", params)]
    if not docs:
        return None
    # The brackets added to the members (the same one when alone), so that the whole is copied once.
    docs[0] = b"[" + docs[0]
    docs[-1] += b"]"
    return b",".join(docs)


# A campaign's ad figures over the window, as json_object members.
_AD_TOTALS = ", ".join(f"'{figure}', {sql}" for figure, sql in figures.totals("s."))


def _campaigns_30d(conn: sqlite3.Connection) -> bytes | None:
    today = meta.get(conn, "server_today")
    if today is None:
        return None
    start = window_start(today)
    (text, count) = conn.execute(
        f"""
        SELECT CAST(json_object('from', ?, 'to', ?, 'campaigns', json_group_array(json(doc))) AS BLOB), count(*) FROM (
          SELECT json_object('id', c.id, 'name', c.name, 'platform', c.platform, 'status', c.status,
                             {_AD_TOTALS}) AS doc
          FROM campaigns c
          LEFT JOIN ad_sets a ON a.campaign_id = c.id
          LEFT JOIN ads d ON d.ad_set_id = a.id
          LEFT JOIN ad_daily_stats s ON s.ad_id = d.id AND s.date BETWEEN ? AND ?
          GROUP BY c.id ORDER BY c.id)
        """,
        (start, today, start, today),
    ).fetchone()
    # Like every document, the snapshot exists only while rows produce it.
    return text if count else None


def _hourly_document(conn: sqlite3.Connection, date: str) -> bytes | None:
    day = dt.date.fromisoformat(date)
    start = dt.datetime(day.year, day.month, day.day, tzinfo=BANGKOK).astimezone(dt.UTC)
    end = start + dt.timedelta(days=1)
    return _array(conn, "ad_hourly_stats", "hour >= ? AND hour < ?", (start.isoformat(), end.isoformat()),
                  "hour, ad_id")


def render_many(conn: sqlite3.Connection, paths: Iterable[str]) -> dict[str, bytes | None]:
    """Each path's content from the rows, or None where the file should not exist (its row is gone)."""
    return dict(iter_rendered(conn, paths))


def _batch(conn: sqlite3.Connection, folder: str, ids: list[str]) -> dict[str, bytes]:
    """Documents of a folder of records, rendered for many ids in one query."""
    if folder == "customer":
        # The profile holds the rep's timeline too: one file is everything the profile shows, synced or pending.
        return _documents(conn, "customers", ids, ("orders", "customer_id", "orders", "c.created_at DESC, c.id DESC"),
                          more=[("customer_activities", "customer_id", "activities", "c.created_at DESC, c.id DESC")])
    if folder == "orders":
        return _documents(conn, "orders", ids, ("order_items", "order_id", "items", "c.id"))
    if folder == "employee":
        return _documents(conn, "employees", ids)
    if folder == "ads/ad":
        return _documents(conn, "ads", ids)
    if folder == "ads/ad_set":
        return _documents(conn, "ad_sets", ids, ("ads", "ad_set_id", "ads", "c.id"))
    if folder == "ads/campaign":
        return _documents(conn, "campaigns", [i for i in ids if i != "campaigns_last_30d"],
                          ("ad_sets", "campaign_id", "ad_sets", "c.id"))
    if folder.startswith("products/"):
        # A product whose category changed no longer belongs in this folder: the row must match it.
        category = DIR_CATEGORIES.get(folder.removeprefix("products/"), "")
        items_of = ("package_items", "package_id", "items", "c.id") if category == "package" else None
        return _documents(conn, "products", ids, items_of, " AND p.category = ?", (category,))
    raise ValueError(f"no document is defined for {folder}/")


def _single(conn: sqlite3.Connection, folder: str, ident: str) -> bytes | None:
    """Documents that each gather many rows (a day of ad figures is 2,000 ads × 24 hours), one at a time."""
    if folder == "ad_logs/daily":
        return _array(conn, "ad_daily_stats", "date = ?", (ident,), "ad_id")
    if folder == "ad_logs/hourly":
        return _hourly_document(conn, ident)
    if folder == "products" and ident == "__all__":
        return _array(conn, "products", "1", (), "category, sort_order, id")
    if folder == "ads/campaign" and ident == "campaigns_last_30d":
        return _campaigns_30d(conn)
    raise ValueError(f"no document is defined for {folder}/{ident}")


_SINGLES = {"ad_logs/daily", "ad_logs/hourly", "products"}
_FOLDER_TABLES = {**{folder: table for table, folder in RECORD_FOLDERS.items()},
                  **{f"products/{d}": "products" for d in CATEGORY_DIRS.values()}}


def _ident(conn: sqlite3.Connection, folder: str, name: str) -> str | None:
    """The id a file is named after. A shortened name (a very long id) is looked up among the rows whose id
    starts the same; None when no row produces that name (the row is gone, and so must the file be)."""
    ident = ident_of(name)
    if ident is not None:
        return ident
    table = _FOLDER_TABLES.get(folder)
    if table is not None:
        start = shortened_start(name)
        for (candidate,) in conn.execute(f"SELECT id FROM {table} WHERE substr(id, 1, ?) = ?", (len(start), start)):
            if file_name(candidate) == name:
                return str(candidate)
    return None


def iter_rendered(conn: sqlite3.Connection, paths: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """(path, content) for each path, content None where the file should not exist (its row is gone).
    Lazily, so that a drain holds a few large documents at a time rather than all of a batch."""
    groups: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for path in paths:
        folder, _, name = path.rpartition("/")
        groups[folder].append((path, _ident(conn, folder, name.removesuffix(".json"))))
    for folder, items in groups.items():
        named = [(path, ident) for path, ident in items if ident is not None]
        yield from ((path, None) for path, ident in items if ident is None)
        if folder in ANALYTICS_FOLDERS:
            # Here, not at the top: the window reads records through this module, and its first frame needs
            # none of the analytics' files.
            from cache.analytics import files as analytics_files

            paths = {ident: path for path, ident in named}
            for ident, text in analytics_files.render_many(conn, folder, list(paths)):
                yield paths[ident], None if text is None else text.encode()
            continue
        docs = {} if folder in _SINGLES else _batch(conn, folder, [ident for _, ident in named])
        for path, ident in named:
            yield path, _single(conn, folder, ident) if folder in _SINGLES or ident == "campaigns_last_30d" \
                else docs.get(ident)


# --- reading --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Read:
    doc: Any | None  # None: neither the file nor the rows hold it
    rewrite: bool  # the file could not be used (missing, damaged, another record's): the rows' version replaces it


_OWN_FOLDERS = {*RECORD_FOLDERS.values(), *(f"products/{d}" for d in CATEGORY_DIRS.values())}


def _holds_its_record(path: str, doc: object) -> bool:
    """A record's file names the record it holds; a file of another id (a rename gone wrong, a copy by hand) is
    not trusted. Files that gather many rows (a day of figures, a snapshot, every product) have no id."""
    folder, _, name = path.rpartition("/")
    if folder not in _OWN_FOLDERS or path == CAMPAIGNS_30D:
        return True
    return isinstance(doc, dict) and isinstance(doc.get("id"), str) and file_name(doc["id"]) == name.removesuffix(
        ".json")


def read(conn: sqlite3.Connection, tree: JsonTree, path: str) -> Read:
    """A document as the application reads it: the file first (instant); when it is missing, damaged or not
    the record's, the same document from the rows. Only the caller that writes the cache can queue the file to
    be written again (`rewrite`): only the journal's drain writes files, so a reader never puts back an older
    version."""
    if _behind_the_rows(conn, path):
        # The rows changed and the drain has not written the file yet (a rep's write while offline, a first
        # sync still writing files): the rows are the truth, and the file is already queued.
        data = render_many(conn, [path])[path]
        return Read(None if data is None else orjson.loads(data), rewrite=False)
    try:
        doc = tree.read(path)
    except (orjson.JSONDecodeError, OSError) as exc:
        log.warning("damaged cache file %s (%s): reading it from the database", path, exc)
        return _from_rows(conn, path, existed=True)
    if doc is None:
        return _from_rows(conn, path, existed=False)
    if not _holds_its_record(path, doc):
        log.warning("cache file %s holds another record: reading it from the database", path)
        return _from_rows(conn, path, existed=True)
    return Read(doc, rewrite=False)


def _behind_the_rows(conn: sqlite3.Connection, path: str) -> bool:
    folder = path.rpartition("/")[0]
    return conn.execute("SELECT 1 FROM json_journal WHERE path IN (?, ?) LIMIT 1",
                        (path, f"{folder}/{WHOLE}")).fetchone() is not None


def _from_rows(conn: sqlite3.Connection, path: str, *, existed: bool) -> Read:
    data = render_many(conn, [path])[path]
    # A file whose row is gone is rewritten too: the drain then removes it.
    return Read(None if data is None else orjson.loads(data), rewrite=existed or data is not None)
