"""Live updates end to end (DESIGN.md §8): a server commit until the row is in the open customers view.

The stand-in runs in its own process on a PostgreSQL prepared here (the demo dataset), behind the fault proxy
(it counts the HTTP requests the app makes); the application runs for real (offscreen), signed in as the demo
sales user, with the customers view open and its live connection subscribed. This process writes as the back
office does, one transaction per change.

- latency: 100 single inserts one after another; commit returned → the row listed in the open view
- idle: no change for --idle seconds: HTTP requests made (none expected while live) and heartbeats sent
- burst: 1,000 inserts paced over 10 s: the lag from the last commit until all are in the cache, and how many
  sync cycles the burst cost

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/live.py [--data-dir DIR] [--idle 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402
from realtime_standin import percentile, start_server  # noqa: E402

from desktop.app import Application  # noqa: E402
from desktop.context import AppContext  # noqa: E402
from devserver import postgres  # noqa: E402
from sync.account import Account  # noqa: E402
from sync.credentials import CredentialStore  # noqa: E402
from sync.settings import Settings  # noqa: E402
from sync.status import Live  # noqa: E402
from tests.faultproxy import FaultProxy  # noqa: E402
from tests.keyrings import MemoryKeyring  # noqa: E402


def wait_until(qapp: QApplication, condition, timeout: float) -> float | None:  # type: ignore[no-untyped-def]
    """Run the event loop until `condition()` holds; the time it took, or None past `timeout`."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            return None
        qapp.processEvents()
        time.sleep(0.002)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of the idle measurement")
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--burst", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-live-"))
    cluster = postgres.start_cluster(args.data_dir or work / "pg")
    proc = None
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        database = postgres.prepare(cluster)
        proc, info = start_server(database.superuser_url)
        email, password = (part.strip() for part in info["demo sign-in"].split("/"))
        with FaultProxy(info["URL"]) as proxy:
            credentials = CredentialStore(MemoryKeyring())
            account = Account(Settings(supabase_url=proxy.url, anon_key=info["anon key"]), work / "cache",
                              credentials)
            account.sign_in(email, password)
            first = account.engine().run_cycle()
            assert first.ok, first.message
            settings = account.settings
            account.close()  # the session stays in the keyring: the application takes it from there
            ctx = AppContext(work / "config", work / "cache", credentials)
            ctx.settings = settings
            ctx.save_settings()
            ctx.open_account()
            app = Application(ctx)
            app.window.show()
            app.window.show_view("customers")
            view = app.window.views["customers"]
            app.begin()
            assert wait_until(qapp, lambda: app.sync.live_state == Live.LIVE and not app.sync.running, 60) \
                is not None, "the live connection did not subscribe"
            cycles = 0

            def counted(_report: object) -> None:
                nonlocal cycles
                cycles += 1

            app.sync.finished.connect(counted)
            with psycopg.connect(database.superuser_url, autocommit=True) as conn:
                # --- latency ---
                latencies: list[float] = []
                missed = 0
                for n in range(args.changes):
                    ident = f"TVS-CUS-LIVE-{uuid.uuid4().hex[:10]}"
                    # Named to sort first: the row lands on the list's first page, the one on screen.
                    conn.execute("insert into customers (id, full_name, source) values (%s, %s, 'LN')",
                                 (ident, f"0 Live {n:03d}"))
                    took = wait_until(qapp, lambda ident=ident: view.list.model.row_of(ident) is not None, 10)
                    if took is None:
                        missed += 1
                    else:
                        latencies.append(took * 1000)
                print(f"commit → row in the open view: n={len(latencies)} (missed {missed}) median "
                      f"{statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
                      f"max {max(latencies):.0f} ms; {cycles} cycles")

                # --- idle ---
                wait_until(qapp, lambda: not app.sync.running, 30)
                live = app.sync._live
                assert live is not None
                requests, beats = len(proxy.requests), live.heartbeats
                wait_until(qapp, lambda: False, args.idle)
                made = [r for r in proxy.requests[requests:]]
                print(f"idle {args.idle:.0f} s while live: {len(made)} HTTP requests, "
                      f"{live.heartbeats - beats} heartbeats")

                # --- burst ---
                cycles = 0
                prefix = f"TVS-CUS-BURST-{uuid.uuid4().hex[:6]}-"
                ended: list[float] = []

                def write() -> None:
                    with psycopg.connect(database.superuser_url, autocommit=True) as writer:
                        started = time.perf_counter()
                        for n in range(args.burst):
                            writer.execute("insert into customers (id, full_name, source) values (%s, %s, 'LN')",
                                           (f"{prefix}{n:04d}", f"Burst {n}"))
                            pause = started + 10.0 * (n + 1) / args.burst - time.perf_counter()
                            if pause > 0:
                                time.sleep(pause)
                    ended.append(time.perf_counter())

                writer = threading.Thread(target=write)
                writer.start()

                def caught_up() -> bool:
                    if not ended or ctx.conn is None:
                        return False
                    found = ctx.conn.execute("select count(*) from customers where id like ?",
                                             (prefix + "%",)).fetchone()[0]
                    return int(found) == args.burst

                assert wait_until(qapp, caught_up, 120) is not None, "the burst never arrived in full"
                lag = time.perf_counter() - ended[0]
                writer.join()
                print(f"burst of {args.burst} commits over 10 s: in the cache {lag:.2f} s after the last commit, "
                      f"{cycles} sync cycles")
            app.shutdown()
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        cluster.stop()


if __name__ == "__main__":
    main()
