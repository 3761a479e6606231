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
CREATE INDEX customers_segment ON customers (segment);
CREATE INDEX customers_source ON customers (source);
CREATE INDEX customers_assigned ON customers (assigned_employee_id);
CREATE INDEX customers_name ON customers (full_name);
CREATE INDEX customers_created ON customers (created_at);
CREATE INDEX products_category ON products (category, sort_order);
CREATE INDEX package_items_package ON package_items (package_id);
CREATE INDEX ad_sets_campaign ON ad_sets (campaign_id);
CREATE INDEX ads_ad_set ON ads (ad_set_id);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_created ON orders (created_at);
CREATE INDEX order_items_order ON order_items (order_id);
CREATE INDEX ad_daily_stats_date ON ad_daily_stats (date);
CREATE INDEX ad_daily_stats_ad ON ad_daily_stats (ad_id, date);
CREATE INDEX ad_hourly_stats_hour ON ad_hourly_stats (hour);

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
  last_error_at      TEXT
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
