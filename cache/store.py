"""The cache as the sync engine writes it: one SQLite transaction per page (rows, deletions, search index,
journal, checkpoint), the per-table sync state, and the journal turned into JSON files.

A crash loses at most the page in flight; files lag their rows only until the journal is drained, which
happens at the end of every cycle and at start-up, so SQLite and the files never disagree for long and never
after a completed sync. A row that cannot be stored or a file that cannot be written is set aside
(cache/quarantine.py) and stays in the journal for the next drain; everything else goes on.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import operator
import random
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import sqlite_utils

from cache import documents, elsewhere, meta, outbox, quarantine, search_build
from cache.analytics import aggregates, stale
from cache.analytics import files as analytics_files
from cache.database import CHECKPOINT_PAGES, Opened, open_database
from cache.jsontree import JsonTree
from cache.schema import (
    DAY_INDEXES,
    INDEXES,
    LATE_KEYS,
    SEARCH_INDEXES,
    SHORT_SEARCHES,
    create_day_indexes,
    key_index,
    keyless_table,
)
from cache.tables import BY_NAME, TABLES

log = logging.getLogger(__name__)

DRAIN_BATCH = 2000
# Files per task handed to the writer thread: 250 made the two threads wait on each other 115k times in a
# first sync of 300k files.
WRITE_CHUNK = 1000
CHUNK_BYTES = 8 << 20  # or fewer files, when they are large
# A folder journaled whole is written partly by another process from this many rows (spawning it costs 0.1-0.3 s).
ELSEWHERE_FILES = 20_000
# The priority of the process that writes a folder ahead (CacheStore.write_ahead), below the pull's: it takes the
# time the pull leaves (a fair share of the CPU, not of the files the two may wait on).
AHEAD_NICE = 19
# While a table is filled from empty, SQLite checkpoints every 200 MB of WAL instead of 40 MB: each checkpoint
# copies the same freshly grown pages again (a first sync of `large` checkpointed 1.35 GB for a 518 MB database).
# The WAL is cut back to its usual limit after the next checkpoint.
FILL_CHECKPOINT_PAGES = 50_000


@dataclass(frozen=True)
class TableState:
    name: str
    floor: int
    pass_watermark: int | None
    checkpoint_txid: int | None
    checkpoint_id: str | None
    last_synced_at: str | None
    last_reconciled_at: str | None
    row_count: int
    last_error: str | None
    last_error_at: str | None

    @property
    def in_pass(self) -> bool:
        """A pass was started and not finished (an interrupted cycle): the next one resumes it."""
        return self.pass_watermark is not None


class _Writer:
    """How one table's rows go into SQLite; built once per table because pages arrive by the thousand."""

    def __init__(self, table: str) -> None:
        spec = BY_NAME[table]
        self.names = spec.column_names
        self.arrays = [i for i, c in enumerate(spec.columns) if c.json_array]
        cols = ", ".join(self.names)
        marks = ", ".join("?" * len(self.names))
        updates = ", ".join(f"{n} = excluded.{n}" for n in self.names if n != "id")
        self.upsert = f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT(id) DO UPDATE SET {updates}"
        self.insert = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # while the id is not yet unique
        self.delete = f"DELETE FROM {table} WHERE id = ?"
        self._get = operator.itemgetter(*self.names)

    def values(self, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """The rows' values in column order."""
        try:
            values = list(map(self._get, rows))  # half the time of a lookup a column (1.8M rows in a first sync)
        except KeyError:
            values = [tuple(map(r.get, self.names)) for r in rows]  # a column the server left out is NULL
        if self.arrays:
            values = [self._encode_arrays(v) for v in values]
        return values

    def _encode_arrays(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        as_list = list(values)
        for i in self.arrays:
            if as_list[i] is not None:
                as_list[i] = orjson.dumps(as_list[i]).decode()
        return tuple(as_list)


_ANALYTICS = tuple(f"{folder}/" for folder in documents.ANALYTICS_FOLDERS)
_RECORD_FOLDERS = set(documents.RECORD_FOLDERS.values())
_WHOLE = {f"{folder}/{documents.WHOLE}": table for table, folder in documents.RECORD_FOLDERS.items()}


class JournalDrain:
    """Turns journal entries into files: renders a batch from the rows, writes it, and only then removes the
    entries it rendered (same version), so a crash or a newer change never loses a file.

    Rendering needs the GIL, writing mostly waits on the file system: one thread writes a batch while the
    next one is rendered, and a large folder journaled whole is shared with another process (_wholes), which
    may have begun it during the pull (CacheStore.write_ahead). (More threads measured slower: they only
    contend for the same folders and cores. Two writer threads: 303k files in 38.7 s with 42 s of kernel time,
    one: 23.9-34.7 s with 14-24 s. Folders written during the pull on a thread and connection of their own:
    usable 45.3 s against 39.3 s and the files no sooner, since a thread's priority gives it no share of the
    GIL, and the second connection's page cache took peak RSS to 282 MB; in a process of its own, at nice 19,
    the JSON tree of a first sync of `large` came 12.9 s sooner, the median of 3 runs alternating, with the
    time until usable unchanged within the runs' noise.)"""

    def __init__(self, conn: sqlite3.Connection, tree: JsonTree,
                 ahead: dict[str, FolderElsewhere] | None = None) -> None:
        self.conn = conn
        self.tree = tree
        self.ahead = ahead if ahead is not None else {}  # folders being written ahead, by whole entry: taken over
        # Files of this drain that could not be rendered or written: set aside, left in the journal for the next
        # drain, and not tried again by this one.
        self.failed: dict[str, BaseException] = {}
        self.done = 0  # files written or removed so far
        self._progress: Callable[[int], None] | None = None
        self._should_stop: Callable[[], bool] | None = None

    def run(self, should_stop: Callable[[], bool] | None = None,
            progress: Callable[[int], None] | None = None) -> int:
        """Drain until the journal is empty (entries added behind the cursor meanwhile get another pass)."""
        self._should_stop, self._progress = should_stop, progress
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cache-files") as pool:
            wholes = [(whole, found[0], table) for whole, table in _WHOLE.items() if (found := self.conn.execute(
                "SELECT version FROM json_journal WHERE path = ?", (whole,)).fetchone())]
            if wholes and not self._stopped():
                self._wholes(pool, wholes)
            while not self._stopped():
                before = self.done
                self._pass(pool)
                if self.done == before:
                    break
        return self.done

    def _stopped(self) -> bool:
        return bool(self._should_stop and self._should_stop())

    def _count(self, files: int) -> None:
        self.done += files
        if self._progress:
            self._progress(self.done)

    def _pass(self, pool: ThreadPoolExecutor) -> None:
        after = ""  # the last path handed to the writer; batches go in path order
        pending: tuple[list[tuple[str, int]], list[Future[None]]] | None = None
        while not self._stopped():
            entries = [(p, v) for p, v in self.conn.execute(
                "SELECT path, version FROM json_journal WHERE path > ? ORDER BY path LIMIT ?", (after, DRAIN_BATCH))]
            todo = [(p, v) for p, v in entries if p not in self.failed and p not in _WHOLE]
            futures = self._write_all(pool, todo)
            if pending:
                self._count(self._settle(*pending))
            if not entries:
                return
            after = entries[-1][0]
            pending = (todo, futures)
        if pending:
            self._count(self._settle(*pending))

    def _wholes(self, pool: ThreadPoolExecutor, wholes: list[tuple[str, int, str]]) -> None:
        """The folders journaled whole, every row's file. A folder another process is writing already (its
        tables came in early in the pull: CacheStore.write_ahead) goes on there; otherwise, when others come
        with it, the largest is handed to another process. This one writes the rest, then takes the other
        process's last batches back until the two meet: the files of two folders at once, on two cores, where
        the threads of one process share its interpreter lock (the 300k record files of a first sync of
        `large`, 5 runs alternating with the folders written one after the other here: 13.1 -> 8.9 s, at the
        same CPU time; bench/drain_files.py)."""
        others: list[FolderElsewhere] = []
        for whole, version, _ in wholes:
            ahead = self.ahead.pop(whole, None)
            if ahead is not None and ahead.version != version:
                ahead.close()  # its table was filled again since: the folder is written from the rows as they are
            elif ahead is not None:
                others.append(ahead)
        if not others and len(wholes) > 1:
            rows = {table: int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                    for _, _, table in wholes}
            whole, version, table = max(wholes, key=lambda w: rows[w[2]])
            if rows[table] >= ELSEWHERE_FILES:
                others.append(FolderElsewhere(self.conn, self.tree, whole, version, table))
        try:
            apart = {other.whole for other in others}
            for whole, version, table in wholes:
                if whole not in apart and not self._stopped():
                    self._whole(pool, whole, version, self._id_batches(table),
                                between=lambda: self._collect(pool, others, wait=False))
            for other in others:
                if not self._stopped():
                    self._whole_folder(pool, other.folder, other.version, self._taken_back(pool, others, other),
                                       other.failed)
            if not self._stopped():
                self._collect(pool, others, wait=True)
            for other in others:
                if not other.batches and not self._stopped():
                    self._whole_done(other.whole, other.version, other.failed)
        finally:
            for other in others:
                other.close()

    def _collect(self, pool: ThreadPoolExecutor, others: list[FolderElsewhere], *, wait: bool) -> None:
        """Settle the batches the other processes have written, in their order (all of them, with `wait`);
        one that could not be written there is written here."""
        for other in others:
            while other.batches and (wait or other.process.ready()):
                after, last = other.batches.popleft()
                written = other.process.result()
                if written is None:
                    self._whole_folder(pool, other.folder, other.version,
                                       iter([_ids_between(self.conn, other.table, after, last)]), other.failed)
                    continue
                files, failures = written
                self.failed.update(failures)
                if failures or quarantine.any_of(self.conn, quarantine.FILE, other.folder):
                    paths = documents.record_paths(other.folder, _ids_between(self.conn, other.table, after, last))
                    self._count(self._settle_records(other.folder, paths, [], other.failed))
                else:
                    self._count(files)

    def _taken_back(self, pool: ThreadPoolExecutor, others: list[FolderElsewhere],
                    other: FolderElsewhere) -> Iterator[list[str]]:
        """The other process's last batches not yet begun there, for this one to write."""
        while not self._stopped() and other.process.take_back() is not None:
            yield _ids_between(self.conn, other.table, *other.batches.pop())
            self._collect(pool, others, wait=False)

    def _id_batches(self, table: str) -> Iterator[list[str]]:
        after = ""
        while ids := [i for (i,) in self.conn.execute(f"SELECT id FROM {table} WHERE id > ? ORDER BY id LIMIT ?",
                                                      (after, DRAIN_BATCH))]:
            after = ids[-1]
            yield ids

    def _whole(self, pool: ThreadPoolExecutor, whole: str, version: int, batches: Iterator[list[str]],
               between: Callable[[], None] | None = None) -> None:
        """Write the file of every row of a table, in id order; then the entry goes, and a file that could not
        be written is journaled on its own. Interrupted, the entry stays and the next drain starts over."""
        failed: list[str] = []
        self._whole_folder(pool, whole.rpartition("/")[0], version, batches, failed, between)
        if not self._stopped():
            self._whole_done(whole, version, failed)

    def _whole_folder(self, pool: ThreadPoolExecutor, folder: str, version: int, batches: Iterator[list[str]],
                      failed: list[str], between: Callable[[], None] | None = None) -> None:
        """The files of the rows of each batch of ids. A batch is rendered while the one before it is written,
        as in _pass: waiting for each batch's files before rendering the next kept the two threads from ever
        running at once (one core busy through the 300k record files of a first sync)."""
        pending: tuple[list[str], list[Future[None]]] | None = None
        for ids in batches:
            if self._stopped():
                break
            paths = documents.record_paths(folder, ids)
            futures = self._write_all(pool, [(p, version) for p in paths])
            if pending:
                self._count(self._settle_records(folder, *pending, failed))
            pending = (paths, futures)
            if between:
                between()
        if pending:
            self._count(self._settle_records(folder, *pending, failed))

    def _whole_done(self, whole: str, version: int, failed: list[str]) -> None:
        with self.conn:
            self.conn.execute("DELETE FROM json_journal WHERE path = ? AND version = ?", (whole, version))
            self._set_aside(failed)
            if failed:
                self.conn.executemany("INSERT OR IGNORE INTO json_journal (path, version) VALUES (?, ?)",
                                      ((p, version) for p in failed))

    def _settle_records(self, folder: str, paths: list[str], futures: list[Future[None]],
                        failed: list[str]) -> int:
        """A batch of a folder written whole, once its files are: set-aside entries of the files written go;
        those that failed are kept in `failed` for the folder's end. Returns how many were written."""
        for future in futures:
            future.result()
        written = [p for p in paths if p not in self.failed]
        failed += [p for p in paths if p in self.failed]
        with self.conn:
            quarantine.clear(self.conn, quarantine.FILE, folder,
                             [p.rpartition("/")[2].removesuffix(".json") for p in written])
        return len(written)

    def write_here(self, paths: list[str]) -> None:
        """Render and then write the files on this thread (the other process's part of a folder:
        _write_records). Rendered first, so that the read is over before the writing begins: a read held
        through it (longer at a low priority) would keep the sync's checkpoints from rewinding the WAL."""
        for chunk in list(self._chunks(paths)):
            self._put(chunk)

    def _write_all(self, pool: ThreadPoolExecutor, entries: list[tuple[str, int]]) -> list[Future[None]]:
        """Render and hand files to the writer chunk by chunk, waiting while it is behind, so a batch of large
        documents (a year of daily ad figures is 200 MB) never sits in memory at once."""
        futures: list[Future[None]] = []
        for chunk in self._chunks([p for p, _ in entries]):
            futures.append(pool.submit(self._put, chunk))
            if len(futures) > 2:
                futures[-3].result()  # back-pressure: at most two chunks waiting for the writer
        return futures

    def _chunks(self, paths: list[str]) -> Iterator[list[tuple[str, bytes | None]]]:
        """The files rendered, in chunks of WRITE_CHUNK files or CHUNK_BYTES."""
        chunk: list[tuple[str, bytes | None]] = []
        size = 0
        for path, data in self._rendered(paths):
            chunk.append((path, data))
            size += len(data or b"")
            if len(chunk) >= WRITE_CHUNK or size >= CHUNK_BYTES:
                yield chunk
                chunk, size = [], 0
        if chunk:
            yield chunk

    def _rendered(self, paths: list[str]) -> Iterator[tuple[str, bytes | None]]:
        """The batch rendered together; when that fails, each file alone, so that one file whose rows cannot
        be rendered (figures too large to add up) is set aside and the others are written."""
        given: set[str] = set()
        try:
            for path, data in documents.iter_rendered(self.conn, paths):
                given.add(path)
                yield path, data
        except Exception as exc:
            if not quarantine.about_the_record(exc):
                raise
            for path in paths:
                if path in given:
                    continue
                try:
                    data = documents.render_many(self.conn, [path])[path]
                except Exception as alone:
                    if not quarantine.about_the_record(alone):
                        raise
                    self.failed[path] = alone
                    continue
                yield path, data

    def _put(self, files: list[tuple[str, bytes | None]]) -> None:
        for path, data in files:
            try:
                if data is None:
                    self.tree.remove(path)
                elif path.startswith(_ANALYTICS) and self.tree.read_bytes(path) == data:
                    # Analytics files are rendered again whenever anything in their period may have changed, and
                    # most come out the same (all of a rebuild's, the summary after many syncs): left as they
                    # are, they cost no write and wake no watcher.
                    continue
                else:
                    self.tree.write(path, data)
            except OSError as exc:
                if not quarantine.about_the_record(exc):
                    raise
                self.failed[path] = exc

    def _settle(self, entries: list[tuple[str, int]], futures: list[Future[None]]) -> int:
        for future in futures:
            future.result()  # a failed write raises here and its entry stays for the next drain
        written = [(p, v) for p, v in entries if p not in self.failed]
        failed = [p for p, _ in entries if p in self.failed]
        with self.conn:
            self.conn.executemany("DELETE FROM json_journal WHERE path = ? AND version = ?", written)
            self._set_aside(failed)
            if quarantine.any_of(self.conn, quarantine.FILE):
                for path, _ in written:
                    folder, _, name = path.rpartition("/")
                    quarantine.clear(self.conn, quarantine.FILE, folder, [name.removesuffix(".json")])
        return len(written)

    def _set_aside(self, failed: list[str]) -> None:
        for path in failed:
            log.warning("cache file %s could not be written, set aside: %s", path, self.failed[path])
            folder, _, name = path.rpartition("/")
            quarantine.put(self.conn, quarantine.FILE, folder, name.removesuffix(".json"),
                           quarantine.reason(self.failed[path]), path=path)


def _ids_between(conn: sqlite3.Connection, table: str, after: str, last: str) -> list[str]:
    return [i for (i,) in conn.execute(f"SELECT id FROM {table} WHERE id > ? AND id <= ? ORDER BY id",
                                       (after, last))]


def _id_ranges(conn: sqlite3.Connection, table: str) -> Iterator[tuple[str, str]]:
    """The table's ids in batches of DRAIN_BATCH, each as (the id before it, its last id), for batches handed
    to another process (JournalDrain._id_batches reads the ids themselves, in one query a batch)."""
    after = ""
    while True:
        found = conn.execute(f"SELECT id FROM {table} WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?",
                             (after, DRAIN_BATCH - 1)).fetchone()
        if found is None:
            (last,) = conn.execute(f"SELECT max(id) FROM {table} WHERE id > ?", (after,)).fetchone()
            if last is not None:
                yield after, last
            return
        yield after, found[0]
        after = found[0]


def _write_records(conn: sqlite3.Connection, root: str, folder: str, table: str, after: str,
                   last: str) -> tuple[int, list[tuple[str, BaseException]]]:
    """In another process (FolderElsewhere): the files of a batch of a folder written whole; how many were
    written, and those that could not be rendered or written, with why. (Not the paths: a folder written
    ahead answers every batch before any is taken, 300k paths held here.)"""
    drain = JournalDrain(conn, JsonTree(Path(root)))
    paths = documents.record_paths(folder, _ids_between(conn, table, after, last))
    drain.write_here(paths)
    return len(paths) - len(drain.failed), list(drain.failed.items())


class FolderElsewhere:
    """The files of a folder journaled whole, written by another process batch by batch (ids in (after, last],
    in id order) while this one does other work; a drain settles its answers and takes its last batches back
    (JournalDrain._wholes). Written ahead, during the pull, it asks for every batch at once at a low
    priority: nothing here tends it until the drain, and it must take no time from the pull."""

    def __init__(self, conn: sqlite3.Connection, tree: JsonTree, whole: str, version: int, table: str, *,
                 ahead: bool = False) -> None:
        self.whole, self.version, self.table = whole, version, table
        self.folder = whole.rpartition("/")[0]
        self.failed: list[str] = []  # files of it that could not be written, journaled on their own at its end
        # Batches by their bounds, (after, last]: the ids of 200k rows would be 12 MB held here all along.
        self.batches = collections.deque(_id_ranges(conn, table))
        self.process = elsewhere.Elsewhere(conn, _write_records, series=[
            (str(tree.root), self.folder, table, *bounds) for bounds in self.batches],
            ahead=None if ahead else elsewhere.AHEAD, nice=AHEAD_NICE if ahead else 0)

    def close(self) -> None:
        """Wait for the batch under way there; the others are not written."""
        self.process.close()


# A row the outbox holds changes for (in any state: a refused lead waits for the rep) is never removed because
# the server does not return it; the outbox decides when it goes (cache/outbox.py discard, adopt).
_NOT_THE_REPS = "id NOT IN (SELECT ident FROM outbox WHERE entity = ?)"


class ServerIds:
    def __init__(self, store: CacheStore, table: str) -> None:
        self.store = store
        self.table = table

    def add(self, rows: list[dict[str, Any]]) -> None:
        with self.store.conn:
            self.store.conn.executemany("INSERT OR REPLACE INTO server_ids (id, txid) VALUES (?, ?)",
                                        ((r["id"], r.get("txid")) for r in rows))

    def missing_locally(self) -> tuple[int, int]:
        """(local rows the server did not list, all local rows); the rep's own waiting records (a lead not yet
        created, a refused one) are not the server's to list."""
        row = self.store.conn.execute(
            f"SELECT count(*) FILTER (WHERE id NOT IN (SELECT id FROM server_ids) AND {_NOT_THE_REPS}), count(*) "
            f"FROM {self.table}", (self.table,)).fetchone()
        return int(row[0]), int(row[1])

    def drop_missing_locally(self) -> int:
        """Remove local rows the server did not list; returns how many."""
        gone = [r[0] for r in self.store.conn.execute(
            f"SELECT id FROM {self.table} WHERE id NOT IN (SELECT id FROM server_ids) AND {_NOT_THE_REPS}",
            (self.table,))]
        for start in range(0, len(gone), 1000):
            self.store.remove_rows(self.table, gone[start:start + 1000])
        return len(gone)

    def unknown_below(self, floor: int) -> bool:
        """Does the server list rows this cache lacks although their txid is below the floor?"""
        row = self.store.conn.execute(
            f"SELECT 1 FROM server_ids WHERE txid < ? AND id NOT IN (SELECT id FROM {self.table}) LIMIT 1",
            (floor,)).fetchone()
        return row is not None


class CacheStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        opened: Opened = open_database(folder)
        self.conn = opened.conn
        self.db = sqlite_utils.Database(self.conn)  # for schema work; pages go through executemany directly
        self.set_aside = opened.set_aside
        # A write was refused for want of permission: the next user of the store opens it afresh (open_database
        # puts the modes right, and a new connection maps a writable -shm).
        self.needs_reopen = False
        self.tree = JsonTree(folder)
        self._writers = {t.name: _Writer(t.name) for t in TABLES}
        with self.conn:
            self.db.table("sync_state").insert_all([{"table_name": t.name} for t in TABLES], ignore=True)
        self._keyless: set[str] = set()  # LATE_KEYS tables being filled, their id not yet unique
        self._searches: dict[str, search_build.SearchBuild] = {}  # search tables being built elsewhere
        self._ahead: dict[str, FolderElsewhere] = {}  # folders journaled whole being written ahead, by entry
        for table in LATE_KEYS:
            self._note_key(table)
        if self.set_aside is not None:
            # Files from the unreadable database may describe rows that no longer exist: once the new one is
            # filled, the tree is swept (see sweep_files).
            self.set_meta(sweep_files="1")

    def close(self) -> None:
        self.abandon_searches()
        self.stop_writing_ahead()
        self.conn.close()

    # --- meta -----------------------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        return meta.get(self.conn, key)

    def set_meta(self, **values: str | None) -> None:
        with self.conn:
            meta.put(self.conn, **values)

    # --- sync state -----------------------------------------------------------------------------------------

    def state(self, table: str) -> TableState:
        row = self.conn.execute("SELECT * FROM sync_state WHERE table_name = ?", (table,)).fetchone()
        return TableState(table, *(row[k] for k in TableState.__dataclass_fields__ if k != "name"))

    def states(self) -> list[TableState]:
        return [self.state(t.name) for t in TABLES]

    def begin_pass(self, table: str, watermark: int) -> TableState:
        """Start a pass at the floor, or resume an interrupted one where it stopped. An interrupted pass keeps
        the watermark of the cycle that began it: rows committed late below the current watermark but above
        that one are then still caught by the next pass (DESIGN.md §3)."""
        for entry in [w for w in self._ahead if w.rpartition("/")[0] in documents.rule_folders(table)]:
            # Its rows come again (a reconciliation's pull from the start): the folder is written whole, from
            # the rows as they will be, by the drain, and the pass's rows need not journal their files.
            self._ahead.pop(entry).close()
        with self.conn:
            fresh = self.conn.execute(
                "UPDATE sync_state SET pass_watermark = ?, checkpoint_txid = floor, checkpoint_id = '' "
                "WHERE table_name = ? AND pass_watermark IS NULL", (watermark, table)).rowcount
            if fresh and not self.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                # Filling an empty table: its indexes are built once at the end of the pass instead of growing
                # row by row (measured on 730k ad rows: 19 → 10 s; the search index ~5x cheaper in bulk).
                for name, _ in (*INDEXES.get(table, []), *DAY_INDEXES.get(table, [])):
                    self.conn.execute(f"DROP INDEX IF EXISTS {name}")
                if table in LATE_KEYS:
                    # Made again without its key (an empty table: nothing is lost); the pass appends its rows.
                    self.conn.execute(f"DROP TABLE {table}")
                    self.conn.execute(keyless_table(table))
                self.conn.execute("UPDATE sync_state SET indexes_deferred = 1 WHERE table_name = ?", (table,))
                if whole := documents.whole_folder(table):
                    self._journal([whole])
        self._note_key(table)
        if self._indexes_deferred(table):
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {FILL_CHECKPOINT_PAGES}")
        return self.state(table)

    def finish_pass(self, table: str, server_time: str) -> TableState:
        """The pass's end: the floor moves up, and a table filled from empty gets its indexes, its search tables
        built in another process when it is large (then `searching` until `land_searches` has them in)."""
        apart = False
        with self.conn:
            if self._indexes_deferred(table):
                apart = table in SEARCH_INDEXES and self.conn.execute(
                    f"SELECT count(*) >= ? FROM {table}", (search_build.ELSEWHERE_ROWS,)).fetchone()[0]
                self._build_indexes(table, search=not apart)
            count = self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
            self.conn.execute(
                "UPDATE sync_state SET floor = pass_watermark, pass_watermark = NULL, checkpoint_txid = NULL, "
                "checkpoint_id = NULL, last_synced_at = ?, row_count = ?, last_error = NULL, last_error_at = NULL, "
                # a table's first full pull is as good as a reconciliation: the next one is due a day later
                "last_reconciled_at = coalesce(last_reconciled_at, ?) WHERE table_name = ?",
                (server_time, count, server_time, table))
        self._note_key(table)
        if apart:
            self._searches[table] = search_build.SearchBuild(self.conn, self.folder, table)
        return self.state(table)

    def searching(self, table: str) -> bool:
        """Its search tables are being built in another process."""
        return table in self._searches

    def land_searches(self, *, wait: bool) -> list[str]:
        """The tables whose search tables are now in: those built elsewhere that are ready (with `wait`, all of
        them, once they are), or built here where they could not be built there."""
        landed = []
        for table, build in list(self._searches.items()):
            if not (wait or build.ready()):
                continue
            del self._searches[table]
            if not build.land():
                log.warning("the search of %s could not be built in another process: building it here", table)
                with self.conn:
                    self._build_search(table)
            landed.append(table)
        return landed

    def abandon_searches(self) -> None:
        """Wait for no search still being built elsewhere: its table's indexes stay deferred, and the next
        cycle builds them (build_deferred)."""
        for build in self._searches.values():
            build.abandon()
        self._searches.clear()

    def build_deferred(self) -> None:
        """Build what a table whose pass is over still lacks (a search that was being built elsewhere when the
        program stopped), and remove the scratch files such builds leave."""
        for (table,) in self.conn.execute("SELECT table_name FROM sync_state WHERE indexes_deferred "
                                          "AND pass_watermark IS NULL").fetchall():
            with self.conn:
                self._build_indexes(table)
        search_build.sweep(self.folder)

    def mark_checked(self, table: str, server_time: str) -> None:
        """Nothing new on the server since the last pass: the mirror is current as of now."""
        with self.conn:
            self.conn.execute("UPDATE sync_state SET last_synced_at = ?, last_error = NULL, last_error_at = NULL "
                              "WHERE table_name = ?", (server_time, table))

    def record_error(self, table: str, message: str, at: str) -> None:
        with self.conn:
            self.conn.execute("UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE table_name = ?",
                              (message, at, table))

    def restart_table(self, table: str) -> None:
        """Pull the table again from the beginning on the next pass (Full resync, rows entering RLS scope)."""
        with self.conn:
            self.conn.execute("UPDATE sync_state SET floor = 0, pass_watermark = NULL, checkpoint_txid = NULL, "
                              "checkpoint_id = NULL WHERE table_name = ?", (table,))

    # --- pages ----------------------------------------------------------------------------------------------

    def _journal(self, paths: Iterable[str]) -> None:
        # The version lets a drain that rendered an older state leave a newer entry for the same path alone.
        version = random.getrandbits(62)
        self.conn.executemany(
            "INSERT INTO json_journal (path, version) VALUES (?, ?) "
            "ON CONFLICT(path) DO UPDATE SET version = excluded.version",
            ((p, version) for p in paths))

    def _old_rows(self, table: str, ids: Sequence[str], *, analytics_tracked: bool) -> list[dict[str, Any]]:
        """The rows as they are before a change, where their files depend on columns that may change, or (the
        columns it reads only) where the analytics aggregates need to know what the change undoes."""
        if table in documents.TABLES_WITH_MOVABLE_PATHS:
            columns = "*"
        elif analytics_tracked:
            columns = stale.columns_sql(table)
        else:
            return []
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return [dict(r) for r in self.conn.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", list(ids))]

    def _analytics_tracked(self, table: str) -> bool:
        """Whether changes to `table` are recorded for the analytics aggregates row by row; a table being filled
        from empty asks for a full rebuild at the end of the cycle instead (cheaper than page by page)."""
        if table not in stale.RULES:
            return False
        if self._indexes_deferred(table):
            stale.mark_rebuild(self.conn)
            return False
        return True

    def _indexes_deferred(self, table: str) -> bool:
        row = self.conn.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = ?", (table,)).fetchone()
        return bool(row and row[0])

    def _note_key(self, table: str) -> None:
        """Follow what the database says once a transaction that may have changed it is over."""
        if table in LATE_KEYS and not self._has_key(table):
            self._keyless.add(table)
        else:
            self._keyless.discard(table)

    def _has_key(self, table: str) -> bool:
        """Whether the table's id is unique: its primary key (a cache made before LATE_KEYS), or the unique
        index a filled LATE_KEYS table has."""
        for index in self.conn.execute(f"PRAGMA index_list({table})").fetchall():
            if index["unique"] and [c["name"] for c in self.conn.execute(
                    f"PRAGMA index_info({index['name']})")] == ["id"]:
                return True
        return False

    def _settle_keys(self, table: str) -> None:
        """The end of a pass that appended every row it got (LATE_KEYS): each id keeps the row that came last,
        tombstones go, and the files of the rows removed are journaled (what they showed may have moved); then
        the id becomes unique.

        Most fills bring each id once, so the unique index is made first: only when it finds an id twice are
        the earlier rows looked for, by a grouping of the whole table that would otherwise sort it once more
        than the index does."""
        key = f"CREATE UNIQUE INDEX {key_index(table)} ON {table} (id)"
        if not self.conn.in_transaction:
            # Python begins a transaction only before a write: the key made on its own would be committed
            # alone, and a crash before the tombstones go would leave them in a table that counts as settled.
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute(key)
        except sqlite3.IntegrityError:  # the statement alone is undone; the pass's transaction goes on
            unique = False
        else:
            unique = True
        gone = "deleted_at IS NOT NULL" + ("" if unique else
                                           f" OR rowid NOT IN (SELECT max(rowid) FROM {table} GROUP BY id)")
        today = self.meta("server_today")
        decode = documents.DECODERS[table]
        removed: list[int] = []
        cursor = self.conn.execute(f"SELECT rowid AS _rowid, * FROM {table} WHERE {gone}")
        while batch := cursor.fetchmany(1000):
            removed += [r["_rowid"] for r in batch]
            self._journal(documents.paths_for(table, map(decode, batch), today))
        for start in range(0, len(removed), 1000):
            chunk = removed[start:start + 1000]
            self.conn.execute(f"DELETE FROM {table} WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)
        if not unique:
            self.conn.execute(key)

    def _build_indexes(self, table: str, *, search: bool = True) -> None:
        """The indexes left out while the table was filled; without `search`, its search tables are left for
        another process, the table's writes tracked meanwhile, and its indexes stay deferred until they land."""
        if table in self._keyless:
            self._settle_keys(table)
        for name, columns in INDEXES.get(table, []):
            self.db.table(table).create_index([c.strip() for c in columns.split(",")], index_name=name,
                                              if_not_exists=True)
        create_day_indexes(self.db, table)
        if search:
            self._build_search(table)
        else:
            search_build.track(self.conn, table)

    def _build_search(self, table: str) -> None:
        search_build.build_here(self.conn, table)
        self.conn.execute("UPDATE sync_state SET indexes_deferred = 0 WHERE table_name = ?", (table,))

    def _unindex(self, table: str, ids: Sequence[str]) -> None:
        if (index := SEARCH_INDEXES.get(table)) and not self._indexes_deferred(table):
            marks = ",".join("?" * len(ids))
            for name in (index.name, *((s.name,) if (s := SHORT_SEARCHES.get(table)) else ())):
                self.conn.execute(f"DELETE FROM {name} WHERE rowid IN "
                                  f"(SELECT rowid FROM {table} WHERE id IN ({marks}))", list(ids))

    def _reindex(self, table: str, ids: Sequence[str]) -> None:
        """After an upsert: the rows whose searchable text changed, or that have none yet, indexed anew. Most
        edits (a note, a status, a follow-up) leave that text as it was, and rewriting a row's trigrams was a
        third of the time of a page of 1,000 such edits, and grew the index's segments."""
        if not ids or not (index := SEARCH_INDEXES.get(table)) or self._indexes_deferred(table):
            return
        marks = ",".join("?" * len(ids))
        now = {r[0]: tuple(r[1:]) for r in self.conn.execute(
            f"SELECT rowid, {', '.join(index.columns.values())} FROM {table} WHERE id IN ({marks})", list(ids))}
        indexed = {r[0]: tuple(r[1:]) for r in self.conn.execute(
            f"SELECT rowid, {', '.join(index.columns)} FROM {index.name} "
            f"WHERE rowid IN ({','.join('?' * len(now))})", list(now))} if now else {}
        changed = [rowid for rowid, values in now.items() if indexed.get(rowid) != values]
        if not changed:
            return
        where = f" WHERE rowid IN ({','.join('?' * len(changed))})"
        self.conn.execute(f"DELETE FROM {index.name}{where}", changed)
        self.conn.executemany(f"INSERT INTO {index.name} (rowid, {', '.join(index.columns)}) "
                              f"VALUES (?, {', '.join('?' * len(index.columns))})",
                              [(rowid, *now[rowid]) for rowid in changed])
        if short := SHORT_SEARCHES.get(table):
            self.conn.execute(short.fill(where), changed)

    def apply_page(self, table: str, rows: list[dict[str, Any]], checkpoint: tuple[int, str] | None) -> None:
        """Apply one page in one transaction: upserts, deletions of tombstones, the search index, the journal
        of files to rewrite, and the table's checkpoint."""
        with self.conn:
            self.put_rows(table, rows)
            quarantine.clear(self.conn, quarantine.ROW, table, (str(r["id"]) for r in rows))
            if checkpoint is not None:
                self._checkpoint(table, checkpoint)

    def write_row(self, table: str, row: dict[str, Any]) -> None:
        """A row as the outbox shows it (the rep's values on the server's), in the caller's transaction."""
        self.put_rows(table, [row], from_server=False)

    def put_rows(self, table: str, rows: list[dict[str, Any]], *, from_server: bool = True) -> None:
        """Store rows (tombstones delete) with their search index, files and analytics, in the caller's
        transaction; on rows from the server, the rep's changes still waiting in the outbox are laid on top again
        (cache/outbox.py)."""
        writer = self._writers[table]
        today = self.meta("server_today")
        keyless = table in self._keyless
        live_rows = [r for r in rows if r.get("deleted_at") is None]
        tombstones = [r for r in rows if r.get("deleted_at") is not None]
        tracked = self._analytics_tracked(table)
        # The window writes the rep's rows on a connection of its own, maybe while the sync drains a folder
        # journaled whole and is past the row's id: their files are journaled one by one.
        whole = self._whole_folders(table) if from_server else set()
        # The rows as they were: none to look up in a table filled without its key (a superseded row is still
        # there, and the pass's end journals its files), nor where every file they name is in a folder journaled
        # whole, which its drain writes anyway (filling a table: 700k lookups of rows that are not there).
        old = [] if keyless or (not tracked and documents.rule_folders(table) <= whole) else \
            self._old_rows(table, [r["id"] for r in rows], analytics_tracked=tracked)
        if tracked:
            stale.record(self.conn, stale.changed_keys(table, old, rows))
        if keyless:
            # Every row appended, tombstones too: the pass's end keeps each id's last one (_settle_keys).
            self.conn.executemany(writer.insert, writer.values(rows))
        else:
            if live_rows:
                self.conn.executemany(writer.upsert, writer.values(live_rows))
            if gone := [r["id"] for r in tombstones]:
                self._unindex(table, gone)
                self.conn.executemany(writer.delete, [(i,) for i in gone])
            self._reindex(table, [r["id"] for r in live_rows])
            if from_server:
                outbox.overlay(self, table, rows)
        # The live rows' files but those of a folder journaled whole: its drain renders every row of its table as
        # the rows then are. (Files of deleted rows and of the rows as they were are journaled one by one:
        # rendering the rows that exist would not remove them.)
        self._journal(documents.paths_for(table, live_rows, today, leave_out=whole)
                      | documents.paths_for(table, tombstones, today) | documents.paths_for(table, old, today))

    def _whole_folders(self, table: str) -> set[str | None]:
        """The record folders the table's rows have files in that are journaled whole, but those being written
        ahead: another process renders them from the rows as they were when it began, so rows written since
        have their files journaled one by one."""
        wholes = {f"{folder}/{documents.WHOLE}": folder for folder in documents.rule_folders(table) & _RECORD_FOLDERS}
        return {folder for whole, folder in wholes.items() if whole not in self._ahead and self.conn.execute(
            "SELECT 1 FROM json_journal WHERE path = ?", (whole,)).fetchone()}

    def _checkpoint(self, table: str, checkpoint: tuple[int, str]) -> None:
        self.conn.execute("UPDATE sync_state SET checkpoint_txid = ?, checkpoint_id = ? WHERE table_name = ?",
                          (checkpoint[0], checkpoint[1], table))

    def apply_apart(self, table: str, rows: list[dict[str, Any]], checkpoint: tuple[int, str] | None) -> int:
        """Apply a page that failed as a whole one row at a time, setting aside (cache/quarantine.py) the rows
        that cannot be stored, so that the rest of the page and the pass go on; returns how many were set
        aside. A failure of the cache itself (a full disk) is raised, as from apply_page."""
        set_aside = 0
        for row in rows:
            try:
                self.apply_page(table, [row], None)
            except Exception as exc:
                if not quarantine.about_the_record(exc):
                    raise
                self.set_row_aside(table, row, exc)
                set_aside += 1
        if checkpoint is not None:
            with self.conn:
                self._checkpoint(table, checkpoint)
        return set_aside

    def set_row_aside(self, table: str, row: dict[str, Any], exc: BaseException) -> None:
        log.warning("%s %r could not be stored, set aside: %s", table, row.get("id"), exc)
        txid = row.get("txid")
        with self.conn:
            quarantine.put(self.conn, quarantine.ROW, table, str(row.get("id")), quarantine.reason(exc),
                           txid=txid if isinstance(txid, int) else None)

    def clear_row(self, table: str, ident: str) -> None:
        """A set-aside row the server no longer has: nothing is left to store."""
        with self.conn:
            quarantine.clear(self.conn, quarantine.ROW, table, [ident])

    def set_aside_entries(self, kind: str | None = None) -> list[quarantine.Entry]:
        return quarantine.entries(self.conn, kind)

    def remove_rows(self, table: str, ids: Sequence[str]) -> None:
        """Drop rows the server no longer returns (hard deletes, rows that left the user's RLS scope), but the
        rep's own waiting records (see _NOT_THE_REPS)."""
        with self.conn:
            waiting = {r[0] for r in self.conn.execute("SELECT DISTINCT ident FROM outbox WHERE entity = ?", (table,))}
            ids = [i for i in ids if i not in waiting]
            if ids:
                self.drop_rows(table, ids)

    def drop_rows(self, table: str, ids: Sequence[str]) -> None:
        """remove_rows in the caller's transaction."""
        today = self.meta("server_today")
        tracked = self._analytics_tracked(table)
        movable = table in documents.TABLES_WITH_MOVABLE_PATHS
        gone = self._old_rows(table, ids, analytics_tracked=tracked) if movable or tracked else \
            [{"id": i} for i in ids]
        if tracked:
            stale.record(self.conn, stale.changed_keys(table, gone, []))
        self._unindex(table, ids)
        self.conn.executemany(self._writers[table].delete, ((i,) for i in ids))
        self._journal(documents.paths_for(table, gone, today))

    @contextlib.contextmanager
    def server_ids(self, table: str) -> Iterator[ServerIds]:
        """A scratch list of the ids the server returns for `table`, compared in SQL (so neither collation
        nor memory matter, whatever the table's size)."""
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS server_ids (id TEXT PRIMARY KEY, txid INTEGER)")
        self.conn.execute("DELETE FROM server_ids")
        try:
            yield ServerIds(self, table)
        finally:
            self.conn.execute("DROP TABLE temp.server_ids")

    def mark_reconciled(self, table: str, server_time: str) -> None:
        with self.conn:
            self.conn.execute("UPDATE sync_state SET last_reconciled_at = ? WHERE table_name = ?",
                              (server_time, table))

    # --- analytics ------------------------------------------------------------------------------------------

    def update_analytics(self, *, rebuild: bool = False) -> aggregates.Outcome:
        """Bring the analytics aggregates up to date with the rows (recomputing only what changed, unless
        `rebuild`), and journal the files that changed with them, in one transaction."""
        today = self.meta("server_today")
        try:
            with self.conn:
                outcome = aggregates.rebuild(self.conn, today) if rebuild else aggregates.update(self.conn, today)
                self._journal(outcome.paths)
                quarantine.clear(self.conn, quarantine.ANALYTICS, quarantine.ANALYTICS, [""])
        except Exception as exc:
            if not quarantine.about_the_record(exc):
                raise
            # Figures that cannot be added up (ad counts near 2^63) stop only the analytics: what changed stays
            # recorded, and the next cycle tries again.
            log.warning("the analytics could not be updated: %s", exc)
            with self.conn:
                quarantine.put(self.conn, quarantine.ANALYTICS, quarantine.ANALYTICS, "", quarantine.reason(exc))
            outcome = aggregates.Outcome()
        self.release_scratch()
        return outcome

    def release_scratch(self) -> None:
        """Give back the memory of the connection's temporary tables: the analytics' scratch tables and the
        reconciliation's server ids (25 MB after a first sync of `large`, held through the drain that follows).
        They live in memory (temp_store, cache/database.py), where SQLite keeps every page they ever used, even
        once dropped, until the temporary database itself goes, which changing temp_store does. Each user
        creates its tables again (IF NOT EXISTS). Outside a transaction only."""
        self.conn.execute("PRAGMA temp_store = FILE")
        self.conn.execute("PRAGMA temp_store = MEMORY")

    # --- files ----------------------------------------------------------------------------------------------

    def pending_files(self) -> int:
        """Files the journal lists, a folder journaled whole counting as the rows of its table."""
        pending = int(self.conn.execute("SELECT count(*) FROM json_journal").fetchone()[0])
        for whole, table in _WHOLE.items():
            if self.conn.execute("SELECT 1 FROM json_journal WHERE path = ?", (whole,)).fetchone():
                pending += int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) - 1
        return pending

    def write_ahead(self, pending: Iterable[str]) -> None:
        """Hand each large folder journaled whole whose tables are all in (none `pending` in this cycle, none
        in a pass) to another process, at a low priority, which writes its files while the pull goes on; the
        cycle's drain takes over from it (a first sync of `large`: customer/ once orders are in, orders/ once
        their items are). Its rows written meanwhile have their files journaled one by one (_whole_folders)."""
        pending = set(pending)
        for whole, table in _WHOLE.items():
            if whole in self._ahead:
                continue
            found = self.conn.execute("SELECT version FROM json_journal WHERE path = ?", (whole,)).fetchone()
            if found is None:
                continue
            folder = whole.rpartition("/")[0]
            tables = {t.name for t in TABLES if folder in documents.rule_folders(t.name)}
            if tables & pending or any(self.state(t).in_pass for t in tables):
                continue
            if int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]) >= ELSEWHERE_FILES:
                self._ahead[whole] = FolderElsewhere(self.conn, self.tree, whole, found[0], table, ahead=True)

    def stop_writing_ahead(self) -> None:
        """Wait for the batches under way of the folders being written ahead and write no more there: their
        entries stay, for the next drain to write them whole (a cycle that failed before its drain)."""
        while self._ahead:
            self._ahead.popitem()[1].close()

    def drain_journal(self, should_stop: Callable[[], bool] | None = None,
                      progress: Callable[[int], None] | None = None) -> int:
        """Write (or remove) the files the journal lists; returns how many were done."""
        return JournalDrain(self.conn, self.tree, self._ahead).run(should_stop, progress)

    def sweep_files(self) -> int:
        """Remove document files that no row produces any more; returns how many. Only needed after the
        database was rebuilt, since normal operation deletes a row's files with the row."""
        today = self.meta("server_today")
        expected: set[str] = set()
        for spec in TABLES:
            decode = documents.DECODERS[spec.name]
            expected |= documents.paths_for(spec.name, (decode(r) for r in self.conn.execute(
                f"SELECT * FROM {spec.name}")), today)
        expected |= analytics_files.all_paths(self.conn)
        removed = 0
        for folder in documents.DOCUMENT_FOLDERS:
            root = self.folder / folder
            if not root.is_dir():
                continue
            for file in root.glob("*.json"):
                if file.relative_to(self.folder).as_posix() not in expected:
                    file.unlink()
                    removed += 1
        self.set_meta(sweep_files=None)
        return removed

    def document(self, path: str) -> Any:
        """A document as the application reads it (documents.read); a file that could not be used is queued to
        be written again from the rows."""
        found = documents.read(self.conn, self.tree, path)
        if found.rewrite:
            with self.conn:
                self._journal([path])
        return found.doc
