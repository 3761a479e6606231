"""The marketing reads of cache/marketing.py over a hand-built cache whose sums are worked out below by hand.

Campaigns → ad sets → ads:
    CMP-1 "Songkran promo" (facebook) → SET-1 "Bangkok" → AD-1, AD-2; SET-2 "Tourists" → AD-3
    CMP-2 "LINE OA" (line) → SET-3 "Friends" → AD-4, AD-5 (no figures at all)
    CMP-3 "Zero campaign" (google), with no ad sets
Figures (spend, impressions, clicks, leads), the range 1–3 Nov unless said otherwise:
    AD-1  1 Nov 100.50 1000 20 2;  2 Nov 50.25 500 5 0       → 150.75 1500 25 2
    AD-2  1 Nov  30.00  300  0 0 (no clicks)                  →  30.00  300  0 0
    AD-3  2 Nov   0.00  200  4 1 (no spend); 3 Nov all zero   →   0.00  200  4 1
    AD-4  2 Nov  80.00  800 16 4;  31 Oct 999 9999 99 9 (before the range)
"""

from __future__ import annotations

from typing import Any

import pytest

from cache import marketing
from cache.store import CacheStore
from cache.tables import BY_NAME

FROM, TO = "2026-11-01", "2026-11-03"


def row(table: str, ident: str, **values: Any) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(BY_NAME[table].column_names)
    out.update(id=ident, created_at="2026-01-01T00:00:00+00:00", updated_at="2026-01-01T00:00:00+00:00", txid=1)
    out.update(values)
    return out


def stat(ad: str, date: str, spend: float, impressions: int, clicks: int, leads: int) -> dict[str, Any]:
    return row("ad_daily_stats", f"{ad}:{date}", ad_id=ad, date=date, spend_thb=spend, impressions=impressions,
               reach=impressions, clicks=clicks, leads=leads, messages=0)


@pytest.fixture
def conn(tmp_path):
    store = CacheStore(tmp_path)
    store.apply_page("campaigns", [
        row("campaigns", "CMP-1", name="Songkran promo", platform="facebook", status="active"),
        row("campaigns", "CMP-2", name="LINE OA", platform="line", status="paused"),
        row("campaigns", "CMP-3", name="Zero campaign", platform="google", status="active"),
    ], None)
    store.apply_page("ad_sets", [
        row("ad_sets", "SET-1", campaign_id="CMP-1", name="Bangkok", status="active"),
        row("ad_sets", "SET-2", campaign_id="CMP-1", name="Tourists", status="active"),
        row("ad_sets", "SET-3", campaign_id="CMP-2", name="Friends", status="active"),
    ], None)
    store.apply_page("ads", [
        row("ads", "AD-1", ad_set_id="SET-1", name="Video", status="active"),
        row("ads", "AD-2", ad_set_id="SET-1", name="Carousel", status="active"),
        row("ads", "AD-3", ad_set_id="SET-2", name="Photo", status="active"),
        row("ads", "AD-4", ad_set_id="SET-3", name="Sticker", status="active"),
        row("ads", "AD-5", ad_set_id="SET-3", name="Silent", status="paused"),
    ], None)
    store.apply_page("ad_daily_stats", [
        stat("AD-1", "2026-11-01", 100.50, 1000, 20, 2),
        stat("AD-1", "2026-11-02", 50.25, 500, 5, 0),
        stat("AD-2", "2026-11-01", 30.00, 300, 0, 0),
        stat("AD-3", "2026-11-02", 0.0, 200, 4, 1),
        stat("AD-3", "2026-11-03", 0.0, 0, 0, 0),
        stat("AD-4", "2026-11-02", 80.00, 800, 16, 4),
        stat("AD-4", "2026-10-31", 999.0, 9999, 99, 9),
    ], None)
    yield store.conn
    store.close()


def figures(m: marketing.Metrics | marketing.Totals | marketing.DayPoint) -> tuple[float, int, int, int]:
    return m.spend, m.impressions, m.clicks, m.leads


def test_campaigns_sum_their_ads_in_the_range_and_list_those_without_figures(conn):
    campaigns = marketing.metrics(conn, "campaign", FROM, TO)
    assert [(c.id, c.name, c.platform, c.status) for c in campaigns] == [
        ("CMP-2", "LINE OA", "line", "paused"),
        ("CMP-1", "Songkran promo", "facebook", "active"),
        ("CMP-3", "Zero campaign", "google", "active"),
    ]
    line, songkran, zero = campaigns
    assert figures(songkran) == (180.75, 2000, 29, 3)
    assert songkran.ctr == pytest.approx(29 / 2000)
    assert songkran.cpc == pytest.approx(180.75 / 29)
    assert songkran.cpl == pytest.approx(60.25)
    assert figures(line) == (80.0, 800, 16, 4)  # 31 October is outside the range
    assert (line.ctr, line.cpc, line.cpl) == (pytest.approx(0.02), 5.0, 20.0)
    assert figures(zero) == (0.0, 0, 0, 0)
    assert (zero.ctr, zero.cpc, zero.cpl) == (None, None, None)


