"""The demo churn: it changes a loaded database steadily, keeps it consistent, commits out of txid order now and
then, and stops promptly when asked."""

from __future__ import annotations

import logging
import threading
import time

import psycopg
import pytest

from devserver import datagen
from devserver.churn import run_churn

DEADLINE = 30.0
POLL = 0.05


@pytest.fixture
def loaded(database):
    datagen.clear(database.superuser_url)
    datagen.load(database.superuser_url, "tiny", seed=3)
    yield database.superuser_url
    datagen.clear(database.superuser_url)


def test_churn_changes_data_commits_late_and_stops(loaded, caplog):
    caplog.set_level(logging.INFO, logger="devserver.churn")
    with psycopg.connect(loaded, autocommit=True) as conn:
        customers_before, loaded_txid = conn.execute("select count(*), max(txid) from customers").fetchone()
        orders_before = conn.execute("select count(*) from orders").fetchone()[0]
        activities_before = conn.execute("select count(*) from customer_activities").fetchone()[0]
        seen = dict(conn.execute("select id, txid from customers").fetchall())
        originals = set(seen)
        highest_seen = loaded_txid

        stop = threading.Event()
        churn = threading.Thread(target=run_churn, args=(loaded, stop), name="churn", daemon=True,
                                 kwargs={"rate": 40.0, "seed": 5, "late_commit_every": 0.5, "late_commit_hold": 0.7})
        churn.start()
        try:
            late: list[tuple[str, int, int]] = []
            deadline = time.monotonic() + DEADLINE
            while True:
                rows = conn.execute("select id, txid from customers").fetchall()
                # A row new since the last look whose txid is below one already seen committed late.
                late += [(id, txid, highest_seen) for id, txid in rows if id not in seen and txid < highest_seen]
                seen.update(rows)
                highest_seen = max(highest_seen, *(txid for _, txid in rows))
                new_customers = len(rows) - customers_before
                new_orders = conn.execute("select count(*) from orders").fetchone()[0] - orders_before
                updated = sum(1 for id, txid in rows if id in originals and txid > loaded_txid)
                new_activities = conn.execute("select count(*) from customer_activities").fetchone()[0] - (
                    activities_before)
                if new_customers > 0 and new_orders > 0 and updated > 0 and new_activities > 0 and late:
                    break
                assert time.monotonic() < deadline, (new_customers, new_orders, updated, new_activities, late)
                stop.wait(POLL)
        finally:
            stop.set()
            churn.join(timeout=10)
        assert not churn.is_alive()

        assert conn.execute("""
            select count(*) from orders o
            join (select order_id, sum(qty * unit_price_thb) subtotal from order_items group by order_id) i
              on i.order_id = o.id
            where o.total_thb <> i.subtotal - o.discount_thb""").fetchone()[0] == 0
        assert conn.execute("""
            with h as (select ad_id, (hour at time zone 'Asia/Bangkok')::date as date, sum(spend_thb) spend,
                              sum(impressions) impressions, sum(clicks) clicks
                       from ad_hourly_stats group by 1, 2)
            select count(*) from h join ad_daily_stats d using (ad_id, date)
            where (h.spend, h.impressions, h.clicks) <> (d.spend_thb, d.impressions, d.clicks)""").fetchone()[0] == 0
        assert conn.execute("select count(*) from orders where (paid_at is not null) <> "
                            "(status in ('paid', 'refunded'))").fetchone()[0] == 0
        # New ids continue each running number without gaps or clashes.
        for table, prefix, part in (("customers", 14, 5), ("orders", 10, 4)):
            assert conn.execute(f"""
                select count(*) from (select max(split_part(id, '-', {part})::int) top, count(*) n
                                      from {table} group by left(id, {prefix})) g
                where top <> n""").fetchone()[0] == 0, table

    problems = [r.getMessage() for r in caplog.records if r.name == "devserver.churn" and r.levelno >= logging.WARNING]
    assert problems == []
    assert any("late commit" in r.getMessage() for r in caplog.records)


def test_churn_keeps_trying_a_database_it_cannot_reach(caplog):
    caplog.set_level(logging.WARNING, logger="devserver.churn")
    stop = threading.Event()
    churn = threading.Thread(target=run_churn, args=("host=/nonexistent dbname=none connect_timeout=1", stop),
                             name="churn-unreachable", daemon=True)
    churn.start()
    try:
        deadline = time.monotonic() + DEADLINE
        while not any("no working database connection" in r.getMessage() for r in caplog.records):
            assert time.monotonic() < deadline
            stop.wait(POLL)
        assert churn.is_alive()
    finally:
        stop.set()
        churn.join(timeout=10)
    assert not churn.is_alive()
