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
    def __init__(self, folder: Path) -> None:
        private_folder(folder)
        self._lock = filelock.FileLock(folder / LOCK_NAME, mode=FILE_MODE)

    def __enter__(self) -> SyncLock:
        try:
            self._lock.acquire(timeout=0)
        except filelock.Timeout as exc:
            raise BusyError("Another sync is already running for this account on this computer") from exc
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._lock.release()
