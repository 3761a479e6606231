"""The KPIs of any range of days, for the dashboard's custom range: the standard periods are pre-computed in
analytics/summary.json, a range the user picks is summed here from the aggregate tables.

A custom range is rendered by the summary's own function (files.period_document): the same
definitions and the same rounding, so a range equal to a standard period gives the same figures to the satang.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import orjson

from cache.analytics.files import period_document

# Longer ranges are charted a point per month, as the summary's year and all-time periods are: 92 days cover
# any quarter, and beyond that a point per day is too dense to read.
DAILY_TREND_MAX_DAYS = 92


def period(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> dict[str, Any]:
    """The range [first, last] as the summary shows a period, compared with as many days just before it."""
    days = (last - first).days + 1
    before = (first - dt.timedelta(days=days), first - dt.timedelta(days=1))
    result: dict[str, Any] = orjson.loads(
        period_document(conn, first, last, before, by_month=days > DAILY_TREND_MAX_DAYS))
    return result
