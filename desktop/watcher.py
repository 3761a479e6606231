"""Open views follow the cache when another writer changes it: a `vschool-crm sync` run by the scheduler, or a
second instance (DESIGN.md §4); and files of the JSON tree deleted by hand are written again.

watchdog's thread only notes that something changed and pokes the GUI once; the GUI lets the burst settle (a
sync touches thousands of files) and then asks whether the data really changed. For cache.db that is SQLite's
own answer: PRAGMA data_version on the GUI's read-only connection moves whenever another connection commits.
This app's sync is one of those connections, so its writes are recognised differently: the window re-reads
after its own sync and calls `mark_seen()`, and file events during our sync (and shortly after it, since
events arrive late) are taken as ours. Only another process can write while our sync is not running: the
sync lock lets one writer at a time touch a cache folder.

What the watcher finds is split by whose work it is (DESIGN.md §8). Re-reading the views is the GUI's: a
changed cache.db or file emits `changed`, here on the GUI thread, and nothing goes to the worker for it. A
JSON file gone from the tree outside our sync (deleted or moved away by hand) is the cache's writer's: the
paths go to the sync worker's queue as one Rewrite job, which queues them to be written again from the rows
(readers render them from the rows meanwhile). A file damaged in place is not told from another writer's
rewrite by its events, and reading every file another sync writes would double its work: it is found when
read (AppContext.record), which queues the same job.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from cache.database import DB_NAME
from cache.documents import DOCUMENT_FOLDERS
from cache.jsontree import STAGING
from desktop.context import AppContext
from desktop.worker import SyncController
from sync import events as ev
from sync.pictures import FOLDER as PICTURES_FOLDER
from sync.status import Status

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
# A long foreign sync still refreshes the views every few seconds rather than only at its end.
MAX_DELAY_MS = 3000
# How long after our own sync finished its file events may still be arriving.
OWN_WRITES_GRACE_S = 2.0
# Reads (opened, closed without writing) are left out: the GUI reading a profile must not wake the watcher.
_EVENTS = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent]

DATABASE, FILES = "database", "files"
WATCHED_FOLDERS = (("", False), *((f, False) for f in DOCUMENT_FOLDERS), ("analytics", False),
                   (PICTURES_FOLDER, True))


# The application stops its sync, the cache's writer here, before the watcher (Application.shutdown); events of
# another writer, or the last of our own still being read, may yet arrive while watchdog's inotify emitter
# stops, and it logs an error for each one it then drops. Dropping them is what stopping means.
_INOTIFY_LOG = logging.getLogger("watchdog.observers.inotify")


def _stop_race(record: logging.LogRecord) -> bool:
    return "called when the thread is inactive" not in record.getMessage()


def tree_file(root: str, path: str) -> str | None:
    """The path of a JSON file of the tree's document folders relative to the account folder, as the cache
    names its files; None for anything else (pictures, the staging folder, cache.db)."""
    relative = os.path.relpath(path, root).replace(os.sep, "/")
    folder = relative.rpartition("/")[0]
    return relative if relative.endswith(".json") and folder in DOCUMENT_FOLDERS else None


def classify(root: str, path: str) -> str | None:
    """DATABASE (data_version decides whether it changed), FILES (the JSON tree, pictures), or None for what
    never means new data: the staging folder of atomic writes, lock files, SQLite's shared-memory index."""
    relative = os.path.relpath(path, root)
    parts = relative.split(os.sep)
    if parts[0] in (STAGING, os.pardir):
        return None
    name = parts[-1]
    if name.endswith((".lock", "-shm")):
        return None
    return DATABASE if len(parts) == 1 and name.startswith(DB_NAME) else FILES


class _Handler(FileSystemEventHandler):
    """Runs on watchdog's thread: classifies the path and passes it on, nothing more."""

    def __init__(self, root: Path, note: Callable[[str, str | None], None]) -> None:
        self.root = str(root)
        self.note = note

    def on_any_event(self, event: FileSystemEvent) -> None:
        # An atomic write is a move out of the staging folder: where it lands is what changed.
        path = event.dest_path if isinstance(event, FileMovedEvent) else event.src_path
        kind = classify(self.root, os.fsdecode(path))
        # A file deleted, or moved away (by hand: the staging folder's own files are not the tree's).
        gone = tree_file(self.root, os.fsdecode(event.src_path)) \
            if isinstance(event, (FileDeletedEvent, FileMovedEvent)) else None
        if kind is not None or gone is not None:
            self.note(kind or FILES, gone)


