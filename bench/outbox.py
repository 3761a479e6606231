"""The outbox's figures (DESIGN.md §7): a local write is shown by a list query at once (< 50 ms); 1,000 queued
changes upload in under 10 s against the stand-in on loopback; a cycle with nothing queued sends nothing more.

Starts `python -m devserver` in its own process on the `tiny` dataset in a throwaway data directory, signs in
as the demo sales user with the real client (sync/account.py), syncs, then measures.

    .venv/bin/python bench/outbox.py [--changes 1000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from standin_keyset import start_server

from cache import queries
from sync.account import Account
from sync.credentials import CredentialStore
from sync.settings import Settings
from tests.keyrings import MemoryKeyring


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        proc, info = start_server("tiny", Path(scratch) / "data", quiet=True)
        try:
            account = Account(Settings(supabase_url=info["URL"], anon_key=info["anon key"]), Path(scratch) / "cache",
                              CredentialStore(MemoryKeyring()))
            email, password = (part.strip() for part in info["demo sign-in"].split("/"))
            account.sign_in(email, password)
            engine = account.engine(pictures=False)
            assert engine.run_cycle().ok
            box = account.outbox()
            conn = account.store.conn
            query = queries.ListQuery("customers", search="Bench lead")
            shown = []
            for n in range(20):
                started = time.perf_counter()
                box.create_customer({"full_name": f"Bench lead {n}", "source": "WI", "phone": f"0890000{n:03d}"})
                assert queries.count(conn, query) == n + 1
                shown.append((time.perf_counter() - started) * 1000)
            print(f"local write → shown by a list query: median {statistics.median(shown):.1f} ms, "
                  f"worst {max(shown):.1f} ms (20 new leads)")
            own = [r[0] for r in conn.execute("SELECT id FROM customers WHERE assigned_employee_id = ? "
                                              "AND id NOT LIKE 'local:%'", (box.employee_id,))]
            # An edit per own customer (a second edit of one would join the first, unsent), activities for the rest.
            edits = own[:(args.changes - 20) // 3]
            for n, ident in enumerate(edits):
                box.edit_customer(ident, {"notes": f"bench {n}"}, add_tags=["bench"])
            for n in range(args.changes - 20 - len(edits)):
                box.log_activity(own[n % len(own)], "call", f"bench {n}")
            waiting = box.waiting()
            requests = account.client.requests
            started = time.perf_counter()
            report = engine.run_cycle()
            assert report.ok, report.message
            print(f"{waiting} queued changes uploaded in {report.uploaded.calls} calls: "
                  f"{report.seconds:.2f} s for the whole cycle ({time.perf_counter() - started:.2f} s wall), "
                  f"{report.uploaded.applied} applied, {report.uploaded.conflicts} merged, "
                  f"{account.client.requests - requests} requests; left waiting: {box.waiting()}")
            engine.run_cycle()  # pulls back what the upload wrote
            quiet = engine.run_cycle()
            print(f"a quiet cycle: {quiet.requests} requests (watermark and sync_state), {quiet.uploaded.calls} "
                  "uploads")
            account.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
