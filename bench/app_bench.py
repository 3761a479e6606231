"""The application over the `large` cache (bench/large_cache.py builds it), offscreen:

1. process start to the first painted customer list (a fresh process each run; median); then, each a fresh
   process (median, and peak RSS from the child's rusage), `vschool-crm app --no-sync --screenshot` of the
   customers view from start to exit, beside a bare PySide6 window showing 200 rows of the same cache.db in a
   QTableView from start to its written screenshot: the toolkit's own floor;
2. a search keystroke to the updated, repainted list, typing a Thai name, a Latin name and a phone number one
   character at a time (p95 per kind, and every keystroke's time);
3. opening a customer's profile (from its JSON file);
4. scrolling the whole customer list a screen at a time (each step repainted);
5. the process's RSS with everything open.

    .venv/bin/python bench/app_bench.py [--runs 7] [--start-only]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app_child import PAINTED, application


def compiled_env(prefix: Path) -> dict[str, str]:
    """The timed processes' environment: byte code written (under `prefix`, not in the tree) and read back, as an
    installed or frozen application always has it. Without it (PYTHONDONTWRITEBYTECODE=1) every start compiles
    each of the application's modules again, which no user's start does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    return env


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(0.95 * (len(ordered) - 1))]


def process_runs(command: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """(seconds from start to exit, peak RSS in MB) of each run of a command, after one run not counted (it
    writes the byte code)."""
    times, peaks = [], []
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=True)
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(command)} exited with {proc.returncode}")
        times.append(time.perf_counter() - started)
        peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
    return times, peaks


def screenshot_figures(config: Path, cache: Path, runs: int, env: dict[str, str]) -> None:
    database = next(cache.rglob("cache.db"))
    with tempfile.TemporaryDirectory(prefix="vschool-app-bench-") as tmp:
        ours = process_runs([sys.executable, "-m", "desktop.cli", "app", "--config-dir", str(config),
                             "--cache-dir", str(cache), "--no-sync", "--view", "customers",
                             "--screenshot", str(Path(tmp) / "ours.png")], runs, env)
        floor = process_runs([sys.executable, str(Path(__file__).with_name("bare_qt.py")), str(database),
                              str(Path(tmp) / "bare.png")], runs, env)
    for name, (times, peaks) in (("vschool-crm --screenshot", ours), ("bare PySide6 QTableView", floor)):
        print(f"{name:25} start to written screenshot: median {statistics.median(times):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in times)}), peak RSS {statistics.median(peaks):.0f} MB")
    print(f"ours / bare: {statistics.median(ours[0]) / statistics.median(floor[0]):.2f}× the time, "
          f"{statistics.median(ours[1]) / statistics.median(floor[1]):.2f}× the memory")


def first_paint(command: list[str], env: dict[str, str]) -> float:
    """Seconds from the process's start to its saying that its list paints."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == PAINTED:
            seconds = time.perf_counter() - started
            break
    else:
        raise SystemExit(f"{' '.join(command)} never said its list painted")
    proc.wait(timeout=60)
    return seconds


def start_times(config: Path, cache: Path, runs: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Process start to the first paint of the customer list, ours and the bare window's in alternation, each
    run a fresh process, after one of each not counted."""
    ours = [sys.executable, str(Path(__file__).with_name("app_child.py")), str(config), str(cache)]
    bare = [sys.executable, str(Path(__file__).with_name("bare_qt.py")), str(next(cache.rglob("cache.db"))), "-"]
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs + 1):
        for command, kept in zip((ours, bare), times, strict=True):
            kept.append(first_paint(command, env))
    return times[0][1:], times[1][1:]


def in_process(config: Path, cache: Path) -> None:
    import psutil

    qapp, app = application(config, cache)
    window = app.window
    window.resize(1280, 800)
    window.show()
    window.show_view("customers")
    qapp.processEvents()
    app.sync.connection = "offline"  # no stand-in runs: profiles read their files and ask no server
    view = window.views["customers"]
    table = view.list.table
    conn = app.ctx.conn
    total = view.list.model.rowCount()
    print(f"customers in the list: {total:,}")

    thai = conn.execute("SELECT full_name FROM customers WHERE full_name GLOB '*[ก-ฮ]*' "
                        "ORDER BY id LIMIT 1 OFFSET 5000").fetchone()[0]
    latin = conn.execute("SELECT full_name FROM customers WHERE full_name GLOB '[A-Z]*' "
                         "ORDER BY id LIMIT 1 OFFSET 5000").fetchone()[0]
    phone = conn.execute("SELECT phone FROM customers WHERE phone LIKE '08%' ORDER BY id LIMIT 1 OFFSET 5000"
                         ).fetchone()[0]
    everything: list[float] = []
    for kind, text in (("Thai name", thai), ("Latin name", latin), ("phone", phone)):
        times = []
        for n in range(1, len(text) + 1):
            started = time.perf_counter()
            window.search.setText(text[:n])
            table.viewport().repaint()
            times.append((time.perf_counter() - started) * 1000)
        window.search.clear()
        everything += times
        print(f"search {kind} {text!r}: p95 {p95(times):.1f} ms, median {statistics.median(times):.1f} ms; "
              f"per keystroke " + " ".join(f"{t:.0f}" for t in times))
    print(f"search, all keystrokes: p95 {p95(everything):.1f} ms, max {max(everything):.1f} ms")

    ids = [r[0] for r in conn.execute("SELECT id FROM customers")]
    opened = []
    for ident in random.Random(1).sample(ids, 50):
        started = time.perf_counter()
        view.open_customer(ident)
        view.repaint()
        opened.append((time.perf_counter() - started) * 1000)
    print(f"open a profile: median {statistics.median(opened):.1f} ms, p95 {p95(opened):.1f} ms")

    bar = table.verticalScrollBar()
    steps = []
    started_all = time.perf_counter()
    for value in range(0, bar.maximum() + 1, max(bar.pageStep(), 1)):
        started = time.perf_counter()
        bar.setValue(value)
        table.viewport().repaint()
        steps.append((time.perf_counter() - started) * 1000)
    print(f"scroll the whole list: {len(steps):,} screens in {time.perf_counter() - started_all:.1f} s; "
          f"per screen median {statistics.median(steps):.1f} ms, p95 {p95(steps):.1f} ms, max {max(steps):.1f} ms")
    rss = psutil.Process().memory_info().rss / 2**20
    print(f"RSS with the large cache open (after all of the above): {rss:.0f} MB")
    app.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--root", type=Path, help="the cache's home (default: bench/large_cache.py's)")
    parser.add_argument("--start-only", action="store_true", help="only the start-up figures (item 1)")
    args = parser.parse_args()
    from large_cache import DEFAULT_ROOT, ensure

    config, cache = ensure(args.root or DEFAULT_ROOT)
    with tempfile.TemporaryDirectory(prefix="vschool-app-bench-pyc-") as prefix:
        env = compiled_env(Path(prefix))
        ours, bare = start_times(config, cache, args.runs, env)
        for name, times in (("ours", ours), ("bare PySide6 QTableView", bare)):
            print(f"start to first painted customer list, {name}: median {statistics.median(times):.2f} s over "
                  f"{len(times)} runs ({', '.join(f'{t:.2f}' for t in times)})")
        print(f"ours / bare: {statistics.median(ours) / statistics.median(bare):.2f}× the time to the first paint")
        screenshot_figures(config, cache, args.runs, env)
    if not args.start_only:
        in_process(config, cache)


if __name__ == "__main__":
    main()
