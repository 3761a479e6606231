"""How long the stand-in takes to accept an outbox's worth of offline writes (docs/outbox-server.md) over
loopback: 1,000 new leads, 1,000 edits of them and 1,000 activities, sent one call per change and through
upload_changes() in calls of 500, signed in as the demo sales user (RLS applies as in production).

Starts `python -m devserver` in its own process on the `tiny` dataset in a throwaway data directory.

    .venv/bin/python bench/standin_writes.py [--changes 1000] [--batch 500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from standin_keyset import sign_in, start_server


def create(key: str) -> dict[str, Any]:
    return {"op": "create_customer", "args": {"p_client_key": key,
                                              "p_customer": {"full_name": "Bench lead", "source": "WI"}}}


def edit(row: dict[str, Any]) -> dict[str, Any]:
    return {"op": "update_customer", "args": {"p_id": row["id"], "p_base_txid": row["txid"],
                                              "p_set": {"notes": "called back"}, "p_add_tags": ["fair"]}}


def log(row: dict[str, Any]) -> dict[str, Any]:
    return {"op": "log_activity", "args": {"p_activity": {"id": str(uuid.uuid4()), "customer_id": row["id"],
                                                          "kind": "call", "body": "booked"}}}


def one_by_one(client: httpx.Client, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for change in changes:
        r = client.post(f"/rest/v1/rpc/{change['op']}", json=change["args"])
        r.raise_for_status()
        body = r.json()
        out.append(body["row"] if "status" in body else body)
    return out


def batched(size: int) -> Callable[[httpx.Client, list[dict[str, Any]]], list[dict[str, Any]]]:
    def send(client: httpx.Client, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for start in range(0, len(changes), size):
            r = client.post("/rest/v1/rpc/upload_changes", json={"p_changes": changes[start:start + size]})
            r.raise_for_status()
            results = r.json()
            assert all(x["status"] == "applied" for x in results), results[:3]
            out += [x["row"] for x in results]
        return out
    return send


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        proc, info = start_server("tiny", Path(data_dir))
        try:
            with httpx.Client(base_url=info["URL"], headers={"apikey": info["anon key"]}, timeout=60) as client:
                sign_in(client, info)
                for label, send in (("one call per change", one_by_one),
                                    (f"upload_changes x{args.batch}", batched(args.batch))):
                    figures = []
                    started = time.perf_counter()
                    rows = send(client, [create(str(uuid.uuid4())) for _ in range(args.changes)])
                    figures.append(f"creates {time.perf_counter() - started:.2f} s")
                    started = time.perf_counter()
                    send(client, [edit(row) for row in rows])
                    figures.append(f"edits {time.perf_counter() - started:.2f} s")
                    started = time.perf_counter()
                    send(client, [log(row) for row in rows])
                    figures.append(f"activities {time.perf_counter() - started:.2f} s")
                    print(f"{label}: {args.changes:,} each: {', '.join(figures)}")
        finally:
            proc.terminate()
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