class CacheWatcher(QObject):
    # The cache changed under us (another process): open views re-read.
    changed = Signal()
    _poked = Signal()  # from watchdog's thread; queued to the GUI

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QObject | None = None, *,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self._observer: BaseObserver | None = None
        self._handler: _Handler | None = None
        self._watched: set[str] = set()  # folders of the tree under watch, relative to the account folder
        self._wanted = False  # started and not stopped: follow account changes
        self._lock = threading.Lock()
        self._poke_pending = False  # a poke is on its way to the GUI: no need for another
        self._files_changed = False  # a file other than cache.db changed since the last check
        self._gone: set[str] = set()  # files of the tree deleted since the last check
        self._seen_version = 0  # data_version when the views last read the cache
        self._own_writes_until = 0.0  # monotonic: file events before this are our own sync's
        self._burst = QElapsedTimer()
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(debounce_ms)
        self._settle.timeout.connect(self._check)
        self._poked.connect(self._on_poked, Qt.ConnectionType.QueuedConnection)
        ctx.accountChanged.connect(self._restart)
        sync.finished.connect(self._own_sync_finished)

    # --- lifecycle ------------------------------------------------------------------------------------------

    def start(self) -> None:
        """Watch the account's folder, now and after every account change; without a cache yet, the account
        change that opens one starts the watching."""
        self._wanted = True
        if self._observer is None:
            self._watch()

    def stop(self) -> None:
        """Stop watching and join watchdog's threads."""
        self._wanted = False
        self._unwatch()

    @property
    def watching(self) -> Path | None:
        return None if self._observer is None else self.ctx.folder

    def _watch(self) -> None:
        folder = self.ctx.folder
        if folder is None or not folder.is_dir():
            return
        self._seen_version = self.ctx.data_version()  # a new connection: its own count
        observer = Observer()
        observer.name = "cache-watcher"
        self._handler = _Handler(folder, self._note)
        self._watched = set()
        try:
            self._watch_folders(observer, folder)
            observer.start()
        except OSError as exc:  # e.g. the system's limit of inotify watches reached
            log.warning("cannot watch %s (%s): views follow only this app's own syncs", folder, exc)
            return
        self._observer = observer

    def _watch_folders(self, observer: BaseObserver, folder: Path) -> None:
        """The account folder and the tree's known folders, each on its own. Not one recursive watch: that
        lists all 300,000 files of a large cache to find the folders (0.7 s at start-up), and these folders
        are all there is but pictures, which are few and watched recursively. Folders a sync creates later
        are added at the next check."""
        for relative, recursive in WATCHED_FOLDERS:
            path = folder / relative
            if relative not in self._watched and path.is_dir():
                observer.schedule(self._handler, str(path), recursive=recursive, event_filter=_EVENTS)
                self._watched.add(relative)

    def _unwatch(self) -> None:
        self._settle.stop()
        if self._observer is not None:
            # Its emitters are stopped and joined within stop(): the filter is needed for no longer than that.
            _INOTIFY_LOG.addFilter(_stop_race)
            try:
                self._observer.stop()
                self._observer.join()
            finally:
                _INOTIFY_LOG.removeFilter(_stop_race)
            self._observer = None
        with self._lock:
            self._poke_pending = self._files_changed = False
            self._gone.clear()

    def _restart(self) -> None:
        if self._wanted:
            self._unwatch()
            self._watch()

    # --- watchdog's thread ----------------------------------------------------------------------------------

    def _note(self, kind: str, gone: str | None) -> None:
        with self._lock:
            self._files_changed = self._files_changed or kind == FILES
            if gone is not None:
                self._gone.add(gone)
            if self._poke_pending:
                return
            self._poke_pending = True
        self._poked.emit()

    # --- the GUI thread -------------------------------------------------------------------------------------

    def _on_poked(self) -> None:
        with self._lock:
            self._poke_pending = False
        if self._observer is None:
            return  # a poke from before stop() or a restart
        if not self._settle.isActive():
            self._burst.start()
        # Each poke moves the check back, until the burst has gone on for too long.
        if self._burst.elapsed() < MAX_DELAY_MS:
            self._settle.start()

    def _check(self) -> None:
        folder = self.ctx.folder
        if self._observer is not None and folder is not None:
            self._watch_folders(self._observer, folder)
        with self._lock:
            files, self._files_changed = self._files_changed, False
            gone, self._gone = self._gone, set()
        if self.sync.running:
            return  # our own sync's writes: the window re-reads when it finishes
        version = self.ctx.data_version()
        ours = time.monotonic() < self._own_writes_until
        if gone and not ours:
            self.sync.rewrite(gone)  # the worker's job: the files of rows still there come back
        if version != self._seen_version or (files and not ours):
            self._seen_version = version
            self.changed.emit()

    def _own_sync_finished(self, report: ev.CycleReport) -> None:
        if report.status != Status.BUSY:  # a cycle that found the cache locked by another process wrote nothing
            self._own_writes_until = time.monotonic() + OWN_WRITES_GRACE_S

    def mark_seen(self) -> None:
        """The views have just re-read the cache (after our own sync): what is there now is not news."""
        self._seen_version = self.ctx.data_version()
        with self._lock:
            self._files_changed = False
            self._gone.clear()
