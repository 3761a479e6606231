"""The ad figures of the analytics aggregates (aggregates.py): each day's per campaign (an ad's campaign is
its ad set's) and each month's per ad, summed from `ad_daily_stats`. A rebuild sums all of them (730,000 rows on
`large`) in another process while it works through the orders (cache/elsewhere.py).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from cache.analytics import figures

Rows = list[tuple[Any, ...]]

# A day's figures per campaign (NULL: an ad or ad set missing from the cache, counted in the totals only), and a
# month's per ad; through the date index, a day or a month at a time ('YYYY-MM-31' is past any month's end): on
# `large` that measured a quarter faster than sorting all the rows at once.
DAY = ("SELECT s.date, m.campaign_id, " + figures.summed("s") + " FROM ad_daily_stats s "
       "LEFT JOIN temp.analytics_ad_campaigns m ON m.ad_id = s.ad_id WHERE s.date = ? GROUP BY m.campaign_id")
MONTH = ("SELECT ?1, s.ad_id, count(*), " + figures.summed("s") + " FROM ad_daily_stats s "
         "WHERE s.date BETWEEN ?1 || '-01' AND ?1 || '-31' GROUP BY s.ad_id")


def map_campaigns(conn: sqlite3.Connection) -> None:
    """Each ad's campaign, in the connection's temp.analytics_ad_campaigns (which DAY reads): a compact copy is
    looked up faster than the ads and ad sets themselves."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS analytics_ad_campaigns (ad_id TEXT PRIMARY KEY, campaign_id TEXT) "
                 "WITHOUT ROWID")
    conn.execute("DELETE FROM temp.analytics_ad_campaigns")
    conn.execute("INSERT INTO temp.analytics_ad_campaigns SELECT a.id, st.campaign_id FROM ads a "
                 "JOIN ad_sets st ON st.id = a.ad_set_id WHERE st.campaign_id IS NOT NULL")


# Rows enough for summing them in another process to gain more than the 0.1 s it takes to start one: summing
# 100,000 takes about 0.2 s.
ELSEWHERE_ROWS = 100_000


def worth_elsewhere(conn: sqlite3.Connection) -> bool:
    (rows,) = conn.execute("SELECT count(*) FROM ad_daily_stats").fetchone()
    return bool(rows >= ELSEWHERE_ROWS)


def sum_all(conn: sqlite3.Connection) -> tuple[Rows, Rows]:
    """Every day's figures per campaign and every month's per ad (the rows of DAY and MONTH)."""
    map_campaigns(conn)
    days = conn.execute("SELECT DISTINCT date FROM ad_daily_stats").fetchall()
    months = sorted({(day[:7],) for (day,) in days})
    by_day = [tuple(r) for day in days for r in conn.execute(DAY, day)]
    by_month = [tuple(r) for month in months for r in conn.execute(MONTH, month)]
    return by_day, by_month
