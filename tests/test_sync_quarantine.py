"""One bad record never wedges the sync: a row that cannot be stored or a file that cannot be written is set aside
with its reason, the rest of the page and the cycle go on, and it is tried again at every cycle until it can be
stored or the server's row changes or disappears. Each case is made on the stand-in's PostgreSQL as superuser."""

from __future__ import annotations

import errno
import gzip
import json
import os
import sqlite3
import subprocess
import sys

import psycopg
import pytest

from cache import documents, quarantine
from cache.jsontree import MAX_NAME, file_name, ident_of
from devserver import datagen
from sync.status import Status
from tests.cachecheck import assert_cache_equals_server, assert_files_agree, local_rows
from tests.faultproxy import Fault, FaultProxy
from tests.syncing import new_project, signed_in

TOO_BIG = 5_000_000_000_000_000_000  # fits in 64 bits; two of them added up do not

# Setting a record aside is logged as a warning: every test here sets some aside on purpose.
pytestmark = pytest.mark.expected_log("could not be (stored|written), set aside|the analytics could not be updated",
                                     logger="cache.store")


@pytest.fixture
def project(cluster, keys):
    project = new_project(cluster, keys)
    yield project
    project.server.stop()


@pytest.fixture
def account(project, keys, tmp_path):
    account = signed_in(project.url, keys, tmp_path / "cache")
    assert account.engine().run_cycle().ok
    yield account
    account.close()


def sql(project, statement, params=()):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def set_aside(account):
    return {(e.kind, e.table, e.ident): e for e in account.store.set_aside_entries()}


def a_customer_changed(project, account):
    """A change beside the bad record, to show the rest of the cycle went on."""
    (ident,) = sql(project, "update customers set notes = 'beside the bad one' "
                            "where id = (select min(id) from customers) returning id")[0]
    return lambda: account.store.document(documents.record_path("customers", {"id": ident}))["notes"]


def test_long_ids_get_short_distinct_names_that_lead_back_to_them():
    names = {file_name(ident) for ident in ("L" * 300, "L" * 301, "ก" * 28, "ก" * 29, "." + "L" * 300)}
    assert len(names) == 5
    assert all(len(name.encode()) <= MAX_NAME and "/" not in name and not name.startswith(".") for name in names)
    assert file_name("L" * 300) == file_name("L" * 300)  # stable: the same file at every sync
    assert ident_of(file_name("ก" * 28)) is None  # only the rows can tell which id it was
    assert ident_of(file_name("ก" * 22)) == "ก" * 22  # 198 bytes: still the plain encoding


def test_only_a_records_own_trouble_sets_it_aside():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.executemany("INSERT INTO t VALUES (?)", [(TOO_BIG,), (TOO_BIG,)])

    def raised(action):
        with pytest.raises(Exception) as caught:
            action()
        return caught.value

    overflow = raised(lambda: conn.execute("SELECT sum(x) FROM t").fetchone())
    assert quarantine.about_the_record(overflow)
    assert quarantine.reason(overflow) == "a figure is too large to add up (integer overflow)"
    assert quarantine.about_the_record(raised(lambda: conn.execute("INSERT INTO t VALUES (?)", (2 ** 70,))))
    assert quarantine.about_the_record(raised(lambda: conn.execute("INSERT INTO t VALUES (?)", ({"a": 1},))))
    assert quarantine.about_the_record(OSError(errno.ENAMETOOLONG, "File name too long"))
    # The cache's own trouble ends the cycle with its message instead.
    assert not quarantine.about_the_record(raised(lambda: conn.execute("SELECT * FROM missing")))
    assert not quarantine.about_the_record(OSError(errno.ENOSPC, "No space left on device"))
    assert not quarantine.about_the_record(OSError(errno.EACCES, "Permission denied"))
    locker = sqlite3.connect(":memory:")
    locker.close()
    assert not quarantine.about_the_record(raised(lambda: locker.execute("SELECT 1")))


