"""The filter drop-downs' counts, off the GUI thread: GROUP BY over a hundred thousand customers takes a quarter
of a second, which neither the first paint nor a reload after a sync should wait for.

Each count runs on a pool thread with its own read-only connection (SQLite lets go of the GIL while it counts)
and comes back by a queued signal. Only the newest question of each receiver is answered: a count asked before
a sync's reload describes the cache as it was, and the reload has asked again.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot
from shiboken6 import Shiboken

from cache import queries
from cache.database import connect

log = logging.getLogger(__name__)

Counts = dict[str, list[tuple[Any, int]]]
Deliver = Callable[[Counts], None]


class FacetCounts(QObject):
    _counted = Signal(int, object)  # question number, its Counts (None: not counted); from the pool's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one count at a time: the GUI thread keeps the other core
        self._numbers = itertools.count(1)
        self._newest: dict[tuple[int, str, tuple[str, ...]], int] = {}
        self._asked: dict[int, tuple[tuple[int, str, tuple[str, ...]], QObject, Deliver]] = {}
        self._counted.connect(self._deliver)

    def ask(self, database: Path | None, receiver: QObject, entity: str, columns: Sequence[str],
            deliver: Deliver) -> None:
        """Count `columns` of `entity` in `database` and hand the counts to `deliver` on this thread; without a
        database, at once with none."""
        number = next(self._numbers)
        key = (id(receiver), entity, tuple(columns))
        self._newest[key] = number
        if database is None:
            del self._newest[key]
            deliver({column: [] for column in columns})
            return
        self._asked[number] = (key, receiver, deliver)
        self._pool.start(lambda: self._count(number, key, database))

    def _count(self, number: int, key: tuple[int, str, tuple[str, ...]], database: Path) -> None:
        """On the pool's thread."""
        counts: Counts | None = None
        if self._newest.get(key) == number:  # else a newer question is queued behind this one
            try:
                with contextlib.closing(connect(database, readonly=True)) as conn:
                    counts = {column: queries.facets(conn, key[1], column) for column in key[2]}
            except sqlite3.Error as exc:
                log.warning("could not count the filters of %s: %s", key[1], exc)
        self._counted.emit(number, counts)

    @Slot(int, object)
    def _deliver(self, number: int, counts: Counts | None) -> None:
        key, receiver, deliver = self._asked.pop(number)
        if counts is None or self._newest.get(key) != number:
            return
        del self._newest[key]
        if Shiboken.isValid(receiver):
            deliver(counts)

    def forget(self) -> None:
        """Drop every answer not yet delivered, once the count in flight is done: the cache is closing."""
        self._newest.clear()
        self._pool.waitForDone()
