"""A first sync, ours against a plain client (bench/plain_client.py), in alternation against one stand-in.

Each run is a process of its own on an empty folder of its own, all kept until the end (about 2 GB a run on
`large`): A B A B … for --pairs pairs, ours first. Both talk to the stand-in through a loopback relay that counts
the bytes each way (bench/wire.py), so compression shows. For each run: wall time (process start to exit), client
CPU (user + system, from the child's rusage), peak RSS, bytes received and sent; for ours also the time until usable
(every table in SQLite with its indexes and search tables) and until the JSON tree is complete, and the peak RSS of
each phase (bench/our_client.py samples it). Then the ratios pair by pair, their medians, and the last caches on
disk: cache.db table by table with its indexes and search tables (SQLite's dbstat), the WAL at its largest during
the sync, and each folder of the JSON tree with its files, their bytes and the space they take (a file takes
whole 4 KiB blocks). Before each run, the time to create a file where the run will write its own (2,000 files of
1 kB, kept with the runs): ext4 is far slower to create files for a while after many were deleted (seen here: 26 µs
a file, then 240-420 µs for more than ten minutes after 3.6M were removed; 230 µs just after the probe had removed
its own 2,000), and a run in such a spell says so.

After the pairs, the last of our caches takes two more measurements in this process: a cycle after --changed
rows changed on the server, and a cycle with nothing changed (requests and time, median of 20).

    .venv/bin/python bench/first_sync.py [--size demo|large] [--pairs 3] [--no-compression] [--changed 1000]

The stand-in keeps its data under --data-dir (default .devserver/bench for large, .devserver/bench-demo for
demo); the first run generates it. A benchmark, not a test: nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this tree's code, not an installed one

from standin_keyset import start_server
from wire import CountingRelay

from sync.account import DEMO_EMAIL, DEMO_PASSWORD, Account
from sync.credentials import CredentialStore
from sync.settings import Settings

BENCH = Path(__file__).resolve().parent
MB = 1024 * 1024


@dataclass
class Run:
    client: str
    wall: float = 0.0
    user: float = 0.0
    system: float = 0.0
    peak_mb: float = 0.0
    received: int = 0
    sent: int = 0
    rows: int = 0
    files: int = 0
    usable: float | None = None
    json_done: float | None = None
    received_by_json: int | None = None  # before the pictures
    tables: dict[str, float] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)  # peak RSS (MB) of each phase, ours only
    wal_peak: int | None = None
    disk: dict[str, int] = field(default_factory=dict)
    database: dict[str, int] = field(default_factory=dict)  # cache.db's bytes by table, its indexes included
    objects: dict[str, int] = field(default_factory=dict)  # cache.db's bytes by table, index and search table
    folders: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # files, bytes, allocated
    file_us: float = 0.0  # creating a file beside the run's folder, just before it (file_creation_us)

    @property
    def cpu(self) -> float:
        return self.user + self.system


def cache_root(root: Path) -> Path:
    return next((db.parent for db in root.rglob("cache.db")), root)


def folder_usage(root: Path) -> dict[str, tuple[int, int, int]]:
    """(files, bytes, bytes allocated) of the SQLite files together and of each folder of the JSON tree, two
    levels deep."""
    usage: dict[str, tuple[int, int, int]] = {}
    root = cache_root(root)
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            parts = path.relative_to(root).parts
            if name.startswith("cache.db"):
                key = "cache.db (+wal)"
            else:
                key = "/".join(parts[:-1][-2:]) if len(parts) > 1 else name
            stat = path.stat()
            files, size, allocated = usage.get(key, (0, 0, 0))
            usage[key] = (files + 1, size + stat.st_size, allocated + stat.st_blocks * 512)
    return usage


_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


def database_usage(root: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes of cache.db by table (its indexes and search tables with it), and by object (an FTS table's shadow
    tables as one), from SQLite's dbstat; empty where SQLite was built without it."""
    path = cache_root(root) / "cache.db"
    if not path.exists():
        return {}, {}
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        owners = {name: table for name, table in conn.execute("SELECT name, tbl_name FROM sqlite_master")}
        sizes = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
    except sqlite3.OperationalError:  # no dbstat
        return {}, {}
    finally:
        conn.close()
    objects: dict[str, int] = {}
    for name, size in sizes:
        fts = next((name.removesuffix(s) for s in _FTS_SHADOWS if name.endswith(s) and name.removesuffix(s) in owners),
                   None)
        key = f"{fts} (search)" if fts else name
        objects[key] = objects.get(key, 0) + size
    tables: dict[str, int] = {}
    for key, size in objects.items():
        name = key.removesuffix(" (search)")
        owner = owners.get(name, name)
        if key.endswith(" (search)") or owner.endswith("_short"):  # a search table counts with its source's
            owner = owner.removesuffix("_search").removesuffix("_short")
        tables[owner] = tables.get(owner, 0) + size
    return tables, objects


