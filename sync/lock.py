"""One sync at a time per cache folder, across processes: the app, a second instance and a scheduled
`vschool-crm sync` all take the same lock file before writing. Removing the local data asks the sync that holds
it to stop (a file beside the lock), rather than waiting for however long a first sync takes."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import filelock

from cache.private import FILE_MODE, private_file, private_folder
from sync.errors import BusyError

LOCK_NAME = "sync.lock"
STOP_NAME = "sync.stop"
STOP_POLL = 0.25  # seconds between looks for a stop request: a cycle stops within about this much more


def request_stop(folder: Path) -> None:
    """Ask the sync running for `folder`, in whatever process, to stop."""
    private_file(folder / STOP_NAME)
    os.utime(folder / STOP_NAME)


def withdraw_stop(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (folder / STOP_NAME).unlink()


@contextlib.contextmanager
def stop_on_request(folder: Path, cancel: threading.Event) -> Iterator[None]:
    """While the block runs, a stop request made after it began sets `cancel`. An older one was left by a
    process that gave up or died, and is removed: it must not stop every sync to come."""
    began = time.time()
    marker = folder / STOP_NAME
    with contextlib.suppress(FileNotFoundError):
        if marker.stat().st_mtime < began:
            withdraw_stop(folder)
    done = threading.Event()

    def watch() -> None:
        while not done.wait(STOP_POLL):
            with contextlib.suppress(FileNotFoundError):
                if marker.stat().st_mtime >= began:
                    cancel.set()
                    return

    watcher = threading.Thread(target=watch, name="sync-stop-watch", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


class SyncLock:
    def __init__(self, folder: Path, *, wait: float = 0) -> None:
        """`wait`: seconds to wait for another process's sync to end before answering busy."""
        private_folder(folder)
        self._lock = filelock.FileLock(folder / LOCK_NAME, mode=FILE_MODE)
        self._wait = wait

    def __enter__(self) -> SyncLock:
        try:
            self._lock.acquire(timeout=self._wait, poll_interval=0.1)
        except filelock.Timeout as exc:
            raise BusyError("Another sync is already running for this account on this computer") from exc
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._lock.release()
