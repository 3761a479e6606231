"""The one thread that talks to the server, and the GUI's handle on it.

A `SyncWorker` lives in a `QThread` and drains the job queue of sync/jobs.py: Sync now, the schedule, the live
connection's change events, the rep's writes, the recovery probe, single-record refreshes, files to write again,
sign-in and sign-out are all jobs there, coalesced as they are queued, so a burst of a thousand change events
costs a handful of cycles (DESIGN.md §8). The GUI-side `SyncController` puts the jobs and hears back through
signals, so no network call ever runs on the GUI thread (napari's worker pattern, Maestral's engine/adapter
split). The engine's plain event objects are forwarded as they are.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, QTimer, Signal, Slot

from cache import queries
from cache.database import CacheError
from cache.outbox import ENTITIES
from cache.tables import TABLES
from desktop.context import AppContext
from sync import events as ev
from sync.errors import SyncError
from sync.jobs import Cycle, Job, JobQueue, Probe, Refresh, Rewrite, SignIn, SignOut
from sync.settings import Settings
from sync.status import Connection, Live, Status

if TYPE_CHECKING:  # the live connection's module brings the HTTP stack, made after the first frame
    from sync.live import LiveConnection, LiveEvent

log = logging.getLogger(__name__)

SHUTDOWN_GRACE_MS = 3000  # for the request in flight to end by itself before its connection is closed under it
LIVE_STOP_WAIT_S = 1.0  # a live connection closed while the window stays open: how long its thread is waited for
# After a failed cycle the server is probed again after 2, 4, 8 … seconds, at most a minute apart.
RETRY_FIRST_S = 2
RETRY_MAX_S = 60
_RETRIED = (Status.OFFLINE, Status.SERVER, Status.BAD_RESPONSE, Status.ERROR)


class SyncWorker(QObject):
    """Drains the job queue on its thread, one job at a time, and answers through signals (emitted on its thread,
    delivered on the GUI's)."""

    progress = Signal(object)  # a sync.events event
    cycleStarted = Signal(object)  # the Cycle job, as coalesced
    cycleDone = Signal(object, object)  # the Cycle job, its CycleReport
    recordRefreshed = Signal(str, str, bool)  # table, id, still there
    recordRefreshFailed = Signal(str, str, str)  # table, id, why
    signInDone = Signal(str, str)  # an error message, or "" on success; its reason (sync/status.py Reason)
    signedIn = Signal(object)  # the account's new Settings, naming the user (before signInDone)
    signOutDone = Signal(object, object)  # the account's Settings after it, why the data stayed (or None)
    probed = Signal(bool)  # whether the server answered
    jobDone = Signal()  # after every job: the queue may be idle now

    def __init__(self, ctx: AppContext, jobs: JobQueue) -> None:
        super().__init__()
        self.ctx = ctx
        self.jobs = jobs

    @Slot()
    def drain(self) -> None:
        """The thread's whole life: jobs until the queue is closed."""
        while (job := self.jobs.take()) is not None:
            try:
                self._do(job, self.jobs.cancelled)
            except Exception:
                # A fault of this program: the one worker must go on with the next job all the same.
                log.exception("the sync worker's %s job failed", type(job).__name__)
            finally:
                self.jobs.done()
                self.jobDone.emit()

    def _do(self, job: Job, cancel: threading.Event) -> None:
        match job:
            case Cycle():
                self._cycle(job, cancel)
            case Refresh(table=table, ident=ident):
                self._refresh(table, ident, cancel)
            case Rewrite(paths=paths):
                self._rewrite(paths, cancel)
            case Probe():
                account = self.ctx.account
                self.probed.emit(account is not None and account.client.answers())
            case SignIn(email=email, password=password, remember=remember):
                self._sign_in(email, password, remember)
            case SignOut(remove_data=remove_data, reach_server=reach_server):
                self._sign_out(remove_data, reach_server)

    def _cycle(self, job: Cycle, cancel: threading.Event) -> None:
        self.cycleStarted.emit(job)
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
                # Reports every failure.
                report = engine.run_cycle(full=job.full, cancel=cancel, tables=job.tables)
        # Over for the queue before the window hears of it: a Sync now pressed as the report arrives, while the
        # record refreshes below are still answered, is a cycle of its own, not a press joining this one (which
        # left the window saying Syncing… with nothing running).
        self.jobs.done()
        self.cycleDone.emit(job, report)
        # The record refreshes this cycle took over: its pull brought their rows with the rest.
        for table, ident in sorted(job.answers):
            if not report.ok or account is None:
                self.recordRefreshFailed.emit(table, ident, report.message)
                continue
            try:
                found = queries.get(account.store.conn, table, ident) is not None
            except (SyncError, CacheError, sqlite3.Error) as exc:
                self.recordRefreshFailed.emit(table, ident, str(exc))
                continue
            self.recordRefreshed.emit(table, ident, found)

    def _refresh(self, table: str, ident: str, cancel: threading.Event) -> None:
        account = self.ctx.account
        if account is None:
            self.recordRefreshFailed.emit(table, ident, "Not signed in")
            return
        try:
            row = account.engine(pictures=False).refresh_one(table, ident, cancel)
        except SyncError as exc:
            # BusyError included: the sync holding the cache brings this row too.
            log.info("could not refresh %s %s: %s", table, ident, exc)
            self.recordRefreshFailed.emit(table, ident, str(exc))
            return
        self.recordRefreshed.emit(table, ident, row is not None)

    def _rewrite(self, paths: Collection[str], cancel: threading.Event) -> None:
        """Files that could not be used, or were deleted by hand: each read again (CacheStore.document) and, when
        still unusable or missing while its rows are there, queued to be written again from the rows by the next
        cycle's drain. Readers meanwhile render them from the rows (documents.read)."""
        account = self.ctx.account
        if account is None:
            return
        try:
            store = account.store
            for path in sorted(paths):
                if cancel.is_set():
                    return
                store.document(path)
        except (SyncError, CacheError, sqlite3.Error, OSError) as exc:
            log.warning("could not queue files to be written again: %s", exc)

    def _sign_in(self, email: str, password: str, remember: bool) -> None:
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

    def _sign_out(self, remove_data: bool, reach_server: bool) -> None:
        account = self.ctx.account
        if account is None:
            self.signOutDone.emit(None, None)
            return
        problem = account.sign_out(remove_data=remove_data, reach_server=reach_server)
        self.signOutDone.emit(account.settings, problem)


class SyncController(QObject):
    """The GUI's handle on the worker: it turns requests into jobs on the queue (Sync now, the automatic interval,
    the live connection's change events, the rep's writes, the recovery probe after a failed cycle, record
    refreshes, files to write again), and keeps the connection state, which tables are being revalidated, and a
    clean stop when the window closes. How requests coalesce is the queue's business (sync/jobs.py)."""

    started = Signal(bool)  # full
    progress = Signal(object)
    finished = Signal(object)  # CycleReport
    stateChanged = Signal()  # connection or running changed
    recordRefreshed = Signal(str, str, bool)
    recordRefreshFailed = Signal(str, str, str)
    signInDone = Signal(str, str)
    signedOut = Signal(str)  # "" or why the local data could not be removed completely

    _liveEvent = Signal(int, object)  # the connection's generation, its event (from the connection's thread)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.jobs = JobQueue()
        self.running = False  # a cycle runs, or Sync now's is on its way
        self.connection = Connection.UNKNOWN
        self.updating: set[str] = set()  # tables not yet revalidated in the running cycle
        self.last_report: ev.CycleReport | None = None
        self.live_state = Live.OFF
        self.live_reason = ""
        self._live: LiveConnection | None = None
        self._stopping: list[LiveConnection] = []  # stopped, their threads still ending
        self._live_wanted = False
        self._live_generation = 0
        self._announced = False  # Sync now said `started` before the worker began its cycle
        self._when_idle: list[Callable[[], None]] = []  # waiting for the running job to end (the queue paused)
        self._failures = 0  # failed cycles in a row: how long until the next try
        self._next_try: float | None = None  # monotonic time of the next try after a failure
        self._signing_out = False
        self._thread = QThread(self)
        self._thread.setObjectName("sync")
        self._worker = SyncWorker(ctx, self.jobs)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.drain)
        self._thread.finished.connect(self._worker.deleteLater)
        self._worker.probed.connect(self._on_probed)
        self._liveEvent.connect(self._on_live)
        ctx.fileUnusable.connect(self._file_unusable)
        self._worker.progress.connect(self._on_progress)
        self._worker.cycleStarted.connect(self._on_cycle_started)
        self._worker.cycleDone.connect(self._on_done)
        self._worker.jobDone.connect(self._on_job_done)
        self._worker.recordRefreshed.connect(self.recordRefreshed)
        self._worker.recordRefreshFailed.connect(self.recordRefreshFailed)
        self._worker.signedIn.connect(self._on_signed_in)
        self._worker.signInDone.connect(self.signInDone)
        self._worker.signOutDone.connect(self._on_signed_out)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
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
        """A cycle of every table now; False when one is already running (the press joins it; a full resync
        asked for meanwhile runs right after it, as does a cycle of every table while one of a few tables runs)."""
        if self._signing_out:
            return False
        self.jobs.put(Cycle(full=full))
        if self.running:
            return False
        self._announced = True
        self._began(full, None)
        return True

    def sync_tables(self, tables: Collection[str]) -> None:
        """A cycle of these tables shortly (their changes seen on the server), joined by the changes that
        arrive meanwhile; during a cycle, one more after it."""
        if not self._signing_out:
            self.jobs.put(Cycle.of_changes(tables))

    def upload_soon(self) -> None:
        """The rep changed something: a cycle of the tables it touches sends it first (a cycle uploads before
        it pulls), a quarter of a second after the last of a few quick changes. Offline, the recovery probe's
        cycle sends it once the server answers."""
        if self.connection in (Connection.ONLINE, Connection.UNKNOWN):
            self.sync_tables(ENTITIES)  # the tables the rep can change

    def refresh_record(self, table: str, ident: str) -> bool:
        """Ask the server for one record (a profile just opened); False, and nothing asked, while offline or
        signed out. Ends with recordRefreshed or recordRefreshFailed (from the queued cycle of its table, when
        there is one)."""
        if self.connection not in (Connection.ONLINE, Connection.UNKNOWN) or self._signing_out:
            return False
        self.jobs.put(Refresh(table, ident))
        return True

    def rewrite(self, paths: Collection[str]) -> None:
        """Files of the tree that could not be used or were deleted by hand: written again from the rows."""
        if paths:
            self.jobs.put(Rewrite(frozenset(paths)))

    @Slot(str)
    def _file_unusable(self, path: str) -> None:
        self.rewrite((path,))

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
            self.jobs.put(Probe())
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

    def sign_in(self, email: str, password: str, remember: bool) -> None:
        self.jobs.put(SignIn(email, password, remember))

    def sign_out(self, *, remove_data: bool) -> None:
        """Sign out through the worker, after the running job (a cycle is cancelled) and with the sync work
        queued before it dropped; with `remove_data` the GUI's own connection to the folder is closed first.
        Ends with signedOut."""
        self._signing_out = True
        self._retry.stop()
        self._next_try = None
        self._stop_live()
        self._drop(Cycle, Refresh, Probe, Rewrite)

        def ask() -> None:
            if remove_data:
                self.ctx.close_cache()
            self.jobs.put(SignOut(remove_data, self.connection != Connection.OFFLINE))

        self.when_idle(ask)

    def _drop(self, *kinds: type) -> None:
        """Queued jobs taken back: the record refreshes among them answered, a Sync now already shown as started
        shown as ended."""
        dropped = self.jobs.remove(*kinds)
        for job in dropped:
            for table, ident in job.answers if isinstance(job, Cycle) else ():
                self.recordRefreshFailed.emit(table, ident, "Sync cancelled")
            if isinstance(job, Refresh):
                self.recordRefreshFailed.emit(job.table, job.ident, "Sync cancelled")
        if self._announced and any(isinstance(job, Cycle) for job in dropped):
            self._ended(ev.CycleReport(status=Status.CANCELLED, message="Sync cancelled"))

    def cancel(self) -> None:
        self.jobs.cancel()

    def when_idle(self, then: Callable[[], None]) -> None:
        """Run `then` once no cycle is running, cancelling the one that is (it stops at its next page), with no
        job started meanwhile: the account the worker writes through is about to be replaced, or its folder
        removed. What `then` queues runs after it. (A job of one request, whose answer may be what `then`
        follows, is not waited for.)"""
        if not isinstance(self.jobs.pause(), Cycle):
            try:
                then()
            finally:
                self.jobs.resume()
            return
        self._when_idle.append(then)
        self.cancel()

    @Slot()
    def _on_job_done(self) -> None:
        if not self._when_idle or self.jobs.running is not None:
            return  # a job that ended before the wait began: the one it waits for still runs
        waiting, self._when_idle = self._when_idle, []
        try:
            for then in waiting:
                then()
        finally:
            for _ in waiting:
                self.jobs.resume()

    # --- what the worker says ------------------------------------------------------------------------------

    def _began(self, full: bool, tables: Collection[str] | None) -> None:
        self.running = True
        self._retry.stop()
        self._next_try = None
        self.updating = {t.name for t in TABLES if tables is None or t.name in tables}
        self.started.emit(full)
        self.stateChanged.emit()

    @Slot(object)
    def _on_cycle_started(self, job: Cycle) -> None:
        if self._announced:
            self._announced = False  # Sync now already said so
            self.updating = {t.name for t in TABLES if job.covers(t.name)}
            self.stateChanged.emit()
        else:
            self._began(job.full, job.tables)

    @Slot(object)
    def _on_progress(self, event: ev.Event) -> None:
        if isinstance(event, ev.TableFinished):
            self.updating.discard(event.table)
        self.progress.emit(event)

    @Slot(object, object)
    def _on_done(self, _job: Cycle, report: ev.CycleReport) -> None:
        self.connection = _CONNECTION.get(report.status, self.connection)
        retried = report.status in _RETRIED and not self._signing_out
        if retried:
            self._schedule_retry()
        elif report.status == Status.OK:
            self._failures = 0
            if self._live is not None:
                self._live.nudge()  # the server is back: the socket need not wait out its backoff
        if report.status == Status.SIGNED_OUT and self._live is not None:
            # The session is over: the socket's token still works until it expires, but nothing it hears could
            # be pulled, and the window must not say live beside signed out.
            self._stop_live()
            self._set_live(Live.SIGNED_OUT, report.message)
        self._ended(report)
        if retried:
            self._drop(Cycle)  # the retry brings every table, once the server answers

    def _ended(self, report: ev.CycleReport) -> None:
        self.running = False
        self._announced = False
        self.updating = set()
        self.last_report = report
        self.finished.emit(report)
        self.stateChanged.emit()

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

    def _stop_live(self, wait: float = LIVE_STOP_WAIT_S) -> None:
        """Close the socket; its thread is given a moment to end, never a wait on the network (a token renewal
        in flight): one still ending is joined at shutdown."""
        live, self._live = self._live, None
        if live is not None:
            self._live_generation += 1  # what it said on its way out is no longer news
            if not live.stop(wait):
                self._stopping.append(live)
        self._stopping = [old for old in self._stopping if old.running]
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
            self.jobs.put(Probe())  # the network or the server gone? the probe tells, and retries
        if event.state == Live.LIVE:
            self.sync_now()  # whatever changed while not subscribed
        elif event.state == Live.SIGNED_OUT:
            self._live = None
            self.sync_now()  # the session has ended: the cycle says so, and the window shows signed out

    # --- shutdown -------------------------------------------------------------------------------------------

    def thread_running(self) -> bool:
        return self._thread.isRunning()

    def shutdown(self, close_connections: Callable[[], None] | None = None) -> None:
        """Cancel the running job, drop the queued ones and end the threads. The engine stops at the next page;
        a request in flight (the worker's, or a token renewal on the live thread) gets a moment to finish, then
        its connections are closed under it so the window never hangs on a timeout or a retry."""
        self._timer.stop()
        self._retry.stop()
        self._live_wanted = False
        self._stop_live(wait=0)
        self.jobs.close()
        self._thread.quit()
        deadline = time.monotonic() + SHUTDOWN_GRACE_MS / 1000
        ended = self._thread.wait(SHUTDOWN_GRACE_MS)
        ended = all([live.join(max(0.0, deadline - time.monotonic())) for live in self._stopping]) and ended
        if not ended:
            if close_connections is not None:
                close_connections()
            self._thread.wait()
            for live in self._stopping:
                live.join()
        self._stopping = []
        # What the threads said on their way out (a cancelled cycle, a refresh cut short) is news to no one now:
        # the views it would reach are gone.
        QCoreApplication.removePostedEvents(self, QEvent.Type.MetaCall)


# A server that answered (even with an error) is online; a local failure, a cancel, or another process's sync
# say nothing about the connection.
_CONNECTION = {Status.OK: Connection.ONLINE, Status.SERVER: Connection.ONLINE, Status.BAD_RESPONSE: Connection.ONLINE,
               Status.KEPT: Connection.ONLINE,
               Status.OFFLINE: Connection.OFFLINE, Status.SIGNED_OUT: Connection.SIGNED_OUT}
