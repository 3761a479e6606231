"""The analytics aggregator: the KPI aggregates of docs/analytics.md, kept in SQLite per Bangkok day (totals, per
campaign, per product) and per month, each customer's first payment, and each ad's figures per month.

`update` brings them up to date after a sync by recomputing only the days and months that the changes recorded
in `analytics_dirty` (cache/analytics_keys.py) made stale; `rebuild` recomputes everything (after a first pull,
a migration, or `vschool-crm analytics rebuild`). Both fill the same scratch tables (the payments, new customers
and ad figures of the days computed) and aggregate them with the same statements, so the two cannot drift
apart. They return the files to rewrite, which the store journals in the same transaction;
cache/analytics_documents.py renders them from these tables.

SQLite groups by sorting, and on `large` (bench/analytics.py) sorting is most of the cost: ad figures are summed
a day (2,000 rows) or a month at a time through the date index, which measured a quarter faster than sorting
all 730,000 at once. (Summing them on a second connection in another thread while this one did the orders gained
nothing on the two-core machine measured: the two slowed each other down as much.)
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field

from cache import analytics_documents as docs
from cache.analytics_keys import RULES
from cache.documents import meta

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


def _satang(expression: str) -> str:
    return f"CAST(round({expression} * 100) AS INTEGER)"


def _set_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, value))


_SCRATCH = {
    # What is stale: days, months of ad figures, customers whose first payment must be found again (and where it
    # was).
    "analytics_days": "day TEXT PRIMARY KEY",
    "analytics_months": "month TEXT PRIMARY KEY",
    "analytics_customers": "id TEXT PRIMARY KEY",
    "analytics_first_paid_before": "customer_id TEXT PRIMARY KEY, day TEXT, campaign_id TEXT",
    # Each ad's campaign (through its ad set), and for a rebuild each customer's acquisition campaign: compact
    # copies are looked up faster than the wide rows.
    "analytics_ad_campaigns": "ad_id TEXT PRIMARY KEY, campaign_id TEXT",
    "analytics_acquired": "id TEXT PRIMARY KEY, acquired_campaign_id TEXT",
    # The sources of the days computed: their payments (paid or refunded orders; money in satang, the campaign
    # they are attributed to), new customers, and ad figures per campaign.
    "analytics_paid": "id TEXT NOT NULL, day TEXT NOT NULL, status TEXT NOT NULL, total INTEGER NOT NULL, "
                      "discount INTEGER NOT NULL, campaign_id TEXT, customer_id TEXT, paid_key TEXT",
    "analytics_leads": "day TEXT PRIMARY KEY, count INTEGER NOT NULL",
    "analytics_ads": "day TEXT NOT NULL, campaign_id TEXT, spend INTEGER, impressions INTEGER, reach INTEGER, "
                     "clicks INTEGER, leads INTEGER, messages INTEGER",
}


def _scratch(conn: sqlite3.Connection) -> None:
    """Empty per-connection scratch tables (in memory: the cache's temp_store)."""
    for name, columns in _SCRATCH.items():
        rowid = "" if name in ("analytics_paid", "analytics_ads") else " WITHOUT ROWID"
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns}){rowid}")
        conn.execute(f"DELETE FROM temp.{name}")
    conn.execute("INSERT INTO temp.analytics_ad_campaigns SELECT a.id, st.campaign_id FROM ads a "
                 "JOIN ad_sets st ON st.id = a.ad_set_id WHERE st.campaign_id IS NOT NULL")


# --- what is stale ------------------------------------------------------------------------------------------

def _dirty(kind: str) -> str:
    return f"(SELECT key FROM analytics_dirty WHERE kind = '{kind}')"


