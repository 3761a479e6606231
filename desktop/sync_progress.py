"""How far a first sync is, over all its tables, and the time left: the window's progress bar and line.

The engine tells the rows each table will send before the first page (sync.events.SyncPlanned); the pages
applied since then give the pace. Only rows are counted: they are what makes the views usable.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop import formatting

# Before this much of the sync and this many seconds, a pace is a guess not worth showing.
SETTLED_FRACTION = 0.02
SETTLED_SECONDS = 3.0


class SyncProgress:
    def __init__(self, expected: dict[str, int], clock: Callable[[], float] = time.monotonic) -> None:
        self.expected = expected
        self.total = sum(expected.values())
        self._clock = clock
        self._started = clock()
        self._done: dict[str, int] = {}

    def page(self, table: str, table_rows: int) -> None:
        if table in self.expected:
            self._done[table] = min(table_rows, self.expected[table])

    @property
    def done(self) -> int:
        return sum(self._done.values())

    def seconds_left(self) -> float | None:
        """None until the pace has settled."""
        elapsed = self._clock() - self._started
        done = self.done
        if not self.total or done < self.total * SETTLED_FRACTION or elapsed < SETTLED_SECONDS:
            return None
        return (self.total - done) * elapsed / done

    def text(self, table_title: str) -> str:
        line = QCoreApplication.translate("SyncProgress", "Syncing %1: %2 of %3 rows").replace(
            "%1", table_title).replace("%2", formatting.number(self.done)).replace("%3", formatting.number(self.total))
        left = self.seconds_left()
        if left is None:
            return line
        return f"{line} — {time_left(left)}"


def time_left(seconds: float) -> str:
    if seconds < 60:
        return QCoreApplication.translate("SyncProgress", "less than a minute left")
    return QCoreApplication.translate("SyncProgress", "about %1 min left").replace(
        "%1", formatting.number(round(seconds / 60)))
