"""Reading the cache database in another process while this one goes on with its own work (and writing there the
files it renders: a folder journaled whole, cache/store.py JournalDrain._wholes).

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
import os
import sqlite3
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cache.database import connect

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

log = logging.getLogger(__name__)

T = TypeVar("T")

AHEAD = 2  # reads of a series asked for before their answers are taken (unless told otherwise)


def database_file(conn: sqlite3.Connection) -> str:
    """The file of the connection's main database ('' for one in memory)."""
    return next((file for _, name, file in conn.execute("PRAGMA database_list") if name == "main"), "")


def _lower_priority(nice: int) -> None:
    """The other process's start: `nice` steps below normal priority, where the system has them (not Windows,
    where it runs at the usual priority)."""
    if nice and hasattr(os, "nice"):
        os.nice(nice)


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

    With `series`, a list of argument tuples instead of `args`, the reads are done there one after the other and
    `result()` gives their answers in turn (`ready()`: the next one has come). Only AHEAD of them are asked for
    before their answers are taken, so large answers (the analytics' daily files) never pile up in this process:
    handed back all at once, half of a rebuild's daily files held 110 MB here while they were unpickled.
    `ahead` asks for more at once (all of them: None), for small answers of work that must go on unattended;
    `nice` lowers the other process's priority, for work that must take no time from this one's."""

    def __init__(self, conn: sqlite3.Connection, read: Callable[..., T], *args: Any,
                 series: Sequence[tuple[Any, ...]] | None = None, ahead: int | None = AHEAD, nice: int = 0) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._futures: deque[tuple[Future[T], tuple[Any, ...]]] = deque()  # with the arguments of each
        self._read = read
        self._ahead = ahead
        self._calls = deque([args] if series is None else series)
        self._path = database_file(conn)
        if not self._path:
            return
        # Here, not at the top: the window imports this module (through the documents it renders) and its first
        # frame would wait 45 ms for multiprocessing, which only an analytics rebuild starts.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_lower_priority, initargs=(nice,))
        except (OSError, RuntimeError) as exc:
            log.warning("no process to read the cache in (%s): reading it here", exc)
            return
        self._ask()

    def _ask(self) -> None:
        while self._pool is not None and self._calls and (self._ahead is None or len(self._futures) < self._ahead):
            try:
                args = self._calls.popleft()
                self._futures.append((self._pool.submit(_run, self._path, self._read, args), args))
            except (OSError, RuntimeError) as exc:  # BrokenProcessPool is a RuntimeError
                log.warning("no process to read the cache in (%s): reading it here", exc)
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    def take_back(self) -> tuple[Any, ...] | None:
        """The arguments of the series' last read the other process has not begun, which the caller then does
        itself (its answer does not come out of result()); None when it has begun every one."""
        if self._calls:
            return self._calls.pop()
        if self._futures and self._futures[-1][0].cancel():  # asked for, still waiting in the pool's queue
            return self._futures.pop()[1]
        return None

    def ready(self) -> bool:
        """Whether result() would answer at once."""
        return not self._futures or self._futures[0][0].done()

    def result(self) -> T | None:
        """The next read's answer, in the order they were given; None once they have all been taken."""
        if not self._futures:  # no process (or it failed): this read was never asked for, the caller does it
            if self._calls:
                self._calls.popleft()
            return None
        from concurrent.futures.process import BrokenProcessPool  # imported by now: a pool ran the read

        future, _ = self._futures.popleft()
        try:
            return future.result()
        except (OSError, BrokenProcessPool, sqlite3.Error) as exc:
            log.warning("reading the cache in another process failed (%s): reading it here", exc)
            return None
        finally:
            self._ask()

    def abandon(self) -> None:
        """Wait for nothing more: a read under way finishes there and its answer is dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        """Wait for the read under way (and those the pool has already queued), drop the others."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Elsewhere[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
