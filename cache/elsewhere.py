"""Reading the cache database in another process while this one goes on with its own work.

SQLite work on two threads of one process measured no faster than on one (two queries in two threads took as
long as one after the other), while two processes run side by side; so the analytics hand a large read to a
process of its own: the ad figures of a rebuild (cache/analytics/ads.py) and half of its daily files
(cache/analytics/files.py). The other process opens the database read-only and sees what is committed, so a
caller must either hold the write lock (nobody can commit meanwhile) or have nothing uncommitted that the read
depends on.

Processes are spawned, not forked: the process asking may run Qt and other threads, which a fork would copy in
whatever state they are. Spawning costs about 0.1 s, so only reads of a second or more are worth it. Where no
process can be started, or it fails, `result()` says so with None and the caller does the work itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Generic, TypeVar

from cache.database import connect

log = logging.getLogger(__name__)

T = TypeVar("T")


def database_file(conn: sqlite3.Connection) -> str:
    """The file of the connection's main database ('' for one in memory)."""
    return next((file for _, name, file in conn.execute("PRAGMA database_list") if name == "main"), "")


def _run(path: str, read: Callable[..., T], args: tuple[Any, ...]) -> T:
    conn = connect(Path(path), readonly=True)
    try:
        return read(conn, *args)
    finally:
        conn.close()


class Elsewhere(Generic[T]):
    """`read(conn, *args)` on a read-only connection to `conn`'s database, in another process:

        with Elsewhere(conn, read, *args) as other:
            ...  # this process's own work
            value = other.result()  # None: it could not be done there, do it here
    """

    def __init__(self, conn: sqlite3.Connection, read: Callable[..., T], *args: Any) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[T] | None = None
        path = database_file(conn)
        if not path:
            return
        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._future = self._pool.submit(_run, path, read, args)
        except (OSError, RuntimeError) as exc:
            log.warning("no process to read the cache in (%s): reading it here", exc)

    def result(self) -> T | None:
        if self._future is None:
            return None
        try:
            return self._future.result()
        except (OSError, BrokenProcessPool, sqlite3.Error) as exc:
            log.warning("reading the cache in another process failed (%s): reading it here", exc)
            return None

    def __enter__(self) -> Elsewhere[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
