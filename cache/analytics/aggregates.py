"""The analytics aggregator: the KPI aggregates of docs/analytics.md, kept in SQLite per Bangkok day (totals, per
campaign, per product) and per month, each customer's first payment, and each ad's figures per month.

`update` brings them up to date after a sync by recomputing only the days and months that the changes recorded
in `analytics_dirty` (cache/analytics/stale.py) made stale; `rebuild` recomputes everything (after a first pull,
a migration, or `vschool-crm analytics rebuild`). Both fill the same scratch tables (the payments, new customers
and ad figures of the days computed) and aggregate them with the same statements, so the two cannot drift
apart. They return the files to rewrite, which the store journals in the same transaction;
cache/analytics/files.py renders them from these tables.

SQLite groups by sorting, and on `large` (bench/analytics.py) sorting is most of the cost. A rebuild sums the ad
figures in another process meanwhile (cache/elsewhere.py), and puts off what needs them until the rest is done:
its aggregates took about 4.0 s before, 3.0 s since.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from dataclasses import dataclass, field

from cache import elsewhere, meta
from cache.analytics import ads
from cache.analytics import files as docs
from cache.analytics.figures import AGGREGATED, satang
from cache.analytics.stale import RULES

# The Bangkok day of a timestamp (UTC+7 all year: Thailand has no daylight saving). The same expressions as the
# day indexes of cache/schema.py, so that SQLite uses them.
PAID_DAY = "date(o.paid_at, '+7 hours')"
CREATED_DAY = "date(c.created_at, '+7 hours')"
# Orders a customer's payments by time whatever the timestamps' notation, then by order id.
PAID_KEY = "strftime('%Y-%m-%dT%H:%M:%f', o.paid_at) || o.id"

AGGREGATES = ("analytics_daily", "analytics_campaign_daily", "analytics_product_daily", "analytics_campaign_monthly",
              "analytics_product_monthly", "analytics_first_paid", "analytics_ad_monthly")


@dataclass
class Outcome:
    days: int = 0  # days whose aggregates were recomputed
    months: int = 0  # months of per-ad figures recomputed
    full: bool = False
    seconds: float = 0.0
    paths: set[str] = field(default_factory=set)  # files to rewrite


_SCRATCH = {
    # What is stale: days, months of ad figures, customers whose first payment must be found again (and where it
    # was).
    "analytics_days": "day TEXT PRIMARY KEY",
    "analytics_months": "month TEXT PRIMARY KEY",
    "analytics_customers": "id TEXT PRIMARY KEY",
    "analytics_first_paid_before": "customer_id TEXT PRIMARY KEY, day TEXT, campaign_id TEXT",
    # For a rebuild, each customer's acquisition campaign: a compact copy is looked up faster than the wide rows.
    "analytics_acquired": "id TEXT PRIMARY KEY, acquired_campaign_id TEXT",
    # The sources of the days computed: their payments (paid or refunded orders; money in satang, the campaign
    # they are attributed to), new customers, and ad figures per campaign.
    "analytics_paid": "id TEXT NOT NULL, day TEXT NOT NULL, status TEXT NOT NULL, total INTEGER NOT NULL, "
                      "discount INTEGER NOT NULL, campaign_id TEXT, customer_id TEXT, paid_key TEXT",
    "analytics_leads": "day TEXT PRIMARY KEY, count INTEGER NOT NULL",
    "analytics_ads": "day TEXT NOT NULL, campaign_id TEXT, " + ", ".join(f"{c} INTEGER" for c in AGGREGATED),
}


def _scratch(conn: sqlite3.Connection) -> None:
    """Empty per-connection scratch tables (in memory: the cache's temp_store)."""
    for name, columns in _SCRATCH.items():
        rowid = "" if name in ("analytics_paid", "analytics_ads") else " WITHOUT ROWID"
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns}){rowid}")
        conn.execute(f"DELETE FROM temp.{name}")


# --- what is stale ------------------------------------------------------------------------------------------

def _dirty(kind: str) -> str:
    return f"(SELECT key FROM analytics_dirty WHERE kind = '{kind}')"


