"""The analytics files end to end, against the stand-in: a first sync builds them (and they agree with SQLite), a
later cycle rewrites only the days a server-side change touched."""

from __future__ import annotations

import datetime as dt
import os

import psycopg
import pytest

from cache.analytics import files as analytics_files
from cache.documents import BANGKOK
from tests.cachecheck import assert_files_agree
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


def written(folder) -> dict[str, int]:
    """Each analytics file and when it was last written."""
    return {f"analytics/{e.name}": e.stat().st_mtime_ns for e in os.scandir(folder / "analytics")}


def test_a_sync_builds_the_analytics_then_rewrites_only_what_changed(project, account):
    report = account.engine().run_cycle()
    assert report.ok, report.message
    store = account.store
    assert report.analytics_days == store.conn.execute("SELECT count(*) FROM analytics_daily").fetchone()[0] > 0
    assert_files_agree(store)  # every analytics file is what the aggregates render, and they match a rebuild
    summary = store.tree.read(analytics_files.SUMMARY)
    assert isinstance(summary, dict) and summary["today"] == store.meta("server_today")
    assert summary["periods"]["last_30_days"]["totals"]["spend_thb"] > 0

    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        # A paid order that is not its customer's first payment, refunded: only its own day changes.
        refunded, paid_at = conn.execute("""
            select o.id, o.paid_at from orders o where o.status = 'paid' and exists (
                select 1 from orders e where e.customer_id = o.customer_id and e.status = 'paid'
                and e.paid_at < o.paid_at - interval '1 day')
            order by o.id limit 1""").fetchone()
        conn.execute("update orders set status = 'refunded' where id = %s", (refunded,))
        # One ad's figures of one day.
        stats_day = conn.execute("update ad_daily_stats set spend_thb = spend_thb + 1 where id = "
                                 "(select id from ad_daily_stats order by id limit 1) returning date").fetchone()[0]
    days = {paid_at.astimezone(BANGKOK).date().isoformat(), stats_day.isoformat()}
    before = written(account.folder)

    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert report.analytics_days == len(days)
    after = written(account.folder)
    rewritten = {path for path, stamp in after.items() if before.get(path) != stamp}
    assert rewritten == {analytics_files.daily_path(d) for d in days} | {
        analytics_files.monthly_path(d[:7]) for d in days} | {analytics_files.SUMMARY}
    assert_files_agree(store)
    month = dt.date.fromisoformat(stats_day.isoformat()).strftime("%Y-%m")
    assert store.tree.read(analytics_files.ad_monthly_path(month))
