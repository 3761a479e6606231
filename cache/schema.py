"""The cache database's schema, by version. `MIGRATIONS[n]` takes a database from version n to n + 1; a new
file starts at 0 and runs them all, so a fresh cache and a migrated one always end up identical.

Tables are made with sqlite-utils from the column lists of cache/tables.py. Every step only creates what is
missing, so a step that a crash interrupted simply runs again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cache.phones import international_sql
from cache.tables import BY_NAME, TABLES

if TYPE_CHECKING:  # only a migration needs sqlite-utils, and the window's start must not import it
    import sqlite3

    import sqlite_utils

_PYTHON_TYPES: dict[str, type] = {"TEXT": str, "INTEGER": int, "REAL": float}


@dataclass(frozen=True)
class SearchIndex:
    """An FTS5 trigram index over a mirror table. Trigrams match any substring of three or more characters,
    which is what Thai (written without spaces between words) needs. The store keeps it in step a page at a
    time: one statement per page costs a fifth of what per-row triggers cost (measured: 114 → 20 µs a row)."""

    name: str
    source: str
    columns: dict[str, str]  # indexed column → SQL expression over the source row

    @property
    def ddl(self) -> str:
        return (f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.name} USING fts5({', '.join(self.columns)}, "
                "tokenize = 'trigram')")

    def fill(self, where: str = "", *, source: str | None = None) -> str:
        """SQL that indexes the source rows selected by `where` (read from `source`, by default the table)."""
        return (f"INSERT INTO {self.name} (rowid, {', '.join(self.columns)}) "
                f"SELECT rowid, {', '.join(self.columns.values())} FROM {source or self.source}{where}")


# Secondary indexes, per table: what the lists, filters and documents look rows up by.
INDEXES: dict[str, list[tuple[str, str]]] = {
    "customers": [("customers_segment", "segment"), ("customers_source", "source"),
                  ("customers_assigned", "assigned_employee_id"), ("customers_name", "full_name"),
                  ("customers_created", "created_at")],
    "customer_activities": [("customer_activities_customer", "customer_id, created_at"),
                            ("customer_activities_follow_up", "follow_up_at")],
    "products": [("products_category", "category, sort_order")],
    "package_items": [("package_items_package", "package_id")],
    "ad_sets": [("ad_sets_campaign", "campaign_id")],
    "ads": [("ads_ad_set", "ad_set_id")],
    "orders": [("orders_customer", "customer_id"), ("orders_created", "created_at")],
    "order_items": [("order_items_order", "order_id")],
    "ad_daily_stats": [("ad_daily_stats_date", "date"), ("ad_daily_stats_ad", "ad_id, date")],
    "ad_hourly_stats": [("ad_hourly_stats_hour", "hour")],
}

# Indexes on the Bangkok day of a timestamp, which the analytics aggregator recomputes a day at a time by
# (cache/analytics/aggregates.py). SQL expressions, so they are created by hand rather than by sqlite-utils; like the
# indexes above they are left out while a table's first pull fills it.
DAY_INDEXES: dict[str, list[tuple[str, str]]] = {
    "orders": [("orders_paid_day", "date(paid_at, '+7 hours')")],
    "customers": [("customers_created_day", "date(created_at, '+7 hours')")],
}


def create_day_indexes(db: sqlite_utils.Database, table: str) -> None:
    for name, expression in DAY_INDEXES.get(table, []):
        db.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({expression})")

SEARCH_INDEXES = {
    "customers": SearchIndex("customers_search", "customers", {
        **{c: c for c in ("id", "full_name", "nickname", "phone")},
        # The number in one international form (cache/phones.py), whatever way it was written.
        "phone_intl": international_sql("phone"),
        **{c: c for c in ("email", "line_id")},
        # The tags as words, not their JSON text: a search for "," or "[" must not match every tagged customer.
        "tags": "(SELECT group_concat(value, ' ') FROM json_each(tags))",
    }),
    "products": SearchIndex("products_search", "products", {
        c: c for c in ("id", "name_th", "name_en", "description_th", "description_en")}),
}

@dataclass(frozen=True)
class ShortSearch:
    """A narrow copy of a table's searchable text for queries of one or two characters, which trigrams cannot
    serve: every field in one string (separated by a control character, so no match spans two fields), beside
    the list's default sort key and indexed on (sort key, text). A short query then reads that index in list
    order and stops at the first page of matches, instead of testing seven columns of every wide row
    (bench/app_bench.py: a two-letter keystroke over 100,000 customers, 330 → 3 ms when it is common)."""

    name: str
    source: str
    sort: str  # the source column the list sorts by by default

    @property
    def text(self) -> str:
        """SQL for the searchable text of a source row: the trigram index's columns, in one string."""
        return " || char(31) || ".join(f"coalesce({expr}, '')" for expr in SEARCH_INDEXES[self.source].columns.values())

    @property
    def order_index(self) -> str:
        return f"CREATE INDEX IF NOT EXISTS {self.name}_order ON {self.name} (sort_key, text)"

    @property
    def ddl(self) -> str:
        return f"CREATE TABLE IF NOT EXISTS {self.name} (rowid INTEGER PRIMARY KEY, sort_key TEXT, text TEXT)"

    def create(self, db: sqlite_utils.Database) -> None:
        db.execute(self.ddl)
        db.execute(self.order_index)

    def rebuild(self, db: sqlite_utils.Database | sqlite3.Connection, fill: str | None = None) -> None:
        """Every source row written anew (by `fill`, SQL that writes them all, if not self.fill()), the order
        index made after them: kept up row by row as 100,000 customers went in, it took twice as long (1.25 s
        against 0.67 s, the end of a first sync's customers)."""
        db.execute(f"DROP INDEX IF EXISTS {self.name}_order")
        db.execute(f"DELETE FROM {self.name}")
        db.execute(fill or self.fill())
        db.execute(self.order_index)

    def fill(self, where: str = "", *, source: str | None = None) -> str:
        """SQL that (re)writes the rows of the source rows selected by `where` (read from `source`, by default the
        table)."""
        return (f"INSERT OR REPLACE INTO {self.name} (rowid, sort_key, text) "
                f"SELECT rowid, {self.sort}, {self.text} FROM {source or self.source}{where}")


