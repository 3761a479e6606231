"""Crash safety: a sync process is SIGKILLed at random moments — mid-page, mid-file-writing, mid-pictures —
again and again, with the server changing in between and a row among them that no cache can store; after each
kill a sync runs to the end, and then the cache equals the server (that row set aside) and every JSON file agrees
with SQLite."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys

import psycopg
import pytest

from cache.store import CacheStore
from tests.cachecheck import assert_cache_equals_server, assert_files_agree, assert_private
from tests.syncing import new_project

RUNS = 24
PAGE_SIZE = 25


POISON = ("ad_hourly_stats", "poison:9999")  # a row no cache can store: it is set aside at every sync


@pytest.fixture(scope="module")
def project(cluster, keys):
    project = new_project(cluster, keys)
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("insert into ad_hourly_stats (id, ad_id, hour) "
                     "select %s, min(id), '9999-12-31 20:00+00' from ads", (POISON[1],))
        # An id too long for a file name as it is: its file gets a shortened one.
        conn.execute("insert into customers (id, full_name, source) values (repeat('ก', 28), 'Long Id', 'FB')")
    yield project
    project.server.stop()


def child(project, root):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync_child", project.url, project.keys.anon_key, str(root), str(PAGE_SIZE)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def change_the_server(project, rng, run):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        ids = [r[0] for r in conn.execute("select id from customers where deleted_at is null order by id")]
        for n in range(rng.randint(1, 40)):
            conn.execute("insert into customers (id, full_name, source) values (%s, %s, 'WB')",
                         (f"TVS-CUS-WB-26-C{run:02d}{n:03d}", f"Crash test {run}/{n}"))
        conn.execute("update customers set notes = %s where id = any(%s)", (f"run {run}", rng.sample(ids, 150)))
        conn.execute("update customers set deleted_at = now() where id = any(%s)", (rng.sample(ids, 2),))
        conn.execute("update orders set status = 'paid', paid_at = now() where id in "
                     "(select id from orders where status = 'pending' limit 5)")
        conn.execute("update ad_daily_stats set clicks = clicks + 1 where id in "
                     "(select id from ad_daily_stats order by random() limit 200)")


def test_sigkill_at_random_moments_never_corrupts_the_cache(project, tmp_path):
    """With the umask most machines have, so that a file made in a hurry with a default mode would show."""
    umask = os.umask(0o022)
    try:
        sigkill_again_and_again(project, tmp_path)
    finally:
        os.umask(umask)


def sigkill_again_and_again(project, tmp_path):
    rng = random.Random(20261126)
    root = tmp_path / "cache"
    kills = 0
    for run in range(RUNS):
        if run % 6 == 0:
            shutil.rmtree(root, ignore_errors=True)  # some kills land in a first sync, with every table to pull
        elif run:
            change_the_server(project, rng, run)
        victim = child(project, root)
        # A first sync prints ~300 events and these changes ~40: pick a moment inside the run.
        moment = rng.randint(1, 250 if run % 6 == 0 else 35)
        for seen, _ in enumerate(victim.stdout, start=1):
            if seen >= moment:
                victim.send_signal(signal.SIGKILL)
                kills += 1
                break
        victim.wait(timeout=120)
        victim.stdout.close()
        victim.stderr.close()

        survivor = child(project, root)
        out, err = survivor.communicate(timeout=300)
        assert survivor.returncode == 0, f"run {run}: {out[-500:]} {err[-2000:]}"
        (folder,) = root.glob("*/*")  # the project's folder, and in it the one user's
        store = CacheStore(folder)
        try:
            assert_cache_equals_server(store, project.database.superuser_url, set_aside=[POISON])
            assert_files_agree(store)
            assert_private(root)
        finally:
            store.close()
    assert kills >= 20

