"""Records set aside: a row the cache could not store, a file it could not write, figures it could not add up.

One bad record must not stop the sync (a row whose date lies past year 9999, ad figures too large to add up):
it is noted here with its reason, the rest of the page and the cycle go on, and the next cycle tries it again.
An entry goes when the record can be stored after all, or when the server's row changes or disappears.

Only failures that belong to the record are set aside. A full disk, a locked or read-only cache, a folder that
cannot be written are the cache's own trouble: they end the cycle with their message. Any other exception while
one record is stored or rendered (a date out of range, a value of a type it cannot take) is taken as that
record's: were it a fault of every record, all of them would show here with the reason, never a sync that hangs.
"""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

ROW, FILE, ANALYTICS = "row", "file", "analytics"

# SQLite result codes (the low byte of the extended code) that say the database itself cannot be used now.
_CACHE_TROUBLE = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_NOMEM, sqlite3.SQLITE_READONLY,
                  sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN,
                  sqlite3.SQLITE_PROTOCOL, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_PERM, sqlite3.SQLITE_INTERRUPT}
# Operational errors that come from the values in hand rather than from the database.
_VALUE_TROUBLE = {sqlite3.SQLITE_TOOBIG, sqlite3.SQLITE_MISMATCH, sqlite3.SQLITE_RANGE, sqlite3.SQLITE_CONSTRAINT}
# Errors of one file's name or content; anything else (no space, no permission) is the folder's or the disk's.
_FILE_TROUBLE = {errno.ENAMETOOLONG, errno.EINVAL, errno.EILSEQ, errno.EISDIR, errno.ENOTDIR}


@dataclass(frozen=True)
class Entry:
    kind: str
    table: str
    ident: str
    path: str
    error: str
    first_seen: str
    last_seen: str


def about_the_record(exc: BaseException) -> bool:
    """Whether a failure to store or write a record lies in the record rather than in the cache."""
    if isinstance(exc, OSError):
        return exc.errno in _FILE_TROUBLE
    if isinstance(exc, sqlite3.Error):
        code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
        if code in _CACHE_TROUBLE:
            return False
        if isinstance(exc, sqlite3.OperationalError):  # mostly the database's; a few are the values'
            return code in _VALUE_TROUBLE or "integer overflow" in str(exc)
        if isinstance(exc, sqlite3.ProgrammingError):  # a value of a type SQLite has no place for, or a misuse
            return "binding parameter" in str(exc)
        return True  # a value SQLite will not keep (a constraint)
    return isinstance(exc, Exception)


def reason(exc: BaseException) -> str:
    """The failure in words, naming what was wrong with the record."""
    if isinstance(exc, sqlite3.Error) and "integer overflow" in str(exc):
        return "a figure is too large to add up (integer overflow)"
    if isinstance(exc, OverflowError):
        return f"a value is out of range ({exc})"
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return f"{type(exc).__name__}: {exc}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def put(conn: sqlite3.Connection, kind: str, table: str, ident: str, error: str, *, path: str = "",
        txid: int | None = None) -> None:
    """Inside the caller's transaction. A record set aside again keeps its first sighting."""
    now = _now()
    conn.execute(
        "INSERT INTO quarantine (kind, table_name, ident, path, txid, error, first_seen, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(kind, table_name, ident) DO UPDATE SET "
        "path = excluded.path, txid = excluded.txid, error = excluded.error, last_seen = excluded.last_seen",
        (kind, table, ident, path, txid, error, now, now))


def clear(conn: sqlite3.Connection, kind: str, table: str, idents: Iterable[str]) -> None:
    """Inside the caller's transaction: these records were stored (or are gone) after all."""
    if not any_of(conn, kind, table):
        return  # the common case, a page at a time: nothing to look up
    conn.executemany("DELETE FROM quarantine WHERE kind = ? AND table_name = ? AND ident = ?",
                     ((kind, table, i) for i in idents))


def any_of(conn: sqlite3.Connection, kind: str, table: str | None = None) -> bool:
    if table is None:
        return conn.execute("SELECT 1 FROM quarantine WHERE kind = ? LIMIT 1", (kind,)).fetchone() is not None
    return conn.execute("SELECT 1 FROM quarantine WHERE kind = ? AND table_name = ? LIMIT 1",
                        (kind, table)).fetchone() is not None


def entries(conn: sqlite3.Connection, kind: str | None = None) -> list[Entry]:
    where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
    return [Entry(*r) for r in conn.execute(
        "SELECT kind, table_name, ident, path, error, first_seen, last_seen FROM quarantine "
        f"{where} ORDER BY first_seen, table_name, ident", params)]


def count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM quarantine").fetchone()[0])
