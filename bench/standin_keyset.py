"""How fast the stand-in serves the sync protocol's keyset pages (1,000 rows) over loopback.

Starts `python -m devserver` in its own process (so client and server do not share a GIL), with the `large`
dataset in a reusable data directory (generated on the first run), signs in as the demo sales user (so RLS is
applied as in production) and pages every synced table from the start, as a first sync does. Prints rows/s per
run and the median.

    .venv/bin/python bench/standin_keyset.py [--runs 3] [--dataset large] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import orjson

TABLES = ["employees", "products", "package_items", "customers", "customer_activities", "campaigns", "ad_sets",
          "ads", "orders", "order_items", "ad_daily_stats", "ad_hourly_stats"]
PAGE = 1000


def start_server(dataset: str, data_dir: Path, *, compress: bool = True,
                 quiet: bool = False) -> tuple[subprocess.Popen[str], dict[str, str]]:
    command = [sys.executable, "-m", "devserver", "--port", "0", "--dataset", dataset, "--data-dir", str(data_dir)]
    proc = subprocess.Popen(
        command + ([] if compress else ["--no-compression"]),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    info: dict[str, str] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        if not quiet:
            print("  server:", line.rstrip())
        if m := re.match(r"\s+(URL|anon key|demo sign-in):\s+(.*)", line):
            info[m[1]] = m[2].strip()
        if line.startswith("Press Ctrl+C"):
            # Keep draining its output so a chatty server never blocks on a full pipe.
            threading.Thread(target=lambda: [print("  server:", rest.rstrip()) for rest in proc.stdout],
                             daemon=True).start()
            return proc, info
    raise SystemExit("the stand-in exited before it was ready")


def sign_in(client: httpx.Client, info: dict[str, str]) -> None:
    email, password = (part.strip() for part in info["demo sign-in"].split("/"))
    r = client.post("/auth/v1/token?grant_type=password", json={"email": email, "password": password})
    r.raise_for_status()
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"


def page_table(client: httpx.Client, table: str) -> int:
    """Page from the start, exactly as the sync protocol does; a table is done on an empty page."""
    rows = 0
    txid, last_id = 0, ""
    while True:
        params = {"select": "*", "txid": f"gte.{txid}", "order": "txid.asc,id.asc", "limit": str(PAGE)}
        if last_id:
            params["or"] = f'(txid.gt.{txid},and(txid.eq.{txid},id.gt."{last_id}"))'
        r = client.get(f"/rest/v1/{table}", params=params)
        r.raise_for_status()
        page = orjson.loads(r.content)
        if not page:
            return rows
        rows += len(page)
        txid, last_id = page[-1]["txid"], page[-1]["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dataset", default="large")
    parser.add_argument("--data-dir", type=Path, default=Path(".devserver") / "bench")
    parser.add_argument("--no-compression", action="store_true", help="the stand-in answers uncompressed")
    args = parser.parse_args()
    proc, info = start_server(args.dataset, args.data_dir, compress=not args.no_compression)
    try:
        with httpx.Client(base_url=info["URL"], headers={"apikey": info["anon key"]}, timeout=60) as client:
            sign_in(client, info)
            results = []
            per_table: dict[str, list[float]] = {t: [] for t in TABLES}
            for run in range(1, args.runs + 1):
                total_rows, started = 0, time.perf_counter()
                for table in TABLES:
                    t0 = time.perf_counter()
                    n = page_table(client, table)
                    per_table[table].append(n / max(time.perf_counter() - t0, 1e-9))
                    total_rows += n
                seconds = time.perf_counter() - started
                results.append(total_rows / seconds)
                print(f"run {run}: {total_rows:,} rows in {seconds:.1f} s = {total_rows / seconds:,.0f} rows/s")
            print(f"median: {statistics.median(results):,.0f} rows/s over {args.runs} runs")
            for table, rates in per_table.items():
                print(f"  {table:16} {statistics.median(rates):>10,.0f} rows/s")
    finally:
        proc.terminate()
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
