"""Our first sync in a process of its own, for bench/first_sync.py: signs in as the demo user, runs one cycle into
an empty cache under FOLDER and prints, on the system-wide monotonic clock, when it became usable and when its
JSON tree was complete.

    .venv/bin/python bench/our_client.py URL ANON_KEY FOLDER [--profile FILE]

Usable is the end of the last table's pass (TableFinished): each page is applied with its indexes and search rows
in one transaction, so every table is then browsable and searchable. The JSON tree is complete when the journal
has drained (the last FilesWritten); pictures come after it. Lines, as they happen: `TABLE <name> <rows> <t>`,
`FILES <t>` (each drain done; the last counts), and at the end `USABLE <t>`, `DONE <rows> <files> <pictures> <t>`.
"""

from __future__ import annotations

import argparse
import cProfile
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this tree's engine, not an installed one

from sync import events as ev
from sync.account import DEMO_EMAIL, DEMO_PASSWORD, Account
from sync.credentials import CredentialStore
from sync.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("anon_key")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the cycle (its main thread) here")
    args = parser.parse_args()

    usable = files = None

    def listen(event: ev.Event) -> None:
        nonlocal usable, files
        now = time.monotonic()
        if isinstance(event, ev.TableFinished):
            usable = now
            print(f"TABLE {event.table} {event.rows} {now:.4f}", flush=True)
        elif isinstance(event, ev.FilesWritten) and event.done == event.total:
            files = now
            print(f"FILES {now:.4f}", flush=True)

    account = Account(Settings(supabase_url=args.url, anon_key=args.anon_key), args.folder,
                      CredentialStore(discover=False))
    account.sign_in(DEMO_EMAIL, DEMO_PASSWORD, remember=False)
    engine = account.engine(listen)
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        profiler.enable()
    report = engine.run_cycle()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    end = time.monotonic()
    if not report.ok:
        raise SystemExit(f"the sync failed: {report.status}: {report.message}")
    print(f"USABLE {usable or end:.4f}", flush=True)
    if files is None:
        print(f"FILES {usable or end:.4f}", flush=True)
    print(f"DONE {report.rows} {report.files} {report.pictures} {end:.4f}", flush=True)
    account.close()


if __name__ == "__main__":
    main()