# Per kind of key, the stale days it stands for, from the rows as they are now (see analytics_keys.py). Run only
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
        SELECT o.id, {PAID_DAY}, o.status, {_satang('coalesce(o.total_thb, 0)')},
               {_satang('coalesce(o.discount_thb, 0)')}, coalesce(o.campaign_id, c.acquired_campaign_id),
               o.customer_id, {PAID_KEY}
        FROM orders o LEFT JOIN {acquired} c ON c.id = o.customer_id
        WHERE o.status IN ('paid', 'refunded') AND {PAID_DAY} """


_LEADS = (f"INSERT INTO temp.analytics_leads (day, count) SELECT {CREATED_DAY}, count(*) FROM customers c "
          f"WHERE {CREATED_DAY}")

_AD_SUMS = (f"sum({_satang('s.spend_thb')}), sum(s.impressions), sum(s.reach), sum(s.clicks), sum(s.leads), "
            "sum(s.messages)")

# A day's ad figures per campaign (NULL: an ad or ad set missing from the cache, counted in the totals only), and
# a month's per ad; through the date index, a day or a month at a time ('YYYY-MM-31' is past any month's end).
_AD_DAY = (f"INSERT INTO temp.analytics_ads SELECT s.date, m.campaign_id, {_AD_SUMS} FROM ad_daily_stats s "
           "LEFT JOIN temp.analytics_ad_campaigns m ON m.ad_id = s.ad_id WHERE s.date = ? GROUP BY m.campaign_id")
_AD_MONTH = ("INSERT INTO analytics_ad_monthly (month, ad_id, days, spend_satang, impressions, reach, clicks, leads, "
             f"messages) SELECT ?1, s.ad_id, count(*), {_AD_SUMS} FROM ad_daily_stats s "
             "WHERE s.date BETWEEN ?1 || '-01' AND ?1 || '-31' GROUP BY s.ad_id")


def _gather(conn: sqlite3.Connection, everything: bool) -> None:
    """The payments, new customers and ad figures of the stale days (or of all)."""
    if everything:
        conn.execute("INSERT INTO temp.analytics_acquired SELECT id, acquired_campaign_id FROM customers "
                     "WHERE acquired_campaign_id IS NOT NULL")
        conn.execute(_paid("temp.analytics_acquired") + " IS NOT NULL")
        conn.execute(_LEADS + f" IS NOT NULL GROUP BY {CREATED_DAY}")
        days = conn.execute("SELECT DISTINCT date FROM ad_daily_stats").fetchall()
    else:
        # A day at a time: SQLite uses an index on an expression against a value, never against a subquery.
        days = conn.execute("SELECT day FROM temp.analytics_days").fetchall()
        conn.executemany(_paid("customers") + " = ?", days)
        conn.executemany(_LEADS + f" = ? GROUP BY {CREATED_DAY}", days)
    conn.executemany(_AD_DAY, days)


def _aggregate_days(conn: sqlite3.Connection, everything: bool) -> None:
    """analytics_daily, analytics_campaign_daily and analytics_product_daily of the days gathered. A day has rows
    only while something happened on it: a payment, a new customer, ad figures."""
    in_days = "IS NOT NULL" if everything else "IN (SELECT day FROM temp.analytics_days)"
    for table in ("analytics_daily", "analytics_campaign_daily", "analytics_product_daily"):
        conn.execute(f"DELETE FROM {table}" + ("" if everything else f" WHERE day {in_days}"))
    conn.execute(f"""
        INSERT INTO analytics_daily (day, gross_satang, refunded_satang, revenue_satang, orders, refunds,
            attributed_satang, attributed_orders, new_leads, new_paying, spend_satang, impressions, reach, clicks,
            leads, messages)
        SELECT day, sum(gross), sum(refunded), sum(revenue), sum(orders), sum(refunds), sum(attributed),
               sum(attributed_orders), sum(new_leads), sum(new_paying), sum(spend), sum(impressions), sum(reach),
               sum(clicks), sum(leads), sum(messages)
        FROM (
            SELECT day, sum(total) AS gross, sum(CASE WHEN status = 'refunded' THEN total ELSE 0 END) AS refunded,
                   sum(CASE WHEN status = 'paid' THEN total ELSE 0 END) AS revenue,
                   sum(status = 'paid') AS orders, sum(status = 'refunded') AS refunds,
                   sum(CASE WHEN status = 'paid' AND campaign_id IS NOT NULL THEN total ELSE 0 END) AS attributed,
                   sum(status = 'paid' AND campaign_id IS NOT NULL) AS attributed_orders,
                   0 AS new_leads, 0 AS new_paying, 0 AS spend, 0 AS impressions, 0 AS reach, 0 AS clicks,
                   0 AS leads, 0 AS messages
            FROM temp.analytics_paid GROUP BY day
            UNION ALL
            SELECT day, 0, 0, 0, 0, 0, 0, 0, count, 0, 0, 0, 0, 0, 0, 0 FROM temp.analytics_leads
            UNION ALL
            SELECT day, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0, 0, 0, 0, 0, 0 FROM analytics_first_paid
            WHERE day {in_days} GROUP BY day
            UNION ALL
            SELECT day, 0, 0, 0, 0, 0, 0, 0, 0, 0, sum(spend), sum(impressions), sum(reach), sum(clicks), sum(leads),
                   sum(messages)
            FROM temp.analytics_ads GROUP BY day)
        GROUP BY day""")
    # Per campaign: the day's ad figures, then what is attributed to it added to them.
    conn.execute("""
        INSERT INTO analytics_campaign_daily (day, campaign_id, spend_satang, impressions, reach, clicks, leads,
            messages, revenue_satang, orders, new_paying)
        SELECT day, campaign_id, spend, impressions, reach, clicks, leads, messages, 0, 0, 0 FROM temp.analytics_ads
        WHERE campaign_id IS NOT NULL""")
    attributed = ("INSERT INTO analytics_campaign_daily (day, campaign_id, spend_satang, impressions, reach, clicks, "
                  "leads, messages, revenue_satang, orders, new_paying) SELECT day, campaign_id, 0, 0, 0, 0, 0, 0, {} "
                  "GROUP BY day, campaign_id ON CONFLICT (day, campaign_id) DO UPDATE SET {}")
    conn.execute(attributed.format(
        "sum(total), count(*), 0 FROM temp.analytics_paid WHERE status = 'paid' AND campaign_id IS NOT NULL",
        "revenue_satang = excluded.revenue_satang, orders = excluded.orders"))
    conn.execute(attributed.format(
        f"0, 0, count(*) FROM analytics_first_paid WHERE day {in_days} AND campaign_id IS NOT NULL",
        "new_paying = excluded.new_paying"))
    # Each line of a paid order gets the order's discount in proportion to its list amount (qty × unit price):
    # its share of the revenue is amount × total ÷ (total + discount), rounded to the satang.
    conn.execute(f"""
        INSERT INTO analytics_product_daily (day, product_id, units, orders, revenue_satang)
        SELECT p.day, i.product_id, sum(i.qty), count(DISTINCT p.id),
               sum(CASE WHEN p.total + p.discount > 0
                        THEN CAST(round(1.0 * i.qty * {_satang('i.unit_price_thb')} * p.total / (p.total + p.discount))
                                  AS INTEGER)
                        ELSE 0 END)
        FROM temp.analytics_paid p CROSS JOIN order_items i ON i.order_id = p.id
        WHERE p.status = 'paid' GROUP BY p.day, i.product_id""")


def _aggregate_months(conn: sqlite3.Connection, everything: bool) -> None:
    """The per-campaign and per-product figures of the months of the days computed, summed from their days, and
    the per-ad figures of the months of ad figures computed."""
    months = "SELECT DISTINCT substr(day, 1, 7) FROM " + ("analytics_daily" if everything else "temp.analytics_days")
    for table, key, columns in (
            ("campaign", "campaign_id", "spend_satang, impressions, reach, clicks, leads, messages, revenue_satang, "
                                        "orders, new_paying"),
            ("product", "product_id", "units, orders, revenue_satang")):
        monthly, daily = f"analytics_{table}_monthly", f"analytics_{table}_daily"
        conn.execute(f"DELETE FROM {monthly}" + ("" if everything else f" WHERE month IN ({months})"))
        sums = ", ".join(f"sum({c})" for c in columns.split(", "))
        conn.executemany(f"INSERT INTO {monthly} (month, {key}, {columns}) SELECT ?1, {key}, {sums} FROM {daily} "
                         f"WHERE day BETWEEN ?1 || '-01' AND ?1 || '-31' GROUP BY {key}",
                         conn.execute(months).fetchall())
    if everything:
        conn.execute("INSERT INTO temp.analytics_months SELECT DISTINCT substr(day, 1, 7) FROM temp.analytics_ads")
    conn.execute("DELETE FROM analytics_ad_monthly" +
                 ("" if everything else " WHERE month IN (SELECT month FROM temp.analytics_months)"))
    conn.executemany(_AD_MONTH, conn.execute("SELECT month FROM temp.analytics_months").fetchall())


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
    if meta(conn, "analytics_rebuild"):
        return Outcome() if filling(conn) else rebuild(conn, today)
    started = time.perf_counter()
    last_today = meta(conn, "analytics_today")
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
    _aggregate_days(conn, everything=False)
    _aggregate_months(conn, everything=False)
    days = [d for (d,) in conn.execute("SELECT day FROM temp.analytics_days")]
    months = [m for (m,) in conn.execute("SELECT month FROM temp.analytics_months")]
    paths = docs.paths_of(days, months)
    if last_today != today:
        # A new day moves every period of the summary and the elapsed days of the current month.
        paths |= {docs.monthly_path(d[:7]) for d in (last_today, today) if d} | {docs.SUMMARY}
    conn.execute("DELETE FROM analytics_dirty")
    _set_meta(conn, "analytics_today", today)
    return Outcome(len(days), len(months), False, time.perf_counter() - started, paths)


def rebuild(conn: sqlite3.Connection, today: str | None) -> Outcome:
    """Recompute every aggregate from the rows. Every file there was and every file there is gets rewritten
    (or removed)."""
    started = time.perf_counter()
    before = docs.all_paths(conn)
    _scratch(conn)
    _gather(conn, everything=True)
    _first_payments(conn, everything=True)
    _aggregate_days(conn, everything=True)
    _aggregate_months(conn, everything=True)
    conn.execute("DELETE FROM analytics_dirty")
    conn.execute("DELETE FROM meta WHERE key = 'analytics_rebuild'")
    _set_meta(conn, "analytics_today", today)
    (days,) = conn.execute("SELECT count(*) FROM analytics_daily").fetchone()
    (months,) = conn.execute("SELECT count(*) FROM temp.analytics_months").fetchone()
    return Outcome(days, months, True, time.perf_counter() - started, before | docs.all_paths(conn))
