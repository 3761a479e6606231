"""How fast the stand-in's Realtime gets a committed change to a subscriber, over loopback.

Prepares a PostgreSQL here (so this process can write as the back office does, one transaction per change),
starts `python -m devserver --database-url …` on it in its own process (client and server share no GIL),
signs in as the demo sales user (so RLS is applied) and subscribes to customers with a raw Phoenix socket.

- latency: 100 single inserts one after another; commit returned → postgres_changes received
- burst: 1,000 inserts paced over 10 s (and once unpaced), each commit's time against its message's arrival,
  the lag after the last commit, and REST reads made meanwhile (they must not queue behind Realtime)

    .venv/bin/python bench/realtime_standin.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devserver import postgres  # noqa: E402
from tests.phoenix import PhoenixSocket, customers_binding, phoenix  # noqa: E402

TOPIC = "realtime:bench"


def start_server(database_url: str) -> tuple[subprocess.Popen[str], dict[str, str]]:
    proc = subprocess.Popen([sys.executable, "-m", "devserver", "--port", "0", "--dataset", "demo",
                             "--database-url", database_url], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    info: dict[str, str] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        if m := re.match(r"\s+(URL|anon key|demo sign-in):\s+(.*)", line):
            info[m[1]] = m[2].strip()
        if line.startswith("Press Ctrl+C"):
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()  # type: ignore[union-attr]
            return proc, info
    raise SystemExit("the stand-in exited before it was ready")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, values_ms: list[float]) -> None:
    print(f"{name}: n={len(values_ms)} median {statistics.median(values_ms):.1f} ms, "
          f"p95 {percentile(values_ms, 0.95):.1f} ms, max {max(values_ms):.1f} ms")


def insert(conn: psycopg.Connection, customer_id: str) -> float:
    conn.execute("insert into customers (id, full_name, source) values (%s, 'Bench', 'LN')", (customer_id,))
    return time.perf_counter()  # autocommit: the commit has returned


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, default=None)
    args = parser.parse_args()
    cluster = postgres.start_cluster(args.data_dir or Path(tempfile.mkdtemp(prefix="bench-realtime-")))
    proc = None
    try:
        database = postgres.prepare(cluster)
        proc, info = start_server(database.superuser_url)
        email, password = (part.strip() for part in info["demo sign-in"].split("/"))
        with httpx.Client(base_url=info["URL"], headers={"apikey": info["anon key"]}) as rest:
            token = rest.post("/auth/v1/token?grant_type=password",
                              json={"email": email, "password": password}).json()["access_token"]
            rest.headers["Authorization"] = f"Bearer {token}"
            with psycopg.connect(database.superuser_url, autocommit=True) as db, \
                    phoenix(info["URL"], info["anon key"]) as socket:
                socket.subscribed(TOPIC, token, [customers_binding(event="INSERT")])
                prefix = f"TVS-CUS-BR-{uuid.uuid4().hex[:6]}-"
                try:
                    latencies = []
                    for i in range(100):
                        customer = f"{prefix}L{i:03d}"
                        committed = insert(db, customer)
                        socket.change(TOPIC, customer, "INSERT")
                        latencies.append((time.perf_counter() - committed) * 1000)
                    report("single changes, commit → message", latencies)
                    for paced in (True, False):
                        burst(database.superuser_url, socket, rest, f"{prefix}{'P' if paced else 'U'}", paced)
                finally:
                    db.execute("delete from customers where id like %s", (prefix + "%",))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        cluster.stop()


def burst(database_url: str, socket: PhoenixSocket, rest: httpx.Client, prefix: str, paced: bool) -> None:
    ids = [f"{prefix}{i:04d}" for i in range(1000)]
    committed: dict[str, float] = {}
    rest_ms: list[float] = []
    done = threading.Event()

    def write() -> None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            started = time.perf_counter()
            for i, customer in enumerate(ids):
                if paced:  # 100 a second: 1,000 in 10 s
                    time.sleep(max(0.0, started + i / 100 - time.perf_counter()))
                committed[customer] = insert(conn, customer)

    def read_rest() -> None:
        while not done.is_set():
            started = time.perf_counter()
            rest.get("/rest/v1/customers?select=id&limit=1").raise_for_status()
            rest_ms.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)

    writer = threading.Thread(target=write)
    reader = threading.Thread(target=read_rest)
    writer.start()
    reader.start()
    arrived: dict[str, float] = {}
    for customer in ids:
        socket.change(TOPIC, customer, "INSERT", timeout=60)
        arrived[customer] = time.perf_counter()
    writer.join()
    done.set()
    reader.join()
    last_commit = max(committed.values())
    name = "burst of 1,000 over 10 s" if paced else "burst of 1,000 unpaced"
    span = last_commit - min(committed.values())
    report(f"{name} (written in {span:.1f} s), commit → message", [(arrived[c] - committed[c]) * 1000 for c in ids])
    print(f"  last message {1000 * (max(arrived.values()) - last_commit):.0f} ms after the last commit; "
          f"REST reads meanwhile: median {statistics.median(rest_ms):.1f} ms, p95 {percentile(rest_ms, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