# Per kind of key, the stale days it stands for, from the rows as they are now (see stale.py). Run only
# for the kinds recorded: some read a whole aggregate table.
_EXPAND_DAYS = {
    "ad_day": "SELECT key FROM analytics_dirty WHERE kind = 'ad_day'",
    "instant": "SELECT date(key, '+7 hours') FROM analytics_dirty WHERE kind = 'instant' "
               "AND date(key, '+7 hours') IS NOT NULL",
    "order": f"SELECT {PAID_DAY} FROM orders o WHERE o.id IN {_dirty('order')} AND {PAID_DAY} IS NOT NULL",
    "customer_orders": f"SELECT {PAID_DAY} FROM orders o WHERE o.customer_id IN {_dirty('customer_orders')} "
                       f"AND {PAID_DAY} IS NOT NULL",
    "ad": f"SELECT s.date FROM ad_daily_stats s WHERE s.ad_id IN {_dirty('ad')}",
    "ad_set": f"SELECT s.date FROM ads a JOIN ad_daily_stats s ON s.ad_id = a.id "
              f"WHERE a.ad_set_id IN {_dirty('ad_set')}",
    "campaign": f"SELECT day FROM analytics_campaign_daily WHERE campaign_id IN {_dirty('campaign')}",
    "product": f"SELECT day FROM analytics_product_daily WHERE product_id IN {_dirty('product')}",
}


def _first_payments(conn: sqlite3.Connection, everything: bool) -> None:
    """Each customer's first payment: the earliest paid_at among their orders still paid (ties by order id),
    and the campaign it is attributed to. A rebuild finds them among the payments already gathered; an update
    looks at the stale customers' orders, and where a first payment moved to another day or campaign, the day it
    was on and the day it is on are both stale."""
    if everything:
        conn.execute("DELETE FROM analytics_first_paid")
        payments = "SELECT customer_id, day, id, campaign_id, paid_key FROM temp.analytics_paid WHERE status = 'paid'"
    else:
        mine = "FROM analytics_first_paid WHERE customer_id IN (SELECT id FROM temp.analytics_customers)"
        conn.execute(f"INSERT INTO temp.analytics_first_paid_before SELECT customer_id, day, campaign_id {mine}")
        conn.execute(f"DELETE {mine}")
        payments = (f"SELECT o.customer_id, {PAID_DAY} AS day, o.id, coalesce(o.campaign_id, c.acquired_campaign_id) "
                    f"AS campaign_id, {PAID_KEY} AS paid_key FROM orders o LEFT JOIN customers c "
                    f"ON c.id = o.customer_id WHERE o.status = 'paid' AND {PAID_DAY} IS NOT NULL "
                    "AND o.customer_id IN (SELECT id FROM temp.analytics_customers)")
    # min() picks the row the other columns come from: the earliest payment.
    conn.execute(f"""
        INSERT INTO analytics_first_paid (customer_id, day, order_id, campaign_id)
        SELECT customer_id, day, id, campaign_id FROM (
            SELECT customer_id, day, id, campaign_id, min(paid_key) FROM ({payments}) GROUP BY customer_id)""")
    if not everything:
        now = f"SELECT customer_id, day, campaign_id {mine}"
        before = "SELECT * FROM temp.analytics_first_paid_before"
        conn.execute(f"INSERT OR IGNORE INTO temp.analytics_days SELECT day FROM ({before} EXCEPT {now}) "
                     f"UNION SELECT day FROM ({now} EXCEPT {before})")


# --- the days' aggregates -----------------------------------------------------------------------------------

def _paid(acquired: str) -> str:
    return f"""
        INSERT INTO temp.analytics_paid (id, day, status, total, discount, campaign_id, customer_id, paid_key)
        SELECT o.id, {PAID_DAY}, o.status, {satang('coalesce(o.total_thb, 0)')},
               {satang('coalesce(o.discount_thb, 0)')}, coalesce(o.campaign_id, c.acquired_campaign_id),
               o.customer_id, {PAID_KEY}
        FROM orders o LEFT JOIN {acquired} c ON c.id = o.customer_id
        WHERE o.status IN ('paid', 'refunded') AND {PAID_DAY} """


_LEADS = (f"INSERT INTO temp.analytics_leads (day, count) SELECT {CREATED_DAY}, count(*) FROM customers c "
          f"WHERE {CREATED_DAY}")


_AD_DAY = "INSERT INTO temp.analytics_ads " + ads.DAY
_AD_COLUMNS = ", ".join(AGGREGATED)
_AD_ZEROS = ", ".join("0" for _ in AGGREGATED)
_AD_MONTH = f"INSERT INTO analytics_ad_monthly (month, ad_id, days, {_AD_COLUMNS}) " + ads.MONTH


