"""The sync protocol end to end, against the stand-in on a real PostgreSQL: first sync, deltas of every kind,
out-of-order commits, capped pages, interrupted passes, reconciliation and RLS scope changes."""

from __future__ import annotations

import threading

import psycopg
import pytest

from cache import search_build
from cache import store as store_module
from cache.schema import SEARCH_INDEXES
from cache.tables import TABLES
from sync import events as ev
from sync.errors import BusyError
from sync.lock import SyncLock
from sync.status import Status
from tests.cachecheck import assert_cache_equals_server, assert_files_agree, local_rows
from tests.syncing import new_project, signed_in


@pytest.fixture
def project(cluster, keys):
    project = new_project(cluster, keys)
    yield project
    project.server.stop()


@pytest.fixture
def account(project, keys, tmp_path):
    account = signed_in(project.url, keys, tmp_path / "cache")
    yield account
    account.close()


def sql(project, statement, params=()):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        return conn.execute(statement, params).fetchall() if "returning" in statement or statement.startswith(
            "select") else conn.execute(statement, params)


def test_first_sync_equals_the_server(project, account):
    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert report.rows == sum(len(local_rows(account.store, t.table)) for t in report.tables)
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)
    assert (account.folder / "customer").stat().st_mode & 0o777 == 0o700
    # Every product picture came down from Storage, byte for byte.
    with psycopg.connect(project.database.superuser_url) as conn:
        blobs = dict(conn.execute("select o.name, b.content from storage.objects o join storage.blobs b "
                                  "on b.object_id = o.id").fetchall())
    assert report.pictures == len(blobs) > 0
    for name, content in blobs.items():
        assert (account.folder / "products" / "packages_picture" / name).read_bytes() == bytes(content)


def test_a_search_built_in_another_process_is_in_before_its_table_is_finished(project, account, monkeypatch):
    monkeypatch.setattr(search_build, "ELSEWHERE_ROWS", 1)  # every searched table counts as large
    finished: dict[str, tuple[int, int, int]] = {}

    def listen(event: ev.Event) -> None:
        if isinstance(event, ev.TableFinished) and event.table in SEARCH_INDEXES:
            conn, index = account.store.conn, SEARCH_INDEXES[event.table]
            finished[event.table] = (
                conn.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = ?", (event.table,)
                             ).fetchone()[0],
                conn.execute(f"SELECT count(*) FROM {index.name}").fetchone()[0],
                conn.execute(f"SELECT count(*) FROM {event.table}").fetchone()[0])

    report = account.engine(listen).run_cycle()
    assert report.ok, report.message
    assert finished.keys() == SEARCH_INDEXES.keys()
    for table, (still_deferred, indexed, rows) in finished.items():
        assert (still_deferred, indexed) == (0, rows) and rows > 0, table
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert not list(account.folder.glob(f"{search_build.SCRATCH_PREFIX}*"))


def test_large_folders_are_written_ahead_while_the_pull_goes_on(project, account, monkeypatch):
    """Every folder journaled whole counts as large: each goes to another process once its tables are in, the
    customers' and the orders' before the pull is over, and the drain takes them over; the files agree."""
    monkeypatch.setattr(store_module, "ELSEWHERE_FILES", 1)
    ahead_at: dict[str, list[str]] = {}

    def listen(event: ev.Event) -> None:
        if isinstance(event, ev.TableFinished):
            ahead_at[event.table] = sorted(account.store._ahead)

    report = account.engine(listen).run_cycle()
    assert report.ok, report.message
    assert {"customer/*", "orders/*"} <= set(ahead_at[TABLES[-1].name])
    assert "orders/*" not in ahead_at["orders"]  # its items were still to come
    assert account.store._ahead == {}
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)


def test_a_cycle_stopped_in_its_pull_stops_writing_ahead_before_it_lets_the_lock_go(project, account, monkeypatch):
    """(Sign out and remove local data stops the sync, takes the lock and removes the folder: no file may be
    written after that.) The folders stay journaled whole, and the next cycle writes them."""
    monkeypatch.setattr(store_module, "ELSEWHERE_FILES", 1)
    cancel = threading.Event()
    stopped: list[tuple[list[str], bool]] = []
    stop_writing_ahead = account.store.stop_writing_ahead

    def spy() -> None:
        try:
            with SyncLock(account.folder):
                held = False
        except BusyError:
            held = True
        stopped.append((sorted(account.store._ahead), held))
        stop_writing_ahead()

    monkeypatch.setattr(account.store, "stop_writing_ahead", spy)

    def listen(event: ev.Event) -> None:
        if isinstance(event, ev.TableFinished) and event.table == "order_items":
            cancel.set()

    report = account.engine(listen).run_cycle(cancel=cancel)
    assert report.status == Status.CANCELLED
    assert {"customer/*", "orders/*"} <= set(stopped[0][0]) and stopped[0][1]
    assert account.store._ahead == {}
    assert account.engine().run_cycle().ok
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)