SHORT_SEARCHES = {"customers": ShortSearch("customers_short", "customers", "full_name")}

# Tables nobody opens by id (no file of their own, no search, no changes of the rep's), filled from empty without
# the index on their id, which is built once at the end of the pass: a page of ad figures is a day of every ad,
# and its ids (ad:day) land all over that index, so that each page's commit rewrote a thousand of its pages
# (730k rows: 26.6 s with the index, 4.1 s without it and 0.7 s to build it after).
LATE_KEYS = frozenset({"package_items", "order_items", "ad_daily_stats", "ad_hourly_stats"})


def key_index(table: str) -> str:
    """The unique index on the id of a table filled without it (LATE_KEYS)."""
    return f"{table}_key"


def keyless_table(table: str) -> str:
    """The CREATE TABLE of a LATE_KEYS table as it is filled: the id required, but not yet unique."""
    columns = ", ".join(f"{c.name} {c.sqlite_type}{' NOT NULL' if c.name == 'id' else ''}"
                        for c in BY_NAME[table].columns)
    return f"CREATE TABLE {table} ({columns})"


def _version_1(db: sqlite_utils.Database) -> None:
    for spec in TABLES:
        db.table(spec.name).create({c.name: _PYTHON_TYPES[c.sqlite_type] for c in spec.columns}, pk="id",
                             if_not_exists=True)
    for table, indexes in INDEXES.items():
        for name, columns in indexes:
            db.table(table).create_index([c.strip() for c in columns.split(",")], index_name=name, if_not_exists=True)
    # Per table: where the current pass stands and how fresh the mirror is (DESIGN.md §3).
    db.table("sync_state").create({
        "table_name": str,
        "floor": int,  # a new pass starts at txid >= floor
        "pass_watermark": int,  # the watermark of the cycle that began the current pass
        "checkpoint_txid": int,  # the last row applied in the current pass
        "checkpoint_id": str,
        "last_synced_at": str,  # server time of the last completed pass
        "last_reconciled_at": str,
        "row_count": int,
        "last_error": str,
        "last_error_at": str,
        "indexes_deferred": int,  # a table's first pull builds its indexes once, at the end
    }, pk="table_name", not_null={"floor", "row_count", "indexes_deferred"},
        defaults={"floor": 0, "row_count": 0, "indexes_deferred": 0}, if_not_exists=True)
    # JSON files to (re)write from the rows, added in the same transaction as the rows that changed them. The
    # version changes with every new entry for a path, so a drain only removes what it actually rendered.
    db.table("json_journal").create({"path": str, "version": int}, pk="path", not_null={"version"}, if_not_exists=True)
    # Downloaded product pictures (path in the bucket) and the validators to revalidate them with; the product
    # row's txid when the picture was last checked.
    db.table("pictures").create({"path": str, "etag": str, "size": int, "product_txid": int, "checked_at": str},
                          pk="path", if_not_exists=True)
    db.table("meta").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    for index in SEARCH_INDEXES.values():
        db.execute(index.ddl)


