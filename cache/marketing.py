"""The marketing reads: spend, impressions, clicks and leads of campaigns, ad sets and ads over a date range, and
their daily trend.

Figures are summed in SQL from `ad_daily_stats` (2,000 ads × 365 days in `large`); only the per-entity or per-day
results reach Python. Stats are first summed per ad over the range, through the `date` index, and only those few
thousand sums are joined up to ad sets and campaigns: joining before grouping would look up the ad and its ad set
once per stats row. Dates are ISO 'YYYY-MM-DD' Bangkok dates, as the server stores them; ranges are inclusive.

The figures and their ratios are those of the analytics (cache/analytics/figures.py): None where they mean
nothing (no impressions, no clicks, no leads), never 0 or infinity.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Self

from cache import queries
from cache.analytics import figures
from cache.analytics.figures import CPC, CPL, CTR, HEADLINE

LEVELS = ("campaign", "ad_set", "ad")

# Each stats row's ad, with its ad set and campaign; `scope` conditions name these aliases.
_ADS = "ads d JOIN ad_sets a ON a.id = d.ad_set_id JOIN campaigns c ON c.id = a.campaign_id"
_SCOPE_COLUMN = {"campaign": "a.campaign_id", "ad_set": "d.ad_set_id", "ad": "d.id"}
# The HEADLINE figures, in the order of the fields below (spend, impressions, clicks, leads): summed over stats
# rows, summed per ad, and read from the per-ad sums.
_SUMS = ", ".join(f"{sql} AS {figure}" for figure, sql in figures.totals(figures=HEADLINE))
_PER_AD = ", ".join(f"sum(s.{figure}) AS {figure}" for figure in HEADLINE)
_FIGURES = ", ".join(f"f.{figure}" for figure in HEADLINE)


class _Ratios:
    spend: float
    impressions: int
    clicks: int
    leads: int

    @property
    def ctr(self) -> float | None:
        return CTR.of(self.clicks, self.impressions)

    @property
    def cpc(self) -> float | None:
        return CPC.of(self.spend, self.clicks)

    @property
    def cpl(self) -> float | None:
        return CPL.of(self.spend, self.leads)


@dataclass(frozen=True)
class Totals(_Ratios):
    spend: float = 0.0
    impressions: int = 0
    clicks: int = 0
    leads: int = 0

    @classmethod
    def of(cls, parts: Sequence[_Ratios]) -> Self:
        """The sums of some days' or entities' figures (a trend's points: no second query for the same sums)."""
        return cls(sum(p.spend for p in parts), sum(p.impressions for p in parts), sum(p.clicks for p in parts),
                   sum(p.leads for p in parts))


@dataclass(frozen=True)
class Metrics(_Ratios):
    """One campaign, ad set or ad over the range; `platform` is its campaign's."""

    level: str
    id: str
    name: str | None
    status: str | None
    platform: str | None
    spend: float = 0.0
    impressions: int = 0
    clicks: int = 0
    leads: int = 0


@dataclass(frozen=True)
class DayPoint(_Ratios):
    date: str
    spend: float = 0.0
    impressions: int = 0
    clicks: int = 0
    leads: int = 0


Day = str | dt.date


def _iso(day: Day) -> str:
    return day if isinstance(day, str) else day.isoformat()


def _days(date_from: Day, date_to: Day) -> list[str]:
    first, last = dt.date.fromisoformat(_iso(date_from)), dt.date.fromisoformat(_iso(date_to))
    return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _ads_under(level: str | None, ident: str | None, platform: str | None) -> tuple[str, list[Any], bool]:
    """A subquery of the ids of the ads under one campaign, ad set or ad and/or of one platform's campaigns, its
    values, and whether it narrows anything at all."""
    conditions, values = [], []
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; known: {', '.join(LEVELS)}")
        if ident is None:
            raise ValueError(f"a {level} needs its id")
        conditions.append(f"{_SCOPE_COLUMN[level]} = ?")
        values.append(ident)
    if platform is not None:
        conditions.append("c.platform = ?")
        values.append(platform)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT d.id FROM {_ADS}{where}", values, bool(conditions)


def _scope(level: str | None, ident: str | None, platform: str | None) -> tuple[str, list[Any]]:
    """The condition on `ad_daily_stats s` for trend and totals. The whole account has none: its days are read
    off the date index, which measured faster for one sum per day than seeking each ad's days."""
    ads, values, narrowed = _ads_under(level, ident, platform)
    return (f" AND s.ad_id IN ({ads})", values) if narrowed else ("", [])


def figures_ready(conn: sqlite3.Connection) -> bool:
    """False while a first pull fills `ad_daily_stats` with its indexes deferred to the end of the pass
    (cache/store.py): until then every sum scans the whole table (measured on 730k rows: 0.4 s for a 30-day
    campaign list, 0.2 s for its trend), too slow to repeat on the GUI thread as pages arrive."""
    row = conn.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = 'ad_daily_stats'").fetchone()
    return not (row and row[0])


def latest_date(conn: sqlite3.Connection) -> str | None:
    """The last day with figures (off the date index), to end a range when the server's today is unknown."""
    row = conn.execute("SELECT max(date) FROM ad_daily_stats").fetchone()
    return None if row is None else row[0]


def metrics(conn: sqlite3.Connection, level: str, date_from: Day, date_to: Day, parent_id: str | None = None, *,
            platform: str | None = None, search: str = "") -> list[Metrics]:
    """Every campaign, ad set or ad (those under `parent_id`: a campaign's ad sets, an ad set's ads), with its
    figures over the range; those without any are listed with zeros. `platform` keeps one platform's campaigns
    and what is under them; `search` keeps the names containing it. Ordered by name."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; known: {', '.join(LEVELS)}")
    parent_level = {"campaign": None, "ad_set": "campaign", "ad": "ad_set"}[level]
    if parent_id is not None and parent_level is None:
        raise ValueError("campaigns have no parent")
    # Always through the ads: each ad's days are then one seek on the (ad_id, date) index and come out grouped,
    # where the date index needs a sort by ad (measured on 730k rows, 30 days: 40-55 ms against 60-145 ms,
    # depending on whether the rows were written ad by ad or day by day).
    ads, ads_values, _ = _ads_under(parent_level if parent_id is not None else None, parent_id, platform)
    # Who each ad's figures belong to at this level, the rows of this level, and their campaign's platform.
    key, entities, platform_column = {
        "campaign": ("a.campaign_id", "campaigns e", "e.platform"),
        "ad_set": ("d.ad_set_id", "ad_sets e LEFT JOIN campaigns c ON c.id = e.campaign_id", "c.platform"),
        "ad": ("d.id", "ads e LEFT JOIN ad_sets a ON a.id = e.ad_set_id LEFT JOIN campaigns c ON c.id = a.campaign_id",
               "c.platform"),
    }[level]
    conditions, values = [], []
    if parent_id is not None:
        conditions.append(f"e.{'campaign_id' if level == 'ad_set' else 'ad_set_id'} = ?")
        values.append(parent_id)
    if platform is not None:
        conditions.append(f"{platform_column} = ?")
        values.append(platform)
    if (named := queries.name_filter(conn, "e.name", search)) is not None:
        conditions.append(named[0])
        values += named[1]
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    sql = f"""
        WITH per_ad AS (
            SELECT s.ad_id, {_PER_AD}
            FROM ad_daily_stats s WHERE s.ad_id IN ({ads}) AND s.date BETWEEN ? AND ? GROUP BY s.ad_id),
        figures AS (
            SELECT {key} AS key, {_SUMS}
            FROM per_ad JOIN ads d ON d.id = per_ad.ad_id JOIN ad_sets a ON a.id = d.ad_set_id GROUP BY {key})
        SELECT e.id, e.name, e.status, {platform_column}, {_FIGURES}
        FROM {entities} LEFT JOIN figures f ON f.key = e.id{where}
        ORDER BY e.name, e.id"""
    rows = conn.execute(sql, [*ads_values, _iso(date_from), _iso(date_to), *values])
    return [Metrics(level, r[0], r[1], r[2], r[3], float(r[4] or 0), int(r[5] or 0), int(r[6] or 0), int(r[7] or 0))
            for r in rows]


def trend(conn: sqlite3.Connection, date_from: Day, date_to: Day, level: str | None = None,
          ident: str | None = None, *, platform: str | None = None) -> list[DayPoint]:
    """One point per day of the range, days without figures at zero; for the whole account, or one campaign,
    ad set or ad (`level` and `ident`), or one platform's campaigns."""
    scope, values = _scope(level, ident, platform)
    rows = conn.execute(f"SELECT s.date, {_SUMS} FROM ad_daily_stats s WHERE s.date BETWEEN ? AND ?{scope} "
                        "GROUP BY s.date", [_iso(date_from), _iso(date_to), *values])
    by_day = {r[0]: DayPoint(r[0], float(r[1]), int(r[2]), int(r[3]), int(r[4])) for r in rows}
    return [by_day.get(day) or DayPoint(day) for day in _days(date_from, date_to)]


def totals(conn: sqlite3.Connection, date_from: Day, date_to: Day, level: str | None = None,
           ident: str | None = None, *, platform: str | None = None) -> Totals:
    """The range's sums, scoped as `trend`."""
    scope, values = _scope(level, ident, platform)
    r = conn.execute(f"SELECT {_SUMS} FROM ad_daily_stats s WHERE s.date BETWEEN ? AND ?{scope}",
                     [_iso(date_from), _iso(date_to), *values]).fetchone()
    return Totals(float(r[0]), int(r[1]), int(r[2]), int(r[3]))
