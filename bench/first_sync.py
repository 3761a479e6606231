"""The sync engine's speed against the stand-in serving `large` (about 1.78M rows) over loopback:

1. a first sync into an empty cache, end to end (pages, SQLite, search index, every JSON file, pictures):
   rows/s and the peak RSS of this process;
2. a cycle after 1,000 rows changed on the server;
3. a cycle with nothing changed: requests and time (median of 20).

The stand-in runs in its own process (bench/standin_keyset.py starts it the same way and keeps the data).

    .venv/bin/python bench/first_sync.py [--data-dir .devserver/bench] [--changed 1000]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from standin_keyset import start_server

from devserver import datagen
from sync.account import Account
from sync.credentials import CredentialStore
from sync.settings import Settings


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=Path(".devserver") / "bench")
    parser.add_argument("--dataset", default="large")
    parser.add_argument("--changed", type=int, default=1000)
    args = parser.parse_args()
    proc, info = start_server(args.dataset, args.data_dir)
    superuser = f"host={args.data_dir.resolve() / 'embedded'} user=postgres dbname=postgres"
    try:
        with tempfile.TemporaryDirectory(prefix="vschool-sync-bench-") as root:
            account = Account(Settings(supabase_url=info["URL"], anon_key=info["anon key"]), Path(root),
                              CredentialStore(discover=False))
            account.sign_in(datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD)
            rss_before = peak_rss_mb()
            started = time.perf_counter()
            report = account.engine().run_cycle()
            seconds = time.perf_counter() - started
            assert report.ok, report.message
            print(f"first sync: {report.rows:,} rows, {report.files:,} files, {report.pictures} pictures, "
                  f"{report.requests:,} requests in {seconds:.1f} s = {report.rows / seconds:,.0f} rows/s; "
                  f"peak RSS {peak_rss_mb():.0f} MB (before the sync {rss_before:.0f} MB)")

            with psycopg.connect(superuser, autocommit=True) as conn:
                conn.execute("update customers set notes = 'bench ' || now() where id in "
                             "(select id from customers order by random() limit %s)", (args.changed,))
            started = time.perf_counter()
            report = account.engine().run_cycle()
            print(f"{args.changed:,} changed rows: {report.rows:,} rows, {report.files:,} files, "
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
    finally:
        proc.terminate()
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