def test_a_first_sync_counts_every_table_before_its_first_page_and_a_delta_cycle_does_not(project, account):
    events: list[ev.Event] = []
    report = account.engine(events.append).run_cycle()
    assert report.ok, report.message
    planned = [e for e in events if isinstance(e, ev.SyncPlanned)]
    assert len(planned) == 1
    assert events.index(planned[0]) < min(i for i, e in enumerate(events) if isinstance(e, ev.TableStarted))
    pulled = {t.table: t.rows for t in report.tables if t.rows}
    assert planned[0].expected_rows == pulled and sum(pulled.values()) > 1000

    sql(project, "update customers set notes = 'planned' where id in (select id from customers limit 3)")
    events.clear()
    report = account.engine(events.append).run_cycle()
    assert report.ok and report.rows == 3
    assert not [e for e in events if isinstance(e, ev.SyncPlanned)]


def test_a_cycle_with_nothing_new_costs_two_requests(account):
    assert account.engine().run_cycle().ok
    report = account.engine().run_cycle()
    assert report.ok
    assert report.requests == 2
    assert all(t.skipped for t in report.tables)


def test_deltas_of_every_kind(project, account):
    assert account.engine().run_cycle().ok
    customer, other = [r[0] for r in sql(project, "select id from customers order by id limit 2")]
    order = sql(project, "select id, customer_id from orders order by id limit 1")[0]
    product = sql(project, "select id from products where category = 'course' order by id limit 1")[0][0]
    ad, ad_set = sql(project, "select a.id, s.id from ads a, ad_sets s where a.ad_set_id <> s.id limit 1")[0]
    sql(project, "insert into customers (id, full_name, source, tags) values "
                 "('TVS-CUS-WI-26-9999', 'ลูกค้า ใหม่', 'WI', '{walk-in}')")
    sql(project, "update customers set nickname = 'Nok', tags = '{vip,ลูกค้าประจำ}' where id = %s", (customer,))
    sql(project, "update customers set deleted_at = now() where id = %s", (other,))
    sql(project, "update orders set status = 'refunded', customer_id = %s where id = %s", (customer, order[0]))
    sql(project, "insert into order_items (id, order_id, product_id, qty, unit_price_thb) "
                 "values (%s, %s, %s, 2, 100)", (f"{order[0]}:9", order[0], product))
    sql(project, "update products set category = 'menu' where id = %s", (product,))
    sql(project, "update ads set ad_set_id = %s where id = %s", (ad_set, ad))
    sql(project, "update ad_daily_stats set spend_thb = spend_thb + 1 where date = '2026-11-20'")

    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)
    store = account.store
    assert not store.tree.path(f"customer/{other}.json").exists()  # the tombstone took the file with it
    assert not store.tree.path(f"products/courses/{product}.json").exists()  # moved to menu/
    assert store.document(f"products/menu/{product}.json")["category"] == "menu"
    moved_order = store.document(f"customer/{customer}.json")["orders"]
    assert order[0] in [o["id"] for o in moved_order]
    if order[1] != customer:
        assert order[0] not in [o["id"] for o in store.document(f"customer/{order[1]}.json")["orders"]]


def test_hard_deletes_go_at_reconciliation(project, account):
    assert account.engine().run_cycle().ok
    victim = sql(project, "select id from customers where id in (select customer_id from orders) limit 1")[0][0]
    sql(project, "delete from customers where id = %s", (victim,))  # its orders and items cascade
    assert account.engine().run_cycle().ok
    assert victim in local_rows(account.store, "customers")  # an incremental pass cannot see a hard delete
    report = account.engine().run_cycle(reconcile=True)
    assert report.ok and report.reconciled
    assert sum(t.removed for t in report.tables) >= 2
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)


def test_out_of_order_commit_is_never_lost(project, account):
    assert account.engine().run_cycle().ok
    with psycopg.connect(project.database.superuser_url) as late:
        late.execute("insert into customers (id, full_name, source) values ('TVS-CUS-LN-26-8001', 'Late', 'LN')")
        sql(project, "insert into customers (id, full_name, source) values ('TVS-CUS-LN-26-8002', 'Early', 'LN')")
        assert account.engine().run_cycle().ok
        assert set(local_rows(account.store, "customers")) >= {"TVS-CUS-LN-26-8002"}
        late.commit()
    assert account.engine().run_cycle().ok
    assert "TVS-CUS-LN-26-8001" in local_rows(account.store, "customers")
    assert_cache_equals_server(account.store, project.database.superuser_url)