def _gather(conn: sqlite3.Connection, everything: bool) -> None:
    """The payments and new customers of the stale days (or of all)."""
    if everything:
        conn.execute("INSERT INTO temp.analytics_acquired SELECT id, acquired_campaign_id FROM customers "
                     "WHERE acquired_campaign_id IS NOT NULL")
        conn.execute(_paid("temp.analytics_acquired") + " IS NOT NULL")
        conn.execute(_LEADS + f" IS NOT NULL GROUP BY {CREATED_DAY}")
    else:
        # A day at a time: SQLite uses an index on an expression against a value, never against a subquery.
        days = conn.execute("SELECT day FROM temp.analytics_days").fetchall()
        conn.executemany(_paid("customers") + " = ?", days)
        conn.executemany(_LEADS + f" = ? GROUP BY {CREATED_DAY}", days)


def _in_days(everything: bool) -> str:
    return "IS NOT NULL" if everything else "IN (SELECT day FROM temp.analytics_days)"


def _clear(conn: sqlite3.Connection, table: str, everything: bool) -> None:
    conn.execute(f"DELETE FROM {table}" + ("" if everything else f" WHERE day {_in_days(everything)}"))


def _aggregate_products(conn: sqlite3.Connection, everything: bool) -> None:
    """analytics_product_daily of the days gathered. Each line of a paid order gets the order's discount in
    proportion to its list amount (qty × unit price): its share of the revenue is amount × total ÷ (total +
    discount), rounded to the satang."""
    _clear(conn, "analytics_product_daily", everything)
    conn.execute(f"""
        INSERT INTO analytics_product_daily (day, product_id, units, orders, revenue_satang)
        SELECT p.day, i.product_id, sum(i.qty), count(DISTINCT p.id),
               sum(CASE WHEN p.total + p.discount > 0
                        THEN CAST(round(1.0 * i.qty * {satang('i.unit_price_thb')} * p.total / (p.total + p.discount))
                                  AS INTEGER)
                        ELSE 0 END)
        FROM temp.analytics_paid p CROSS JOIN order_items i ON i.order_id = p.id
        WHERE p.status = 'paid' GROUP BY p.day, i.product_id""")


def _aggregate_days(conn: sqlite3.Connection, everything: bool) -> None:
    """analytics_daily and analytics_campaign_daily of the days gathered, all but their ad figures, which
    `_add_ads` adds. A day has rows only while something happened on it: a payment, a new customer, ad
    figures."""
    in_days = _in_days(everything)
    for table in ("analytics_daily", "analytics_campaign_daily"):
        _clear(conn, table, everything)
    conn.execute(f"""
        INSERT INTO analytics_daily (day, gross_satang, refunded_satang, revenue_satang, orders, refunds,
            attributed_satang, attributed_orders, new_leads, new_paying, {_AD_COLUMNS})
        SELECT day, sum(gross), sum(refunded), sum(revenue), sum(orders), sum(refunds), sum(attributed),
               sum(attributed_orders), sum(new_leads), sum(new_paying), {_AD_ZEROS}
        FROM (
            SELECT day, sum(total) AS gross, sum(CASE WHEN status = 'refunded' THEN total ELSE 0 END) AS refunded,
                   sum(CASE WHEN status = 'paid' THEN total ELSE 0 END) AS revenue,
                   sum(status = 'paid') AS orders, sum(status = 'refunded') AS refunds,
                   sum(CASE WHEN status = 'paid' AND campaign_id IS NOT NULL THEN total ELSE 0 END) AS attributed,
                   sum(status = 'paid' AND campaign_id IS NOT NULL) AS attributed_orders,
                   0 AS new_leads, 0 AS new_paying
            FROM temp.analytics_paid GROUP BY day
            UNION ALL
            SELECT day, 0, 0, 0, 0, 0, 0, 0, count, 0 FROM temp.analytics_leads
            UNION ALL
            SELECT day, 0, 0, 0, 0, 0, 0, 0, 0, count(*) FROM analytics_first_paid WHERE day {in_days} GROUP BY day)
        GROUP BY day""")
    # Per campaign: what is attributed to it, then its new paying customers added.
    conn.execute(f"""
        INSERT INTO analytics_campaign_daily (day, campaign_id, {_AD_COLUMNS}, revenue_satang, orders, new_paying)
        SELECT day, campaign_id, {_AD_ZEROS}, sum(total), count(*), 0 FROM temp.analytics_paid
        WHERE status = 'paid' AND campaign_id IS NOT NULL GROUP BY day, campaign_id""")
    conn.execute(f"""
        INSERT INTO analytics_campaign_daily (day, campaign_id, {_AD_COLUMNS}, revenue_satang, orders, new_paying)
        SELECT day, campaign_id, {_AD_ZEROS}, 0, 0, count(*) FROM analytics_first_paid
        WHERE day {in_days} AND campaign_id IS NOT NULL GROUP BY day, campaign_id
        ON CONFLICT (day, campaign_id) DO UPDATE SET new_paying = excluded.new_paying""")


