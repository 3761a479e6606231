"""Proof that a cache is what it should be: every row equals the server's, and every JSON file equals what
cache/documents.py renders from the rows and the analytics aggregates (and no other file exists)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import orjson
import psycopg
from psycopg import sql

from cache import documents, quarantine
from cache.analytics import aggregates
from cache.analytics import files as analytics_files
from cache.schema import SEARCH_INDEXES, SHORT_SEARCHES
from cache.store import CacheStore
from cache.tables import TABLES

NOT_DOCUMENTS = {"cache.db", "cache.db-wal", "cache.db-shm", "sync.lock"}


def assert_private(*roots: Path) -> None:
    """No folder or file under `roots` (their own mode included) lets the group or others in: what
    `find ROOT -perm /077` would list."""
    for root in roots:
        assert root.exists(), f"{root} was never created"
        open_to_others = [f"{oct(path.lstat().st_mode & 0o777)} {path}" for path in (root, *root.rglob("*"))
                          if path.lstat().st_mode & 0o077]
        assert not open_to_others, f"readable by others: {open_to_others[:10]}"


def server_rows(superuser_url: str, table: str) -> dict[str, dict]:
    """The live rows as PostgREST would render them (json_agg under TimeZone UTC)."""
    with psycopg.connect(superuser_url, options="-c TimeZone=UTC") as conn:
        (body,) = conn.execute(sql.SQL("select coalesce(json_agg(t), '[]')::text from {} t where deleted_at is null")
                               .format(sql.Identifier("public", table))).fetchone()
    return {row["id"]: row for row in orjson.loads(body)}


def local_rows(store: CacheStore, table: str) -> dict[str, dict]:
    decode = documents.DECODERS[table]
    return {row["id"]: decode(row) for row in store.conn.execute(f"SELECT * FROM {table}")}


def assert_cache_equals_server(store: CacheStore, superuser_url: str, *,
                               set_aside: Iterable[tuple[str, str]] = ()) -> None:
    """Row for row, but for the (table, id) rows that are `set_aside`: exactly those the cache lists as rows
    it could not store."""
    aside = set(set_aside)
    listed = {(e.table, e.ident) for e in store.set_aside_entries(quarantine.ROW)}
    assert listed == aside, f"set aside: {sorted(listed)}, expected {sorted(aside)}"
    for spec in TABLES:
        server, local = server_rows(superuser_url, spec.name), local_rows(store, spec.name)
        for table, ident in aside:
            if table == spec.name:
                server.pop(ident, None)
                local.pop(ident, None)
        assert local.keys() == server.keys(), f"{spec.name}: ids differ ({len(local)} local, {len(server)} server)"
        for ident, row in server.items():
            mine = local[ident]
            different = {k: (mine.get(k), v) for k, v in row.items() if mine.get(k) != v}
            assert not different, f"{spec.name} {ident}: {different}"
    assert_search_agrees(store)


def assert_search_agrees(store: CacheStore) -> None:
    """Each search table holds exactly what its rows give (once the table's indexes are built), and each FTS5
    index passes its own integrity check."""
    conn = store.conn
    for table, index in SEARCH_INDEXES.items():
        deferred = conn.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = ?", (table,)).fetchone()
        if deferred[0]:
            continue
        assert not conn.execute("SELECT name FROM sqlite_master WHERE name LIKE ?", (f"{table}_search_stale%",)
                                ).fetchall(), f"{table}: its writes are still tracked"
        expected = conn.execute(f"SELECT rowid, {', '.join(index.columns.values())} FROM {table} ORDER BY rowid")
        found = conn.execute(f"SELECT rowid, {', '.join(index.columns)} FROM {index.name} ORDER BY rowid")
        found, expected = [tuple(r) for r in found], [tuple(r) for r in expected]
        assert found == expected, f"{index.name} differs from {table}: {_first_differences(found, expected)}"
        with conn:  # a command written as an insert: Python opens a transaction for it
            conn.execute(f"INSERT INTO {index.name} ({index.name}) VALUES ('integrity-check')")
        if short := SHORT_SEARCHES.get(table):
            expected = conn.execute(f"SELECT rowid, {short.sort}, {short.text} FROM {table} ORDER BY rowid")
            found = conn.execute(f"SELECT rowid, sort_key, text FROM {short.name} ORDER BY rowid")
            found, expected = [tuple(r) for r in found], [tuple(r) for r in expected]
            assert found == expected, f"{short.name} differs from {table}: {_first_differences(found, expected)}"


def _first_differences(found: list[tuple], expected: list[tuple]) -> str:
    """The first rows that only one side holds, by rowid."""
    mine, theirs = {r[0]: r for r in found}, {r[0]: r for r in expected}
    rowids = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))[:3]
    return "; ".join(f"rowid {k}: indexed {mine.get(k)}, row {theirs.get(k)}" for k in rowids)


def document_files(folder: Path) -> set[str]:
    found = set()
    for root, _, files in os.walk(folder):
        rel_root = os.path.relpath(root, folder)
        if rel_root.startswith(("products/packages_picture", ".staging")):
            continue
        for name in files:
            rel = os.path.normpath(os.path.join(rel_root, name))
            if rel not in NOT_DOCUMENTS and not name.startswith(".") and not rel.startswith("cache.db."):
                found.add(rel)
    return found


def assert_files_agree(store: CacheStore) -> None:
    assert store.pending_files() == 0, "the journal still lists files to write"
    today = store.meta("server_today")
    expected: set[str] = set()
    for spec in TABLES:
        expected |= documents.paths_for(spec.name, local_rows(store, spec.name).values(), today)
    expected |= analytics_files.all_paths(store.conn)
    on_disk = document_files(store.folder)
    assert on_disk <= expected, f"files with no rows behind them: {sorted(on_disk - expected)[:5]}"
    rendered = documents.render_many(store.conn, sorted(expected))
    for path in sorted(expected):
        data = rendered[path]
        actual = store.tree.read_bytes(path)
        assert actual == data, f"{path}: the file does not match its rows"
        if data is not None:
            mode = os.stat(store.tree.path(path)).st_mode & 0o777
            assert mode == 0o600, f"{path} is readable by others ({oct(mode)})"
    assert_documents_hold_their_rows(store)
    assert_analytics_match_a_rebuild(store)


def assert_analytics_match_a_rebuild(store: CacheStore) -> None:
    """The aggregates, however they were kept up to date, are what a full rebuild computes (rolled back)."""
    def snapshot() -> dict[str, list[tuple]]:
        return {t: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")]
                for t in aggregates.AGGREGATES}

    kept = snapshot()
    try:
        aggregates.rebuild(store.conn, store.meta("server_today"))
        assert snapshot() == kept, "the analytics aggregates differ from a full rebuild"
    finally:
        store.conn.rollback()


# folder → (table, child key, child table, child column, child sort key, newest first)
_OWN_DOCUMENTS = {
    "customer": ("customers", "orders", "orders", "customer_id", lambda r: (r["created_at"], r["id"]), True),
    "orders": ("orders", "items", "order_items", "order_id", lambda r: r["id"], False),
    "employee": ("employees", None, None, None, None, False),
    "ads/campaign": ("campaigns", "ad_sets", "ad_sets", "campaign_id", lambda r: r["id"], False),
    "ads/ad_set": ("ad_sets", "ads", "ads", "ad_set_id", lambda r: r["id"], False),
    "ads/ad": ("ads", None, None, None, None, False),
    "products/packages": ("products", "items", "package_items", "package_id", lambda r: r["id"], False),
    "products/courses": ("products", None, None, None, None, False),
}


def assert_documents_hold_their_rows(store: CacheStore) -> None:
    """Each record's file, parsed, is its row as the server sent it, with its children in order."""
    for folder, (table, key, child, column, sort, newest_first) in _OWN_DOCUMENTS.items():
        rows = local_rows(store, table)
        children = local_rows(store, child) if child else {}
        activities_of = local_rows(store, "customer_activities") if folder == "customer" else {}
        names = os.listdir(store.tree.path(folder)) if store.tree.path(folder).is_dir() else []
        for name in names:
            if name == os.path.basename(documents.CAMPAIGNS_30D):
                continue  # a snapshot, not a record
            doc = orjson.loads(store.tree.path(f"{folder}/{name}").read_bytes())
            nested = doc.pop(key) if key else None
            if folder == "customer":
                activities = sorted((a for a in activities_of.values()
                                     if a["customer_id"] == doc["id"]), key=lambda r: (r["created_at"], r["id"]),
                                    reverse=True)
                assert doc.pop("activities") == activities, f"{folder}/{name}: activities differ"
            assert doc == rows[doc["id"]], f"{folder}/{name} is not its row"
            if key:
                expected = sorted((c for c in children.values() if c[column] == doc["id"]), key=sort,
                                  reverse=newest_first)
                assert nested == expected, f"{folder}/{name}: {key} differ"