def _version_2(db: sqlite_utils.Database) -> None:
    for short in SHORT_SEARCHES.values():
        short.create(db)
        deferred = db.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = ?",
                              [short.source]).fetchone()
        if not (deferred and deferred[0]):  # a deferred table gets it with its other indexes
            short.rebuild(db)


def _version_3(db: sqlite_utils.Database) -> None:
    """The analytics aggregates (cache/analytics/aggregates.py; definitions in docs/analytics.md). Money is kept in
    whole satang (INTEGER), so sums come out the same whatever order rows are added in: a day recomputed alone
    equals the same day of a full rebuild, to the last digit."""
    for table in DAY_INDEXES:
        deferred = db.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = ?", [table]).fetchone()
        if not (deferred and deferred[0]):
            create_day_indexes(db, table)
    ad_figures = "impressions INTEGER NOT NULL, reach INTEGER NOT NULL, clicks INTEGER NOT NULL, " \
                 "leads INTEGER NOT NULL, messages INTEGER NOT NULL"
    db.executescript(f"""
        CREATE TABLE IF NOT EXISTS analytics_daily (
            day TEXT PRIMARY KEY, gross_satang INTEGER NOT NULL, refunded_satang INTEGER NOT NULL,
            revenue_satang INTEGER NOT NULL, orders INTEGER NOT NULL, refunds INTEGER NOT NULL,
            attributed_satang INTEGER NOT NULL, attributed_orders INTEGER NOT NULL, new_leads INTEGER NOT NULL,
            new_paying INTEGER NOT NULL, spend_satang INTEGER NOT NULL, {ad_figures}) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS analytics_campaign_daily (
            day TEXT NOT NULL, campaign_id TEXT NOT NULL, spend_satang INTEGER NOT NULL, {ad_figures},
            revenue_satang INTEGER NOT NULL, orders INTEGER NOT NULL, new_paying INTEGER NOT NULL,
            PRIMARY KEY (day, campaign_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS analytics_product_daily (
            day TEXT NOT NULL, product_id TEXT NOT NULL, units INTEGER NOT NULL, orders INTEGER NOT NULL,
            revenue_satang INTEGER NOT NULL, PRIMARY KEY (day, product_id)) WITHOUT ROWID;
        -- The same per month, so that a year or all time sums a few dozen months instead of a thousand days.
        CREATE TABLE IF NOT EXISTS analytics_campaign_monthly (
            month TEXT NOT NULL, campaign_id TEXT NOT NULL, spend_satang INTEGER NOT NULL, {ad_figures},
            revenue_satang INTEGER NOT NULL, orders INTEGER NOT NULL, new_paying INTEGER NOT NULL,
            PRIMARY KEY (month, campaign_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS analytics_product_monthly (
            month TEXT NOT NULL, product_id TEXT NOT NULL, units INTEGER NOT NULL, orders INTEGER NOT NULL,
            revenue_satang INTEGER NOT NULL, PRIMARY KEY (month, product_id)) WITHOUT ROWID;
        -- Each paying customer's first payment: what makes them a new paying customer, and on which day.
        CREATE TABLE IF NOT EXISTS analytics_first_paid (
            customer_id TEXT PRIMARY KEY, day TEXT NOT NULL, order_id TEXT NOT NULL, campaign_id TEXT)
            WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS analytics_first_paid_day ON analytics_first_paid (day);
        -- The seed's ad_logs/monthly (and, summed again, yearly): each ad's figures per month.
        CREATE TABLE IF NOT EXISTS analytics_ad_monthly (
            month TEXT NOT NULL, ad_id TEXT NOT NULL, days INTEGER NOT NULL, spend_satang INTEGER NOT NULL,
            {ad_figures}, PRIMARY KEY (month, ad_id)) WITHOUT ROWID;
        -- What changed since the aggregates were last brought up to date, written in the same transaction as
        -- the rows (cache/analytics/stale.py), so a crash can never lose a change the aggregates have not seen.
        CREATE TABLE IF NOT EXISTS analytics_dirty (kind TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (kind, key))
            WITHOUT ROWID;
        -- The rows already cached predate the aggregates: they are built once, in full, at the next update.
        INSERT INTO meta (key, value) VALUES ('analytics_rebuild', '1')
            ON CONFLICT(key) DO UPDATE SET value = excluded.value;
    """)