_AD_SET = ", ".join(f"{c} = excluded.{c}" for c in AGGREGATED)


def _add_ads(conn: sqlite3.Connection) -> None:
    """The ad figures of the days gathered (temp.analytics_ads) into their days' and campaigns' rows, which a
    day or a campaign with nothing else gets here."""
    sums = ", ".join(f"coalesce(sum({c}), 0)" for c in AGGREGATED)
    conn.execute(f"""
        INSERT INTO analytics_daily (day, gross_satang, refunded_satang, revenue_satang, orders, refunds,
            attributed_satang, attributed_orders, new_leads, new_paying, {_AD_COLUMNS})
        SELECT day, 0, 0, 0, 0, 0, 0, 0, 0, 0, {sums} FROM temp.analytics_ads GROUP BY day
        ON CONFLICT (day) DO UPDATE SET {_AD_SET}""")
    values = ", ".join(f"coalesce({c}, 0)" for c in AGGREGATED)
    conn.execute(f"""
        INSERT INTO analytics_campaign_daily (day, campaign_id, {_AD_COLUMNS}, revenue_satang, orders, new_paying)
        SELECT day, campaign_id, {values}, 0, 0, 0 FROM temp.analytics_ads WHERE campaign_id IS NOT NULL
        ON CONFLICT (day, campaign_id) DO UPDATE SET {_AD_SET}""")


_MONTHLY = {"campaign": ("campaign_id", f"{_AD_COLUMNS}, revenue_satang, orders, new_paying"),
            "product": ("product_id", "units, orders, revenue_satang")}


def _aggregate_months(conn: sqlite3.Connection, table: str, everything: bool) -> None:
    """The per-campaign or per-product figures of the months of the days computed, summed from their days."""
    key, columns = _MONTHLY[table]
    monthly, daily = f"analytics_{table}_monthly", f"analytics_{table}_daily"
    months = "SELECT DISTINCT substr(day, 1, 7) FROM " + (daily if everything else "temp.analytics_days")
    conn.execute(f"DELETE FROM {monthly}" + ("" if everything else f" WHERE month IN ({months})"))
    sums = ", ".join(f"sum({c})" for c in columns.split(", "))
    conn.executemany(f"INSERT INTO {monthly} (month, {key}, {columns}) SELECT ?1, {key}, {sums} FROM {daily} "
                     f"WHERE day BETWEEN ?1 || '-01' AND ?1 || '-31' GROUP BY {key}", conn.execute(months).fetchall())


def _ads(conn: sqlite3.Connection) -> None:
    """The ad figures of the stale days, per campaign, and the per-ad figures of the stale months."""
    ads.map_campaigns(conn)
    conn.executemany(_AD_DAY, conn.execute("SELECT day FROM temp.analytics_days").fetchall())
    conn.execute("DELETE FROM analytics_ad_monthly WHERE month IN (SELECT month FROM temp.analytics_months)")
    conn.executemany(_AD_MONTH, conn.execute("SELECT month FROM temp.analytics_months").fetchall())


def _all_ads(conn: sqlite3.Connection, by_day: ads.Rows, by_month: ads.Rows) -> None:
    """Every day's ad figures per campaign and every month's per ad, as summed by ads.sum_all."""
    marks = ", ".join("?" for _ in AGGREGATED)
    conn.executemany(f"INSERT INTO temp.analytics_ads VALUES (?, ?, {marks})", by_day)
    conn.execute("DELETE FROM analytics_ad_monthly")
    conn.executemany(f"INSERT INTO analytics_ad_monthly (month, ad_id, days, {_AD_COLUMNS}) VALUES (?, ?, ?, {marks})",
                     by_month)
    conn.executemany("INSERT OR IGNORE INTO temp.analytics_months VALUES (?)", {(r[0],) for r in by_month})


