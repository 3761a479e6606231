"""Loading generated tables into PostgreSQL with COPY.

A producer thread generates while this thread copies, so Python and the server work on the two cores at once.
Each table goes in transactions of at most 1,000 rows: rows then carry many distinct txids, like real history,
and a client paging by (txid, id) gets pages that end between transactions instead of one giant one."""

from __future__ import annotations

import datetime
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from . import times
from .catalog import PICTURE_BUCKET
from .sizes import SIZE_TABLE
from .staff import STAFF_DOMAIN
from .tables import Generation, Table

SYNCED_TABLES = ("employees", "products", "package_items", "campaigns", "ad_sets", "ads", "customers",
                 "customer_activities", "ad_daily_stats", "ad_hourly_stats", "orders", "order_items")
ROWS_PER_TRANSACTION = 1_000
BYTES_PER_TRANSACTION = 4 << 20  # picture blobs are large rows
QUEUE_CHUNKS = 16
# The loading thread wakes each time the server answers and then needs the GIL; a generating thread that never
# blocks would keep it for the 5 ms switch interval each time. Handing it over every few dozen rows (about
# 0.2 ms of work) cut the large load from 72 s to 63 s.
YIELD_EVERY = 50

Progress = Callable[[str, int], None]


@dataclass
class LoadReport:
    size: str
    seed: int
    as_of: datetime.date
    rows: dict[str, int] = field(default_factory=dict)  # "customers", ..., "auth.users", "storage.objects"
    seconds: float = 0.0
    generate_seconds: float = 0.0  # producer thread busy generating (overlaps load_seconds)
    load_seconds: float = 0.0  # waiting on COPY and COMMIT

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


@dataclass(frozen=True)
class _Chunk:
    table: Table
    text: str
    rows: int


class _Done:
    """Marks the end of the producer's output."""


class _Producer(threading.Thread):
    def __init__(self, generation: Generation, out: queue.Queue[_Chunk | BaseException | _Done],
                 cancelled: threading.Event) -> None:
        super().__init__(name="datagen-producer", daemon=True)
        self.generation = generation
        self.out = out
        self.cancelled = cancelled
        self.busy = 0.0

    def _put(self, item: _Chunk | BaseException | _Done) -> bool:
        while not self.cancelled.is_set():
            try:
                self.out.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def run(self) -> None:
        try:
            started = time.perf_counter()
            for table in self.generation.tables():
                lines: list[str] = []
                size = 0
                for line in table.lines:
                    lines.append(line)
                    size += len(line)
                    if len(lines) % YIELD_EVERY == 0:
                        time.sleep(0)  # see YIELD_EVERY
                    if len(lines) == ROWS_PER_TRANSACTION or size >= BYTES_PER_TRANSACTION:
                        self.busy += time.perf_counter() - started
                        if not self._put(_Chunk(table, "".join(lines), len(lines))):
                            return
                        started = time.perf_counter()
                        lines, size = [], 0
                if lines:
                    self.busy += time.perf_counter() - started
                    if not self._put(_Chunk(table, "".join(lines), len(lines))):
                        return
                    started = time.perf_counter()
            self.busy += time.perf_counter() - started
            self._put(_Done())
        except BaseException as exc:  # handed to the loading thread, which raises it
            self._put(exc)


def _copy_statement(table: Table) -> sql.Composed:
    schema, name = table.name.split(".")
    return sql.SQL("copy {} ({}) from stdin").format(
        sql.Identifier(schema, name), sql.SQL(", ").join(map(sql.Identifier, table.columns)))


def _require_empty(conn: psycopg.Connection) -> None:
    checks: list[tuple[str, sql.SQL | sql.Composed]] = [
        (f"public.{t}", sql.SQL("select exists (select from {})").format(sql.Identifier("public", t)))
        for t in SYNCED_TABLES]
    checks.append(("auth.users (staff accounts)", sql.SQL("select exists (select from auth.users where email like {})")
                   .format(sql.Literal(f"%@{STAFF_DOMAIN}"))))
    checks.append(("storage.objects (product pictures)", sql.SQL(
        "select exists (select from storage.objects where bucket_id = {})").format(sql.Literal(PICTURE_BUCKET))))
    busy = [name for name, query in checks if conn.execute(query).fetchone() == (True,)]
    if busy:
        raise ValueError(f"datagen.load() needs empty tables, but these hold rows: {', '.join(busy)}. "
                         "Call datagen.clear() first.")


def load(conninfo: str, size: str = "demo", *, seed: int = 1, as_of: datetime.date | None = None,
         progress: Progress | None = None) -> LoadReport:
    """Generate `size` and load it into the bootstrapped, migrated database `conninfo` (a superuser), whose
    synced tables must be empty. as_of (default: today in Bangkok) is the last day of the history; the same
    seed and as_of load identical rows. `progress(table, rows_so_far)` is called on this thread after each
    committed transaction."""
    if size not in SIZE_TABLE:
        raise ValueError(f"unknown size {size!r}: choose one of {', '.join(SIZE_TABLE)}")
    report = LoadReport(size, seed, as_of or times.today())
    started = time.perf_counter()
    # Autocommit: each COPY is its own transaction, without the round trips of BEGIN and COMMIT.
    with psycopg.connect(conninfo, autocommit=True) as conn:
        _require_empty(conn)
        # Losing the last commits in a crash is harmless here: a failed load is cleared and run again.
        conn.execute("set synchronous_commit = off")
        # Nobody watches an empty database being filled: no Realtime notices for its rows.
        conn.execute("set standin.realtime = off")
        chunks: queue.Queue[_Chunk | BaseException | _Done] = queue.Queue(maxsize=QUEUE_CHUNKS)
        cancelled = threading.Event()
        producer = _Producer(Generation(SIZE_TABLE[size], seed, report.as_of), chunks, cancelled)
        producer.start()
        statements: dict[str, sql.Composed] = {}
        try:
            while not isinstance(item := chunks.get(), _Done):
                if isinstance(item, BaseException):
                    raise item
                table = item.table.name.removeprefix("public.")
                if table not in statements:
                    statements[table] = _copy_statement(item.table)
                copy_started = time.perf_counter()
                with conn.cursor() as cursor, cursor.copy(statements[table]) as copy:
                    copy.write(item.text)
                report.load_seconds += time.perf_counter() - copy_started
                report.rows[table] = report.rows.get(table, 0) + item.rows
                if progress is not None:
                    progress(table, report.rows[table])
        finally:
            cancelled.set()
            producer.join()
    report.generate_seconds = producer.busy
    report.seconds = time.perf_counter() - started
    return report


def clear(conninfo: str) -> None:
    """Empty every table load() fills, and the sign-in sessions that pointed at its users."""
    tables = [sql.Identifier("public", t) for t in SYNCED_TABLES] + [
        sql.Identifier("auth", t) for t in ("users", "sessions", "refresh_tokens")] + [
        sql.Identifier("storage", "objects")]
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql.SQL("truncate {} cascade").format(sql.SQL(", ").join(tables)))
