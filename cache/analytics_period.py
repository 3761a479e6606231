"""The KPIs of any range of days, for the dashboard's custom range: the standard periods are pre-computed in
analytics/summary.json, a range the user picks is summed here from the aggregate tables.

A custom range is rendered by the very SQL of the summary's periods (cache/analytics_documents.py, private to
it, used here on purpose): the same definitions and the same rounding, so a range equal to a standard period
gives the same figures to the satang, and the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import orjson

from cache.analytics_documents import _DAILY_SUMS, _TOTALS, _breakdown, _Json, _object, _sums, _trend

# Longer ranges are charted a point per month, as the summary's year and all-time periods are: 92 days cover
# any quarter, and beyond that a point per day is too dense to read.
DAILY_TREND_MAX_DAYS = 92


def period(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> dict[str, Any]:
    """The range [first, last] as the summary shows a period: from, to, totals, previous (the as many days just
    before it), top_campaigns, platforms, top_products and trend."""
    days = (last - first).days + 1
    before = (first - dt.timedelta(days=days), first - dt.timedelta(days=1))
    (totals,) = conn.execute(
        f"SELECT json_object({_TOTALS}) FROM (SELECT {_sums(_DAILY_SUMS)}, ? AS days FROM analytics_daily "
        "WHERE day BETWEEN ? AND ?)", (days, before[0].isoformat(), before[1].isoformat())).fetchone()
    previous = _Json(_object(conn, [("from", before[0].isoformat()), ("to", before[1].isoformat()),
                                    ("totals", _Json(totals))]))
    trend = _Json(_trend(conn, first, last, by_month=days > DAILY_TREND_MAX_DAYS))
    text = _breakdown(conn, first, last, days, top=True, head=[("from", first.isoformat()), ("to", last.isoformat())],
                      middle=[("previous", previous)], tail=[("trend", trend)])
    result: dict[str, Any] = orjson.loads(text)
    return result
