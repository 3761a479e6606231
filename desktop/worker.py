"""The one thread that talks to the server: sync cycles, single-record refreshes, sign-in and sign-out.

A `SyncWorker` lives in a `QThread`; the GUI-side `SyncController` asks it for work through queued signals and
hears back through signals, so no network call ever runs on the GUI thread (napari's worker pattern, Maestral's
engine/adapter split). The engine's plain event objects are forwarded as they are.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from cache.database import CacheError
from cache.tables import TABLES
from desktop.context import AppContext
from sync import events as ev
from sync.errors import SyncError
from sync.settings import Settings
from sync.status import Connection, Status

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_MS = 3000  # for the request in flight to end by itself before its connection is closed under it


class SyncWorker(QObject):
    progress = Signal(object)  # a sync.events event
    cycleDone = Signal(object)  # the CycleReport
    recordRefreshed = Signal(str, str, bool)  # table, id, still there
    recordRefreshFailed = Signal(str, str, str)  # table, id, why
    signInDone = Signal(str, str)  # an error message, or "" on success; its reason (sync/status.py Reason)
    signedIn = Signal(object)  # the account's new Settings, naming the user (before signInDone)
    signOutDone = Signal(object, object)  # the account's Settings after it, why the data stayed (or None)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    @Slot(bool, object)
    def run_cycle(self, full: bool, cancel: threading.Event) -> None:
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
                report = engine.run_cycle(full=full, cancel=cancel)  # reports every failure, never raises
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
    connection state, which tables are being revalidated, and a clean stop when the window closes."""

    started = Signal(bool)  # full
    progress = Signal(object)
    finished = Signal(object)  # CycleReport
    stateChanged = Signal()  # connection or running changed
    recordRefreshed = Signal(str, str, bool)
    recordRefreshFailed = Signal(str, str, str)
    signInDone = Signal(str, str)
    signedOut = Signal(str)  # "" or why the local data could not be removed completely

    _cycleRequested = Signal(bool, object)
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
        self._cancel = threading.Event()
        self._full_pending = False
        self._signing_out = False
        self._thread = QThread(self)
        self._thread.setObjectName("sync")
        self._worker = SyncWorker(ctx)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._cycleRequested.connect(self._worker.run_cycle)
        self._refreshRequested.connect(self._worker.refresh_one)
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
        self._thread.start()
        self.apply_interval()

    def apply_interval(self) -> None:
        minutes = max(1, int(self.ctx.settings.sync_interval_minutes or 0))
        self._timer.start(minutes * 60_000)

    # --- requests -------------------------------------------------------------------------------------------

    @Slot()
    def sync_now(self, full: bool = False) -> bool:
        """Start a cycle; False when one is already running (the press joins it; a full resync asked for
        meanwhile runs right after it)."""
        if self._signing_out:
            return False
        if self.running:
            self._full_pending = self._full_pending or full
            return False
        self.running = True
        self._cancel = threading.Event()
        self.updating = {t.name for t in TABLES}
        self.started.emit(full)
        self.stateChanged.emit()
        self._cycleRequested.emit(full, self._cancel)
        return True

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
        self.updating = set()
        self.last_report = report
        self.connection = _CONNECTION.get(report.status, self.connection)
        self.finished.emit(report)
        self.stateChanged.emit()
        if self._full_pending:
            self._full_pending = False
            self.sync_now(full=True)

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

    # --- shutdown -------------------------------------------------------------------------------------------

    def thread_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self, close_connections: Callable[[], None] | None = None) -> None:
        """Cancel the cycle and end the thread. The engine stops at the next page; a request in flight gets a
        moment to finish, then its connections are closed under it so the window never hangs on a timeout."""
        self._timer.stop()
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
