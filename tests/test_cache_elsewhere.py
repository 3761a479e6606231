"""cache/elsewhere.py: a read of the cache database handed to another process, and what happens when that
cannot be done (the caller then does the read itself)."""

from __future__ import annotations

import sqlite3

import pytest

from cache.database import connect
from cache.elsewhere import Elsewhere


def count_rows(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_read_elsewhere_sees_what_is_committed(tmp_path):
    conn = connect(tmp_path / "cache.db")
    with conn:
        conn.execute("CREATE TABLE numbers (n INTEGER)")
        conn.executemany("INSERT INTO numbers VALUES (?)", [(n,) for n in range(5)])
    with Elsewhere(conn, count_rows, "numbers") as other:
        assert other.result() == 5


@pytest.mark.expected_log("reading the cache in another process failed", logger="cache.elsewhere")
def test_a_read_that_fails_there_says_so(tmp_path):
    conn = connect(tmp_path / "cache.db")
    with Elsewhere(conn, count_rows, "no_such_table") as other:
        assert other.result() is None  # sqlite3.OperationalError there: the caller reads here instead


def test_a_database_in_memory_is_read_here():
    with Elsewhere(sqlite3.connect(":memory:"), count_rows, "numbers") as other:
        assert other.result() is None