def _version_4(db: sqlite_utils.Database) -> None:
    """Records set aside (cache/quarantine.py): per record, why it could not be stored or written and when that was
    first and last seen. `path` is a file's place in the tree (empty for a row); `txid` the row's as last sent."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS quarantine (
            kind TEXT NOT NULL, table_name TEXT NOT NULL, ident TEXT NOT NULL, path TEXT NOT NULL DEFAULT '',
            txid INTEGER, error TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
            PRIMARY KEY (kind, table_name, ident)) WITHOUT ROWID""")


def _version_5(db: sqlite_utils.Database) -> None:
    """The phone number indexed in its international form instead of its bare digits (so "6698" no longer
    finds every number holding "098"): FTS5 cannot change a column, so the customers' index is made again."""
    index, short = SEARCH_INDEXES["customers"], SHORT_SEARCHES["customers"]
    db.execute(f"DROP TABLE IF EXISTS {index.name}")
    db.execute(index.ddl)
    deferred = db.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = 'customers'").fetchone()
    if not (deferred and deferred[0]):  # a deferred table is indexed at the end of its first pull
        db.execute(index.fill())
        short.rebuild(db)


def _version_6(db: sqlite_utils.Database) -> None:
    """Offline writes (DESIGN.md §7): the customers' idempotency key, the activities table, and the outbox
    (cache/outbox.py) of the rep's changes waiting for the server."""
    if "client_key" not in db.table("customers").columns_dict:
        db.execute("ALTER TABLE customers ADD COLUMN client_key TEXT")
    spec = BY_NAME["customer_activities"]
    db.table(spec.name).create({c.name: _PYTHON_TYPES[c.sqlite_type] for c in spec.columns}, pk="id",
                               if_not_exists=True)
    for name, columns in INDEXES[spec.name]:
        db.table(spec.name).create_index([c.strip() for c in columns.split(",")], index_name=name,
                                         if_not_exists=True)
    db.execute("INSERT OR IGNORE INTO sync_state (table_name) VALUES ('customer_activities')")
    db.execute("""
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, ident TEXT NOT NULL, op TEXT NOT NULL,
            fields TEXT NOT NULL DEFAULT '{}', base TEXT NOT NULL DEFAULT '{}', server TEXT NOT NULL DEFAULT '{}',
            base_txid INTEGER, add_tags TEXT NOT NULL DEFAULT '[]', remove_tags TEXT NOT NULL DEFAULT '[]',
            client_key TEXT, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
            error_code TEXT, last_error TEXT, conflicts TEXT, result_txid INTEGER, created_at TEXT NOT NULL)""")
    db.execute("CREATE INDEX IF NOT EXISTS outbox_record ON outbox (entity, ident, seq)")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_version_1, _version_2, _version_3, _version_4,
                                                               _version_5, _version_6]
SCHEMA_VERSION = len(MIGRATIONS)
