"""Opening cache.db: WAL mode, the schema version with migrations (a backup first), and recovery from a file
that SQLite cannot read (set aside, never deleted, and rebuilt from the server). A folder or file this user may
not write is a permission problem, said as such: the file in it is healthy and stays where it is."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from cache.private import make_private, private_file, private_folder
from cache.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

DB_NAME = "cache.db"
SIDE_FILES = ("-wal", "-shm")
# The result codes that mean the file itself is damaged or not a database: only then is it set aside.
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# Those that mean this user may not write the folder or one of the files.
_NOT_WRITABLE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}


class CacheError(Exception):
    """The cache cannot be used; the message says what happened and what the user can do."""


@dataclass
class Opened:
    conn: sqlite3.Connection
    # Set when the previous file could not be read and a new one was started: where the old one was kept.
    set_aside: Path | None = None
    migrated_from: int | None = None


CHECKPOINT_PAGES = 10_000


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with the settings every user of the cache needs."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
    else:
        conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
    conn.row_factory = sqlite3.Row
    # WAL: readers (the UI) never wait for the writer (the sync), and a crash cannot tear a transaction.
    # synchronous=NORMAL is durable across application crashes in WAL mode; only a power cut can lose the
    # last transactions, which the next sync fetches again.
    # A checkpoint every 10,000 WAL pages (40 MB) instead of 1,000: a first sync rewrites the same index
    # pages over and over, and fewer, larger checkpoints write each of them once (measured 78 → 47 µs a row).
    # The WAL is cut back to 64 MB after each checkpoint.
    # temp_store = MEMORY: sorts and temporary tables (customer names, phones) never go to the temporary files
    # SQLite makes in a shared folder such as /var/tmp, outside the cache's private one; CacheStore.release_scratch
    # gives back the memory the temporary tables held.
    conn.executescript("PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;"
                       f"PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES};"
                       "PRAGMA journal_size_limit = 67108864;")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # Two writers share the file: the sync and the rep's own changes (cache/outbox.py). A transaction takes
        # the write lock when it begins (Python begins one before its first write, even an executemany with
        # nothing to insert), so it waits for the other writer; a deferred one that read first and then wrote
        # after the other committed would fail at once with "database is locked" (SQLite's busy snapshot).
        conn.isolation_level = "IMMEDIATE"
    return conn


def _version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.v{version}.bak")
    private_file(target)
    with contextlib.closing(sqlite3.connect(target)) as copy:
        conn.backup(copy)
    return target


def _migrate(conn: sqlite3.Connection, path: Path) -> int | None:
    version = _version(conn)
    if version > SCHEMA_VERSION:
        raise CacheError(
            f"The local cache was written by a newer version of VSchool CRM (schema {version}, this version "
            f"knows {SCHEMA_VERSION}). Update the application, or remove the folder {path.parent} to start over."
        )
    if version == SCHEMA_VERSION:
        return None
    if version > 0:
        log.info("backed up the cache to %s before migrating", _backup(conn, path, version))
    import sqlite_utils  # here, not at the top: opening a current cache (every start of the window) needs none of it

    db = sqlite_utils.Database(conn)
    for target in range(version, SCHEMA_VERSION):
        MIGRATIONS[target](db)
        conn.execute(f"PRAGMA user_version = {target + 1}")  # only once the whole step is in place
        conn.commit()
    return version or None  # from 0 the file was created, not migrated


def _readable(conn: sqlite3.Connection) -> None:
    """Touch the file enough to find out whether SQLite can read it (header, schema, first pages)."""
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    _version(conn)


def _primary_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code: Python gives the extended one (SQLITE_READONLY_CANTINIT for a read-only
    -shm, say), whose low byte is the primary."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def not_writable(exc: BaseException) -> bool:
    """Is this failure a folder or file of the cache that this user may not write (rather than a damaged file,
    a full disk, ...)?"""
    if isinstance(exc, PermissionError):
        return True
    return isinstance(exc, sqlite3.Error) and _primary_code(exc) in _NOT_WRITABLE


def not_writable_message(folder: Path, exc: BaseException) -> str:
    return (f"The cache folder is not writable: {folder} ({exc}). Nothing in it was changed; give your user back "
            "write access to it (and to the files in it) and sync again.")


def private_database(path: Path) -> None:
    """The database file 0600 before SQLite first opens it, so its -wal and -shm files are made 0600 too; those
    left by a version that did not care, or made while the file was briefly read-only (SQLite gives them the
    database file's mode, and a -shm left read-only fails every later write), are set to 0600 as well."""
    private_file(path)
    for suffix in SIDE_FILES:
        make_private(f"{path}{suffix}")


def _writable(folder: Path) -> None:
    """Refuse, before SQLite tries, a folder or file this user cannot write; modes that are merely too strict
    (this user's own files) are put right by private_database."""
    path = folder / DB_NAME
    try:
        private_database(path)
    except PermissionError as exc:  # another user's file, or a folder closed to us
        raise CacheError(not_writable_message(folder, exc)) from exc
    for name in (folder, path, *(Path(f"{path}{s}") for s in SIDE_FILES)):
        if name.exists() and not os.access(name, os.W_OK | (os.X_OK if name.is_dir() else 0)):
            raise CacheError(not_writable_message(folder, PermissionError(f"{name} is read-only")))


def _set_aside(path: Path, exc: sqlite3.DatabaseError) -> Path:
    """Keep the damaged file (it may still be recoverable by hand) beside the new one the server fills."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    try:
        for suffix in ("", *SIDE_FILES):
            with contextlib.suppress(FileNotFoundError):
                os.replace(f"{path}{suffix}", f"{target}{suffix}")
    except OSError as move:
        raise CacheError(f"The local cache {path} cannot be read ({exc}), and could not be moved aside to start a "
                         f"new one ({move}): move or remove it by hand") from move
    log.warning("cache database unreadable (%s); moved it to %s", exc, target)
    return target
def open_current(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to a cache that needs no work first: the file is there, SQLite can read it and its
    schema is this version's. None otherwise, and then open_database (the store's) must create, migrate or set
    it aside before anyone reads it: a reader checks first, and pays for the store only when it must."""
    if not path.is_file():
        return None
    for suffix in ("", "-wal", "-shm"):
        make_private(f"{path}{suffix}")
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path, readonly=True)
        _readable(conn)
        if _version(conn) == SCHEMA_VERSION:
            return conn
    except sqlite3.DatabaseError:
        pass
    if conn is not None:
        conn.close()
    return None


def open_database(folder: Path) -> Opened:
    try:
        private_folder(folder)
    except PermissionError as exc:
        raise CacheError(not_writable_message(folder, exc)) from exc
    path = folder / DB_NAME
    _writable(folder)
    set_aside = None
    conn: sqlite3.Connection | None = None
    try:
        conn = connect(path)
        _readable(conn)
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if _primary_code(exc) not in _DAMAGED:
            if not_writable(exc):
                raise CacheError(not_writable_message(folder, exc)) from exc
            raise CacheError(f"The local cache {path} could not be opened: {exc}") from exc
        set_aside = _set_aside(path, exc)
        private_database(path)
        conn = connect(path)
    migrated_from = _migrate(conn, path)
    return Opened(conn, set_aside, migrated_from)

