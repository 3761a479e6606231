"""The cache's own facts, one text value per key in the `meta` table: the server's day and clock offset, the last
sync's outcome, what is owed (an analytics rebuild, a sweep of the files). None reads a key that was never set
or was cleared."""

from __future__ import annotations

import sqlite3


def get(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def put(conn: sqlite3.Connection, **values: str | None) -> None:
    """Inside the caller's transaction, so that a fact is written with the rows it describes."""
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", values.items())
