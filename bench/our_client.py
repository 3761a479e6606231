"""Our first sync in a process of its own, for bench/first_sync.py: signs in as the demo user, runs one cycle into
an empty cache under FOLDER and prints, on the system-wide monotonic clock, when it became usable and when its
JSON tree was complete.

    .venv/bin/python bench/our_client.py URL ANON_KEY FOLDER [--profile FILE]

Usable is the end of the last table's pass (TableFinished): each page is applied with its indexes and search rows
in one transaction, so every table is then browsable and searchable. The JSON tree is complete when the journal
has drained (the last FilesWritten); pictures come after it. Lines, as they happen: `TABLE <name> <rows> <t>`,
`FILES <t>` (each drain done; the last counts), and at the end `USABLE <t>`, `DONE <rows> <files> <pictures> <t>`,
preceded by the peak RSS of each phase, `PHASE <name> <MB>` (a table's pass with its indexes, then `analytics`,
`files` and `pictures`; sampled every SAMPLE_EVERY seconds, so a shorter spike can be missed: the child's rusage
has the true peak), and the largest the WAL grew, `WAL <bytes>`.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this tree's engine, not an installed one

from cache.database import DB_NAME
from sync import events as ev
from sync.account import DEMO_EMAIL, DEMO_PASSWORD, Account
from sync.credentials import CredentialStore
from sync.settings import Settings

SAMPLE_EVERY = 0.02


class Sampler:
    """Peak RSS per phase and the WAL's largest size, sampled on a thread of its own (Linux: /proc/self/statm)."""

    def __init__(self) -> None:
        self.phase = "start"
        self.peaks: dict[str, float] = {}
        self.wal: Path | None = None  # the WAL's path, once the cache's folder is known
        self.wal_peak = 0
        self._page = os.sysconf("SC_PAGE_SIZE")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)

    def _run(self) -> None:
        with open("/proc/self/statm", "rb") as statm:
            while not self._stop.is_set():
                statm.seek(0)
                rss = int(statm.read().split()[1]) * self._page / (1 << 20)
                phase = self.phase
                self.peaks[phase] = max(self.peaks.get(phase, 0.0), rss)
                if self.wal is not None:
                    with contextlib.suppress(FileNotFoundError):
                        self.wal_peak = max(self.wal_peak, os.stat(self.wal).st_size)
                self._stop.wait(SAMPLE_EVERY)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("anon_key")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the cycle (its main thread) here")
    args = parser.parse_args()

    usable = files = None
    sampler = Sampler()

    def listen(event: ev.Event) -> None:
        nonlocal usable, files
        now = time.monotonic()
        if isinstance(event, ev.TableStarted):
            sampler.phase = event.table
        elif isinstance(event, ev.TableFinished):
            usable = now
            sampler.phase = "analytics"  # unless another table follows
            print(f"TABLE {event.table} {event.rows} {now:.4f}", flush=True)
        elif isinstance(event, ev.FilesWritten):
            sampler.phase = "files"
            if event.done == event.total:
                files = now
                sampler.phase = "pictures"
                print(f"FILES {now:.4f}", flush=True)

    account = Account(Settings(supabase_url=args.url, anon_key=args.anon_key), args.folder,
                      CredentialStore(discover=False))
    account.sign_in(DEMO_EMAIL, DEMO_PASSWORD, remember=False)
    engine = account.engine(listen)
    profiler = cProfile.Profile() if args.profile else None
    sampler.wal = engine.store.folder / f"{DB_NAME}-wal"
    with sampler:
        if profiler is not None:
            profiler.enable()
        report = engine.run_cycle()
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
        end = time.monotonic()
    for phase, peak in sampler.peaks.items():
        print(f"PHASE {phase} {peak:.1f}", flush=True)
    print(f"WAL {sampler.wal_peak}", flush=True)
    if not report.ok:
        raise SystemExit(f"the sync failed: {report.status}: {report.message}")
    print(f"USABLE {usable or end:.4f}", flush=True)
    if files is None:
        print(f"FILES {usable or end:.4f}", flush=True)
    print(f"DONE {report.rows} {report.files} {report.pictures} {end:.4f}", flush=True)
    account.close()


if __name__ == "__main__":
    main()
