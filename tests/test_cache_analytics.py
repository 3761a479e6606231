"""The analytics aggregator (cache/analytics/aggregates.py) and its files, over a hand-built cache whose KPIs are
worked out below by hand (definitions: docs/analytics.md), and a property test that recomputing only what changed
always ends where a full rebuild does.

Server today: Friday 20 Nov 2026. Bangkok is UTC+7, so 2026-11-19T17:30:00Z is already 20 Nov.

    CMP-FB "Songkran" facebook ← SET-1 ← AD-1          CMP-LN "LINE OA" line ← SET-2 ← AD-2
    P-COURSE "Green curry class" (course)             P-KNIFE "Santoku knife" (cooking_eqt)

Customers (created → Bangkok day, acquisition campaign):
    C1 2026-11-18T03:00Z → 18 Nov, CMP-FB      C2 2026-11-19T17:30Z → 20 Nov, CMP-LN
    C3 2026-11-19T16:59:59Z → 19 Nov, none     C4 2026-10-05T02:00Z → 5 Oct, CMP-FB

Orders (status, total, own campaign, paid_at → Bangkok day, items):
    O1 C1 paid      1000.00  -       2026-11-18T05:00Z → 18 Nov  P-COURSE 1 × 1000
    O2 C1 paid       900.00  CMP-LN  2026-11-19T17:30Z → 20 Nov  P-COURSE 1 × 800, P-KNIFE 1 × 200, discount 100
    O3 C2 refunded   500.00  -       2026-11-19T18:00Z → 20 Nov  P-KNIFE 2 × 250
    O4 C2 paid       300.00  -       2026-11-20T02:00Z → 20 Nov  P-KNIFE 1 × 300
    O5 C3 cancelled  700.00  -       never paid                   P-COURSE 1 × 700
    O6 C4 paid      2000.00  -       2026-10-06T10:00Z → 6 Oct    P-COURSE 2 × 1000
    O7 C3 pending    400.00  -       not yet                      P-KNIFE 1 × 400
    O8 C4 paid      1500.00  -       2026-11-19T16:00Z → 19 Nov   P-COURSE 1 × 1500
Attribution: O2 to its own CMP-LN; O1, O6, O8 to their customer's CMP-FB; O3, O4 to C2's CMP-LN.
First payments: C1 O1 (18 Nov, CMP-FB), C2 O4 (20 Nov, CMP-LN: O3 was refunded), C4 O6 (6 Oct, CMP-FB).

Ad figures (spend, impressions, reach, clicks, leads, messages):
    AD-1 18 Nov 100.00 1000 800 50 5 2;  19 Nov all zero (a zero-spend day);  20 Nov 200.40 2000 1500 40 4 1
    AD-2 20 Nov 99.60 500 400 10 1 3
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cache import documents, elsewhere
from cache.analytics import ads
from cache.analytics import files as analytics_files
from cache.analytics.aggregates import AGGREGATES
from cache.store import CacheStore
from cache.tables import BY_NAME

TODAY = "2026-11-20"


def row(table: str, ident: str, **values: Any) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(BY_NAME[table].column_names)
    out.update(id=ident, created_at="2026-01-01T00:00:00+00:00", updated_at="2026-01-01T00:00:00+00:00", txid=1)
    out.update(values)
    return out


def customer(ident: str, created: str, campaign: str | None) -> dict[str, Any]:
    return row("customers", ident, full_name=ident, source="FB", segment="lead", tags=[], created_at=created,
               acquired_campaign_id=campaign)


def order(ident: str, who: str, status: str, total: float, paid_at: str | None, campaign: str | None = None,
          discount: float = 0.0) -> dict[str, Any]:
    return row("orders", ident, customer_id=who, status=status, total_thb=total, discount_thb=discount,
               paid_at=paid_at, campaign_id=campaign, created_at=paid_at or "2026-11-19T05:00:00+00:00")


def item(ident: str, of: str, product: str, qty: int, price: float) -> dict[str, Any]:
    return row("order_items", ident, order_id=of, product_id=product, qty=qty, unit_price_thb=price)


def stat(ad: str, date: str, spend: float, impressions: int, reach: int, clicks: int, leads: int,
         messages: int) -> dict[str, Any]:
    return row("ad_daily_stats", f"{ad}:{date}", ad_id=ad, date=date, spend_thb=spend, impressions=impressions,
               reach=reach, clicks=clicks, leads=leads, messages=messages)


DATA: list[tuple[str, list[dict[str, Any]]]] = [
    ("campaigns", [row("campaigns", "CMP-FB", platform="facebook", name="Songkran", status="active"),
                   row("campaigns", "CMP-LN", platform="line", name="LINE OA", status="active")]),
    ("ad_sets", [row("ad_sets", "SET-1", campaign_id="CMP-FB", name="Bangkok", status="active"),
                 row("ad_sets", "SET-2", campaign_id="CMP-LN", name="Friends", status="active")]),
    ("ads", [row("ads", "AD-1", ad_set_id="SET-1", name="Video", status="active"),
             row("ads", "AD-2", ad_set_id="SET-2", name="Sticker", status="active")]),
    ("products", [row("products", "P-COURSE", category="course", name_th="คลาสแกงเขียวหวาน",
                      name_en="Green curry class", price_thb=1000, active=True, sort_order=1),
                  row("products", "P-KNIFE", category="cooking_eqt", name_th="มีดซานโตกุ", name_en="Santoku knife",
                      price_thb=250, active=True, sort_order=2)]),
    ("customers", [customer("C1", "2026-11-18T03:00:00+00:00", "CMP-FB"),
                   customer("C2", "2026-11-19T17:30:00+00:00", "CMP-LN"),
                   customer("C3", "2026-11-19T16:59:59+00:00", None),
                   customer("C4", "2026-10-05T02:00:00+00:00", "CMP-FB")]),
    ("orders", [order("O1", "C1", "paid", 1000, "2026-11-18T05:00:00+00:00"),
                order("O2", "C1", "paid", 900, "2026-11-19T17:30:00+00:00", "CMP-LN", discount=100),
                order("O3", "C2", "refunded", 500, "2026-11-19T18:00:00+00:00"),
                order("O4", "C2", "paid", 300, "2026-11-20T02:00:00+00:00"),
                order("O5", "C3", "cancelled", 700, None),
                order("O6", "C4", "paid", 2000, "2026-10-06T10:00:00+00:00"),
                order("O7", "C3", "pending", 400, None),
                order("O8", "C4", "paid", 1500, "2026-11-19T16:00:00+00:00")]),
    ("order_items", [item("O1:1", "O1", "P-COURSE", 1, 1000), item("O2:1", "O2", "P-COURSE", 1, 800),
                     item("O2:2", "O2", "P-KNIFE", 1, 200), item("O3:1", "O3", "P-KNIFE", 2, 250),
                     item("O4:1", "O4", "P-KNIFE", 1, 300), item("O5:1", "O5", "P-COURSE", 1, 700),
                     item("O6:1", "O6", "P-COURSE", 2, 1000), item("O7:1", "O7", "P-KNIFE", 1, 400),
                     item("O8:1", "O8", "P-COURSE", 1, 1500)]),
    ("ad_daily_stats", [stat("AD-1", "2026-11-18", 100.00, 1000, 800, 50, 5, 2),
                        stat("AD-1", "2026-11-19", 0, 0, 0, 0, 0, 0),
                        stat("AD-1", "2026-11-20", 200.40, 2000, 1500, 40, 4, 1),
                        stat("AD-2", "2026-11-20", 99.60, 500, 400, 10, 1, 3)]),
]


def new_store(folder: Path) -> CacheStore:
    store = CacheStore(folder)
    store.set_meta(server_today=TODAY)
    store.update_analytics()  # the new cache's first (empty) rebuild: from here on changes are recorded
    return store


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    for table, rows in DATA:
        store.apply_page(table, rows, None)
    outcome = store.update_analytics()
    assert not outcome.full  # recorded page by page, recomputed day by day
    store.drain_journal()
    yield store
    store.close()


def read(store: CacheStore, path: str) -> Any:
    data = store.tree.read_bytes(path)
    assert data is not None, f"{path} was not written"
    return orjson.loads(data)


def by(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {i[key]: i for i in items}


def test_a_day_with_a_refund_a_zero_spend_campaign_and_an_order_paid_after_bangkok_midnight(store):
    day = read(store, "analytics/daily_2026-11-20.json")
    assert day["date"] == "2026-11-20"
    assert day["totals"] == {
        "days": 1, "revenue_thb": 1200.0, "gross_thb": 1700.0, "refunded_thb": 500.0, "orders": 2, "refunds": 1,
        "aov_thb": 600.0, "new_leads": 1, "new_paying_customers": 1, "conversion_rate": 1.0,
        "spend_thb": 300.0, "impressions": 2500, "reach": 1900, "clicks": 50, "leads": 5, "messages": 4,
        "ctr": 0.02, "cpc_thb": 6.0, "cpl_thb": 60.0, "cost_per_day_thb": 300.0,
        "attributed_revenue_thb": 1200.0, "attributed_orders": 2, "roas": 4.0, "cac_thb": 300.0}
    campaigns = by(day["campaigns"], "campaign_id")
    assert list(campaigns) == ["CMP-FB", "CMP-LN"]
    assert campaigns["CMP-FB"] == {
        "campaign_id": "CMP-FB", "name": "Songkran", "platform": "facebook", "spend_thb": 200.4,
        "impressions": 2000, "reach": 1500, "clicks": 40, "leads": 4, "messages": 1, "ctr": 0.02, "cpc_thb": 5.01,
        "cpl_thb": 50.1, "cost_per_day_thb": 200.4, "revenue_thb": 0.0, "orders": 0, "aov_thb": None,
        "new_paying_customers": 0, "roas": 0.0, "cac_thb": None}
    line = campaigns["CMP-LN"]  # O2 by its own campaign, O4 through C2's acquisition; O3 was refunded
    assert (line["spend_thb"], line["revenue_thb"], line["orders"], line["aov_thb"], line["new_paying_customers"],
            line["roas"], line["cac_thb"], line["cpc_thb"], line["cpl_thb"]) == (
        99.6, 1200.0, 2, 600.0, 1, 12.05, 99.6, 9.96, 99.6)
    platforms = by(day["platforms"], "platform")
    assert platforms["facebook"]["spend_thb"] == 200.4 and platforms["line"]["revenue_thb"] == 1200.0
    # O2's 100 baht discount shared 800:200 between its lines; O3 refunded, so not sold.
    assert day["products"] == [
        {"product_id": "P-COURSE", "name_th": "คลาสแกงเขียวหวาน", "name_en": "Green curry class",
         "category": "course", "units": 1, "orders": 1, "revenue_thb": 720.0},
        {"product_id": "P-KNIFE", "name_th": "มีดซานโตกุ", "name_en": "Santoku knife", "category": "cooking_eqt",
         "units": 2, "orders": 2, "revenue_thb": 480.0}]


def test_the_day_before_midnight_and_a_zero_spend_day(store):
    totals = read(store, "analytics/daily_2026-11-19.json")["totals"]
    # O8 paid at 16:00Z = 23:00 in Bangkok; C3 created at 16:59:59Z, a second before Bangkok's midnight.
    assert (totals["revenue_thb"], totals["orders"], totals["new_leads"], totals["new_paying_customers"],
            totals["conversion_rate"]) == (1500.0, 1, 1, 0, 0.0)
    # AD-1 ran with no spend, no impressions: the ratios mean nothing, cost per day is 0.
    assert (totals["spend_thb"], totals["ctr"], totals["cpc_thb"], totals["cpl_thb"], totals["roas"],
            totals["cac_thb"], totals["cost_per_day_thb"]) == (0.0, None, None, None, None, None, 0.0)
    first = read(store, "analytics/daily_2026-11-18.json")["totals"]
    assert (first["revenue_thb"], first["aov_thb"], first["new_leads"], first["new_paying_customers"],
            first["ctr"], first["cpc_thb"], first["cpl_thb"], first["roas"], first["cac_thb"]) == (
        1000.0, 1000.0, 1, 1, 0.05, 2.0, 20.0, 10.0, 100.0)
    # Revenue on a day without any ad figures: attributed, but no ROAS without spend; a customer for free.
    october = read(store, "analytics/daily_2026-10-06.json")["totals"]
    assert (october["revenue_thb"], october["attributed_revenue_thb"], october["new_paying_customers"],
            october["spend_thb"], october["roas"], october["cac_thb"]) == (2000.0, 2000.0, 1, 0.0, None, 0.0)
    assert read(store, "analytics/daily_2026-10-05.json")["totals"]["new_leads"] == 1
    # Cancelled and pending orders count nowhere: no file for a day with nothing else.
    assert not store.tree.path("analytics/daily_2026-10-07.json").exists()


def test_months(store):
    november = read(store, "analytics/monthly_2026-11.json")
    assert (november["month"], november["from"], november["to"]) == ("2026-11", "2026-11-01", "2026-11-30")
    assert november["totals"] == {
        "days": 20, "revenue_thb": 3700.0, "gross_thb": 4200.0, "refunded_thb": 500.0, "orders": 4, "refunds": 1,
        "aov_thb": 925.0, "new_leads": 3, "new_paying_customers": 2, "conversion_rate": 0.6667,
        "spend_thb": 400.0, "impressions": 3500, "reach": 2700, "clicks": 100, "leads": 10, "messages": 6,
        "ctr": 0.0286, "cpc_thb": 4.0, "cpl_thb": 40.0, "cost_per_day_thb": 20.0,
        "attributed_revenue_thb": 3700.0, "attributed_orders": 4, "roas": 9.25, "cac_thb": 200.0}
    assert [d["date"] for d in november["days"]] == ["2026-11-18", "2026-11-19", "2026-11-20"]
    assert november["days"][2] == {"date": "2026-11-20", **read(store, "analytics/daily_2026-11-20.json")["totals"]}
    facebook = by(november["campaigns"], "campaign_id")["CMP-FB"]
    assert (facebook["spend_thb"], facebook["revenue_thb"], facebook["orders"], facebook["new_paying_customers"],
            facebook["roas"], facebook["cac_thb"], facebook["cost_per_day_thb"]) == (
        300.4, 2500.0, 2, 1, 8.32, 300.4, 15.02)
    assert [(p["product_id"], p["units"], p["revenue_thb"]) for p in november["products"]] == [
        ("P-COURSE", 3, 3220.0), ("P-KNIFE", 2, 480.0)]
    october = read(store, "analytics/monthly_2026-10.json")["totals"]
    assert (october["days"], october["revenue_thb"], october["new_leads"], october["new_paying_customers"],
            october["conversion_rate"], october["spend_thb"], october["cost_per_day_thb"]) == (
        31, 2000.0, 1, 1, 1.0, 0.0, 0.0)


def test_summary_periods_compare_and_rank(store):
    summary = read(store, analytics_files.SUMMARY)
    assert summary["today"] == TODAY
    periods = summary["periods"]
    assert list(periods) == ["last_7_days", "last_30_days", "last_90_days", "this_month", "this_year", "all_time"]
    week = periods["last_7_days"]
    assert (week["from"], week["to"]) == ("2026-11-14", "2026-11-20")
    assert (week["totals"]["revenue_thb"], week["totals"]["days"], week["totals"]["cost_per_day_thb"]) == (
        3700.0, 7, 57.14)
    assert week["previous"]["from"] == "2026-11-07" and week["previous"]["to"] == "2026-11-13"
    assert (week["previous"]["totals"]["revenue_thb"], week["previous"]["totals"]["aov_thb"]) == (0.0, None)
    # Best ROAS first: LINE OA 1,200 / 99.60; Songkran 2,500 / 300.40.
    assert [(c["campaign_id"], c["roas"]) for c in week["top_campaigns"]] == [("CMP-LN", 12.05), ("CMP-FB", 8.32)]
    assert [(p["product_id"], p["revenue_thb"]) for p in week["top_products"]] == [
        ("P-COURSE", 3220.0), ("P-KNIFE", 480.0)]
    assert [p["date"] for p in week["trend"]] == [f"2026-11-{d}" for d in range(14, 21)]
    assert week["trend"][0]["revenue_thb"] == 0.0 and week["trend"][-1]["revenue_thb"] == 1200.0
    month = periods["last_30_days"]
    assert month["previous"]["totals"]["revenue_thb"] == 2000.0  # 22 Sep - 21 Oct holds 6 Oct
    assert (periods["this_month"]["previous"]["from"], periods["this_month"]["previous"]["to"]) == (
        "2026-10-01", "2026-10-20")
    year = periods["this_year"]
    assert (year["from"], year["totals"]["days"], year["totals"]["revenue_thb"], year["totals"]["orders"],
            year["totals"]["new_leads"], year["totals"]["new_paying_customers"], year["totals"]["roas"],
            year["totals"]["cac_thb"]) == ("2026-01-01", 324, 5700.0, 5, 4, 3, 14.25, 133.33)
    assert [p["month"] for p in year["trend"]] == [f"2026-{m:02}" for m in range(1, 12)]
    assert year["previous"]["from"] == "2025-01-01" and year["previous"]["to"] == "2025-11-20"
    everything = periods["all_time"]
    assert (everything["from"], everything["to"], everything["totals"]["days"], everything["previous"]) == (
        "2026-10-05", TODAY, 47, None)
    facebook = by(everything["top_campaigns"], "campaign_id")["CMP-FB"]
    assert (facebook["revenue_thb"], facebook["new_paying_customers"], facebook["cac_thb"], facebook["roas"]) == (
        4500.0, 2, 150.2, 14.98)
    assert [(y["year"], y["totals"]["revenue_thb"], y["totals"]["days"]) for y in summary["years"]] == [
        ("2026", 5700.0, 324)]


def test_ad_roll_ups(store):
    month = read(store, "ad_logs/monthly/2026-11.json")
    assert month == [
        {"ad_id": "AD-1", "month": "2026-11", "days": 3, "spend_thb": 300.4, "impressions": 3000, "reach": 2300,
         "clicks": 90, "leads": 9, "messages": 3},
        {"ad_id": "AD-2", "month": "2026-11", "days": 1, "spend_thb": 99.6, "impressions": 500, "reach": 400,
         "clicks": 10, "leads": 1, "messages": 3}]
    year = read(store, "ad_logs/yearly/2026.json")
    assert {y.pop("year") for y in year} == {"2026"}
    assert year == [{k: v for k, v in m.items() if k != "month"} for m in month]  # November is all of 2026


def test_files_rendered_together_equal_files_rendered_alone(store):
    """The drain renders daily files a batch to a statement; a file read back from the rows (a damaged or
    missing one) is rendered alone. Both must give the same bytes, and valid JSON."""
    paths = sorted(analytics_files.all_paths(store.conn))
    assert sum(p.startswith("analytics/daily_") for p in paths) > 1
    alone = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        text = analytics_files.render(store.conn, folder, name.removesuffix(".json"))
        alone[path] = None if text is None else text.encode()
        if text is not None:
            orjson.loads(text)
    assert documents.render_many(store.conn, paths) == alone


def test_a_rebuild_shared_with_other_processes_equals_one_done_alone(store, monkeypatch):
    """On a large cache a rebuild sums the ad figures, and the drain renders half of the daily files, in another
    process (cache/elsewhere.py); the thresholds lowered, this small one does too, and must come out the same."""
    store.update_analytics(rebuild=True)
    store.drain_journal()
    alone, files = aggregates(store), on_disk(store)
    for path in files:  # written again, not left alone as identical
        store.tree.remove(path)
    results = []
    result = elsewhere.Elsewhere.result
    monkeypatch.setattr(elsewhere.Elsewhere, "result", lambda self: results.append(result(self)) or results[-1])
    monkeypatch.setattr(ads, "ELSEWHERE_ROWS", 0)
    monkeypatch.setattr(analytics_files, "ELSEWHERE_ROWS", 0)
    store.update_analytics(rebuild=True)
    store.drain_journal()
    assert len(results) == 2 and None not in results  # the ad figures and half the daily files, done elsewhere
    assert aggregates(store) == alone
    assert on_disk(store) == files


def aggregates(store: CacheStore) -> dict[str, list[tuple[Any, ...]]]:
    return {t: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in AGGREGATES}


def rendered(store: CacheStore) -> dict[str, bytes | None]:
    return documents.render_many(store.conn, sorted(analytics_files.all_paths(store.conn)))


def on_disk(store: CacheStore) -> dict[str, bytes | None]:
    folders = [store.folder / f for f in documents.ANALYTICS_FOLDERS]
    return {p.relative_to(store.folder).as_posix(): p.read_bytes() for f in folders if f.is_dir()
            for p in f.glob("*.json")}


def assert_incremental_equals_rebuild(store: CacheStore) -> None:
    """The aggregates recomputed for what changed, and the files rewritten for them, are those of a rebuild
    (which then leaves everything as it found it, so that checks can follow one another)."""
    store.update_analytics()
    store.drain_journal()
    incremental, files = aggregates(store), on_disk(store)
    store.update_analytics(rebuild=True)
    store.drain_journal()
    assert aggregates(store) == incremental
    assert on_disk(store) == files


def test_changes_recompute_only_their_days(store):
    before = {p: store.tree.read_bytes(p) for p in analytics_files.all_paths(store.conn)}
    # O1 refunded: C1's first payment moves from 18 Nov (O1) to 20 Nov (O2).
    store.apply_page("orders", [order("O1", "C1", "refunded", 1000, "2026-11-18T05:00:00+00:00")], None)
    outcome = store.update_analytics()
    assert outcome.days == 2 and not outcome.full
    store.drain_journal()
    changed = {p for p, data in before.items() if store.tree.read_bytes(p) != data}
    assert changed == {"analytics/daily_2026-11-18.json", "analytics/daily_2026-11-20.json",
                       "analytics/monthly_2026-11.json", analytics_files.SUMMARY}
    assert read(store, "analytics/daily_2026-11-18.json")["totals"]["new_paying_customers"] == 0
    twentieth = read(store, "analytics/daily_2026-11-20.json")["totals"]
    assert (twentieth["new_paying_customers"], twentieth["revenue_thb"]) == (2, 1200.0)
    line = by(read(store, "analytics/daily_2026-11-20.json")["campaigns"], "campaign_id")["CMP-LN"]
    assert line["new_paying_customers"] == 2  # C1's first payment is now O2, by its own campaign
    assert_incremental_equals_rebuild(store)


def test_an_update_leaves_no_scratch_tables_behind(store):
    """The aggregator's scratch tables are in memory that SQLite gives back only with the temporary database
    itself (CacheStore.release_scratch): an update leaves none, and the next one makes them again."""
    store.apply_page("orders", [order("O1", "C1", "refunded", 1000, "2026-11-18T05:00:00+00:00")], None)
    assert store.update_analytics().days == 2
    assert store.conn.execute("SELECT count(*) FROM temp.sqlite_master").fetchone()[0] == 0
    store.apply_page("orders", [order("O1", "C1", "paid", 1000, "2026-11-18T05:00:00+00:00")], None)
    assert store.update_analytics().days == 2
    assert store.conn.execute("SELECT count(*) FROM temp.sqlite_master").fetchone()[0] == 0
    assert_incremental_equals_rebuild(store)


def test_a_customer_acquired_elsewhere_moves_their_orders(store):
    store.apply_page("customers", [customer("C4", "2026-10-05T02:00:00+00:00", "CMP-LN")], None)
    store.update_analytics()
    store.drain_journal()
    assert by(read(store, "analytics/daily_2026-10-06.json")["campaigns"], "campaign_id")["CMP-LN"]["revenue_thb"] \
        == 2000.0
    nineteenth = by(read(store, "analytics/daily_2026-11-19.json")["campaigns"], "campaign_id")
    assert (nineteenth["CMP-FB"]["revenue_thb"], nineteenth["CMP-LN"]["revenue_thb"]) == (0.0, 1500.0)
    assert_incremental_equals_rebuild(store)


def test_a_deleted_day_loses_its_file(store):
    store.apply_page("orders", [{**order("O6", "C4", "paid", 2000, "2026-10-06T10:00:00+00:00"),
                                 "deleted_at": "2026-11-20T00:00:00+00:00"}], None)
    store.update_analytics()
    store.drain_journal()
    assert not store.tree.path("analytics/daily_2026-10-06.json").exists()
    assert read(store, "analytics/monthly_2026-10.json")["totals"]["revenue_thb"] == 0.0
    store.remove_rows("customers", ["C4"])
    store.update_analytics()
    store.drain_journal()
    assert not store.tree.path("analytics/monthly_2026-10.json").exists()
    assert_incremental_equals_rebuild(store)


def test_renaming_a_campaign_rewrites_the_days_it_appears_in(store):
    store.apply_page("campaigns", [row("campaigns", "CMP-LN", platform="line", name="LINE OA 2", status="active")],
                     None)
    outcome = store.update_analytics()
    assert outcome.days == 1  # 20 Nov, the only day LINE OA has figures
    store.drain_journal()
    assert by(read(store, "analytics/daily_2026-11-20.json")["campaigns"], "campaign_id")["CMP-LN"]["name"] == \
        "LINE OA 2"


def test_unrelated_changes_recompute_nothing(store):
    store.apply_page("customers", [{**customer("C1", "2026-11-18T03:00:00+00:00", "CMP-FB"), "notes": "likes tofu",
                                    "tags": ["vip"]}], None)
    assert store.update_analytics().paths == set()


def test_a_new_server_day_moves_the_summary(store):
    store.set_meta(server_today="2026-11-21")
    outcome = store.update_analytics()
    assert outcome.paths == {analytics_files.SUMMARY, "analytics/monthly_2026-11.json"}
    store.drain_journal()
    assert read(store, analytics_files.SUMMARY)["periods"]["last_7_days"]["from"] == "2026-11-15"
    assert read(store, "analytics/monthly_2026-11.json")["totals"]["days"] == 21


def test_a_first_pull_records_nothing_page_by_page_and_rebuilds_once(tmp_path):
    store = new_store(tmp_path)
    store.begin_pass("orders", 100)  # an empty table: its first pull, indexes deferred
    store.apply_page("orders", [order("O1", "C1", "paid", 1000, "2026-11-18T05:00:00+00:00")], (1, "O1"))
    assert store.conn.execute("SELECT count(*) FROM analytics_dirty").fetchone()[0] == 0
    assert store.update_analytics().days == 0  # nothing until the pull is complete
    store.finish_pass("orders", "2026-11-20T00:00:00+00:00")
    outcome = store.update_analytics()
    assert outcome.full and outcome.days == 1
    store.close()


# Each column the figures and files read, changed alone on one row of the hand-built cache: (row, new value).
ONE_COLUMN_EDITS = {
    ("customers", "created_at"): ("C3", "2026-11-18T10:00:00+00:00"),
    ("customers", "acquired_campaign_id"): ("C4", "CMP-LN"),
    ("orders", "customer_id"): ("O8", "C3"),
    ("orders", "status"): ("O3", "paid"),
    ("orders", "campaign_id"): ("O4", "CMP-FB"),
    ("orders", "total_thb"): ("O4", 350.0),
    ("orders", "discount_thb"): ("O2", 50.0),
    ("orders", "paid_at"): ("O8", "2026-11-18T10:00:00+00:00"),
    ("order_items", "order_id"): ("O2:2", "O4"),
    ("order_items", "product_id"): ("O1:1", "P-KNIFE"),
    ("order_items", "qty"): ("O2:1", 2),
    ("order_items", "unit_price_thb"): ("O2:2", 100.0),
    ("ad_daily_stats", "ad_id"): ("AD-2:2026-11-20", "AD-1"),
    ("ad_daily_stats", "date"): ("AD-1:2026-11-19", "2026-10-31"),
    ("ad_daily_stats", "spend_thb"): ("AD-2:2026-11-20", 10.0),
    ("ad_daily_stats", "clicks"): ("AD-1:2026-11-18", 7),
    ("ads", "ad_set_id"): ("AD-2", "SET-1"),
    ("ad_sets", "campaign_id"): ("SET-2", "CMP-FB"),
    ("campaigns", "name"): ("CMP-LN", "LINE Official"),
    ("campaigns", "platform"): ("CMP-LN", "tiktok"),
    ("products", "name_th"): ("P-KNIFE", "มีด"),
    ("products", "category"): ("P-KNIFE", "menu"),
}


@pytest.mark.parametrize(("table", "column"), sorted(ONE_COLUMN_EDITS))
def test_each_column_the_figures_read_is_followed(store, table, column):
    ident, value = ONE_COLUMN_EDITS[table, column]
    before = next(r for t, rows in DATA if t == table for r in rows if r["id"] == ident)
    assert before[column] != value
    store.apply_page(table, [{**before, column: value}], None)
    assert store.update_analytics().paths, "the change was not noticed"
    assert_incremental_equals_rebuild(store)


# --- incremental = rebuild, whatever happens ----------------------------------------------------------------

CUSTOMERS = [f"C{n}" for n in range(3)]
ORDERS = [f"O{n}" for n in range(5)]
CAMPAIGNS = ["K0", "K1", "K2"]
PRODUCTS = ["P0", "P1", "P2"]
ADS, AD_SETS = ["A0", "A1", "A2"], ["S0", "S1"]
# Around a month's end and Bangkok midnights: 17:00Z is midnight in Bangkok.
INSTANTS = [f"2026-{d}T{h}:00:00+00:00" for d in ("10-30", "10-31", "11-01") for h in ("16", "17", "23")]
DATES = ["2026-10-31", "2026-11-01", "2026-11-02"]
money = st.sampled_from([0, 99.5, 100, 250.25, 1000])


def _row_for(table: str, ident: str, draw: Any) -> dict[str, Any]:
    if table == "customers":
        return customer(ident, draw(st.sampled_from(INSTANTS)), draw(st.sampled_from([None, *CAMPAIGNS])))
    if table == "orders":
        status = draw(st.sampled_from(["pending", "paid", "paid", "paid", "refunded", "cancelled"]))
        return order(ident, draw(st.sampled_from(CUSTOMERS)), status, draw(money),
                     draw(st.sampled_from([None, *INSTANTS])), draw(st.sampled_from([None, *CAMPAIGNS])),
                     draw(st.sampled_from([0, 50])))
    if table == "order_items":
        return item(ident, draw(st.sampled_from(ORDERS)), draw(st.sampled_from(PRODUCTS)), draw(st.integers(1, 3)),
                    draw(money))
    if table == "ad_daily_stats":
        ad, date = ident.split(":")
        return stat(ad, date, draw(money), *(draw(st.integers(0, 50)) for _ in range(5)))
    if table == "ads":
        return row("ads", ident, ad_set_id=draw(st.sampled_from(AD_SETS)), name=ident, status="active")
    if table == "ad_sets":
        return row("ad_sets", ident, campaign_id=draw(st.sampled_from(CAMPAIGNS)), name=ident, status="active")
    if table == "campaigns":
        return row("campaigns", ident, platform=draw(st.sampled_from(["facebook", "line"])),
                   name=draw(st.sampled_from(["a", "b"])), status="active")
    return row("products", ident, category=draw(st.sampled_from(["course", "menu"])),
               name_th=draw(st.sampled_from(["ก", "ข"])), name_en=ident, price_thb=100, active=True, sort_order=0)


# What the figures and files read, column by column (docs/analytics.md): changed alone, each must be seen.
FIGURE_COLUMNS = {
    "customers": ["created_at", "acquired_campaign_id"],
    "orders": ["customer_id", "status", "campaign_id", "total_thb", "discount_thb", "paid_at"],
    "order_items": ["order_id", "product_id", "qty", "unit_price_thb"],
    "ad_daily_stats": ["ad_id", "date", "spend_thb", "impressions", "reach", "clicks", "leads", "messages"],
    "ads": ["ad_set_id"], "ad_sets": ["campaign_id"], "campaigns": ["name", "platform"],
    "products": ["name_th", "name_en", "category"],
}
IDS = {"customers": CUSTOMERS, "orders": ORDERS, "order_items": [f"I{n}" for n in range(8)],
       "ad_daily_stats": [f"{a}:{d}" for a in ADS for d in DATES], "ads": ADS, "ad_sets": AD_SETS,
       "campaigns": CAMPAIGNS, "products": PRODUCTS}


@st.composite
def steps(draw: Any) -> list[tuple[str, str, list[dict[str, Any]] | list[str]]]:
    """Pages of new rows, edits of one column of a row seen before (mostly a column the figures read, so that
    each is changed alone), tombstones, reconciliation removals, and points where the aggregates catch up (with
    the server's today for them)."""
    out: list[tuple[str, str, list[dict[str, Any]] | list[str]]] = []
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    tables = st.sampled_from(sorted(IDS)) | st.sampled_from(["orders", "order_items", "customers"])
    for _ in range(draw(st.integers(1, 30))):
        kind = draw(st.sampled_from(["page", "edit", "edit", "tombstone", "remove", "update", "update"]))
        if kind == "update":  # sometimes on the next server day
            out.append((kind, draw(st.sampled_from([TODAY, "2026-11-21"])), []))
            continue
        if kind in ("edit", "tombstone") and seen:
            table, ident = draw(st.sampled_from(sorted(seen)))
            edited = {**seen[table, ident], "deleted_at": None}
            if kind == "tombstone":
                edited["deleted_at"] = "2026-11-02T00:00:00+00:00"
            else:
                column = draw(st.sampled_from(FIGURE_COLUMNS[table]) | st.sampled_from(
                    [c for c in BY_NAME[table].column_names if c not in ("id", "txid")]))
                edited[column] = _row_for(table, ident, draw)[column]
            seen[table, ident] = edited
            out.append(("page", table, [edited]))
            continue
        table = draw(tables)
        idents = draw(st.lists(st.sampled_from(IDS[table]), min_size=1, max_size=3, unique=True))
        if kind == "remove":
            out.append((kind, table, idents))
            continue
        rows = [_row_for(table, ident, draw) for ident in idents]
        seen.update(((table, r["id"]), r) for r in rows)
        out.append(("page", table, rows))
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps())
def test_incremental_aggregation_always_equals_a_full_rebuild(plan):
    with tempfile.TemporaryDirectory() as folder:
        store = new_store(Path(folder))
        try:
            for kind, table, payload in plan:
                if kind == "page":
                    store.apply_page(table, payload, None)  # type: ignore[arg-type]
                elif kind == "remove":
                    store.remove_rows(table, payload)  # type: ignore[arg-type]
                else:
                    store.set_meta(server_today=table)
                    assert_incremental_equals_rebuild(store)
            assert_incremental_equals_rebuild(store)
        finally:
            store.close()
