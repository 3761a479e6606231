"""The seed's analytics files and ad roll-ups, rendered by SQLite from the aggregate tables of aggregates.py:

    analytics/daily_{YYYY-MM-DD}.json   one Bangkok day: totals, per campaign, per platform, per product
    analytics/monthly_{YYYY-MM}.json    one month: the same, plus each day's totals
    analytics/summary.json              standard periods ending at the server's today, each with the period
                                        before it, top campaigns by ROAS, platforms, top products by revenue and
                                        a trend; and each year's totals
    ad_logs/monthly/{YYYY-MM}.json      each ad's figures over the month
    ad_logs/yearly/{YYYY}.json          each ad's figures over the year

The KPIs and their edge cases are defined in docs/analytics.md. Ratios are computed from the period's sums,
never averaged from days, and are null where the denominator is zero. Money is stored in satang and shown in
baht with two decimals. Campaign and product names are read from their rows when a file is rendered.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from cache import elsewhere, meta
from cache.analytics.figures import AGGREGATED, CAC, COST_PER_DAY, CPC, CPL, CTR, HEADLINE, ROAS, Ratio, members, thb

SUMMARY = "analytics/summary.json"
TOP = 10  # campaigns and products in a summary period's top lists

# Counted by the aggregates; the documents derive everything else from them.
_DAILY_SUMS = ("gross_satang", "refunded_satang", "revenue_satang", "orders", "refunds", "attributed_satang",
               "attributed_orders", "new_leads", "new_paying", *AGGREGATED)
_CAMPAIGN_SUMS = (*AGGREGATED, "revenue_satang", "orders", "new_paying")
_PRODUCT_SUMS = ("units", "orders", "revenue_satang")
_AD_SUMS = ("days", *AGGREGATED)


def daily_path(day: str) -> str:
    return f"analytics/daily_{day}.json"


def monthly_path(month: str) -> str:
    return f"analytics/monthly_{month}.json"


def ad_monthly_path(month: str) -> str:
    return f"ad_logs/monthly/{month}.json"


def ad_yearly_path(year: str) -> str:
    return f"ad_logs/yearly/{year}.json"


def paths_of(days: Iterable[str], months: Iterable[str]) -> set[str]:
    """The files that depend on some KPI days and some months of per-ad figures."""
    paths = set()
    for day in days:
        paths |= {daily_path(day), monthly_path(day[:7]), SUMMARY}
    for month in months:
        paths |= {ad_monthly_path(month), ad_yearly_path(month[:4])}
    return paths


def all_paths(conn: sqlite3.Connection) -> set[str]:
    """Every file the aggregates produce now."""
    days = [d for (d,) in conn.execute("SELECT day FROM analytics_daily")]
    months = [m for (m,) in conn.execute("SELECT DISTINCT month FROM analytics_ad_monthly")]
    return paths_of(days, months)


# --- KPIs as SQL --------------------------------------------------------------------------------------------

# The ratios of the orders and customers alone, beside the ad figures' (figures.py).
_AOV = Ratio("revenue_satang", "orders", cost=True)
_CONVERSION = Ratio("new_paying", "new_leads")

# Over the AGGREGATED columns and days.
_AD_KPIS = (f"{members()}, 'ctr', {CTR.sql()}, 'cpc_thb', {CPC.sql()}, 'cpl_thb', {CPL.sql()}, "
            f"'cost_per_day_thb', {COST_PER_DAY.sql()}")

# The KPIs of a day or a period, over the columns of _DAILY_SUMS and `days`.
_TOTALS = f"""'days', days,
    'revenue_thb', {thb('revenue_satang')}, 'gross_thb', {thb('gross_satang')},
    'refunded_thb', {thb('refunded_satang')}, 'orders', orders, 'refunds', refunds, 'aov_thb', {_AOV.sql()},
    'new_leads', new_leads, 'new_paying_customers', new_paying, 'conversion_rate', {_CONVERSION.sql()},
    {_AD_KPIS},
    'attributed_revenue_thb', {thb('attributed_satang')}, 'attributed_orders', attributed_orders,
    'roas', {ROAS.sql()}, 'cac_thb', {CAC.sql()}"""

# A campaign's or a platform's KPIs: revenue, orders and new paying customers are those attributed to it.
_ATTRIBUTED = f"""{_AD_KPIS},
    'revenue_thb', {thb('revenue_satang')}, 'orders', orders, 'aov_thb', {_AOV.sql()},
    'new_paying_customers', new_paying, 'roas', {ROAS.sql('revenue_satang')}, 'cac_thb', {CAC.sql()}"""

_TREND_POINT = f"""'revenue_thb', {thb('revenue_satang')}, 'orders', orders, 'new_leads', new_leads,
    'new_paying_customers', new_paying, {members(HEADLINE)}, 'attributed_revenue_thb', {thb('attributed_satang')}"""


def _sums(columns: tuple[str, ...], alias: str = "") -> str:
    return ", ".join(f"coalesce(sum({alias}{c}), 0) AS {c}" for c in columns)


def _array(select: str) -> str:
    """SQL for the JSON array of the documents `select` gives (one column `doc`, ordered)."""
    return f"(SELECT json_group_array(json(doc)) FROM ({select}))"


def _over_period(daily: str, monthly: str, columns: tuple[str, ...], key: str, parts: list[tuple[str, int]]) -> str:
    """A per-campaign or per-product table summed over a period: its whole months from the monthly table, the
    days around them from the daily one (`parts`: the column and the number of each range :lo{n}…:hi{n})."""
    def rows(column: str, n: int, selected: str) -> str:
        table = monthly if column == "month" else daily
        return f"SELECT {selected} FROM {table} WHERE {column} BETWEEN :lo{n} AND :hi{n}"

    if len(parts) == 1:  # straight from its table: a union costs five times as much
        return f"{rows(*parts[0], f'{key}, {_sums(columns)}')} GROUP BY {key}"
    union = " UNION ALL ".join(rows(column, n, ", ".join((key, *columns))) for column, n in parts)
    return f"SELECT {key}, {_sums(columns)} FROM ({union}) GROUP BY {key}"


_BREAKDOWN = f"""
    WITH camp AS MATERIALIZED (SELECT *, :days AS days FROM ({{campaign_sums}})),
         prod AS MATERIALIZED ({{product_sums}})
    SELECT json_object({{head}},
        'totals', json((SELECT json_object({_TOTALS}) FROM (
            SELECT {_sums(_DAILY_SUMS)}, :days AS days FROM analytics_daily WHERE day BETWEEN :first AND :last))),
        {{middle}}
        '{{campaigns}}', json({_array(f'''
            SELECT json_object('campaign_id', s.campaign_id, 'name', c.name, 'platform', c.platform, {_ATTRIBUTED})
                   AS doc
            FROM camp s LEFT JOIN campaigns c ON c.id = s.campaign_id {{rank}}''')}),
        'platforms', json({_array(f'''
            SELECT json_object('platform', platform, {_ATTRIBUTED}) AS doc FROM (
                SELECT c.platform, {_sums(_CAMPAIGN_SUMS, 's.')}, max(s.days) AS days
                FROM camp s LEFT JOIN campaigns c ON c.id = s.campaign_id GROUP BY c.platform)
            ORDER BY platform''')}),
        '{{products}}', json({_array(f'''
            SELECT json_object('product_id', s.product_id, 'name_th', p.name_th, 'name_en', p.name_en,
                               'category', p.category, 'units', s.units, 'orders', s.orders,
                               'revenue_thb', {thb('s.revenue_satang')}) AS doc
            FROM prod s LEFT JOIN products p ON p.id = s.product_id
            ORDER BY s.revenue_satang DESC, s.product_id {{limit}}''')})
        {{tail}})"""

# Every campaign by id, or the TOP best by ROAS among those that spent.
_ALL_CAMPAIGNS = "ORDER BY s.campaign_id"
_TOP_CAMPAIGNS = (f"WHERE s.spend_satang > 0 ORDER BY 1.0 * s.revenue_satang / s.spend_satang DESC, "
                  f"s.revenue_satang DESC, s.campaign_id LIMIT {TOP}")


class _Json(str):
    """JSON text to embed as JSON, not as a string."""


Members = list[tuple[str, Any]]


def _members(members: Members, params: dict[str, Any], prefix: str) -> str:
    """SQL for json_object members, their values bound as parameters."""
    parts = []
    for n, (name, value) in enumerate(members):
        params[f"{prefix}{n}"] = value
        parts.append(f"'{name}', {'json' if isinstance(value, _Json) else ''}(:{prefix}{n})")
    return "".join(f"{p}, " for p in parts)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _whole(conn: sqlite3.Connection, month_start: dt.date, first: dt.date, last: dt.date) -> bool:
    """Whether a month's figures all fall inside [first, last], so that its monthly row can stand for its days
    (a month so far, or the first month of all time, usually does)."""
    return conn.execute("SELECT 1 FROM analytics_daily WHERE day BETWEEN ? AND ? AND day NOT BETWEEN ? AND ? LIMIT 1",
                        (month_start.isoformat(), _month_end(month_start).isoformat(), first.isoformat(),
                         last.isoformat())).fetchone() is None


def _period_params(conn: sqlite3.Connection, first: dt.date, last: dt.date,
                   days: int) -> tuple[dict[str, Any], list[tuple[str, int]]]:
    """The parameters of a period, and its parts for `_over_period`: whole months where they fit, days around
    them."""
    params: dict[str, Any] = {"first": first.isoformat(), "last": last.isoformat(), "days": days}
    months_from = _month_start(first) if _whole(conn, _month_start(first), first, last) else \
        _month_end(first) + dt.timedelta(days=1)
    months_to = _month_end(last) if _whole(conn, _month_start(last), first, last) else \
        _month_start(last) - dt.timedelta(days=1)
    if months_from > months_to:  # no whole month inside
        ranges = [("day", first.isoformat(), last.isoformat())]
    else:
        ranges = [("month", months_from.isoformat()[:7], months_to.isoformat()[:7])]
        if first < months_from:
            ranges.append(("day", first.isoformat(), (months_from - dt.timedelta(days=1)).isoformat()))
        if months_to < last:
            ranges.append(("day", (months_to + dt.timedelta(days=1)).isoformat(), last.isoformat()))
    for n, (_, lo, hi) in enumerate(ranges):
        params[f"lo{n}"], params[f"hi{n}"] = lo, hi
    return params, [(column, n) for n, (column, _, _) in enumerate(ranges)]


def _breakdown(conn: sqlite3.Connection, first: dt.date, last: dt.date, days: int, *, head: Members,
               middle: Members | None = None, tail: Members | None = None, top: bool = False) -> str:
    """A JSON object: `head`, the period's 'totals', `middle`, its campaigns, platforms and products, `tail`.
    `days` is what its costs per day are over."""
    params, parts = _period_params(conn, first, last, days)
    sql = _BREAKDOWN.format(campaign_sums=_over_period("analytics_campaign_daily", "analytics_campaign_monthly",
                                                       _CAMPAIGN_SUMS, "campaign_id", parts),
                            product_sums=_over_period("analytics_product_daily", "analytics_product_monthly",
                                                      _PRODUCT_SUMS, "product_id", parts),
                            head=_members(head, params, "h").rstrip(", "), middle=_members(middle or [], params, "m_"),
                            tail="".join(f", {p}" for p in [_members(tail or [], params, "t").rstrip(", ")] if p),
                            campaigns="top_campaigns" if top else "campaigns",
                            products="top_products" if top else "products",
                            rank=_TOP_CAMPAIGNS if top else _ALL_CAMPAIGNS, limit=f"LIMIT {TOP}" if top else "")
    (text,) = conn.execute(sql, params).fetchone()
    return str(text)


def _object(conn: sqlite3.Connection, members: Members) -> str:
    params: dict[str, Any] = {}
    (text,) = conn.execute(f"SELECT json_object({_members(members, params, 'o').rstrip(', ')})", params).fetchone()
    return str(text)


# --- the files ----------------------------------------------------------------------------------------------

def _today(conn: sqlite3.Connection) -> dt.date | None:
    today = meta.get(conn, "server_today")
    return None if today is None else dt.date.fromisoformat(today)


def _elapsed(first: dt.date, last: dt.date, today: dt.date | None) -> int:
    """Calendar days of [first, last] up to today: what a month so far spends its money over."""
    end = min(last, today) if today else last
    return max(0, (end - first).days + 1)


def _has_days(conn: sqlite3.Connection, first: dt.date, last: dt.date) -> bool:
    return conn.execute("SELECT 1 FROM analytics_daily WHERE day BETWEEN ? AND ? LIMIT 1",
                        (first.isoformat(), last.isoformat())).fetchone() is not None


def _joined(select: str) -> str:
    """SQL for the JSON array text of the documents `select` gives, joined as text: json_group_array would have
    to parse each document again (SQLite forgets that a subquery's column is JSON). The daily files are most of
    what the analytics write (70 MB on `large`), and joining theirs as text halved the time they take."""
    return f"'[' || coalesce((SELECT group_concat(doc, ',') FROM ({select})), '') || ']'"


# Days, each as a daily file: the same members as a period's breakdown, read straight from the day's rows, and
# joined as text for the reason above. One statement renders a batch of days; a day without figures has no row,
# so it gets no file.
_DAYS = f"""
    SELECT d.day, '{{"date":' || json_quote(d.day) || ',"totals":' || json_object({_TOTALS})
        || ',"campaigns":' || {_joined(f'''
            SELECT json_object('campaign_id', s.campaign_id, 'name', c.name, 'platform', c.platform, {_ATTRIBUTED})
                   AS doc
            FROM (SELECT *, 1 AS days FROM analytics_campaign_daily WHERE day = d.day) s
            LEFT JOIN campaigns c ON c.id = s.campaign_id ORDER BY s.campaign_id''')}
        || ',"platforms":' || {_joined(f'''
            SELECT json_object('platform', platform, {_ATTRIBUTED}) AS doc FROM (
                SELECT c.platform, {_sums(_CAMPAIGN_SUMS, 's.')}, 1 AS days
                FROM analytics_campaign_daily s LEFT JOIN campaigns c ON c.id = s.campaign_id
                WHERE s.day = d.day GROUP BY c.platform)
            ORDER BY platform''')}
        || ',"products":' || {_joined(f'''
            SELECT json_object('product_id', s.product_id, 'name_th', p.name_th, 'name_en', p.name_en,
                               'category', p.category, 'units', s.units, 'orders', s.orders,
                               'revenue_thb', {thb('s.revenue_satang')}) AS doc
            FROM analytics_product_daily s LEFT JOIN products p ON p.id = s.product_id
            WHERE s.day = d.day ORDER BY s.revenue_satang DESC, s.product_id''')} || '}}'
    FROM (SELECT *, 1 AS days FROM analytics_daily WHERE day IN (SELECT value FROM json_each(?))) d"""
# Daily files rendered by one statement: a little faster than a statement per day, and a month of them (about
# 2 MB on `large`) is what a drain then holds at once.
DAYS_AT_ONCE = 32


def _daily_documents(conn: sqlite3.Connection, days: list[str]) -> dict[str, str]:
    """The daily files of some days, by day (days without figures have none)."""
    return dict(conn.execute(_DAYS, (json.dumps(days),)).fetchall())


def _monthly(conn: sqlite3.Connection, month: str) -> str | None:
    first = dt.date.fromisoformat(f"{month}-01")
    last = _month_end(first)
    if not _has_days(conn, first, last):
        return None
    (days,) = conn.execute(f"SELECT json_group_array(json(doc)) FROM (SELECT json_object('date', day, {_TOTALS}) "
                           "AS doc FROM (SELECT *, 1 AS days FROM analytics_daily WHERE day BETWEEN ? AND ? "
                           "ORDER BY day))", (first.isoformat(), last.isoformat())).fetchone()
    return _breakdown(conn, first, last, _elapsed(first, last, _today(conn)),
                      head=[("month", month), ("from", first.isoformat()), ("to", last.isoformat())],
                      middle=[("days", _Json(days))])


def _trend(conn: sqlite3.Connection, first: dt.date, last: dt.date, by_month: bool) -> str:
    """One point per day (or month) of the period, those without figures at zero, for the dashboard's chart."""
    if by_month:
        span = ("SELECT substr(:first, 1, 7) UNION ALL SELECT strftime('%Y-%m', point || '-01', '+1 month') "
                "FROM span WHERE point < substr(:last, 1, 7)")
        figures = (f"SELECT substr(day, 1, 7) AS point, {_sums(_DAILY_SUMS)} FROM analytics_daily "
                   "WHERE day BETWEEN :first AND :last GROUP BY substr(day, 1, 7)")
        label = "month"
    else:
        span = "SELECT :first UNION ALL SELECT date(point, '+1 day') FROM span WHERE point < :last"
        figures = "SELECT day AS point, * FROM analytics_daily WHERE day BETWEEN :first AND :last"
        label = "date"
    zero = ", ".join(f"coalesce(f.{c}, 0) AS {c}" for c in _DAILY_SUMS)
    (text,) = conn.execute(f"""
        WITH RECURSIVE span(point) AS ({span})
        SELECT json_group_array(json(doc)) FROM (
            SELECT json_object('{label}', point, {_TREND_POINT}) AS doc FROM (
                SELECT span.point, {zero} FROM span LEFT JOIN ({figures}) f ON f.point = span.point
                ORDER BY span.point))""", {"first": first.isoformat(), "last": last.isoformat()}).fetchone()
    return str(text)


Period = tuple[str, dt.date, dt.date, tuple[dt.date, dt.date] | None, bool]


def periods(today: dt.date, first_day: dt.date, last_day: dt.date) -> list[Period]:
    """(name, from, to, the period before it to compare with, trend by month) of the summary's periods; the
    first and last days with figures bound all time."""
    def back(days: int) -> Period:
        start = today - dt.timedelta(days=days - 1)
        return (f"last_{days}_days", start, today, (start - dt.timedelta(days=days), start - dt.timedelta(days=1)),
                False)

    month_start = _month_start(today)
    before = _month_start(month_start - dt.timedelta(days=1))
    year_start = today.replace(month=1, day=1)
    a_year_ago = today.replace(year=today.year - 1, day=min(today.day, calendar.monthrange(today.year - 1,
                                                                                           today.month)[1]))
    return [back(7), back(30), back(90),
            ("this_month", month_start, today, (before, before.replace(day=min(today.day, _month_end(before).day))),
             False),
            ("this_year", year_start, today, (year_start.replace(year=today.year - 1), a_year_ago), True),
            ("all_time", min(first_day, today), max(last_day, today), None, True)]


def period_document(conn: sqlite3.Connection, first: dt.date, last: dt.date,
                    previous: tuple[dt.date, dt.date] | None, *, by_month: bool) -> str:
    """One period as the summary shows it (JSON text): from, to, totals, the period before it, top campaigns,
    platforms, top products and the trend. The dashboard's custom range is rendered by this too, so a range
    equal to a standard period gives the same figures to the satang."""
    before: _Json | None = None
    if previous is not None:
        (totals,) = conn.execute(
            f"SELECT json_object({_TOTALS}) FROM (SELECT {_sums(_DAILY_SUMS)}, ? AS days FROM analytics_daily "
            "WHERE day BETWEEN ? AND ?)", ((previous[1] - previous[0]).days + 1, previous[0].isoformat(),
                                            previous[1].isoformat())).fetchone()
        before = _Json(_object(conn, [("from", previous[0].isoformat()), ("to", previous[1].isoformat()),
                                      ("totals", _Json(totals))]))
    return _breakdown(conn, first, last, (last - first).days + 1, top=True,
                      head=[("from", first.isoformat()), ("to", last.isoformat())], middle=[("previous", before)],
                      tail=[("trend", _Json(_trend(conn, first, last, by_month)))])


def _summary(conn: sqlite3.Connection) -> str | None:
    today = _today(conn)
    (first_day, last_day) = conn.execute("SELECT min(day), max(day) FROM analytics_daily").fetchone()
    if today is None or first_day is None:
        return None
    members: Members = [
        (name, _Json(period_document(conn, first, last, previous, by_month=by_month)))
        for name, first, last, previous, by_month in periods(today, dt.date.fromisoformat(first_day),
                                                             dt.date.fromisoformat(last_day))]
    (years,) = conn.execute(f"""
        SELECT json_group_array(json(doc)) FROM (
            SELECT json_object('year', year, 'totals', json_object({_TOTALS})) AS doc FROM (
                SELECT substr(day, 1, 4) AS year, {_sums(_DAILY_SUMS)},
                       CAST(max(0, julianday(min(substr(day, 1, 4) || '-12-31', ?))
                                   - julianday(substr(day, 1, 4) || '-01-01') + 1) AS INTEGER) AS days
                FROM analytics_daily GROUP BY substr(day, 1, 4))
            ORDER BY year)""", (today.isoformat(),)).fetchone()
    return _object(conn, [("today", today.isoformat()), ("periods", _Json(_object(conn, members))),
                          ("years", _Json(years))])


def _ad_figures(conn: sqlite3.Connection, key: str, value: str, where: str) -> str | None:
    """Each ad's figures over a month or a year, as ad_logs/daily lists each ad's figures of a day."""
    (text, count) = conn.execute(f"""
        SELECT json_group_array(json(doc)), count(*) FROM (
            SELECT json_object('ad_id', ad_id, '{key}', ?1, 'days', days, {members()}) AS doc
            FROM (SELECT ad_id, {_sums(_AD_SUMS)} FROM analytics_ad_monthly WHERE {where} GROUP BY ad_id)
            ORDER BY ad_id)""", (value,)).fetchone()
    return str(text) if count else None


# Daily files with enough in them (rows of their campaigns and products) for half to be rendered by another
# process (cache/elsewhere.py) while this one renders the rest, which gains more than the 0.1 s it takes to
# start one: 50,000 rows take about 0.3 s. A rebuild's 1,096 daily files on `large` (280,000 rows) took
# 2.1 s here alone, 1.7 s so (medians of 7).
ELSEWHERE_ROWS = 50_000


def _worth_elsewhere(conn: sqlite3.Connection, days: list[str]) -> bool:
    """Counted between the first and the last day: more than the days' own rows when they are scattered."""
    if len(days) < 2:
        return False
    (rows,) = conn.execute(
        "SELECT (SELECT count(*) FROM analytics_campaign_daily WHERE day BETWEEN ?1 AND ?2) "
        "+ (SELECT count(*) FROM analytics_product_daily WHERE day BETWEEN ?1 AND ?2)",
        (min(days), max(days))).fetchone()
    return bool(rows >= ELSEWHERE_ROWS)


def render_many(conn: sqlite3.Connection, folder: str, idents: list[str]) -> Iterator[tuple[str, str | None]]:
    """(ident, `render`'s content) for each of `idents`, in no particular order: daily files DAYS_AT_ONCE to a
    statement, and half of them elsewhere when they are many, taken from there as they come (a few statements'
    worth at a time) between this process's own. The database must not change meanwhile."""
    days = {ident: ident.removeprefix("daily_") for ident in idents
            if folder == "analytics" and ident.startswith("daily_")}
    daily = [ident for ident in idents if ident in days]
    # Every other day each, as days have more campaigns and products the more recent they are.
    here, there = (daily[::2], daily[1::2]) if _worth_elsewhere(conn, [days[i] for i in daily]) else (daily, [])
    theirs = deque(there[start:start + DAYS_AT_ONCE] for start in range(0, len(there), DAYS_AT_ONCE))
    series = [([days[i] for i in chunk],) for chunk in theirs]
    with elsewhere.Elsewhere(conn, _daily_documents, series=series) if theirs \
            else contextlib.nullcontext(None) as other:

        def taken(wait: bool) -> Iterator[tuple[str, str | None]]:
            while other is not None and theirs and (wait or other.ready()):
                chunk = theirs.popleft()
                texts = other.result()
                if texts is None:  # it could not be done there
                    texts = _daily_documents(conn, [days[i] for i in chunk])
                yield from ((ident, texts.get(days[ident])) for ident in chunk)

        for start in range(0, len(here), DAYS_AT_ONCE):
            chunk = here[start:start + DAYS_AT_ONCE]
            texts = _daily_documents(conn, [days[i] for i in chunk])
            yield from ((ident, texts.get(days[ident])) for ident in chunk)
            yield from taken(wait=False)
        for ident in idents:
            if ident not in days:
                yield ident, render(conn, folder, ident)
                yield from taken(wait=False)
        yield from taken(wait=True)


def render(conn: sqlite3.Connection, folder: str, ident: str) -> str | None:
    """A file's content from the aggregates, or None where it should not exist."""
    if folder == "analytics":
        if ident == "summary":
            return _summary(conn)
        kind, _, period = ident.partition("_")
        if kind == "daily":
            return _daily_documents(conn, [period]).get(period)
        if kind == "monthly":
            return _monthly(conn, period)
    elif folder == "ad_logs/monthly":
        return _ad_figures(conn, "month", ident, "month = ?1")
    elif folder == "ad_logs/yearly":
        return _ad_figures(conn, "year", ident, "month BETWEEN ?1 || '-01' AND ?1 || '-12'")
    raise ValueError(f"no document is defined for {folder}/{ident}")
