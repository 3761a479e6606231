"""The dashboard's first paint on the `large` cache (bench/large_cache.py), offscreen: constructing the
DashboardView and painting it (`grab()`) from analytics/summary.json, the median of --runs; then a custom range
(summed from the aggregate tables) of 30 days and of a year, each repainted.

The cache is copied to a temp dir first (cache.db through SQLite's backup, ~500 MB, and the analytics files if
there are any), since the shared one is never written; where its analytics files are missing the aggregator
rebuilds them on the copy, then the journal is drained.

    .venv/bin/python bench/dashboard_bench.py [--root .devserver/bench-home] [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from analytics import copy_cache
from large_cache import DEFAULT_ROOT, ensure

from cache.analytics.files import SUMMARY
from cache.database import DB_NAME
from cache.store import CacheStore


def copy_account(config: Path, cache: Path, work: Path) -> tuple[Path, Path]:
    """(config dir, cache root) of a copy of the large cache in `work`, with its analytics files built."""
    (source,) = cache.glob(f"*/*/{DB_NAME}")
    folder = work / "cache" / source.parent.relative_to(cache)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    copy_cache(source, folder)
    if (source.parent / "analytics").is_dir():
        shutil.copytree(source.parent / "analytics", folder / "analytics")
    print(f"copied {source} ({source.stat().st_size / 1e6:,.0f} MB) in {time.perf_counter() - started:.1f} s")
    store = CacheStore(folder)  # brings the copy to the current schema
    if not (folder / SUMMARY).exists():
        started = time.perf_counter()
        outcome = store.update_analytics(rebuild=True)
        files = store.drain_journal()
        print(f"analytics rebuilt on the copy: {outcome.days:,} days, {files:,} files in "
              f"{time.perf_counter() - started:.1f} s")
    store.close()
    shutil.copytree(config, work / "config")
    return work / "config", work / "cache"


def measure(config: Path, cache: Path, runs: int) -> None:
    from PySide6.QtWidgets import QApplication
    from shiboken6 import Shiboken

    from desktop.app import dress
    from desktop.context import AppContext
    from desktop.views.dashboard import DashboardView
    from desktop.worker import SyncController
    from sync.credentials import CredentialStore

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    dress(qapp)
    ctx = AppContext(config, cache, CredentialStore(discover=False))  # signed in or not, the view reads the same
    sync = SyncController(ctx)
    try:
        size = (ctx.file_path(SUMMARY) or Path()).stat().st_size
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            view = DashboardView(ctx, sync)
            view.resize(1080, 720)
            view.show()
            view.grab()
            times.append((time.perf_counter() - started) * 1000)
            view.close()
            Shiboken.delete(view)
        print(f"dashboard first paint (construct + paint from {SUMMARY}, {size / 1000:,.0f} kB): median "
              f"{statistics.median(times):.1f} ms over {runs} runs ({', '.join(f'{t:.0f}' for t in times)} ms)")

        view = DashboardView(ctx, sync)
        view.resize(1080, 720)
        view.show()
        assert view.summary is not None, "no analytics/summary.json"
        today = dt.date.fromisoformat(view.summary["today"])
        for days in (30, 365):
            custom = []
            for run in range(runs):
                last = today - dt.timedelta(days=run + 1)  # a different range each run
                started = time.perf_counter()
                view.set_range(last - dt.timedelta(days=days - 1), last)
                view.grab()
                custom.append((time.perf_counter() - started) * 1000)
            print(f"custom range of {days} days (SQL over the aggregates + paint): median "
                  f"{statistics.median(custom):.1f} ms ({', '.join(f'{t:.0f}' for t in custom)} ms)")
        view.close()
        Shiboken.delete(view)
    finally:
        sync.shutdown()
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    config, cache = ensure(args.root)
    with tempfile.TemporaryDirectory(prefix="vschool-dashboard-bench-") as folder:
        measure(*copy_account(config, cache, Path(folder)), args.runs)


if __name__ == "__main__":
    main()