def test_a_server_capping_pages_below_the_page_size_still_syncs_completely(cluster, keys, tmp_path):
    project = new_project(cluster, keys, max_rows=7)
    account = signed_in(project.url, keys, tmp_path / "cache")
    try:
        report = account.engine().run_cycle()
        assert report.ok
        customers = next(t for t in report.tables if t.table == "customers")
        assert customers.pages == -(-customers.rows // 7)
        assert_cache_equals_server(account.store, project.database.superuser_url)
    finally:
        account.close()
        project.server.stop()


def test_an_interrupted_pass_resumes_and_still_catches_late_commits(project, account):
    assert account.engine().run_cycle().ok
    engine = account.engine()
    engine.page_size = 50
    with psycopg.connect(project.database.superuser_url) as late:
        late.execute("insert into customers (id, full_name, source) values ('TVS-CUS-TT-26-7001', 'Late', 'TT')")
        sql(project, "update customers set notes = 'touched' where id in (select id from customers limit 120)")
        cancel = threading.Event()

        def stop_after_the_last_customer_page(event):
            if isinstance(event, ev.PageApplied) and event.table == "customers" and \
                    event.table_rows == event.expected_rows:
                cancel.set()

        engine.listener = stop_after_the_last_customer_page
        report = engine.run_cycle(cancel=cancel)
        assert report.status == "cancelled"
        assert account.store.state("customers").in_pass
        late.commit()  # committed below the next cycle's watermark, but behind the interrupted pass's position
    engine.listener = None
    assert engine.run_cycle().ok  # finishes the interrupted pass
    assert engine.run_cycle().ok  # the pass's own watermark as floor: the late row is caught now
    assert "TVS-CUS-TT-26-7001" in local_rows(account.store, "customers")
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)


def test_full_resync_pulls_everything_and_reconciles(project, account):
    assert account.engine().run_cycle().ok
    lost = [r[0] for r in account.store.conn.execute("SELECT id FROM customers LIMIT 5")]
    with account.store.conn:  # gone from the cache, their search rows and files with them
        account.store.drop_rows("customers", lost)
    report = account.engine().run_cycle(full=True)
    assert report.ok and report.reconciled
    assert_cache_equals_server(account.store, project.database.superuser_url)


def test_refresh_one_record(project, account):
    assert account.engine().run_cycle().ok
    ident = sql(project, "select id from customers order by id limit 1")[0][0]
    sql(project, "update customers set nickname = 'Fresh' where id = %s", (ident,))
    row = account.engine().refresh_one("customers", ident)
    assert row["nickname"] == "Fresh"
    assert account.store.tree.read(f"customer/{ident}.json")["nickname"] == "Fresh"
    sql(project, "update customers set deleted_at = now() where id = %s", (ident,))
    assert account.engine().refresh_one("customers", ident) is None
    assert not account.store.tree.path(f"customer/{ident}.json").exists()


def test_second_sync_in_parallel_is_refused(account):
    with SyncLock(account.folder):  # held as another process would hold it
        report = account.engine().run_cycle()
    assert report.status == "busy"
    assert "Another sync" in report.message


def test_pictures_are_revalidated_by_etag(project, account):
    assert account.engine().run_cycle().ok
    pictures = account.folder / "products" / "packages_picture"
    product, path = sql(project, "select id, picture_path from products where picture_path is not null "
                                 "order by id limit 1")[0]
    report = account.engine().run_cycle(full=True)
    assert report.ok and report.pictures == 0  # every picture answered 304 Not Modified
    assert (pictures / path).exists()

    new = b"\x89PNG\r\n\x1a\nnew picture"
    sql(project, "update storage.blobs set content = %s where object_id = "
                 "(select id from storage.objects where name = %s)", (new, path))
    sql(project, "update storage.objects set metadata = metadata || jsonb_build_object('eTag', '\"v2\"') "
                 "where name = %s", (path,))
    sql(project, "update products set price_thb = price_thb + 10 where id = %s", (product,))
    report = account.engine().run_cycle()
    assert report.pictures == 1
    assert (pictures / path).read_bytes() == new

    sql(project, "update products set deleted_at = now() where id = %s", (product,))
    assert account.engine().run_cycle().ok
    assert not (pictures / path).exists()
