"""The sync cycle of DESIGN.md §3: watermark, per-table skip, keyset pages from each table's checkpoint (two
tables at once, each page fetched while the ones before are applied), floors, reconciliation, files, pictures.

Plain Python: the command line, the tests and the desktop's worker thread all drive this same code, and hear
about progress through one callback of plain event objects.
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from cache import documents, quarantine
from cache.database import not_writable, not_writable_message
from cache.store import CacheStore
from cache.tables import TABLES
from sync import events as ev
from sync.api import Api
from sync.errors import BadResponseError, CancelledError, KeptError, SyncError
from sync.lock import SyncLock, stop_on_request
from sync.pictures import PictureFetcher
from sync.status import Status
from sync.upload import upload

log = logging.getLogger(__name__)

PAGE_SIZE = 1000  # never above Supabase's 1000-row cap
RECONCILE_EVERY = dt.timedelta(days=1)
RETRY_AT_MOST = 100  # set-aside rows asked for again per cycle, one request each
TABLE_NAMES = {spec.name for spec in TABLES}
FETCHER_GRACE = 1.0  # seconds a stopped cycle waits for its page fetcher to notice
WAITING = 2  # pages a fetcher keeps ready
# Tables pulled at once, their pages applied in turn: one request in flight left the machine a third idle through
# a first sync (the stand-in takes ~20 ms a page, applying it ~8 ms), and two in flight serve ~30% more rows.
LANES = 2
# A reconciliation never removes all of a table, nor more than this share of it (and more than a handful of rows):
# a server suddenly showing far less is far likelier an account that lost its access, or an answer cut short, than
# that much data deleted at once, and the cached copy may be all the rep has.
RECONCILE_MAX_SHARE = 0.2
RECONCILE_ALWAYS_ALLOWED = 20
ACCESS_LOST = ("The server now shows this account nothing — your account may have been deactivated; your cached "
               "data is kept until you remove it")


def keyset_params(txid: int, last_id: str, page_size: int) -> dict[str, str]:
    """The page after (txid, last_id). The redundant `txid=gte.` lets PostgreSQL bound the index scan; the
    `or` alone makes it rescan from the start on every page (DESIGN.md §3)."""
    params = {"select": "*", "txid": f"gte.{txid}", "order": "txid.asc,id.asc", "limit": str(page_size)}
    if last_id:
        quoted = last_id.replace("\\", "\\\\").replace('"', '\\"')
        params["or"] = f'(txid.gt.{txid},and(txid.eq.{txid},id.gt."{quoted}"))'
    return params


Page = tuple[list[dict[str, Any]], int | None]  # the rows, and the table's row count where it was asked for


def _parse_time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def _in_keyset_order(table: str, rows: list[dict[str, Any]], after_txid: int,
                     previous: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """The page's (txid, id) keys, once it is shown to follow the previous page in (txid, id) order: txids never
    go down, and no row comes twice. A server that ignores `order` fails this at once, where following its
    pages would advance one row a page without end, or skip rows. (Ids are not compared here: their order is
    the server's collation.)"""
    keys: set[tuple[int, str]] = set()
    for row in rows:
        txid = row.get("txid")
        if not isinstance(txid, int) or txid < after_txid:
            break
        after_txid = txid
        keys.add((txid, str(row.get("id"))))
    if len(keys) != len(rows) or not keys.isdisjoint(previous):
        raise BadResponseError(
            f"The server sent {table} rows out of order: it does not seem to apply the `order` the sync asks "
            "for, so the sync stopped rather than miss rows or fetch the same ones again")
    return keys


class _PageFetcher:
    """Fetches a table's pages on its own thread, WAITING ahead of the one being applied, so both cores work.
    Pages come out in order; the first error comes out in its place. Several fetchers share one condition, which
    each notifies when it has a page: the consumer waits on it for whichever comes first."""

    def __init__(self, api: Api, table: str, start: tuple[int, str], page_size: int, cancel: threading.Event,
                 ready: threading.Condition) -> None:
        self.table = table
        self._pages: collections.deque[Page | BaseException] = collections.deque()
        self._ready = ready
        self._stop = False
        self._thread = threading.Thread(target=self._run, args=(api, start, page_size, cancel),
                                        name=f"sync-fetch-{table}", daemon=True)
        self._thread.start()

    def _put(self, item: Page | BaseException) -> bool:
        with self._ready:
            while not self._stop and len(self._pages) >= WAITING:
                self._ready.wait()
            if self._stop:
                return False
            self._pages.append(item)
            self._ready.notify_all()
            return True

    def _run(self, api: Api, start: tuple[int, str], page_size: int, cancel: threading.Event) -> None:
        txid, last_id = start
        first = True
        previous: set[tuple[int, str]] = set()
        try:
            while True:
                rows, total = api.rows(self.table, keyset_params(txid, last_id, page_size), count=first,
                                       cancel=cancel)
                first = False
                if rows:
                    previous = _in_keyset_order(self.table, rows, txid, previous)
                    last = rows[-1]
                    txid, last_id = last["txid"], str(last["id"])
                if not self._put((rows, total)) or not rows:
                    return
        except BaseException as exc:
            self._put(exc)

    def take(self) -> Page | BaseException | None:
        """The next page (or error) if it has come; the caller holds the shared condition."""
        if not self._pages:
            return None
        item = self._pages.popleft()
        self._ready.notify_all()
        return item

    def close(self) -> None:
        with self._ready:
            self._stop = True
            self._ready.notify_all()
        # Not waited for beyond a moment: a request in flight ends at its next chunk, at its deadline, or when the
        # client is closed, and whatever it fetches then is dropped (a daemon thread, nothing to write).
        self._thread.join(FETCHER_GRACE)


@dataclass
class _Lane:
    """A table being pulled: its fetcher and what its pass has applied."""

    fetcher: _PageFetcher
    report: ev.TableReport
    started: bool = False  # its first page has come
    expected: int | None = None  # the rows the server said it has


class SyncEngine:
    def __init__(self, api: Api, store: CacheStore, *, page_size: int = PAGE_SIZE,
                 listener: ev.Listener | None = None, pictures: bool = True) -> None:
        self.api = api
        self.store = store
        self.page_size = page_size
        self.listener = listener
        self.pictures = PictureFetcher(api, store) if pictures else None
        self._table: str | None = None

    def _emit(self, event: ev.Event) -> None:
        if self.listener is not None:
            self.listener(event)

    # --- one cycle ------------------------------------------------------------------------------------------

    def run_cycle(self, *, full: bool = False, reconcile: bool | None = None,
                  cancel: threading.Event | None = None, tables: Collection[str] | None = None) -> ev.CycleReport:
        """Bring the cache up to date. Never raises for network or server trouble: the report says what
        happened (status offline, signed_out, ...) and everything applied before it stays applied.
        `tables` limits the pull to those (a live change event's): no reconciliation then unless asked."""
        cancel = cancel or threading.Event()
        report = ev.CycleReport(full=full)
        started, requests = time.perf_counter(), self.api.client.requests
        self._emit(ev.CycleStarted(full))
        try:
            try:
                with SyncLock(self.store.folder), stop_on_request(self.store.folder, cancel):
                    try:
                        self._cycle(report, full, reconcile, cancel, tables)
                    finally:
                        # A cycle that ended before its drain: the next one writes those folders. Under the lock,
                        # so that no file is written once another holder (a wipe) may have removed the folder.
                        self.store.stop_writing_ahead()
            except SyncError:
                raise
            except (sqlite3.Error, OSError) as exc:
                if not_writable(exc):
                    # Once the modes are right again, only a new connection (and its -shm) can write.
                    self.store.needs_reopen = True
                    raise SyncError(not_writable_message(self.store.folder, exc)) from exc
                if quarantine.about_the_record(exc):
                    raise SyncError("The local cache could not store what the server sent: "
                                    f"{quarantine.reason(exc)}") from exc
                # A full disk, a cache locked by another program: nothing applied so far is lost.
                raise SyncError(f"The local cache in {self.store.folder} could not be written: {exc}") from exc
            except Exception as exc:
                # A fault of this program: logged with its traceback, and the cycle still ends with a report (the
                # app's Sync now must never wait on a cycle that died).
                log.exception("the sync cycle stopped on an unexpected error")
                raise SyncError(f"The sync stopped on an unexpected error ({type(exc).__name__}: {exc}); "
                                "what was synced before it is kept") from exc
        except KeyboardInterrupt:
            # Ctrl+C on the command line: the lock is released by now, and the outcome is noted before it goes on.
            report.status, report.message = Status.CANCELLED, "Sync interrupted"
            raise
        except SyncError as exc:
            report.status, report.message, report.reason = exc.kind, str(exc), exc.reason
            table = self._table
            if table and not isinstance(exc, CancelledError):
                self._remember(lambda: self.store.record_error(table, report.message, report.server_time or ""))
            self._emit(ev.SyncFailed(exc.kind, str(exc), table))
        finally:
            self._table = None
            with contextlib.suppress(sqlite3.Error):
                report.set_aside = quarantine.count(self.store.conn)
            report.seconds = time.perf_counter() - started
            report.requests = self.api.client.requests - requests
            if report.status != Status.BUSY:  # the other sync's outcome is the one that counts
                self._remember(lambda: self.store.set_meta(last_status=report.status,
                                                           last_message=report.message or None))
            self._emit(ev.CycleFinished(report))
        return report

    @staticmethod
    def _remember(write: Callable[[], None]) -> None:
        """Note the outcome in the cache when it can be written; when it cannot (that may be the very
        failure being reported), the report still carries it."""
        try:
            write()
        except sqlite3.Error as exc:
            log.warning("could not record the sync outcome in the cache: %s", exc)

    def _cycle(self, report: ev.CycleReport, full: bool, reconcile: bool | None, cancel: threading.Event,
               tables: Collection[str] | None) -> None:
        # Files a crash left unwritten come first: they describe rows already in the database. They never hold
        # up the pull: a file that cannot be written is set aside, and a disk that takes none fails the cycle's
        # last drain as well, after the rows have come in.
        self.store.tree.clear_staging()
        self.store.build_deferred()
        try:
            report.files += self._drain(cancel)
        except (sqlite3.Error, OSError) as exc:
            log.warning("the files left from the last sync could not be written yet: %s", exc)
        mark = self.api.rpc("sync_watermark", cancel=cancel)
        try:
            watermark, server_time = int(mark["watermark"]), str(mark["server_time"])
            server_now = _parse_time(server_time)
        except (TypeError, KeyError, ValueError) as exc:
            raise BadResponseError("The server's sync_watermark answer is not what this app expects") from exc
        report.server_time = server_time
        offset = (server_now - dt.datetime.now(dt.UTC)).total_seconds()
        self.store.set_meta(server_time=server_time, clock_offset=f"{offset:.3f}",
                            server_today=documents.bangkok_date(server_time))
        # The rep's changes go before the pull, so the pull brings back the server's rows with them.
        report.uploaded = upload(self.api, self.store, cancel)
        visible = self._visible_max(self.api.rpc("sync_state", cancel=cancel))
        # A cycle of a few tables (woken by a change) leaves the reconciliation to the cycles of every table.
        due = reconcile if reconcile is not None else (full or (tables is None and self._reconcile_due(server_now)))
        # A table the cache holds rows of and the server shows none of (not even tombstones) is what lost access
        # looks like: checked at once, so that a deactivated rep's cycles neither report "Up to date" nor move
        # the tables' floors past rows that come back into view with the access.
        hidden = [s.name for s in TABLES if s.name in visible and visible[s.name] is None
                  and self.store.state(s.name).row_count > 0]
        if due or hidden:
            self._check_access(cancel)
        if full:
            for spec in TABLES:
                self.store.restart_table(spec.name)
        self._plan(visible, cancel)
        plan = [spec.name for spec in TABLES if tables is None or spec.name in tables]
        # A table missing from the answer (a server whose row cap cut it short) is pulled, never skipped.
        pulled = [name for name in plan if name not in visible or self._due(name, visible[name])]
        for name in plan:
            if name not in pulled:
                self.store.mark_checked(name, server_time)
                self._emit(ev.TableFinished(name, 0, skipped=True))
        reports = self._pull(pulled, watermark, server_time, cancel)
        report.tables.extend(reports.get(name, ev.TableReport(name, skipped=True)) for name in plan)
        kept: list[str] = []
        if due:
            report.reconciled = True
            for table_report in report.tables:
                self._check_cancel(cancel)
                removed = self._reconcile(table_report.table, server_time, cancel)
                if removed is None:
                    kept.append(table_report.table)
                else:
                    table_report.removed = removed
            # Until a reconciliation goes through, every cycle tries again: rows back in view come at once.
            self.store.set_meta(reconcile_pending="1" if kept else None)
            # Rows that entered the user's scope with old txids are pulled at once, not a cycle later.
            for table_report in report.tables:
                if self.store.state(table_report.table).floor == 0:
                    again = self._pull([table_report.table], watermark, server_time, cancel)[table_report.table]
                    table_report.rows += again.rows
                    table_report.pages += again.pages
        self._table = None
        self._retry_set_aside(cancel)
        self._check_cancel(cancel)
        # Derived data for what changed (DESIGN.md §3 step 7), journaled with the rows' files and drained with them.
        outcome = self.store.update_analytics()
        report.analytics_days = outcome.days
        report.files += self._drain(cancel)
        if self.store.meta("sweep_files"):
            report.files += self.store.sweep_files()
        if self.pictures is not None:
            report.pictures = self.pictures.refresh(cancel, full=full)
        if kept:
            raise KeptError(f"The server now lists far fewer {', '.join(kept)} than this computer holds, so none were "
                            "removed: your cached data is kept until a later sync confirms the change or you remove "
                            "it")

    def _plan(self, visible: dict[str, int | None], cancel: threading.Event) -> None:
        """Count the rows of the tables to be filled from empty, one request each and only then: a first sync is
        the one long enough to need a time left (a delta cycle asks for nothing more)."""
        filling = [s.name for s in self.store.states()
                   if s.floor == 0 and not s.in_pass and visible.get(s.name) is not None]
        if not filling:
            return
        expected: dict[str, int] = {}
        for table in filling:
            _, total = self.api.rows(table, {"select": "id", "txid": "gte.0", "limit": "0"}, count=True,
                                     cancel=cancel)
            if total is not None:
                expected[table] = total
        self._emit(ev.SyncPlanned(expected))

    @staticmethod
    def _visible_max(state: Any) -> dict[str, int | None]:
        if not isinstance(state, list):
            raise BadResponseError("The server's sync_state answer is not a list")
        try:
            return {str(r["table_name"]): (int(r["max_txid"]) if r["max_txid"] is not None else None) for r in state}
        except (TypeError, KeyError, ValueError) as exc:
            raise BadResponseError("The server's sync_state answer is not what this app expects") from exc

    @staticmethod
    def _check_cancel(cancel: threading.Event) -> None:
        if cancel.is_set():
            raise CancelledError("Sync cancelled")

    def _due(self, table: str, visible_max: int | None) -> bool:
        """Whether the table has anything to pull: a pass to resume, or rows the server shows at its floor or
        above."""
        state = self.store.state(table)
        return state.in_pass or (visible_max is not None and visible_max >= state.floor)

    def _pull(self, tables: list[str], watermark: int, server_time: str,
              cancel: threading.Event) -> dict[str, ev.TableReport]:
        """A pass of each table, LANES at once in their order: the pages of whichever has one are applied, the
        earlier table's first, so that it comes in first."""
        reports: dict[str, ev.TableReport] = {}
        waiting = list(tables)
        ready = threading.Condition()
        lanes: list[_Lane] = []
        searching: dict[str, ev.TableReport] = {}  # passes over, their search tables being built elsewhere

        def finished(table: str, report: ev.TableReport) -> None:
            self._emit(ev.TableFinished(table, report.rows, skipped=False))
            reports[table] = report

        def landed(wait: bool) -> None:
            for table in self.store.land_searches(wait=wait):
                finished(table, searching.pop(table))

        def fill() -> None:
            while waiting and len(lanes) < LANES:
                table = self._table = waiting.pop(0)  # a pass that cannot begin is this table's failure
                state = self.store.begin_pass(table, watermark)
                assert state.checkpoint_txid is not None
                start = (state.checkpoint_txid, state.checkpoint_id or "")
                lanes.append(_Lane(_PageFetcher(self.api, table, start, self.page_size, cancel, ready),
                                   ev.TableReport(table)))

        try:
            fill()
            while lanes:
                self._check_cancel(cancel)
                if searching:
                    landed(wait=False)
                lane, item = self._next_page(lanes, ready)
                table = self._table = lane.fetcher.table
                if isinstance(item, BaseException):
                    raise item
                rows, total = item
                if not lane.started:
                    lane.started, lane.expected = True, total
                    self._emit(ev.TableStarted(table, total))
                if not rows:  # only an empty page ends a table: a short one may just be the server's row cap
                    lane.fetcher.close()
                    lanes.remove(lane)
                    fill()  # the next table's pages come while this one's indexes are built
                    self.store.finish_pass(table, server_time)
                    # A large folder whose tables are all in is written by another process from now on.
                    self.store.write_ahead([other.fetcher.table for other in lanes] + waiting)
                    if self.store.searching(table):  # finished once its search is in
                        searching[table] = lane.report
                    else:
                        finished(table, lane.report)
                    continue
                self._apply(table, rows, (rows[-1]["txid"], str(rows[-1]["id"])))
                lane.report.rows += len(rows)
                lane.report.pages += 1
                self._emit(ev.PageApplied(table, len(rows), lane.report.rows, lane.expected))
            landed(wait=True)
        finally:
            for lane in lanes:
                lane.fetcher.close()
            self.store.abandon_searches()  # stopped before they landed: the next cycle builds them
        return reports

    @staticmethod
    def _next_page(lanes: list[_Lane], ready: threading.Condition) -> tuple[_Lane, Page | BaseException]:
        with ready:
            while True:
                for lane in lanes:
                    item = lane.fetcher.take()
                    if item is not None:
                        return lane, item
                ready.wait()

    def _apply(self, table: str, rows: list[dict[str, Any]], checkpoint: tuple[int, str] | None) -> None:
        """A page in one transaction; when a row in it cannot be stored, row by row, that one set aside."""
        try:
            self.store.apply_page(table, rows, checkpoint)
        except Exception as exc:
            if not quarantine.about_the_record(exc):
                raise
            self.store.apply_apart(table, rows, checkpoint)

    def _retry_set_aside(self, cancel: threading.Event) -> None:
        """Ask the server again for each row set aside: stored now if it can be, forgotten if it is gone. (A row
        that changed has already come with its table's pass.)"""
        for entry in self.store.set_aside_entries(quarantine.ROW)[:RETRY_AT_MOST]:
            self._check_cancel(cancel)
            if entry.table not in TABLE_NAMES:
                self.store.clear_row(entry.table, entry.ident)
                continue
            self._table = entry.table
            rows, _ = self.api.rows(entry.table, {"select": "*", "id": f"eq.{entry.ident}"}, cancel=cancel)
            if not [r for r in rows if r.get("deleted_at") is None]:
                self.store.remove_rows(entry.table, [entry.ident])
                self.store.clear_row(entry.table, entry.ident)
            else:
                self._apply(entry.table, rows, None)
        self._table = None

    # --- reconciliation -------------------------------------------------------------------------------------

    def _check_access(self, cancel: threading.Event) -> None:
        if not self.api.is_active_employee(cancel):
            self.store.set_meta(reconcile_pending="1")
            raise KeptError(ACCESS_LOST)

    def _reconcile_due(self, server_now: dt.datetime) -> bool:
        if self.store.meta("reconcile_pending"):
            return True
        for state in self.store.states():
            last = state.last_reconciled_at
            if last is not None and server_now - _parse_time(last) > RECONCILE_EVERY:
                return True
        return False

    def _reconcile(self, table: str, server_time: str, cancel: threading.Event) -> int | None:
        """Drop local rows the server no longer returns, by paging the live ids (never an `in.()` list), and
        restart the table when the server shows old rows this cache never had (they entered the user's RLS
        scope after their txid had been passed). None, and nothing removed, when that would remove all of the
        table or more than RECONCILE_MAX_SHARE of it."""
        self._table = table
        floor = self.store.state(table).floor
        with self.store.server_ids(table) as ids:
            last = ""
            while True:
                params = {"select": "id,txid", "deleted_at": "is.null", "order": "id.asc",
                          "limit": str(self.page_size)}
                if last:
                    params["id"] = f"gt.{last}"  # a top-level filter takes its value verbatim: no quoting
                rows, _ = self.api.rows(table, params, cancel=cancel)
                if not rows:
                    break
                ids.add(rows)
                last = str(rows[-1]["id"])
            gone, local = ids.missing_locally()
            if gone and (gone == local or gone > max(RECONCILE_ALWAYS_ALLOWED, local * RECONCILE_MAX_SHARE)):
                log.warning("%s: the server lists %d of the %d cached rows; none removed", table, local - gone, local)
                return None
            removed = ids.drop_missing_locally()
            if ids.unknown_below(floor):
                log.info("%s: rows entered the user's scope; pulling the table again", table)
                self.store.restart_table(table)
        self.store.mark_reconciled(table, server_time)
        return removed

    # --- files ----------------------------------------------------------------------------------------------

    def _drain(self, cancel: threading.Event) -> int:
        total = self.store.pending_files()
        if not total:
            return 0
        done = self.store.drain_journal(should_stop=cancel.is_set,
                                        progress=lambda n: self._emit(ev.FilesWritten(n, total)))
        self._check_cancel(cancel)
        return done

    # --- one record -----------------------------------------------------------------------------------------

    def refresh_one(self, table: str, ident: str, cancel: threading.Event | None = None) -> dict[str, Any] | None:
        """Fetch one row now (a record the user opened) and rewrite its files; None when it is gone or out of
        the user's scope. Raises BusyError while a sync holds the cache (that sync brings the row anyway)."""
        with SyncLock(self.store.folder):
            rows, _ = self.api.rows(table, {"select": "*", "id": f"eq.{ident}"}, cancel=cancel)
            live = [r for r in rows if r.get("deleted_at") is None]
            if rows:
                self._apply(table, rows, None)
            if not live:
                self.store.remove_rows(table, [ident])
            # The analytics follow at the next cycle (the change is recorded): recomputing them here would make
            # opening one record wait for them.
            self.store.drain_journal()
            return live[0] if live else None
