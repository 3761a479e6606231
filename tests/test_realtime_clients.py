"""The official clients subscribe to postgres_changes on the stand-in unchanged and receive an insert, an update and
a delete made in the database (reference §9): supabase-js (npm, tests/js/, vsn 2.0.0 by default) and the Python
`realtime` package that ships with supabase-py (AsyncRealtimeClient, vsn 1.0.0).

Both clients report SUBSCRIBED on the join's reply, before the subscription is made; the writes wait for the
`system` message that says it is live (Realtime's order, test_realtime_standin holds the window open)."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import shutil
import subprocess
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from realtime import AsyncRealtimeClient, RealtimeSubscribeStates

from tests.phoenix import access_token

JS_DIR = Path(__file__).parent / "js"


def new_id() -> str:
    return f"TVS-CUS-RC-{uuid.uuid4().hex[:12]}"


class NodeScript:
    """A script of tests/js run by node, read one JSON line at a time as it prints them."""

    def __init__(self, script: str, env: dict[str, str]) -> None:
        node = shutil.which("node")
        if node is None or not (JS_DIR / "node_modules").is_dir():
            pytest.fail("node and tests/js/node_modules are needed: `make test` runs `npm ci` in tests/js")
        self.process = subprocess.Popen([node, script], cwd=JS_DIR, env={**os.environ, **env}, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(json.loads(line))
        self.lines.put(None)

    def next(self, kind: str, timeout: float = 15) -> dict[str, Any]:
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                raise TimeoutError(f"node printed no {kind!r} line within {timeout} s") from None
            if line is None:
                assert self.process.stderr is not None
                raise AssertionError(f"node ended early: {self.process.stderr.read()}")
            if line["kind"] == "error":
                raise AssertionError(line["message"])
            if line["kind"] == kind:
                return line

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            return self.process.wait(timeout=15)
        finally:
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


def test_supabase_js_receives_an_insert_an_update_and_a_delete(standin, db, keys, staff):
    node = NodeScript("realtime_changes.mjs", {"SUPABASE_URL": standin.url, "SUPABASE_ANON_KEY": keys.anon_key,
                                               "USER_EMAIL": staff.email, "USER_PASSWORD": staff.password})
    customer = new_id()
    try:
        subscribed = node.next("status")
        assert (subscribed["status"], subscribed["error"]) == ("SUBSCRIBED", None)
        assert subscribed["vsn"] == "2.0.0"  # supabase-js's default serializer: the array frames
        live = node.next("system")
        assert (live["extension"], live["status"]) == ("postgres_changes", "ok")
        db.execute("insert into customers (id, full_name, source) values (%s, 'From SQL', 'LN')", (customer,))
        inserted = node.next("change")
        assert (inserted["eventType"], inserted["table"], inserted["new"]["id"]) == ("INSERT", "customers", customer)
        assert inserted["new"]["tags"] == [] and inserted["errors"] is None
        db.execute("update customers set segment = 'vip' where id = %s", (customer,))
        updated = node.next("change")
        assert (updated["eventType"], updated["new"]["segment"], updated["old"]) == ("UPDATE", "vip", {"id": customer})
        db.execute("delete from customers where id = %s", (customer,))
        deleted = node.next("change")
        assert (deleted["eventType"], deleted["new"], deleted["old"]) == ("DELETE", {}, {"id": customer})
    finally:
        assert node.close() == 0
        db.execute("delete from customers where id = %s", (customer,))


def test_python_realtime_client_receives_an_insert_an_update_and_a_delete(standin, db, keys, staff):
    customer = new_id()

    async def scenario() -> list[dict[str, Any]]:
        client = AsyncRealtimeClient(f"{standin.url}/realtime/v1", keys.anon_key, auto_reconnect=False)
        await client.set_auth(access_token(keys, staff))
        changes: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        states: list[RealtimeSubscribeStates] = []
        live = asyncio.Event()
        channel = client.channel("crm").on_postgres_changes(
            "*", lambda change: changes.put_nowait(change), table="customers", schema="public"
        ).on_system(lambda system: live.set() if system.extension == "postgres_changes" else None)
        await channel.subscribe(lambda state, error: states.append(state))
        assert states == [RealtimeSubscribeStates.SUBSCRIBED]
        await asyncio.wait_for(live.wait(), 15)
        got = []
        try:
            for statement in ("insert into customers (id, full_name, source) values (%s, 'From SQL', 'LN')",
                              "update customers set segment = 'vip' where id = %s",
                              "delete from customers where id = %s"):
                await asyncio.to_thread(db.execute, statement, (customer,))
                got.append(await asyncio.wait_for(changes.get(), 15))
        finally:
            await client.remove_all_channels()
        return got

    try:
        inserted, updated, deleted = asyncio.run(scenario())
    finally:
        db.execute("delete from customers where id = %s", (customer,))
    assert (inserted["data"]["type"], inserted["data"]["record"]["id"]) == ("INSERT", customer)
    assert (updated["data"]["type"], updated["data"]["record"]["segment"]) == ("UPDATE", "vip")
    assert updated["data"]["old_record"] == {"id": customer}
    assert (deleted["data"]["type"], deleted["data"]["old_record"]) == ("DELETE", {"id": customer})
    assert inserted["ids"] == updated["ids"] == deleted["ids"]
