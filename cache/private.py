"""Folders and files only their user can read: the cache and the settings hold customers' names and phone
numbers (DESIGN.md §4). Every folder is created 0700 — each missing parent too, where `os.makedirs` gives its
mode to the last one only — and every file 0600 whatever the umask, by whoever creates it: us, SQLite (its
-wal and -shm files copy the database file's mode) or the lock library."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: str | os.PathLike[str]) -> None:
    """Create `path` and every missing folder above it, each 0700; a folder that exists keeps its mode."""
    missing: list[str] = []
    folder = os.fspath(path)
    while folder and not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, DIR_MODE)
        os.chmod(folder, DIR_MODE)  # a umask such as 0o277 would otherwise take from the owner too


def make_private(path: str | os.PathLike[str]) -> None:
    """Tighten a folder or file that may come from a version that left it readable to others."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, DIR_MODE if os.path.isdir(path) else FILE_MODE)


def private_file(path: Path) -> None:
    """Create `path` empty and 0600 unless it exists (then make it 0600), before another library opens it
    with its own default mode: SQLite and filelock create files 0644 under the usual umask."""
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    os.chmod(path, FILE_MODE)
