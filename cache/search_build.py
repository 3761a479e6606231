"""A large table's search tables built in another process while this one goes on with the pull.

At the end of a first sync's customers, their trigram index and short search (cache/schema.py) took 4.6 s on the
one thread that applies every page, so every table after them waited that long. Instead, another process reads the
committed rows and builds both into a scratch database of its own; this one goes on pulling, and copies them in
when they are ready (0.9 s for the same 100,000 customers). Rows written in between — the window's own writes (a
rep's new lead) come through another connection — are listed by triggers on the table as they are written, and
indexed again as the copy lands, so the search never misses a change.

Until it has landed the table's indexes count as deferred (sync_state.indexes_deferred), as while it is filled:
the store's page writes leave the search alone and the duplicate check compares every row. A crash before the
copy leaves it so, and the next cycle builds the search here (CacheStore.build_deferred).

The copy is made on a connection of its own: FTS5 keeps the structure of an index cached per connection and reads
it again only once another connection has committed, so a connection that rewrote the index's tables itself would
go on writing to the index it remembers (tried: its next insert failed a constraint).
"""

from __future__ import annotations

import contextlib
import secrets
import sqlite3
from pathlib import Path
from urllib.parse import quote

from cache import elsewhere
from cache.database import connect
from cache.private import private_file
from cache.schema import SEARCH_INDEXES, SHORT_SEARCHES
from cache.tables import BY_NAME

# From this many rows the search is built elsewhere: spawning the other process costs 0.1-0.3 s, and building the
# search of 20,000 customers here about 0.9 s.
ELSEWHERE_ROWS = 20_000
SCRATCH_PREFIX = ".search-"
LANDING_CACHE_KB = 2048
_FTS5_TABLES = ("data", "idx", "content", "docsize", "config")  # where an FTS5 index keeps itself


def _stale(table: str) -> str:
    return f"{table}_search_stale"


def track(conn: sqlite3.Connection, table: str) -> None:
    """List, from now on, the rows of `table` that are written (in the caller's transaction)."""
    stale = _stale(table)
    # Without a key, a row written twice listed twice: a trigger's conflict clause gives way to the writing
    # statement's (an upsert), so an INSERT OR IGNORE here would fail the rep's second edit instead.
    conn.execute(f"CREATE TABLE IF NOT EXISTS {stale} (row INTEGER)")
    for event, rows in (("INSERT", ("new",)), ("UPDATE", ("old", "new")), ("DELETE", ("old",))):
        inserts = " ".join(f"INSERT INTO {stale} VALUES ({row}.rowid);" for row in rows)
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {stale}_{event.lower()} AFTER {event} ON {table} "
                     f"BEGIN {inserts} END")


def untrack(conn: sqlite3.Connection, table: str) -> None:
    stale = _stale(table)
    for event in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {stale}_{event}")
    conn.execute(f"DROP TABLE IF EXISTS {stale}")


def build_here(conn: sqlite3.Connection, table: str) -> None:
    """The table's search tables rebuilt from its rows (in the caller's transaction)."""
    if index := SEARCH_INDEXES.get(table):
        conn.execute(f"DELETE FROM {index.name}")
        conn.execute(index.fill())
    if short := SHORT_SEARCHES.get(table):
        short.rebuild(conn)
    untrack(conn, table)


def _build(conn: sqlite3.Connection, table: str, scratch: str) -> bool:
    """In the other process: the search tables of the rows `conn` (read-only) sees, into a new file `scratch`."""
    source = elsewhere.database_file(conn)
    private_file(Path(scratch))  # it holds the customers' names and numbers too
    out = sqlite3.connect(f"file:{quote(scratch)}", uri=True, isolation_level=None)
    try:
        # A scratch file: nothing in it is worth a journal, and a crash leaves it to be swept.
        out.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        # The rows are copied first and the cache let go: a read held through the whole build kept the sync's
        # checkpoints from rewinding the WAL, which grew to 239-261 MB (116 MB without the build).
        columns = ", ".join(("rowid", *BY_NAME[table].column_names))
        [(ddl,)] = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchall()
        out.execute("ATTACH DATABASE ? AS cache", (f"file:{quote(source)}?mode=ro",))
        out.execute("BEGIN")
        out.execute(ddl)
        out.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM cache.{table}")
        out.execute("COMMIT")
        out.execute("DETACH DATABASE cache")
        out.execute("BEGIN")
        if index := SEARCH_INDEXES.get(table):
            out.execute(index.ddl)
            out.execute(index.fill())
        if short := SHORT_SEARCHES.get(table):
            out.execute(short.ddl)
            out.execute(short.fill())
        out.execute("COMMIT")
    finally:
        out.close()
    return True


class SearchBuild:
    """The search tables of `table` being built in another process from what `conn`'s database holds now; the
    caller tracks the table's writes (track) in the transaction it committed before."""

    def __init__(self, conn: sqlite3.Connection, folder: Path, table: str) -> None:
        self.table = table
        self._database = Path(elsewhere.database_file(conn))
        self._scratch = folder / f"{SCRATCH_PREFIX}{table}-{secrets.token_hex(4)}.db"
        self._other = elsewhere.Elsewhere(conn, _build, table, str(self._scratch))

    def ready(self) -> bool:
        return self._other.ready()

    def land(self) -> bool:
        """Copy the search tables in, the rows written since indexed again, in one transaction that also ends the
        table's deferral; False when they could not be built there (the caller builds them here)."""
        try:
            if not self._other.result():
                return False
            conn = connect(self._database)
            try:
                # The copy streams through its pages: the cache's usual 64 MB would hold them all, memory the
                # process need not get back once the connection closes.
                conn.execute(f"PRAGMA cache_size = -{LANDING_CACHE_KB}")
                conn.execute("ATTACH DATABASE ? AS built", (str(self._scratch),))
                with conn:
                    conn.execute("BEGIN IMMEDIATE")
                    self._copy(conn)
                    conn.execute("UPDATE sync_state SET indexes_deferred = 0 WHERE table_name = ?", (self.table,))
                conn.execute("DETACH DATABASE built")
            finally:
                conn.close()
            return True
        finally:
            self.abandon()

    def _copy(self, conn: sqlite3.Connection) -> None:
        # Unqualified names are the cache's own: SQLite looks in main before an attached database (the scratch
        # file holds a copy of the table too).
        changed = f" WHERE rowid IN (SELECT row FROM {_stale(self.table)})"
        if index := SEARCH_INDEXES.get(self.table):
            for part in _FTS5_TABLES:
                conn.execute(f"DELETE FROM main.{index.name}_{part}")
                conn.execute(f"INSERT INTO main.{index.name}_{part} SELECT * FROM built.{index.name}_{part}")
            conn.execute(f"DELETE FROM {index.name}{changed}")
            conn.execute(index.fill(changed))
        if short := SHORT_SEARCHES.get(self.table):
            short.rebuild(conn, f"INSERT INTO main.{short.name} SELECT * FROM built.{short.name}")
            conn.execute(f"DELETE FROM {short.name}{changed}")
            conn.execute(short.fill(changed))
        untrack(conn, self.table)

    def abandon(self) -> None:
        """Stop waiting for it (the other process finishes its build and exits) and remove the scratch file."""
        self._other.abandon()
        with contextlib.suppress(OSError):
            self._scratch.unlink(missing_ok=True)


def sweep(folder: Path) -> None:
    """Remove the scratch files of builds that never landed (a crash); one still open elsewhere stays."""
    for scratch in folder.glob(f"{SCRATCH_PREFIX}*"):
        with contextlib.suppress(OSError):
            scratch.unlink()
