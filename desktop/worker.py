"""The one thread that talks to the server: sync cycles, single-record refreshes, sign-in and sign-out.

A `SyncWorker` lives in a `QThread`; the GUI-side `SyncController` asks it for work through queued signals and
hears back through signals, so no network call ever runs on the GUI thread (napari's worker pattern, Maestral's
engine/adapter split). The engine's plain event objects are forwarded as they are.

Every piece of work is a job on the worker's one queue (DESIGN.md §8): Sync now, the schedule, the live
connection's change events, the recovery probe, single-record refreshes, sign-in and sign-out. Cycles asked for
while one runs coalesce into one more after it, so a burst of a thousand change events costs a few cycles.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from cache.database import CacheError
from cache.outbox import ENTITIES
from cache.tables import TABLES
from desktop.context import AppContext
from sync import events as ev
from sync.errors import SyncError
from sync.settings import Settings
from sync.status import Connection, Live, Status

if TYPE_CHECKING:  # the live connection's module brings the HTTP stack, made after the first frame
    from sync.live import LiveConnection, LiveEvent

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_MS = 3000  # for the request in flight to end by itself before its connection is closed under it
# Change events are let gather this long before their tables' cycle starts: a burst becomes one cycle.
CHANGE_DEBOUNCE_MS = 250
# More change events than this during one cycle is a burst: the next cycle waits a second for the rest of it,
# so a sustained burst costs a cycle a second; fewer (a rep's edit now and then) wait only the debounce.
BURST_EVENTS = 10
BURST_FOLLOW_MS = 1000
# After a failed cycle the server is probed again after 2, 4, 8 … seconds, at most a minute apart.
RETRY_FIRST_S = 2
RETRY_MAX_S = 60
_RETRIED = (Status.OFFLINE, Status.SERVER, Status.BAD_RESPONSE, Status.ERROR)


class SyncWorker(QObject):
    progress = Signal(object)  # a sync.events event
    cycleDone = Signal(object)  # the CycleReport
    recordRefreshed = Signal(str, str, bool)  # table, id, still there
    recordRefreshFailed = Signal(str, str, str)  # table, id, why
    signInDone = Signal(str, str)  # an error message, or "" on success; its reason (sync/status.py Reason)
    signedIn = Signal(object)  # the account's new Settings, naming the user (before signInDone)
    signOutDone = Signal(object, object)  # the account's Settings after it, why the data stayed (or None)
    probed = Signal(bool)  # whether the server answered

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    @Slot()
    def probe(self) -> None:
        account = self.ctx.account
        self.probed.emit(account is not None and account.client.answers())

    @Slot(bool, object, object)
    def run_cycle(self, full: bool, tables: Collection[str] | None, cancel: threading.Event) -> None:
        account = self.ctx.account
        if account is None:
            report = ev.CycleReport(status=Status.SIGNED_OUT, message="Not signed in: sign in to sync")
        else:
            try:
                engine = account.engine(self.progress.emit)
            except SyncError as exc:
                report = ev.CycleReport(status=exc.kind, message=str(exc), reason=exc.reason)
            except (CacheError, sqlite3.Error, OSError) as exc:
                # The cache cannot be opened for writing (a newer version's, locked, a read-only disk): the
                # cycle ends with the reason instead of the worker dying with the window waiting on it.
                report = ev.CycleReport(status=Status.ERROR, message=str(exc))
            else:
                report = engine.run_cycle(full=full, cancel=cancel, tables=tables)  # reports every failure
        self.cycleDone.emit(report)

    @Slot(str, str)
    def refresh_one(self, table: str, ident: str) -> None:
        account = self.ctx.account
        if account is None:
            self.recordRefreshFailed.emit(table, ident, "Not signed in")
            return
        try:
            row = account.engine(pictures=False).refresh_one(table, ident)
        except SyncError as exc:
            # BusyError included: the sync holding the cache brings this row too.
            log.info("could not refresh %s %s: %s", table, ident, exc)
            self.recordRefreshFailed.emit(table, ident, str(exc))
            return
        self.recordRefreshed.emit(table, ident, row is not None)

    @Slot(str)
    def queue_rewrite(self, path: str) -> None:
        """A file the window could not use: queued to be written again from the rows (CacheStore.document
        reads it again and queues it if it is still unusable), by the next sync's drain."""
        account = self.ctx.account
        if account is None:
            return
        try:
            account.store.document(path)
        except (SyncError, CacheError, sqlite3.Error, OSError) as exc:
            log.warning("could not queue %s to be written again: %s", path, exc)

    @Slot(str, str, bool)
    def sign_in(self, email: str, password: str, remember: bool) -> None:
        account = self.ctx.account
        if account is None:
            self.signInDone.emit("Enter the project's URL and anon key first", "")
            return
        try:
            account.sign_in(email, password, remember=remember)
        except SyncError as exc:
            self.signInDone.emit(str(exc), exc.reason)
            return
        self.signedIn.emit(account.settings)
        self.signInDone.emit("", "")

    @Slot(bool, bool)
    def sign_out(self, remove_data: bool, reach_server: bool) -> None:
        account = self.ctx.account
        if account is None:
            self.signOutDone.emit(None, None)
            return
        problem = account.sign_out(remove_data=remove_data, reach_server=reach_server)
        self.signOutDone.emit(account.settings, problem)