@pytest.mark.parametrize("ident", ["L" * 300, "ก" * 28], ids=["300-letters", "28-thai-characters"])
def test_an_id_too_long_for_a_file_name(project, account, ident):
    sql(project, "insert into customers (id, full_name, source, segment) values (%s, 'Long Id', 'FB', 'lead')",
        (ident,))
    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert report.set_aside == 0
    path = documents.record_path("customers", {"id": ident})
    assert account.store.tree.read(path)["full_name"] == "Long Id"
    assert account.store.document(path)["id"] == ident
    assert_files_agree(account.store)
    # A row that names it (an order of this customer) finds its way into its file too.
    sql(project, "insert into orders (id, customer_id) values ('TVS-ORD-LONG-1', %s)", (ident,))
    assert account.engine().run_cycle().ok
    assert [o["id"] for o in account.store.tree.read(path)["orders"]] == ["TVS-ORD-LONG-1"]
    assert account.engine().run_cycle(full=True).ok
    sql(project, "delete from customers where id = %s", (ident,))  # a hard delete: gone at the reconciliation
    assert account.engine().run_cycle(reconcile=True).ok
    assert not account.store.tree.path(path).exists()
    assert_files_agree(account.store)


def test_ad_figures_too_large_to_add_up(project, account):
    rows = [r[0] for r in sql(project, """
        select id from ad_daily_stats where ad_id = (select ad_id from ad_daily_stats order by date desc, id limit 1)
        and date > current_date - 29 order by date desc limit 2""")]
    assert len(rows) == 2, "the data has no recent ad figures to make too large"
    sql(project, "update ad_daily_stats set impressions = %s where id = any(%s)", (TOO_BIG, rows))
    notes = a_customer_changed(project, account)
    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert notes() == "beside the bad one"
    assert {local_rows(account.store, "ad_daily_stats")[r]["impressions"] for r in rows} == {TOO_BIG}
    found = set_aside(account)
    snapshot = found[("file", "ads/campaign", "campaigns_last_30d")]
    assert snapshot.path == documents.CAMPAIGNS_30D
    assert snapshot.error == "a figure is too large to add up (integer overflow)"  # not a disk's trouble
    assert ("analytics", "analytics", "") in found  # the ad's month cannot be added up either
    assert report.set_aside == len(found)

    again = account.engine().run_cycle(full=True)
    assert again.ok and again.set_aside == report.set_aside
    assert set_aside(account)[("file", "ads/campaign", "campaigns_last_30d")].first_seen == snapshot.first_seen

    sql(project, "update ad_daily_stats set impressions = 1 where id = any(%s)", (rows,))
    fixed = account.engine().run_cycle()
    assert fixed.ok and fixed.set_aside == 0
    assert set_aside(account) == {}
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)


def test_an_hour_past_year_9999_in_bangkok(project, account):
    (changed, ad, hour) = sql(project, "select id, ad_id, hour from ad_hourly_stats order by id limit 1")[0]
    sql(project, "update ad_hourly_stats set hour = '9999-12-31 20:00+00' where id = %s", (changed,))
    sql(project, "insert into ad_hourly_stats (id, ad_id, hour) values ('poison:9999', %s, '9999-12-31 21:00+00')",
        (ad,))
    notes = a_customer_changed(project, account)
    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert notes() == "beside the bad one"
    found = set_aside(account)
    assert found.keys() == {("row", "ad_hourly_stats", changed), ("row", "ad_hourly_stats", "poison:9999")}
    assert "out of range" in found["row", "ad_hourly_stats", changed].error
    assert "poison:9999" not in local_rows(account.store, "ad_hourly_stats")
    assert report.set_aside == 2

    # Tried again at every cycle, even a full one, without stopping it.
    again = account.engine().run_cycle(full=True)
    assert again.ok and again.set_aside == 2
    later = set_aside(account)["row", "ad_hourly_stats", changed]
    assert later.first_seen == found["row", "ad_hourly_stats", changed].first_seen
    assert later.last_seen >= later.first_seen

    # Cleared when the server's row changes to something that can be stored, or disappears.
    sql(project, "update ad_hourly_stats set hour = %s where id = %s", (hour, changed))
    sql(project, "delete from ad_hourly_stats where id = 'poison:9999'")
    fixed = account.engine().run_cycle()
    assert fixed.ok and fixed.set_aside == 0
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)