def test_children_of_a_campaign_and_of_an_ad_set(conn):
    sets = marketing.metrics(conn, "ad_set", FROM, TO, "CMP-1")
    assert [(s.id, figures(s)) for s in sets] == [("SET-1", (180.75, 1800, 25, 2)), ("SET-2", (0.0, 200, 4, 1))]
    assert sets[0].platform == "facebook" and sets[0].level == "ad_set"
    assert sets[0].cpc == pytest.approx(7.23) and sets[0].cpl == pytest.approx(90.375)

    ads = marketing.metrics(conn, "ad", FROM, TO, "SET-1")
    assert [(a.id, figures(a)) for a in ads] == [("AD-2", (30.0, 300, 0, 0)), ("AD-1", (150.75, 1500, 25, 2))]
    no_clicks = ads[0]
    assert no_clicks.ctr == 0.0 and no_clicks.cpc is None and no_clicks.cpl is None

    (free,) = marketing.metrics(conn, "ad", FROM, TO, "SET-2")
    assert free.ctr == pytest.approx(0.02) and free.cpc == 0.0 and free.cpl == 0.0  # no spend, yet clicks

    assert [(a.id, figures(a)) for a in marketing.metrics(conn, "ad", FROM, TO, "SET-3")] == [
        ("AD-5", (0.0, 0, 0, 0)), ("AD-4", (80.0, 800, 16, 4))]
    assert marketing.metrics(conn, "ad_set", FROM, TO, "CMP-3") == []


def test_every_level_without_a_parent_and_the_filters(conn):
    assert len(marketing.metrics(conn, "ad_set", FROM, TO)) == 3
    assert sum(a.spend for a in marketing.metrics(conn, "ad", FROM, TO)) == 260.75
    assert [c.id for c in marketing.metrics(conn, "campaign", FROM, TO, platform="line")] == ["CMP-2"]
    assert [c.id for c in marketing.metrics(conn, "campaign", FROM, TO, search="PROMO")] == ["CMP-1"]
    assert marketing.metrics(conn, "campaign", FROM, TO, search="%") == []  # literal, not a wildcard
    # Searched for as the lists search: invisible characters dropped, and a 50 kB paste cut to a line's length
    # (SQLite refuses LIKE patterns of 50,000 bytes).
    assert [c.id for c in marketing.metrics(conn, "campaign", FROM, TO, search="pro\u200bmo")] == ["CMP-1"]
    assert marketing.metrics(conn, "campaign", FROM, TO, search="promo" * 10_000) == []
    assert [s.id for s in marketing.metrics(conn, "ad_set", FROM, TO, platform="line")] == ["SET-3"]


def test_the_trend_has_every_day_of_the_range(conn):
    days = marketing.trend(conn, "2026-10-31", "2026-11-04")
    assert [(d.date, figures(d)) for d in days] == [
        ("2026-10-31", (999.0, 9999, 99, 9)),
        ("2026-11-01", (130.5, 1300, 20, 2)),
        ("2026-11-02", (130.25, 1500, 25, 5)),
        ("2026-11-03", (0.0, 0, 0, 0)),  # a row of zeros
        ("2026-11-04", (0.0, 0, 0, 0)),  # no row at all
    ]
    assert days[3].cpc is None

    songkran = marketing.trend(conn, FROM, TO, "campaign", "CMP-1")
    assert [figures(d) for d in songkran] == [(130.5, 1300, 20, 2), (50.25, 700, 9, 1), (0.0, 0, 0, 0)]
    assert [figures(d) for d in marketing.trend(conn, FROM, TO, "ad_set", "SET-3")] == [
        (0.0, 0, 0, 0), (80.0, 800, 16, 4), (0.0, 0, 0, 0)]
    assert [d.spend for d in marketing.trend(conn, FROM, TO, "ad", "AD-2")] == [30.0, 0.0, 0.0]
    assert [d.spend for d in marketing.trend(conn, FROM, TO, platform="line")] == [0.0, 80.0, 0.0]


def test_totals_agree_with_the_levels(conn):
    total = marketing.totals(conn, FROM, TO)
    assert figures(total) == (260.75, 2800, 45, 7)
    assert figures(total) == tuple(map(sum, zip(*(figures(c) for c in marketing.metrics(conn, "campaign", FROM, TO)),
                                                strict=True)))
    assert figures(marketing.totals(conn, FROM, TO, "campaign", "CMP-1")) == (180.75, 2000, 29, 3)
    assert figures(marketing.totals(conn, "2026-12-01", "2026-12-31")) == (0.0, 0, 0, 0)
    assert marketing.latest_date(conn) == "2026-11-03"


def test_figures_are_not_ready_while_a_first_pull_defers_the_indexes(tmp_path):
    store = CacheStore(tmp_path / "fresh")
    try:
        assert marketing.figures_ready(store.conn)
        store.begin_pass("ad_daily_stats", 10)  # the table is empty: its indexes wait for the end of the pass
        assert not marketing.figures_ready(store.conn)
        store.finish_pass("ad_daily_stats", "2026-11-20T00:00:00+00:00")
        assert marketing.figures_ready(store.conn)
    finally:
        store.close()


def test_bad_levels_are_refused(conn):
    with pytest.raises(ValueError, match="unknown level"):
        marketing.metrics(conn, "account", FROM, TO)
    with pytest.raises(ValueError, match="no parent"):
        marketing.metrics(conn, "campaign", FROM, TO, "CMP-1")
    with pytest.raises(ValueError, match="needs its id"):
        marketing.trend(conn, FROM, TO, "campaign")