class SyncController(QObject):
    """The GUI's handle on the worker: Sync now (a press during a sync joins it), the automatic interval, the
    live connection and the cycles its change events ask for, the recovery probe after a failed cycle, the
    connection state, which tables are being revalidated, and a clean stop when the window closes."""

    started = Signal(bool)  # full
    progress = Signal(object)
    finished = Signal(object)  # CycleReport
    stateChanged = Signal()  # connection or running changed
    recordRefreshed = Signal(str, str, bool)
    recordRefreshFailed = Signal(str, str, str)
    signInDone = Signal(str, str)
    signedOut = Signal(str)  # "" or why the local data could not be removed completely

    _cycleRequested = Signal(bool, object, object)  # full, tables (None: all), cancel
    _probeRequested = Signal()
    _liveEvent = Signal(int, object)  # the connection's generation, its event (from the connection's thread)
    _refreshRequested = Signal(str, str)
    _signInRequested = Signal(str, str, bool)
    _signOutRequested = Signal(bool, bool)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.connection = Connection.UNKNOWN
        self.updating: set[str] = set()  # tables not yet revalidated in the running cycle
        self.last_report: ev.CycleReport | None = None
        self.live_state = Live.OFF
        self.live_reason = ""
        self._live: LiveConnection | None = None
        self._live_wanted = False
        self._live_generation = 0
        self._cancel = threading.Event()
        self._full_pending = False
        self._all_pending = False  # a cycle of every table asked for while one of a few tables runs
        self._tables_pending: set[str] = set()  # tables that changed on the server since their cycle began
        self._events_pending = 0  # change events behind them
        self._running_tables: Collection[str] | None = None
        self._failures = 0  # failed cycles in a row: how long until the next try
        self._next_try: float | None = None  # monotonic time of the next try after a failure
        self._signing_out = False
        self._thread = QThread(self)
        self._thread.setObjectName("sync")
        self._worker = SyncWorker(ctx)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._cycleRequested.connect(self._worker.run_cycle)
        self._probeRequested.connect(self._worker.probe)
        self._worker.probed.connect(self._on_probed)
        self._liveEvent.connect(self._on_live)
        self._refreshRequested.connect(self._worker.refresh_one)
        ctx.fileUnusable.connect(self._worker.queue_rewrite)  # queued: the worker's thread
        self._signInRequested.connect(self._worker.sign_in)
        self._signOutRequested.connect(self._worker.sign_out)
        self._worker.progress.connect(self._on_progress)
        self._worker.cycleDone.connect(self._on_done)
        self._worker.recordRefreshed.connect(self.recordRefreshed)
        self._worker.recordRefreshFailed.connect(self.recordRefreshFailed)
        self._worker.signedIn.connect(self._on_signed_in)
        self._worker.signInDone.connect(self.signInDone)
        self._worker.signOutDone.connect(self._on_signed_out)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._changes = QTimer(self, singleShot=True, interval=CHANGE_DEBOUNCE_MS)
        self._changes.timeout.connect(self._sync_changed)
        self._retry = QTimer(self, singleShot=True)
        self._retry.timeout.connect(self._try_again)
        ctx.wrote.connect(self.upload_soon)
        ctx.accountClosing.connect(self._stop_live)
        ctx.accountChanged.connect(self._follow_account)
        ctx.settingsChanged.connect(self._follow_account)
        self._thread.start()
        self.apply_interval()

    def apply_interval(self) -> None:
        """The schedule, paused while live (the server's changes arrive by themselves then)."""
        if self.live_state == Live.LIVE:
            self._timer.stop()
            return
        minutes = max(1, int(self.ctx.settings.sync_interval_minutes or 0))
        self._timer.start(minutes * 60_000)

    # --- requests -------------------------------------------------------------------------------------------

    @Slot()
    def sync_now(self, full: bool = False) -> bool:
        """Start a cycle; False when one is already running (the press joins it; a full resync asked for
        meanwhile runs right after it, as does a cycle of every table while one of a few tables runs)."""
        return self._start(full, None)

    def sync_tables(self, tables: Collection[str]) -> None:
        """A cycle of these tables shortly (their changes seen on the server), joined by the changes that
        arrive meanwhile; during a cycle, one more after it."""
        self._tables_pending.update(tables)
        self._events_pending += 1
        if not self.running and not self._changes.isActive():
            self._changes.start(CHANGE_DEBOUNCE_MS)

    def upload_soon(self) -> None:
        """The rep changed something: a cycle of the tables it touches sends it first (a cycle uploads before
        it pulls), a quarter of a second after the last of a few quick changes. Offline, the recovery probe's
        cycle sends it once the server answers."""
        if self.connection in (Connection.ONLINE, Connection.UNKNOWN):
            self.sync_tables(ENTITIES)  # the tables the rep can change

    def _sync_changed(self) -> None:
        if self._tables_pending and not self.running:
            tables, self._tables_pending = self._tables_pending, set()
            self._events_pending = 0
            self._start(False, frozenset(tables))

    def _start(self, full: bool, tables: Collection[str] | None) -> bool:
        if self._signing_out:
            return False
        if self.running:
            self._full_pending = self._full_pending or full
            self._all_pending = self._all_pending or (tables is None and self._running_tables is not None)
            return False
        if tables is None:
            self._tables_pending.clear()  # this cycle brings them too
            self._events_pending = 0
        self.running = True
        self._running_tables = tables
        self._retry.stop()
        self._next_try = None
        self._cancel = threading.Event()
        self.updating = {t.name for t in TABLES if tables is None or t.name in tables}
        self.started.emit(full)
        self.stateChanged.emit()
        self._cycleRequested.emit(full, tables, self._cancel)
        return True

    def next_try_in(self) -> float | None:
        """Seconds until the server is tried again after a failed cycle, or None when no try is waiting."""
        return None if self._next_try is None else max(0.0, self._next_try - time.monotonic())

    def _schedule_retry(self) -> None:
        self._failures += 1
        delay = min(RETRY_MAX_S, RETRY_FIRST_S * 2 ** (self._failures - 1))
        self._next_try = time.monotonic() + delay
        self._retry.start(delay * 1000)

    def _try_again(self) -> None:
        """Offline, one cheap request says whether the server is back before a whole cycle is tried."""
        if self.connection == Connection.OFFLINE:
            self._probeRequested.emit()
        else:
            self.sync_now()

    @Slot(bool)
    def _on_probed(self, answered: bool) -> None:
        if self.running or self._retry.isActive():
            return  # a cycle started meanwhile and has its own outcome
        if answered:
            # A retry's probe syncs at once; after a dropped live socket, its reconnection brings the cycle.
            if self.connection != Connection.ONLINE or self._next_try is not None:
                self.sync_now()
        else:
            self.connection = Connection.OFFLINE
            self._schedule_retry()
            self.stateChanged.emit()

    def refresh_record(self, table: str, ident: str) -> bool:
        """Ask the server for one record (a profile just opened); False, and nothing asked, while offline or
        signed out. Ends with recordRefreshed or recordRefreshFailed."""
        if self.connection not in (Connection.ONLINE, Connection.UNKNOWN):
            return False
        self._refreshRequested.emit(table, ident)
        return True

    def sign_in(self, email: str, password: str, remember: bool) -> None:
        self._signInRequested.emit(email, password, remember)

    def sign_out(self, *, remove_data: bool) -> None:
        """Sign out through the worker, after the running cycle (cancelled) and with none started meanwhile;
        with `remove_data` the GUI's own connection to the folder is closed first. Ends with signedOut."""
        self._signing_out = True
        self._retry.stop()
        self._next_try = None
        self._stop_live()

        def ask() -> None:
            if remove_data:
                self.ctx.close_cache()
            self._signOutRequested.emit(remove_data, self.connection != Connection.OFFLINE)

        self.when_idle(ask)

    def cancel(self) -> None:
        self._cancel.set()

    def when_idle(self, then: Callable[[], None]) -> None:
        """Run `then` once no cycle is running, cancelling the one that is (it stops at its next page): the
        account it writes through is about to be replaced, or its folder removed."""
        if not self.running:
            then()
            return

        def finished(_report: object) -> None:
            self.finished.disconnect(finished)
            then()

        self.finished.connect(finished)
        self.cancel()

    # --- what the worker says ------------------------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, event: ev.Event) -> None:
        if isinstance(event, ev.TableFinished):
            self.updating.discard(event.table)
        self.progress.emit(event)

    @Slot(object)
    def _on_done(self, report: ev.CycleReport) -> None:
        self.running = False
        self._running_tables = None
        self.updating = set()
        self.last_report = report
        self.connection = _CONNECTION.get(report.status, self.connection)
        if report.status in _RETRIED and not self._signing_out:
            self._schedule_retry()
        elif report.status == Status.OK:
            self._failures = 0
            if self._live is not None:
                self._live.nudge()  # the server is back: the socket need not wait out its backoff
        self.finished.emit(report)
        self.stateChanged.emit()
        if self._full_pending:
            self._full_pending = False
            self.sync_now(full=True)
        elif self._all_pending:
            self._all_pending = False
            self.sync_now()
        elif self._tables_pending and report.status not in _RETRIED:
            # The changes seen during the cycle: one more, of their tables.
            self._changes.start(BURST_FOLLOW_MS if self._events_pending > BURST_EVENTS else CHANGE_DEBOUNCE_MS)

    @Slot(object)
    def _on_signed_in(self, settings: Settings) -> None:
        self.ctx.settings = settings

    @Slot(object, object)
    def _on_signed_out(self, settings: Settings | None, problem: str | None) -> None:
        """Reopen the account as signed out (its data, when kept, stays readable)."""
        self._signing_out = False
        if settings is not None and settings != self.ctx.settings:
            self.ctx.settings = settings
            self.ctx.save_settings()
        if self.ctx.account is not None:
            self.ctx.open_account()
        self.signedOut.emit(problem or "")

    # --- the live connection --------------------------------------------------------------------------------

    def start_live(self) -> None:
        """Keep a live connection open for the signed-in account from now on (unless turned off in Settings),
        across sign-ins, sign-outs and project changes."""
        self._live_wanted = True
        self._follow_account()

    def _follow_account(self) -> None:
        account = self.ctx.account
        wanted = (self._live_wanted and self.ctx.settings.live_updates and account is not None
                  and bool(self.ctx.settings.user_id) and account.session.has_refresh_token)
        if not wanted:
            self._stop_live()
        elif self._live is None or self._live.session is not account.session:
            self._stop_live()
            assert account is not None
            self._live_generation += 1
            generation = self._live_generation
            self._live = account.live(lambda event: self._liveEvent.emit(generation, event)).start()

    def _stop_live(self) -> None:
        live, self._live = self._live, None
        if live is not None:
            self._live_generation += 1  # what it said on its way out is no longer news
            live.stop()
        if self.live_state != Live.OFF:
            self._set_live(Live.OFF, "")

    def _set_live(self, state: Live, reason: str) -> None:
        was = self.live_state
        self.live_state, self.live_reason = state, reason
        if (state == Live.LIVE) != (was == Live.LIVE):
            self.apply_interval()
        self.stateChanged.emit()

    @Slot(int, object)
    def _on_live(self, generation: int, event: LiveEvent) -> None:
        from sync.live import ChangeSeen, LiveState

        if generation != self._live_generation:
            return
        if isinstance(event, ChangeSeen):
            self.sync_tables((event.table,))
            return
        assert isinstance(event, LiveState)
        was = self.live_state
        self._set_live(event.state, event.reason)
        if was == Live.LIVE and event.state == Live.RECONNECTING and not self.running:
            self._probeRequested.emit()  # the network or the server gone? the probe tells, and retries
        if event.state == Live.LIVE:
            self.sync_now()  # whatever changed while not subscribed
        elif event.state == Live.SIGNED_OUT:
            self._live = None
            self.sync_now()  # the session has ended: the cycle says so, and the window shows signed out

    # --- shutdown -------------------------------------------------------------------------------------------

    def thread_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self, close_connections: Callable[[], None] | None = None) -> None:
        """Cancel the cycle and end the thread. The engine stops at the next page; a request in flight gets a
        moment to finish, then its connections are closed under it so the window never hangs on a timeout."""
        self._timer.stop()
        self._changes.stop()
        self._retry.stop()
        self._live_wanted = False
        self._stop_live()
        self._cancel.set()
        self._thread.quit()
        if not self._thread.wait(SHUTDOWN_GRACE_MS):
            if close_connections is not None:
                close_connections()
            self._thread.wait()


# A server that answered (even with an error) is online; a local failure, a cancel, or another process's sync
# say nothing about the connection.
_CONNECTION = {Status.OK: Connection.ONLINE, Status.SERVER: Connection.ONLINE, Status.BAD_RESPONSE: Connection.ONLINE,
               Status.KEPT: Connection.ONLINE,
               Status.OFFLINE: Connection.OFFLINE, Status.SIGNED_OUT: Connection.SIGNED_OUT}
