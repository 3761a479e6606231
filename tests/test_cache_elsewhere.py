"""cache/elsewhere.py: a read of the cache database handed to another process, and what happens when that
cannot be done (the caller then does the read itself)."""

from __future__ import annotations

import concurrent.futures
import os
import sqlite3

import pytest

from cache.database import connect
from cache.elsewhere import Elsewhere


def count_rows(conn: sqlite3.Connection, table: str, above: int = -1) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table} WHERE n > ?", (above,)).fetchone()[0])


def test_a_read_elsewhere_sees_what_is_committed(tmp_path):
    conn = connect(tmp_path / "cache.db")
    with conn:
        conn.execute("CREATE TABLE numbers (n INTEGER)")
        conn.executemany("INSERT INTO numbers VALUES (?)", [(n,) for n in range(5)])
    with Elsewhere(conn, count_rows, "numbers") as other:
        assert other.result() == 5


def test_a_series_of_reads_elsewhere_answers_in_turn(tmp_path):
    """More reads than are asked for ahead (AHEAD): each answer comes in the order the reads were given."""
    conn = connect(tmp_path / "cache.db")
    with conn:
        conn.execute("CREATE TABLE numbers (n INTEGER)")
        conn.executemany("INSERT INTO numbers VALUES (?)", [(n,) for n in range(5)])
    with Elsewhere(conn, count_rows, series=[("numbers", above) for above in range(-1, 5)]) as other:
        assert [other.result() for _ in range(6)] == [5, 4, 3, 2, 1, 0]
        assert other.ready() and other.result() is None  # all taken


def test_the_last_reads_of_a_series_can_be_taken_back(tmp_path):
    """take_back() hands the caller the last read not yet asked of the other process; the others' answers come
    as before, and the taken one's does not."""
    conn = connect(tmp_path / "cache.db")
    with conn:
        conn.execute("CREATE TABLE numbers (n INTEGER)")
        conn.executemany("INSERT INTO numbers VALUES (?)", [(n,) for n in range(5)])
    with Elsewhere(conn, count_rows, series=[("numbers", above) for above in range(-1, 5)]) as other:
        assert other.take_back() == ("numbers", 4)
        assert other.take_back() == ("numbers", 3)
        assert [other.result() for _ in range(4)] == [5, 4, 3, 2]
        assert other.take_back() is None  # every read was asked for by now
        assert other.result() is None


@pytest.mark.expected_log("reading the cache in another process failed", logger="cache.elsewhere")
def test_a_read_that_fails_there_says_so(tmp_path):
    conn = connect(tmp_path / "cache.db")
    with Elsewhere(conn, count_rows, "no_such_table") as other:
        assert other.result() is None  # sqlite3.OperationalError there: the caller reads here instead


@pytest.mark.expected_log("no process to read the cache in", logger="cache.elsewhere")
def test_a_series_no_process_can_read_is_read_here_read_by_read(tmp_path, monkeypatch):
    """Each read then answers None, for the caller to do, and none is left to take back afterwards (a drain
    that took back the last batches of a folder after writing them all here had failed on a batch too many)."""
    def no_process(*args, **kwargs):
        raise OSError("no more processes")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_process)
    conn = connect(tmp_path / "cache.db")
    with Elsewhere(conn, count_rows, series=[("numbers", above) for above in range(3)]) as other:
        assert other.take_back() == ("numbers", 2)
        assert [other.ready() and other.result() for _ in range(2)] == [None, None]
        assert other.take_back() is None


def niceness(conn: sqlite3.Connection) -> int:
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="Windows has no nice values: the other process keeps the "
                    "usual priority there")
def test_work_asked_at_a_low_priority_runs_there_at_it(tmp_path):
    conn = connect(tmp_path / "cache.db")
    with Elsewhere(conn, niceness, nice=5) as other:
        assert other.result() == min(os.nice(0) + 5, 19)


def test_a_series_asked_all_at_once_can_still_be_taken_back_where_not_begun(tmp_path):
    """ahead=None asks for every read at once; take_back() then takes those still waiting in the pool's queue,
    and the others' answers come in order."""
    conn = connect(tmp_path / "cache.db")
    with conn:
        conn.execute("CREATE TABLE numbers (n INTEGER)")
        conn.executemany("INSERT INTO numbers VALUES (?)", [(n,) for n in range(50)])
    with Elsewhere(conn, count_rows, series=[("numbers", above) for above in range(-1, 50)], ahead=None) as other:
        taken = []
        while (args := other.take_back()) is not None:
            taken.append(args[1])
        assert taken and taken == sorted(taken, reverse=True) and taken[0] == 49  # the last ones, last first
        assert [other.result() for _ in range(51 - len(taken))] == [50 - n for n in range(51 - len(taken))]
        assert other.result() is None


def test_a_database_in_memory_is_read_here():
    with Elsewhere(sqlite3.connect(":memory:"), count_rows, "numbers") as other:
        assert other.result() is None
