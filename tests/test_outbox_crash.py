"""Crash safety of uploads: a writing sync is SIGKILLed at random moments (while queueing, while its
upload_changes call is on the wire — the server may have committed, the answer not yet arrived — and while
pulling), again and again; after each kill a sync runs to the end, and then no customer exists twice, no
acknowledged edit or activity is lost, nothing waits in the outbox, and the cache equals the server."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from cache.store import CacheStore
from tests.cachecheck import assert_cache_equals_server, assert_files_agree, local_rows
from tests.faultproxy import Fault, FaultProxy
from tests.syncing import new_project

RUNS = 20
WRITES = 6


@pytest.fixture(scope="module")
def project(cluster, keys):
    project = new_project(cluster, keys)
    yield project
    project.server.stop()


def child(url, project, root, run, writes):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.outbox_child", url, project.keys.anon_key, str(root), str(run), str(writes)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def committed(project, run, timeout=30.0):
    """Wait until the server has committed the run's upload (its answer is still held by the proxy)."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            if conn.execute("select 1 from customers where full_name = %s", (f"Crash lead {run}/0",)).fetchone():
                return True
    raise AssertionError(f"run {run}: the upload never reached the server")


def test_sigkill_during_uploads_loses_and_doubles_nothing(project, tmp_path):
    rng = random.Random(20261201)
    root = tmp_path / "cache"
    kills = {"queueing": 0, "on the wire": 0, "pulling": 0}
    with FaultProxy(project.url) as proxy:
        for run in range(RUNS):
            mode = list(kills)[run % 3]
            proxy.clear()
            if mode == "on the wire":
                # The server answers; the answer is held back long enough for the kill to land first.
                proxy.add(Fault("latency", path="/rpc/upload_changes", delay=5.0, times=None))
            victim = child(proxy.url, project, root, run, WRITES)
            moment = rng.randint(1, WRITES * 3) if mode == "queueing" else None
            killed = False
            for seen, line in enumerate(victim.stdout, start=1):
                if mode == "queueing" and seen >= moment:
                    killed = True
                elif mode == "on the wire" and line.startswith("CycleStarted"):
                    killed = committed(project, run)
                elif mode == "pulling" and line.startswith("TableStarted") and rng.random() < 0.5:
                    killed = True
                if killed:
                    victim.send_signal(signal.SIGKILL)
                    kills[mode] += 1
                    break
            victim.wait(timeout=120)
            victim.stdout.close()
            victim.stderr.close()
            proxy.clear()

            survivor = child(proxy.url, project, root, f"{run}s", 0)
            out, err = survivor.communicate(timeout=300)
            assert survivor.returncode == 0, f"run {run}: {out[-500:]} {err[-2000:]}"
            (folder,) = root.glob("*/*")
            store = CacheStore(folder)
            try:
                assert store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0
                assert_cache_equals_server(store, project.database.superuser_url)
                assert_files_agree(store)
                with psycopg.connect(project.database.superuser_url) as conn:
                    twice = conn.execute("select full_name from customers where full_name like 'Crash lead %' "
                                         "group by full_name having count(*) > 1").fetchall()
                    assert twice == []
                    leads = dict(conn.execute("select id, full_name from customers "
                                              "where full_name like 'Crash lead %'").fetchall())
                    notes = {r[0] for r in conn.execute("select customer_id from customer_activities")}
                # Every lead that reached the server has its activity (queued right after it, or not at all
                # when the kill fell between the two), and no lead is left under a local id.
                assert not any(i.startswith("local:") for i in local_rows(store, "customers"))
                missing = [name for ident, name in leads.items() if ident not in notes]
                assert len(missing) <= run + 1
            finally:
                store.close()
    assert sum(kills.values()) >= RUNS - 3, kills
    assert kills["on the wire"] >= 6
