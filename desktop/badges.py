"""How fresh a view or a record is, said honestly: updating (being revalidated now), offline, stale (older than
the threshold in the settings), never synced, or up to date. Ages are measured on the server's clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from cache.queries import TableFreshness
from desktop import formatting, stylesheet
from sync.status import Connection, Freshness, Status

# How a last cycle may have ended without casting doubt on the data: done, stopped on purpose, left to another
# process's sync; offline and signed out have badges and banners of their own.
_NOT_FAILED = {Status.OK, Status.CANCELLED, Status.BUSY, Status.OFFLINE, Status.SIGNED_OUT}


def oldest_sync(fresh: Mapping[str, TableFreshness], tables: Iterable[str]) -> dt.datetime | None:
    """When the least recently synced of `tables` was last synced; None if any never was."""
    times = []
    for table in tables:
        state = fresh.get(table)
        if state is None or state.last_synced_at is None:
            return None
        times.append(dt.datetime.fromisoformat(state.last_synced_at))
    return min(times) if times else None


def state_of(tables: Iterable[str], fresh: Mapping[str, TableFreshness], *, server_now: dt.datetime,
             stale_after: dt.timedelta, connection: Connection, updating: set[str],
             last_status: str | None = None) -> tuple[Freshness, dt.datetime | None]:
    """The badge for data from `tables`, and when it was last synced. `last_status`, how the last cycle ended
    (the cache's meta, whichever process ran it): after a failure the badge says so, as the banner does, rather
    than "Up to date" on the strength of the tables pulled before the cycle failed."""
    tables = list(tables)
    synced = oldest_sync(fresh, tables)
    if updating.intersection(tables):
        return Freshness.UPDATING, synced
    if connection == Connection.OFFLINE:
        return Freshness.OFFLINE, synced
    if last_status and last_status not in _NOT_FAILED:
        return Freshness.FAILED, synced
    if synced is None:
        return Freshness.NEVER, None
    if server_now - synced > stale_after:
        return Freshness.STALE, synced
    return Freshness.FRESH, synced


def badge_text(state: Freshness, synced: dt.datetime | None, server_now: dt.datetime, language: str) -> str:
    age = formatting.ago((server_now - synced).total_seconds(), language) if synced else ""
    if state == Freshness.UPDATING:
        return QCoreApplication.translate("Badge", "Updating…")
    if state == Freshness.OFFLINE:
        if not age:
            return QCoreApplication.translate("Badge", "Offline · never synced")
        return QCoreApplication.translate("Badge", "Offline · synced %1").replace("%1", age)
    if state == Freshness.FAILED:
        if not age:
            return QCoreApplication.translate("Badge", "Sync failed · never synced")
        return QCoreApplication.translate("Badge", "Sync failed · synced %1").replace("%1", age)
    if state == Freshness.NEVER:
        return QCoreApplication.translate("Badge", "Not synced yet")
    if state == Freshness.STALE:
        return QCoreApplication.translate("Badge", "Stale · synced %1").replace("%1", age)
    return QCoreApplication.translate("Badge", "Up to date · %1").replace("%1", age)


class Badge(QLabel):
    """A small coloured pill; the state is also an object property so tests and style sheets can read it: a
    freshness (sync/status.py Freshness) or the state of the rep's changes a record waits on (cache/outbox.py)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ""
        self.setObjectName("badge")

    def show_state(self, state: str, text: str) -> None:
        self.state = state
        stylesheet.restyle(self, "state", state)
        self.setText(text)
        self.setToolTip(text)