def test_a_file_that_cannot_be_written_never_blocks_the_pull(project, account):
    first, second = (r[0] for r in sql(project, "select id from customers order by id limit 2"))
    path = documents.record_path("customers", {"id": first})
    account.store.tree.path(path).unlink()
    account.store.tree.path(path).mkdir()  # something in the way that this program will not remove
    sql(project, "update customers set notes = 'first' where id = %s", (first,))
    report = account.engine().run_cycle()
    assert report.ok, report.message
    entry = set_aside(account)["file", "customer", file_name(first)]
    assert entry.path == path and "Is a directory" in entry.error

    # The next changes still come in and are written, in a plain cycle and a full one.
    sql(project, "update customers set notes = 'second' where id = %s", (second,))
    assert account.engine().run_cycle().ok
    assert account.store.document(documents.record_path("customers", {"id": second}))["notes"] == "second"
    assert account.engine().run_cycle(full=True).ok

    account.store.tree.path(path).rmdir()
    fixed = account.engine().run_cycle()
    assert fixed.ok and fixed.set_aside == 0
    assert account.store.tree.read(path)["notes"] == "first"
    assert_files_agree(account.store)


def vschool(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": os.getcwd(), "COLUMNS": "200"})


def test_the_command_line_lists_what_was_set_aside(project):
    (changed,) = sql(project, "update ad_hourly_stats set hour = '9999-12-31 20:00+00' "
                              "where id = (select min(id) from ad_hourly_stats) returning id")[0]
    done = vschool("login", "--url", project.url, "--anon-key", project.keys.anon_key, "--email", datagen.DEMO_EMAIL,
                   "--password-stdin", stdin=datagen.DEMO_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    for _ in range(2):  # the next sync neither fails nor forgets it
        done = vschool("sync")
        assert done.returncode == 0, done.stderr
        assert "Up to date" in done.stdout and "1 record could not be stored" in done.stdout
    done = vschool("status")
    assert done.returncode == 0, done.stderr
    assert "Could not be stored" in done.stdout
    line = next(line for line in done.stdout.splitlines() if changed in line)
    assert "ad_hourly_stats" in line and "a value is out of range" in line


def reversed_rows(body: bytes) -> bytes:
    """The rows in reverse, compressed again when the stand-in compressed them (a page above its threshold)."""
    if body.startswith(b"\x1f\x8b"):
        return gzip.compress(reversed_rows(gzip.decompress(body)))
    return json.dumps(json.loads(body)[::-1]).encode()


def test_a_server_that_ignores_order_is_a_bad_response(project, keys, tmp_path):
    with FaultProxy(project.url) as proxy:
        account = signed_in(proxy.url, keys, tmp_path / "cache")
        try:
            # The pages, not the count of a first sync (which asks for no rows and no order).
            proxy.add(Fault("rewrite", path=r"/rest/v1/customers\?.*order=", times=None, rewrite=reversed_rows))
            engine = account.engine()
            engine.page_size = 10
            report = engine.run_cycle()
            assert report.status == Status.BAD_RESPONSE, report.message
            assert "out of order" in report.message and "`order`" in report.message
            pages = [s for s in proxy.requests if s.path.startswith("/rest/v1/customers?") and "order=" in s.path]
            assert len(pages) <= 3
            proxy.clear()
            assert engine.run_cycle().ok
            assert_cache_equals_server(account.store, project.database.superuser_url)
        finally:
            account.close()
