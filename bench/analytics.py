"""The analytics aggregator on the `large` cache (bench/large_cache.py: 100k customers, 200k orders, 405k order
items, 730k ad figures; built once and shared with the other benchmarks, so it is copied, never written):

1. a full rebuild (`vschool-crm analytics rebuild`): the aggregates, then the ~1,150 files they render
   (median of --runs): with the files already there, as when the command is run again (the drain compares
   and leaves identical files alone), and with none, as after a first sync (all written);
2. the update after a sync page of 1,000 changed orders: the most recent orders settle as a day of the back
   office would settle them (pending → paid, paid → refunded, …), as one page applied like the sync applies
   it; then the aggregates brought up to date and the analytics files that changed with them rewritten
   (median of --runs, each on its own 1,000 orders; the orders' own files are not counted);
3. the same for 1,000 orders drawn from the whole history, the worst case (every one on a different day).

Every timed step starts after os.sync(), so that the write-back of what came before (the 500 MB copy, the
previous step's files) is not counted in it.

    .venv/bin/python bench/analytics.py [--root .devserver/bench-home] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cache.database import DB_NAME, connect
from cache.documents import ANALYTICS_FOLDERS
from cache.store import CacheStore

SETTLED = {"pending": "paid", "paid": "refunded", "refunded": "paid", "cancelled": "paid"}


def copy_cache(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup (the source may have a WAL), read-only on the source."""
    reader = connect(source, readonly=True)
    with sqlite3.connect(target / DB_NAME) as copy:
        reader.backup(copy)
    reader.close()


def changed_orders(store: CacheStore, ids: list[str], server_time: str) -> list[dict[str, Any]]:
    """The orders as the server would send them after the back office settled them."""
    marks = ",".join("?" * len(ids))
    rows = [dict(r) for r in store.conn.execute(f"SELECT * FROM orders WHERE id IN ({marks})", ids)]
    for row in rows:
        row["status"] = SETTLED[row["status"]]
        if row["status"] == "paid" and row["paid_at"] is None:
            row["paid_at"] = server_time
        row["updated_at"] = server_time
        row["txid"] = (row["txid"] or 0) + 1
    return rows


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    # Here, not at the top: a rebuild's helper process imports this module again, and large_cache brings the
    # stand-in's client code, which it does not need (half a second).
    from large_cache import DEFAULT_ROOT, ensure

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    _, cache = ensure(args.root)
    (source,) = cache.glob(f"*/*/{DB_NAME}")
    with tempfile.TemporaryDirectory(prefix="vschool-analytics-bench-") as folder:
        work = Path(folder)
        seconds, _ = timed(lambda: copy_cache(source, work))
        print(f"copied {source} ({source.stat().st_size / 1e6:,.0f} MB) in {seconds:.1f} s; "
              f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
        store = CacheStore(work)  # brings the copy to the current schema
        counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("customers", "orders", "order_items", "ad_daily_stats")}
        print("rows: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()))

        for label, clear in (("files there", False), ("no files", True)):
            aggregates, files, written = [], [], 0
            for _ in range(args.runs):
                if clear:  # as after a first sync: every file written, none compared
                    for folder in ANALYTICS_FOLDERS:
                        for file in (store.folder / folder).glob("*.json"):
                            file.unlink()
                os.sync()
                seconds, outcome = timed(lambda: store.update_analytics(rebuild=True))
                aggregates.append(seconds)
                seconds, written = timed(store.drain_journal)
                files.append(seconds)
            together = [a + f for a, f in zip(aggregates, files, strict=True)]
            print(f"full rebuild, {label}: aggregates {statistics.median(aggregates):.2f} s ({outcome.days:,} days, "
                  f"{outcome.months} months of ad figures), files {statistics.median(files):.2f} s ({written:,} "
                  f"files), together {statistics.median(together):.2f} s (median of {args.runs}; aggregates "
                  f"{', '.join(f'{a:.2f}' for a in aggregates)} s; together "
                  f"{', '.join(f'{t:.2f}' for t in together)} s)")

        server_time = store.meta("server_time") or "2026-11-26T12:00:00+00:00"
        recent = [r[0] for r in store.conn.execute("SELECT id FROM orders ORDER BY created_at DESC, id LIMIT ?",
                                                   (1000 * args.runs,))]
        everywhere = [r[0] for r in store.conn.execute("SELECT id FROM orders")]
        random.Random(7).shuffle(everywhere)
        for label, pool in (("recent", recent), ("from all history", everywhere)):
            runs = []
            for run in range(args.runs):
                rows = changed_orders(store, pool[run * 1000:(run + 1) * 1000], server_time)
                page, _ = timed(lambda rows=rows: store.apply_page("orders", rows, (rows[-1]["txid"], rows[-1]["id"])))
                store.drain_journal()  # the orders' and customers' own files, which any sync writes
                os.sync()
                update, outcome = timed(store.update_analytics)
                drain, written = timed(store.drain_journal)
                runs.append((update + drain, update, drain, page, outcome.days, written))
            total, update, drain, page, days, written = sorted(runs)[len(runs) // 2]
            print(f"1,000 orders changed ({label}): aggregates {update * 1000:.0f} ms ({days} days recomputed) + "
                  f"files {drain * 1000:.0f} ms ({written} files) = {total * 1000:.0f} ms (median of {args.runs}; "
                  f"runs {', '.join(f'{r[0] * 1000:.0f}' for r in runs)} ms); the page itself took "
                  f"{page * 1000:.0f} ms to apply")
        store.close()


if __name__ == "__main__":
    main()