# --- entry points -------------------------------------------------------------------------------------------

def filling(conn: sqlite3.Connection) -> bool:
    """A first pull has not finished: the data is partial and the day indexes are missing, so a rebuild waits
    for the cycle that completes it."""
    marks = ",".join("?" * len(RULES))
    return conn.execute(f"SELECT 1 FROM sync_state WHERE indexes_deferred AND table_name IN ({marks})",
                        list(RULES)).fetchone() is not None


def update(conn: sqlite3.Connection, today: str | None) -> Outcome:
    """Recompute what the recorded changes made stale (everything when a rebuild is due). Run inside the
    caller's transaction, with the journal of the files returned."""
    if meta.get(conn, "analytics_rebuild"):
        return Outcome() if filling(conn) else rebuild(conn, today)
    started = time.perf_counter()
    last_today = meta.get(conn, "analytics_today")
    kinds = {k for (k,) in conn.execute("SELECT DISTINCT kind FROM analytics_dirty")}
    if not kinds and last_today == today:
        return Outcome()
    _scratch(conn)
    for kind in kinds & _EXPAND_DAYS.keys():
        conn.execute(f"INSERT OR IGNORE INTO temp.analytics_days {_EXPAND_DAYS[kind]}")
    conn.execute("INSERT OR IGNORE INTO temp.analytics_customers SELECT key FROM analytics_dirty "
                 "WHERE kind IN ('first_paid', 'customer_orders')")
    conn.execute("INSERT OR IGNORE INTO temp.analytics_months SELECT DISTINCT substr(key, 1, 7) FROM analytics_dirty "
                 "WHERE kind = 'ad_day'")
    _first_payments(conn, everything=False)
    _gather(conn, everything=False)
    _aggregate_products(conn, everything=False)
    _aggregate_days(conn, everything=False)
    _ads(conn)
    _add_ads(conn)
    for table in _MONTHLY:
        _aggregate_months(conn, table, everything=False)
    days = [d for (d,) in conn.execute("SELECT day FROM temp.analytics_days")]
    months = [m for (m,) in conn.execute("SELECT month FROM temp.analytics_months")]
    paths = docs.paths_of(days, months)
    if last_today != today:
        # A new day moves every period of the summary and the elapsed days of the current month.
        paths |= {docs.monthly_path(d[:7]) for d in (last_today, today) if d} | {docs.SUMMARY}
    conn.execute("DELETE FROM analytics_dirty")
    meta.put(conn, analytics_today=today)
    return Outcome(len(days), len(months), False, time.perf_counter() - started, paths)


def rebuild(conn: sqlite3.Connection, today: str | None) -> Outcome:
    """Recompute every aggregate from the rows. Every file there was and every file there is gets rewritten
    (or removed)."""
    started = time.perf_counter()
    # A write first: from here until the caller commits no one else can write, so the rows the other process
    # sums the ad figures of stay those this transaction sees.
    conn.execute("DELETE FROM analytics_dirty")
    before = docs.all_paths(conn)
    _scratch(conn)
    with elsewhere.Elsewhere(conn, ads.sum_all) if ads.worth_elsewhere(conn) \
            else contextlib.nullcontext(None) as other:
        _gather(conn, everything=True)
        _first_payments(conn, everything=True)
        _aggregate_products(conn, everything=True)
        _aggregate_months(conn, "product", everything=True)
        _aggregate_days(conn, everything=True)
        summed = None if other is None else other.result()
        _all_ads(conn, *(ads.sum_all(conn) if summed is None else summed))
    _add_ads(conn)
    _aggregate_months(conn, "campaign", everything=True)
    meta.put(conn, analytics_rebuild=None, analytics_today=today)
    (days,) = conn.execute("SELECT count(*) FROM analytics_daily").fetchone()
    (months,) = conn.execute("SELECT count(*) FROM temp.analytics_months").fetchone()
    return Outcome(days, months, True, time.perf_counter() - started, before | docs.all_paths(conn))
