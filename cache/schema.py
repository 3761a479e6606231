"""The cache database's schema, by version. `MIGRATIONS[n]` takes a database from version n to n + 1; a new
file starts at 0 and runs them all, so a fresh cache and a migrated one always end up identical."""

from __future__ import annotations

from dataclasses import dataclass

from cache.tables import TABLES


def _mirror(table_name: str) -> str:
    table = next(t for t in TABLES if t.name == table_name)
    cols = ",\n  ".join(
        f"{c.name} {c.sqlite_type} PRIMARY KEY" if c.name == "id" else f"{c.name} {c.sqlite_type}"
        for c in table.columns
    )
    return f"CREATE TABLE {table.name} (\n  {cols}\n);"


def digits_only(expression: str) -> str:
    """SQL for a phone number without its separators, so that 0812345678, 081-234-5678 and (081) 234 5678
    all find the same customer."""
    for separator in "- +.()":
        expression = f"replace({expression}, '{separator}', '')"
    return expression


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
        return f"CREATE VIRTUAL TABLE {self.name} USING fts5({', '.join(self.columns)}, tokenize = 'trigram');"


# Secondary indexes, per table: what the lists, filters and documents look rows up by.
INDEXES: dict[str, list[tuple[str, str]]] = {
    "customers": [("customers_segment", "segment"), ("customers_source", "source"),
                  ("customers_assigned", "assigned_employee_id"), ("customers_name", "full_name"),
                  ("customers_created", "created_at")],
    "products": [("products_category", "category, sort_order")],
    "package_items": [("package_items_package", "package_id")],
    "ad_sets": [("ad_sets_campaign", "campaign_id")],
    "ads": [("ads_ad_set", "ad_set_id")],
    "orders": [("orders_customer", "customer_id"), ("orders_created", "created_at")],
    "order_items": [("order_items_order", "order_id")],
    "ad_daily_stats": [("ad_daily_stats_date", "date"), ("ad_daily_stats_ad", "ad_id, date")],
    "ad_hourly_stats": [("ad_hourly_stats_hour", "hour")],
}

SEARCH_INDEXES = {
    "customers": SearchIndex("customers_search", "customers", {
        **{c: c for c in ("id", "full_name", "nickname", "phone")},
        "phone_digits": digits_only("phone"),
        **{c: c for c in ("email", "line_id")},
        # The tags as words, not their JSON text: a search for "," or "[" must not match every tagged customer.
        "tags": "(SELECT group_concat(value, ' ') FROM json_each(tags))",
    }),
    "products": SearchIndex("products_search", "products", {
        c: c for c in ("id", "name_th", "name_en", "description_th", "description_en")}),
}

_VERSION_1 = "\n".join([_mirror(t.name) for t in TABLES]) + """
""" + "\n".join(f"CREATE INDEX {name} ON {table} ({columns});"
                for table, indexes in INDEXES.items() for name, columns in indexes) + """

-- Per table: where the current pass stands and how fresh the mirror is (DESIGN.md §3).
CREATE TABLE sync_state (
  table_name         TEXT PRIMARY KEY,
  floor              INTEGER NOT NULL DEFAULT 0,   -- a new pass starts at txid >= floor
  pass_watermark     INTEGER,                      -- the watermark of the cycle that began the current pass
  checkpoint_txid    INTEGER,                      -- the last row applied in the current pass
  checkpoint_id      TEXT,
  last_synced_at     TEXT,                         -- server time of the last completed pass
  last_reconciled_at TEXT,
  row_count          INTEGER NOT NULL DEFAULT 0,
  last_error         TEXT,
  last_error_at      TEXT,
  indexes_deferred   INTEGER NOT NULL DEFAULT 0  -- a table's first pull builds its indexes once, at the end
);

-- JSON files to (re)write from the rows, added in the same transaction as the rows that changed them. The
-- version changes with every new entry for a path, so a drain only removes what it actually rendered.
CREATE TABLE json_journal (path TEXT PRIMARY KEY, version INTEGER NOT NULL);

-- Downloaded product pictures and the validators to revalidate them with.
CREATE TABLE pictures (
  path           TEXT PRIMARY KEY,  -- picture_path in the product-pictures bucket
  etag           TEXT,
  size           INTEGER,
  product_txid   INTEGER,           -- the product row's txid when the picture was last checked
  checked_at     TEXT
);

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
""" + "\n".join(index.ddl for index in SEARCH_INDEXES.values())

MIGRATIONS: list[str] = [_VERSION_1]
SCHEMA_VERSION = len(MIGRATIONS)
