"""The cache database's schema, by version. `MIGRATIONS[n]` takes a database from version n to n + 1; a new
file starts at 0 and runs them all, so a fresh cache and a migrated one always end up identical."""

from __future__ import annotations

from cache.tables import TABLES


def _mirror(table_name: str) -> str:
    table = next(t for t in TABLES if t.name == table_name)
    cols = ",\n  ".join(
        f"{c.name} {c.sqlite_type} PRIMARY KEY" if c.name == "id" else f"{c.name} {c.sqlite_type}"
        for c in table.columns
    )
    return f"CREATE TABLE {table.name} (\n  {cols}\n);"


# Digits only, so that 0812345678, 081-234-5678 and +66 81 234 5678 all find the same customer.
_PHONE_DIGITS = "replace(replace(replace(replace(replace({0}, '-', ''), ' ', ''), '+', ''), '.', ''), '(', '')"


def _search_index(name: str, source: str, columns: dict[str, str]) -> str:
    """An FTS5 trigram index kept in step with its table by triggers; `columns` maps each indexed column to
    the expression over the new row that fills it. Trigrams match any substring of three or more characters,
    which is what Thai (written without spaces between words) needs."""
    cols = ", ".join(columns)
    new = ", ".join(columns.values())
    return f"""
CREATE VIRTUAL TABLE {name} USING fts5({cols}, tokenize = 'trigram');
CREATE TRIGGER {source}_search_insert AFTER INSERT ON {source} BEGIN
  INSERT INTO {name} (rowid, {cols}) VALUES (new.rowid, {new});
END;
CREATE TRIGGER {source}_search_delete AFTER DELETE ON {source} BEGIN
  DELETE FROM {name} WHERE rowid = old.rowid;
END;
CREATE TRIGGER {source}_search_update AFTER UPDATE ON {source} BEGIN
  DELETE FROM {name} WHERE rowid = old.rowid;
  INSERT INTO {name} (rowid, {cols}) VALUES (new.rowid, {new});
END;
"""


_CUSTOMER_SEARCH = _search_index("customers_search", "customers", {
    **{c: f"new.{c}" for c in ("id", "full_name", "nickname", "phone")},
    "phone_digits": _PHONE_DIGITS.format("new.phone"),
    **{c: f"new.{c}" for c in ("email", "line_id", "tags")},
})
_PRODUCT_SEARCH = _search_index("products_search", "products", {
    c: f"new.{c}" for c in ("id", "name_th", "name_en", "description_th", "description_en")})

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
""" + _CUSTOMER_SEARCH + _PRODUCT_SEARCH

MIGRATIONS: list[str] = [_VERSION_1]
SCHEMA_VERSION = len(MIGRATIONS)