def run_child(client: str, url: str, key: str, folder: Path, relay: CountingRelay) -> Run:
    script = BENCH / ("our_client.py" if client == "ours" else "plain_client.py")
    relay.reset()
    run = Run(client)
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, str(script), url, key, str(folder)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        word, *rest = line.split()
        if word == "TABLE":
            run.tables[rest[0]] = float(rest[2]) - started
        elif word == "USABLE":
            run.usable = float(rest[0]) - started
        elif word == "FILES":
            run.json_done = float(rest[0]) - started
            run.received_by_json = relay.counts.received
        elif word == "DONE":
            run.rows, run.files = int(rest[0]), int(rest[1])
        elif word == "PHASE":
            run.phases[rest[0]] = float(rest[1])
        elif word == "WAL":
            run.wal_peak = int(rest[0])
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    run.wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"{client}: the client exited with {proc.returncode}")
    counts = relay.reset()
    run.received, run.sent = counts.received, counts.sent
    run.user, run.system, run.peak_mb = usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024  # KiB on Linux
    run.folders = folder_usage(folder)
    run.disk = {key: allocated for key, (_, _, allocated) in run.folders.items()}
    run.database, run.objects = database_usage(folder)
    return run


def file_creation_us(probe: Path) -> float:
    """Microseconds to create, write and close one small file in the new folder `probe` (median of 20 rounds of
    100). The files stay: removing them would slow the next file system work measured, the next run's included."""
    probe.mkdir()
    data = b"x" * 1000
    rounds = []
    for r in range(20):
        started = time.perf_counter()
        for n in range(100):
            fd = os.open(probe / f"{r}-{n}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, data)
            os.close(fd)
        rounds.append((time.perf_counter() - started) * 1e4)  # per file, in µs
    return statistics.median(rounds)


SLOW_FILE_US = 100  # several times a healthy ext4's figure here (about 26 µs)


def describe(run: Run) -> str:
    text = (f"{run.client:5} wall {run.wall:6.1f} s  CPU {run.cpu:6.1f} s (user {run.user:.1f} + sys "
            f"{run.system:.1f})  peak {run.peak_mb:4.0f} MB  received {run.received / MB:7.1f} MB  sent "
            f"{run.sent / MB:5.1f} MB  {run.rows:,} rows, {run.files:,} files\n      file creation before "
            f"the run: {run.file_us:.0f} µs a file")
    if run.file_us > SLOW_FILE_US:
        text += " (slow: the file system is still busy with files deleted not long ago; figures are pessimistic)"
    if run.usable is not None and run.json_done is not None:
        text += f"\n      usable at {run.usable:.1f} s, JSON tree complete at {run.json_done:.1f} s"
        if run.received_by_json is not None:
            text += f" ({run.received_by_json / MB:.1f} MB received by then)"
        if "customers" in run.tables:
            text += f" (customers in at {run.tables['customers']:.1f} s)"
    if run.phases:
        tables = {k: v for k, v in run.phases.items() if k not in ("start", "analytics", "files", "pictures")}
        top = max(tables, key=tables.__getitem__) if tables else None
        shown = [f"{name} {run.phases[name]:.0f}" for name in ("start", top, "analytics", "files", "pictures")
                 if name in run.phases]
        text += f"\n      peak RSS by phase (MB; pull: its largest table): {', '.join(shown)}"
    return text


def ratios(ours: Run, plain: Run) -> dict[str, float]:
    assert ours.usable is not None and ours.json_done is not None
    return {
        "plain wall / our usable": plain.wall / ours.usable,
        "plain wall / our JSON complete": plain.wall / ours.json_done,
        "plain wall / our wall": plain.wall / ours.wall,
        "our CPU / plain CPU": ours.cpu / plain.cpu,
        "our peak RSS / plain": ours.peak_mb / plain.peak_mb,
        "our bytes received / plain": ours.received / max(plain.received, 1),
    }


def report_disk(run: Run) -> None:
    total = sum(run.disk.values())
    parts = ", ".join(f"{name} {size / MB:,.0f} MB" for name, size in
                      sorted(run.disk.items(), key=lambda item: -item[1])[:8])
    print(f"  {run.client:5} cache on disk {total / MB:,.0f} MB: {parts}")
    if run.database:
        wal = f"; the WAL at most {run.wal_peak / MB:,.0f} MB during the sync" if run.wal_peak is not None else ""
        print(f"        cache.db {sum(run.database.values()) / MB:,.1f} MB by table, with its indexes and search "
              f"tables{wal}:")
        for table, size in sorted(run.database.items(), key=lambda item: -item[1]):
            if size < MB:
                continue
            pieces = sorted(((name, part) for name, part in run.objects.items() if part >= MB / 2 and (
                name == table or name.startswith(f"{table}_") or name == f"sqlite_autoindex_{table}_1")),
                key=lambda item: -item[1])
            inner = ", ".join(f"{name.replace(f'sqlite_autoindex_{table}_1', 'id')} {part / MB:.1f}"
                              for name, part in pieces)
            print(f"          {table:22} {size / MB:6.1f} MB  ({inner})")
    print("        folders: files, bytes in them, space taken")
    for name, (files, size, allocated) in sorted(run.folders.items(), key=lambda item: -item[1][2]):
        if allocated >= MB:
            print(f"          {name:32} {files:8,} {size / MB:9.1f} MB {allocated / MB:9.1f} MB")


def later_cycles(url: str, key: str, root: Path, superuser: str, changed: int) -> None:
    account = Account(Settings(supabase_url=url, anon_key=key), root, CredentialStore(discover=False))
    account.sign_in(DEMO_EMAIL, DEMO_PASSWORD, remember=False)
    with psycopg.connect(superuser, autocommit=True) as conn:
        conn.execute("update customers set notes = 'bench ' || now() where id in "
                     "(select id from customers order by random() limit %s)", (changed,))
    started = time.perf_counter()
    report = account.engine().run_cycle()
    print(f"{changed:,} changed rows: {report.rows:,} rows, {report.files:,} files, "
          f"{report.requests} requests in {time.perf_counter() - started:.2f} s")
    times, requests = [], set()
    for _ in range(20):
        started = time.perf_counter()
        report = account.engine().run_cycle()
        times.append(time.perf_counter() - started)
        requests.add(report.requests)
    print(f"nothing changed: {sorted(requests)} requests, median {statistics.median(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms over 20 cycles")
    account.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["demo", "large"], default="large")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--no-compression", action="store_true", help="the stand-in answers uncompressed")
    parser.add_argument("--changed", type=int, default=1000, help="rows changed for the delta cycle (0: skip)")
    parser.add_argument("--keep", type=Path, help="leave the last cache of each client here")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(".devserver") / ("bench" if args.size == "large" else "bench-demo")
    proc, info = start_server(args.size, data_dir, compress=not args.no_compression, quiet=True)
    superuser = f"host={data_dir.resolve() / 'embedded'} user=postgres dbname=postgres"
    upstream = int(info["URL"].rsplit(":", 1)[1])
    print(f"first sync of {args.size}, {args.pairs} pairs, stand-in {'without' if args.no_compression else 'with'}"
          f" compression; ours first in each pair", flush=True)
    pairs: list[tuple[Run, Run]] = []
    try:
        with CountingRelay(upstream) as relay, tempfile.TemporaryDirectory(prefix="vschool-first-sync-") as tmp:
            for n in range(1, args.pairs + 1):
                runs = []
                for client in ("ours", "plain"):
                    # A folder of its own, removed only at the end: ext4 gives a new file an inode freed in the
                    # last half minute only after checking each such inode, so a run right after the last one's
                    # 300k files were deleted spent up to 7x the kernel time creating its own (seen here: 13 s
                    # against 97 s of system time for the same files), whichever client it was.
                    folder = Path(tmp) / f"{client}-{n}"
                    file_us = file_creation_us(Path(tmp) / f"probe-{client}-{n}")
                    runs.append(run_child(client, relay.url, info["anon key"], folder, relay))
                    runs[-1].file_us = file_us
                    print(f"pair {n}: {describe(runs[-1])}", flush=True)
                pairs.append((runs[0], runs[1]))
                for name, value in ratios(*pairs[-1]).items():
                    print(f"        {name}: {value:.2f}")
            print("\nmedians over the pairs:")
            for name in ratios(*pairs[0]):
                values = [ratios(o, p)[name] for o, p in pairs]
                print(f"  {name:32} {statistics.median(values):5.2f}  ({', '.join(f'{v:.2f}' for v in values)})")
            ours, plain = [o for o, _ in pairs], [p for _, p in pairs]
            rows_m = ours[0].rows / 1e6
            print(f"  our usable {statistics.median(o.usable or 0 for o in ours):.1f} s, JSON complete "
                  f"{statistics.median(o.json_done or 0 for o in ours):.1f} s, wall "
                  f"{statistics.median(o.wall for o in ours):.1f} s; plain wall "
                  f"{statistics.median(p.wall for p in plain):.1f} s")
            print(f"  client CPU per million rows: ours {statistics.median(o.cpu for o in ours) / rows_m:.1f} s, "
                  f"plain {statistics.median(p.cpu for p in plain) / rows_m:.1f} s; peak RSS ours "
                  f"{statistics.median(o.peak_mb for o in ours):.0f} MB, plain "
                  f"{statistics.median(p.peak_mb for p in plain):.0f} MB")
            print(f"  bytes received: ours {statistics.median(o.received for o in ours) / MB:.1f} MB, plain "
                  f"{statistics.median(p.received for p in plain) / MB:.1f} MB")
            report_disk(ours[-1])
            report_disk(plain[-1])
            if args.keep:
                for client in ("ours", "plain"):
                    shutil.rmtree(args.keep / client, ignore_errors=True)
                    shutil.copytree(Path(tmp) / f"{client}-{args.pairs}", args.keep / client)
            if args.changed:
                later_cycles(relay.url, info["anon key"], Path(tmp) / f"ours-{args.pairs}", superuser, args.changed)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
