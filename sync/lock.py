"""One sync at a time per cache folder, across processes: the app, a second instance and a scheduled
`vschool-crm sync` all take the same lock file before writing."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

import filelock

from cache.private import FILE_MODE, private_folder
from sync.errors import BusyError

LOCK_NAME = "sync.lock"


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
