"""The record files of a first sync of `large` written from its rows: the drain of the folders journaled whole
(customer/ and orders/, 300k files), as a first sync ends, on a copy of the synced cache (bench/large_cache.py).

    .venv/bin/python bench/drain_files.py [--runs 3] [--dir DIR]

Each run copies cache.db into a new folder under DIR (a temporary one unless told), journals both folders whole
and times `JournalDrain.run()`: wall time, CPU of this process and of the process that writes part of the files
(cache/store.py JournalDrain._wholes). (Not that process's peak RSS: on Linux a spawned process's ru_maxrss
starts from its parent's size at the spawn, the address space it had until exec.) Every folder is kept until
the end: removing 300k files slows the creation of the next ones for minutes on ext4 (bench/first_sync.py says
more).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this tree's code, not an installed one

from large_cache import DEFAULT_ROOT, ensure

from cache.database import DB_NAME, connect
from cache.documents import RECORD_FOLDERS, WHOLE
from cache.jsontree import JsonTree
from cache.store import JournalDrain

FOLDERS = ("customer", "orders")


def run_once(source: Path, folder: Path) -> tuple[float, float, float, int]:
    """(seconds, CPU here, CPU of the writing process, files) of one drain into `folder`."""
    folder.mkdir()
    shutil.copy(source, folder / DB_NAME)
    conn = connect(folder / DB_NAME)
    with conn:
        conn.execute("DELETE FROM json_journal")
        conn.executemany("INSERT INTO json_journal (path, version) VALUES (?, 1)",
                         [(f"{name}/{WHOLE}",) for name in FOLDERS])
    os.sync()  # the copy's pages written out before the clock starts
    before = os.times()
    started = time.perf_counter()
    files = JournalDrain(conn, JsonTree(folder)).run()
    seconds = time.perf_counter() - started
    after = os.times()
    conn.close()
    here = after.user - before.user + after.system - before.system
    there = after.children_user - before.children_user + after.children_system - before.children_system
    return seconds, here, there, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="where the copies go (default: a temporary folder)")
    args = parser.parse_args()
    assert set(FOLDERS) <= set(RECORD_FOLDERS.values())
    _, cache = ensure(DEFAULT_ROOT)
    source = next(cache.rglob(DB_NAME))
    with tempfile.TemporaryDirectory(prefix="vschool-drain-", dir=args.dir) as tmp:
        results = [run_once(source, Path(tmp) / f"run-{n}") for n in range(args.runs)]
        for n, (seconds, here, there, files) in enumerate(results, 1):
            print(f"run {n}: {files:,} files in {seconds:.2f} s, CPU {here:.1f} s here + {there:.1f} s in the "
                  "writing process")
        print(f"median {statistics.median(r[0] for r in results):.2f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
