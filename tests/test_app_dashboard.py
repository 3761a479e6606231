"""The dashboard over a cache synced from the tiny dataset: the cards, tables and chart show the numbers of
analytics/summary.json (written by the sync's aggregator), a custom range computes the same numbers as the
summary, the KPI table exports to CSV, and the page says what to do when there are no figures yet."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from PySide6.QtWidgets import QFileDialog

from cache.analytics import period as analytics_period
from cache.analytics.files import SUMMARY
from desktop import i18n
from desktop.context import AppContext
from desktop.formatting import DASH, date_text, number, percent, thb
from desktop.views import kpis
from desktop.views.dashboard import DashboardView
from sync.credentials import CredentialStore
from tests.gui import assert_fits, shown_at_default_size
from tools import translations

pytestmark = pytest.mark.usefixtures("no_thread_left")

STANDARD = ("last_7_days", "last_30_days", "last_90_days", "this_month")


@pytest.fixture
def summary(filled_ctx) -> dict[str, Any]:
    document = filled_ctx.document(SUMMARY)
    assert isinstance(document, dict), "the first sync writes the analytics files"
    return document


@pytest.fixture
def view(filled_ctx, controller, qtbot, summary):
    widget = DashboardView(filled_ctx, controller)
    qtbot.addWidget(widget)
    return widget


def choose(view: DashboardView, period: str) -> None:
    view.preset.setCurrentIndex(view.preset.findData(period))


# How each card's figure reads, written out independently of desktop/views/kpis.py.
FORMATS = {"revenue_thb": thb, "orders": number, "aov_thb": thb, "new_leads": number,
           "new_paying_customers": number, "conversion_rate": percent, "spend_thb": thb,
           "roas": lambda v: DASH if v is None else f"{number(v, 2)}×", "cac_thb": thb, "cpl_thb": thb,
           "cost_per_day_thb": thb, "refunded_thb": thb}


def card_texts(view: DashboardView) -> dict[str, tuple[str, str, str]]:
    return {key: (card.value.text(), card.change.text(), card.previous.text()) for key, card in view.cards.items()}


def table_texts(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


@pytest.mark.parametrize("period", STANDARD)
def test_the_cards_show_the_summary_of_each_standard_period(view, summary, filled_ctx, period):
    choose(view, period)
    shown = summary["periods"][period]
    totals, before = shown["totals"], shown["previous"]["totals"]
    assert set(view.cards) == set(FORMATS)
    for key, card in view.cards.items():
        assert card.value.text() == FORMATS[key](totals[key]), key
        assert card.previous.text() == f"vs {FORMATS[key](before[key])}", key
    # The data is generated as of a fixed day and "today" is the server's: a period that overlaps the data
    # has real figures, so the comparisons above were of numbers, not of zeros.
    first, last = filled_ctx.conn.execute("SELECT min(date), max(date) FROM ad_daily_stats").fetchone()
    if shown["from"] <= last and shown["to"] >= first:
        assert totals["spend_thb"] > 0
    text = view.range_label.text()
    for day in (shown["from"], shown["to"], shown["previous"]["from"], shown["previous"]["to"]):
        assert date_text(day, buddhist_era=False, language="en") in text
    assert (view.date_from.date().toString("yyyy-MM-dd"), view.date_to.date().toString("yyyy-MM-dd")) == (
        shown["from"], shown["to"])


def test_the_change_from_the_period_before_with_its_colour(view, summary):
    choose(view, "last_30_days")
    shown = summary["periods"]["last_30_days"]
    now, before = shown["totals"]["revenue_thb"], shown["previous"]["totals"]["revenue_thb"]
    change = (now - before) / before
    arrow = "▲" if change > 0 else "▼"
    assert view.cards["revenue_thb"].change.text() == f"{arrow} {percent(abs(change), 1)}"

    # Worked out by hand: which way is good depends on the KPI.
    def row(key: str, now: float | None, before: float | None) -> kpis.Row:
        return kpis.Row(kpis.BY_KEY[key], now, before)

    assert (row("cac_thb", 110, 100).change_text(), row("cac_thb", 110, 100).tone()) == ("▲ 10.0%", kpis.BAD)
    assert (row("cac_thb", 90, 100).change_text(), row("cac_thb", 90, 100).tone()) == ("▼ 10.0%", kpis.GOOD)
    assert (row("revenue_thb", 90, 100).change_text(), row("revenue_thb", 90, 100).tone()) == ("▼ 10.0%", kpis.BAD)
    assert (row("spend_thb", 150, 100).change_text(), row("spend_thb", 150, 100).tone()) == ("▲ 50.0%", kpis.NEUTRAL)
    assert (row("orders", 100.04, 100).change_text(), row("orders", 100.04, 100).tone()) == ("0.0%", kpis.NEUTRAL)
    assert row("orders", 5, 0).change_text() == DASH  # no percentage of nothing
    assert row("roas", None, 1.5).change_text() == DASH


def test_a_custom_range_equal_to_a_standard_period_gives_the_same_numbers(view, summary, filled_ctx):
    for period in STANDARD:
        shown = summary["periods"][period]
        computed = analytics_period.period(filled_ctx.conn, dt.date.fromisoformat(shown["from"]),
                                           dt.date.fromisoformat(shown["to"]))
        if period == "this_month":  # compared with the month before, where a custom range has as many days before
            computed.pop("previous"), shown.pop("previous")
        assert computed == shown, period

    choose(view, "last_30_days")
    standard = (card_texts(view), table_texts(view.campaigns), table_texts(view.products),
                view.chart.revenue.points(), view.chart.spend.points(), view.range_label.text())
    thirty = summary["periods"]["last_30_days"]
    view.set_range(dt.date.fromisoformat(thirty["from"]), dt.date.fromisoformat(thirty["to"]))
    assert view.preset.currentData() is None  # "Custom range"
    assert (card_texts(view), table_texts(view.campaigns), table_texts(view.products), view.chart.revenue.points(),
            view.chart.spend.points(), view.range_label.text()) == standard


def test_a_custom_range_compares_with_as_many_days_before_it(view, summary, filled_ctx):
    last = dt.date.fromisoformat(summary["today"]) - dt.timedelta(days=3)
    first = last - dt.timedelta(days=9)
    view.set_range(first, last)
    assert view.shown["previous"]["from"] == (first - dt.timedelta(days=10)).isoformat()
    (revenue,) = filled_ctx.conn.execute(
        "SELECT round(coalesce(sum(total_thb), 0), 2) FROM orders WHERE status = 'paid' "
        "AND date(paid_at, '+7 hours') BETWEEN ? AND ?", (first.isoformat(), last.isoformat())).fetchone()
    assert view.cards["revenue_thb"].value.text() == thb(revenue)
    assert view.chart.revenue.count() == 10

    # Editing a date switches to a custom range.
    choose(view, "last_7_days")
    view.date_from.setDate(view.date_from.date().addDays(-1))
    assert view.preset.currentData() is None and view.shown["totals"]["days"] == 8


def test_the_top_tables_list_the_summary_tops(view, summary):
    choose(view, "last_90_days")
    shown = summary["periods"]["last_90_days"]
    assert shown["top_campaigns"] and shown["top_products"]
    platforms = {"facebook": "Facebook", "instagram": "Instagram", "line": "LINE", "google": "Google",
                 "tiktok": "TikTok"}
    assert table_texts(view.campaigns) == [
        [c["name"], platforms[c["platform"]], thb(c["spend_thb"]), thb(c["revenue_thb"]), f"{number(c['roas'], 2)}×"]
        for c in shown["top_campaigns"]]
    assert table_texts(view.products) == [
        [p["name_en"], number(p["units"]), number(p["orders"]), thb(p["revenue_thb"])] for p in shown["top_products"]]


def test_the_chart_has_a_point_per_day_or_per_month(view, summary):
    choose(view, "last_30_days")
    trend = summary["periods"]["last_30_days"]["trend"]
    assert view.chart.revenue.count() == len(trend) == 30 == view.chart.spend.count()
    assert [p.y() for p in view.chart.revenue.points()] == [t["revenue_thb"] for t in trend]
    assert [p.y() for p in view.chart.spend.points()] == [t["spend_thb"] for t in trend]
    assert view.chart_title.text() == "Revenue and ad spend per day"
    labels = view.chart.x_axis.categoriesLabels()
    assert labels[0] == " ".join(date_text(trend[0]["date"], buddhist_era=False, language="en").split()[:2])
    assert view.chart.y_axis.max() >= max(max(t["revenue_thb"], t["spend_thb"]) for t in trend)

    choose(view, "this_year")
    months = summary["periods"]["this_year"]["trend"]
    assert view.chart.revenue.count() == len(months) and "month" in months[0]
    assert view.chart_title.text() == "Revenue and ad spend per month"


def test_all_time_has_nothing_to_compare_with(view, summary):
    choose(view, "all_time")
    card = view.cards["revenue_thb"]
    assert card.value.text() == thb(summary["periods"]["all_time"]["totals"]["revenue_thb"])
    assert (card.change.text(), card.previous.text()) == ("", "No earlier period")


def test_the_kpi_table_exports_to_csv(view, summary, tmp_path, monkeypatch):
    choose(view, "last_30_days")
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: asked.append(args) or (str(tmp_path / "kpis"), "")))
    view.export_csv()
    assert asked and asked[0][2].endswith("kpis_{from}_{to}.csv".format(**summary["periods"]["last_30_days"]))
    data = (tmp_path / "kpis.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    shown = summary["periods"]["last_30_days"]
    now, before = ([date_text(p[k], buddhist_era=False, language="en") for k in ("from", "to")]
                   for p in (shown, shown["previous"]))
    assert lines[0] == ["KPI", f"This period ({now[0]} – {now[1]})", f"Previous period ({before[0]} – {before[1]})",
                        "Change"]
    rows = {line[0]: line[1:] for line in lines[1:]}
    assert len(rows) == len(kpis.KPIS) and rows.keys() >= {"Revenue", "ROAS", "CAC", "Conversion rate"}
    for title, key in (("Revenue", "revenue_thb"), ("Orders", "orders"), ("CAC", "cac_thb"), ("ROAS", "roas")):
        now, before, change = rows[title]
        assert float(now) == pytest.approx(shown["totals"][key]) and float(before) == pytest.approx(
            shown["previous"]["totals"][key])
        expected = (shown["totals"][key] - shown["previous"]["totals"][key]) / shown["previous"]["totals"][key]
        assert float(change.rstrip("%")) == pytest.approx(expected * 100, abs=0.05)
    assert rows["Conversion rate"][0] == f"{shown['totals']['conversion_rate'] * 100:.2f}%"

    # Cancelling the dialog writes nothing.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args: ("", "")))
    (tmp_path / "kpis.csv").unlink()
    view.export_csv()
    assert not (tmp_path / "kpis.csv").exists()


def test_reload_reads_the_files_again(view, summary, filled_ctx):
    choose(view, "last_7_days")
    summary["periods"]["last_7_days"]["totals"]["revenue_thb"] = 1234567.89
    path = filled_ctx.file_path(SUMMARY)
    path.write_bytes(orjson.dumps(summary))
    assert view.cards["revenue_thb"].value.text() != "฿1,234,567.89"
    view.reload()
    assert view.cards["revenue_thb"].value.text() == "฿1,234,567.89"

    path.unlink()  # a cache whose analytics were never built
    view.reload()
    assert view.stack.currentWidget() is view.empty and not view.export_button.isEnabled()


def test_without_a_cache_the_page_says_to_sync(sealed, controller, qtbot):
    ctx = AppContext(sealed / "empty-config", sealed / "empty-cache", CredentialStore())
    try:
        view = DashboardView(ctx, controller)
        qtbot.addWidget(view)
        assert view.stack.currentWidget() is view.empty
        assert view.empty.text() == "No figures yet — press Sync now (F5)."
        assert not view.export_button.isEnabled() and not view.bar.isVisibleTo(view)  # no periods to choose yet
        view.set_range(dt.date(2026, 11, 1), dt.date(2026, 11, 7))
        assert view.stack.currentWidget() is view.empty
    finally:
        ctx.close()


def test_the_badge_follows_the_tables_the_figures_come_from(view):
    assert view.tables == ("orders", "order_items", "customers", "ad_daily_stats")
    state, text = view.badge()
    assert state and text


def test_at_the_default_size_nothing_is_cut_off(view, qtbot, app_font):
    shown_at_default_size(view, qtbot)
    for card in view.cards.values():
        for label in (card.title, card.value, card.change, card.previous):
            assert label.sizeHint().width() <= label.width(), (card.kpi.key, label.text())
    for table in (view.campaigns, view.products):
        assert_fits(table)


@pytest.fixture
def thai(qapp, filled_ctx) -> Iterator[None]:
    translations.build()
    i18n.install_translator(qapp, "th")
    filled_ctx.settings = dataclasses.replace(filled_ctx.settings, language="th", buddhist_era=True)
    yield
    i18n.install_translator(qapp, "en")  # the other tests read English


def test_in_thai_with_buddhist_years_nothing_is_cut_off_either(thai, filled_ctx, controller, summary, qtbot,
                                                               app_font):
    view = DashboardView(filled_ctx, controller)
    qtbot.addWidget(view)
    choose(view, "this_year")
    shown = summary["periods"]["this_year"]
    assert view.cards["revenue_thb"].title.text() == "รายได้"
    assert view.cards["revenue_thb"].previous.text() == f"เทียบกับ {thb(shown['previous']['totals']['revenue_thb'])}"
    assert view.range_label.text().startswith(f"1 ม.ค. {dt.date.fromisoformat(shown['from']).year + 543} – ")
    assert view.chart.x_axis.categoriesLabels()[0] == f"ม.ค. {dt.date.fromisoformat(shown['from']).year + 543}"
    assert view.products.item(0, 0).text() == shown["top_products"][0]["name_th"]
    test_at_the_default_size_nothing_is_cut_off(view, qtbot, app_font)
