"""The migrations apply cleanly on PostgreSQL 15 (Debian's server, the fallback engine) as on the embedded 16,
are idempotent to re-run, and give every synced table the same bookkeeping."""

from __future__ import annotations

import psycopg
import pytest

from devserver import postgres

SYNCED = ["employees", "products", "package_items", "customers", "customer_activities", "campaigns", "ad_sets",
          "ads", "orders", "order_items", "ad_daily_stats", "ad_hourly_stats"]


@pytest.fixture(scope="module")
def debian_database(tmp_path_factory):
    if postgres.DebianCluster.find_bindir() is None:
        pytest.fail("Debian's PostgreSQL binaries are missing: `make test` installs the postgresql package")
    cluster = postgres.start_cluster(tmp_path_factory.mktemp("pg15"), engine="debian")
    try:
        yield postgres.prepare(cluster)
    finally:
        cluster.stop()


def test_applies_on_postgresql_15(debian_database):
    with psycopg.connect(debian_database.superuser_url) as conn:
        assert conn.info.server_version // 10000 == 15
        versions = [r[0] for r in conn.execute("select version from supabase_migrations.schema_migrations "
                                               "order by version")]
    assert versions == [p.stem.split("_")[0] for p in postgres.migration_files()]


def test_prepare_is_idempotent(cluster, database):
    again = postgres.prepare(cluster)  # bootstrap and migrations run again on a prepared database
    with psycopg.connect(again.superuser_url) as conn:
        assert conn.execute("select count(*) from supabase_migrations.schema_migrations").fetchone()[0] == len(
            postgres.migration_files())


@pytest.mark.parametrize("table", SYNCED)
def test_every_synced_table_has_the_bookkeeping(db, table):
    columns = dict(db.execute(
        "select column_name, data_type from information_schema.columns where table_schema = 'public' "
        "and table_name = %s", (table,)).fetchall())
    assert columns["id"] == "text"
    assert columns["txid"] == "bigint"
    assert {"created_at", "updated_at", "deleted_at"} <= columns.keys()
    index = db.execute("select indexdef from pg_indexes where schemaname = 'public' and tablename = %s "
                       "and indexname = %s", (table, f"{table}_txid_id")).fetchone()
    assert index and "(txid, id)" in index[0]
    assert db.execute("select relrowsecurity from pg_class where oid = %s::regclass", (table,)).fetchone()[0]


def test_trigger_stamps_txid_and_updated_at(database):
    with psycopg.connect(database.superuser_url) as conn:
        conn.execute("insert into campaigns (id, platform, name, created_at, updated_at) "
                     "values ('TVS-CMP-LN-20-999', 'line', 'Old', '2020-01-01', '2020-01-01')")
        insert_txid = conn.execute("select pg_current_xact_id()::text::bigint").fetchone()[0]
        row = conn.execute("select txid, created_at::date::text, updated_at::date::text from campaigns "
                           "where id = 'TVS-CMP-LN-20-999'").fetchone()
        assert row == (insert_txid, "2020-01-01", "2020-01-01")  # history kept on insert
        conn.commit()
        conn.execute("update campaigns set name = 'New', created_at = now() where id = 'TVS-CMP-LN-20-999'")
        update_txid = conn.execute("select pg_current_xact_id()::text::bigint").fetchone()[0]
        row = conn.execute("select txid, created_at::date::text, updated_at = now() from campaigns "
                           "where id = 'TVS-CMP-LN-20-999'").fetchone()
        assert row == (update_txid, "2020-01-01", True)
        assert update_txid > insert_txid
        conn.execute("delete from campaigns where id = 'TVS-CMP-LN-20-999'")
        conn.commit()
