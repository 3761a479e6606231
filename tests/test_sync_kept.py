"""Never a wipe by surprise: an account that lost its access, or an answer that lists far fewer rows than the cache
holds, leaves the cached data as it is, says why, and the next cycle reconciles again."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg
import pytest

from devserver import datagen
from sync.engine import ACCESS_LOST
from sync.status import Status
from tests.cachecheck import assert_cache_equals_server, assert_files_agree, local_rows
from tests.faultproxy import Fault
from tests.syncing import new_project

# A refused reconciliation says so in the log, as a warning: these tests refuse some on purpose.
pytestmark = pytest.mark.expected_log("none removed", logger="sync.engine")

REP = "sales@vschool.example"


@pytest.fixture
def project(cluster, keys):
    project = new_project(cluster, keys)
    yield project
    project.server.stop()


def sql(project, statement, params=()):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute(statement, params)


def snapshot(store):
    rows = {t: len(local_rows(store, t)) for t in ("customers", "orders", "order_items", "employees")}
    files = sorted(p.relative_to(store.folder) for p in store.folder.rglob("*.json"))
    return rows, files


def reconciliation_due(store):
    with store.conn:
        store.conn.execute("UPDATE sync_state SET last_reconciled_at = '2026-01-01T00:00:00+00:00'")


def test_a_deactivated_account_keeps_its_cache_and_is_told_why(project, account):
    assert account.engine().run_cycle().ok
    before = snapshot(account.store)
    sql(project, "update employees set active = false where email = %s", (REP,))

    full = account.engine().run_cycle(full=True)
    assert full.status == Status.KEPT and full.message == ACCESS_LOST
    assert snapshot(account.store) == before

    reconciliation_due(account.store)
    plain = account.engine().run_cycle()  # its daily reconciliation is due
    assert plain.status == Status.KEPT and plain.message == ACCESS_LOST
    assert not plain.reconciled
    assert snapshot(account.store) == before
    assert account.store.meta("last_status") == Status.KEPT


def test_reactivation_restores_everything_at_the_next_cycle(project, account):
    assert account.engine().run_cycle().ok
    sql(project, "update employees set active = false where email = %s", (REP,))
    assert account.engine().run_cycle().status == Status.KEPT  # a plain cycle, no reconciliation due
    # While the rep could not read: a row changed, one hard-deleted (only a reconciliation sees it go).
    sql(project, "update customers set notes = 'changed meanwhile' where id = "
                 "(select id from customers order by id limit 1)")
    sql(project, "delete from customers where id = (select id from customers order by id desc limit 1)")
    sql(project, "update employees set active = true where email = %s", (REP,))

    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert report.reconciled  # not a day later
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)
    assert account.store.meta("reconcile_pending") is None


def test_an_empty_id_listing_removes_nothing_and_is_retried_next_cycle(project, proxy, account):
    victim = "TVS-CUS-WB-26-K001"
    sql(project, "insert into customers (id, full_name, source) values (%s, 'Gone soon', 'WB')", (victim,))
    assert account.engine().run_cycle().ok
    sql(project, "delete from customers where id = %s", (victim,))
    before = snapshot(account.store)
    listing = proxy.add(Fault("status", path=r"/rest/v1/customers\?select=id%2Ctxid", status=200, body=b"[]"))

    report = account.engine().run_cycle(reconcile=True)
    assert listing.hits == 1
    assert report.status == Status.KEPT and "customers" in report.message
    assert snapshot(account.store) == before

    report = account.engine().run_cycle()  # the refused reconciliation runs again, the proxy healthy now
    assert report.ok and report.reconciled
    assert victim not in local_rows(account.store, "customers")
    assert_cache_equals_server(account.store, project.database.superuser_url)


def test_a_reconciliation_removing_over_a_fifth_of_a_table_is_refused(project, account):
    assert account.engine().run_cycle().ok
    total = len(local_rows(account.store, "customers"))
    sql(project, "delete from customers where id in (select id from customers order by id limit %s)",
        (total // 3,))
    report = account.engine().run_cycle(reconcile=True)
    assert report.status == Status.KEPT
    assert len(local_rows(account.store, "customers")) == total
    assert_files_agree(account.store)


def test_the_command_line_says_why_nothing_was_removed(project, sealed):
    def vschool(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin, capture_output=True,
                              text=True, timeout=300, env={**os.environ, "PYTHONPATH": os.getcwd()})

    done = vschool("login", "--url", project.url, "--anon-key", project.keys.anon_key, "--email", REP,
                   "--password-stdin", stdin=datagen.DEMO_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert vschool("sync").returncode == 0
    sql(project, "update employees set active = false where email = %s", (REP,))
    done = vschool("sync", "--full")
    assert done.returncode == 1
    assert f"Sync stopped ({Status.KEPT}): {ACCESS_LOST}" in done.stdout
    (folder,) = (sealed / "cache").glob("*/*")
    assert len(list((folder / "customer").glob("*.json"))) > 0
