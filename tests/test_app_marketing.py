"""The marketing page over a cache synced from the tiny dataset: the tree's figures against direct SQL sums, lazy
expansion, sorting, the filters, and the trend chart's points."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from PySide6.QtCore import QModelIndex, Qt

from cache.database import DB_NAME
from desktop.context import AppContext
from desktop.formatting import thb
from desktop.views.marketing import SPEND_COLUMN, MarketingView
from sync.credentials import CredentialStore

pytestmark = pytest.mark.usefixtures("no_thread_left")

CAMPAIGN_SPEND = ("SELECT round(coalesce(sum(s.spend_thb), 0), 2), coalesce(sum(s.leads), 0) FROM ad_daily_stats s "
                  "JOIN ads d ON d.id = s.ad_id JOIN ad_sets a ON a.id = d.ad_set_id "
                  "WHERE a.campaign_id = ? AND s.date BETWEEN ? AND ?")


@pytest.fixture
def view(filled_ctx, controller, qtbot):
    widget = MarketingView(filled_ctx, controller)
    qtbot.addWidget(widget)
    return widget


def rows(view, parent=None):
    parent = parent or QModelIndex()
    return [view.model.index(r, 0, parent) for r in range(view.model.rowCount(parent))]


def metrics(index):
    return index.data(Qt.ItemDataRole.UserRole)


def test_the_range_ends_on_the_last_day_with_figures(view, filled_ctx):
    last = filled_ctx.conn.execute("SELECT max(date) FROM ad_daily_stats").fetchone()[0]
    assert view.last_day().isoformat() == min(last, filled_ctx.meta("server_today"))
    assert view.scope().date_to == view.last_day()
    assert (view.scope().date_to - view.scope().date_from).days == 29  # the default: 30 days
    view.preset.setCurrentIndex(0)
    assert (view.scope().date_to - view.scope().date_from).days == 6
    assert view.chart.spend.count() == 7


def test_campaign_spend_over_a_range_equals_the_sql_sum(view, filled_ctx):
    last = view.last_day()
    first = last - dt.timedelta(days=9)
    view.set_range(first, last)
    campaigns = rows(view)
    assert len(campaigns) == filled_ctx.conn.execute("SELECT count(*) FROM campaigns").fetchone()[0]
    spent = 0.0
    for index in campaigns:
        spend, leads = filled_ctx.conn.execute(CAMPAIGN_SPEND, (metrics(index).id, first.isoformat(),
                                                                last.isoformat())).fetchone()
        assert metrics(index).spend == pytest.approx(spend) and metrics(index).leads == leads
        assert index.siblingAtColumn(SPEND_COLUMN).data() == thb(spend)
        spent += spend
    assert spent > 0
    # Sorted by spend, largest first, by default.
    assert [metrics(i).spend for i in campaigns] == sorted((metrics(i).spend for i in campaigns), reverse=True)


def test_expanding_a_campaign_lists_its_ad_sets_and_an_ad_set_its_ads(view, filled_ctx):
    campaign = rows(view)[0]
    assert view.model.rowCount(campaign) == 0 and view.model.hasChildren(campaign)  # not read yet
    view.tree.expand(campaign)
    ad_sets = {r[0] for r in filled_ctx.conn.execute("SELECT id FROM ad_sets WHERE campaign_id = ?",
                                                     (metrics(campaign).id,))}
    assert {metrics(i).id for i in rows(view, campaign)} == ad_sets and ad_sets
    ad_set = rows(view, campaign)[0]
    view.tree.expand(ad_set)
    ads = {r[0] for r in filled_ctx.conn.execute("SELECT id FROM ads WHERE ad_set_id = ?", (metrics(ad_set).id,))}
    assert {metrics(i).id for i in rows(view, ad_set)} == ads and ads
    assert sum(metrics(i).spend for i in rows(view, campaign)) == pytest.approx(metrics(campaign).spend)

    # Sorting and reloading keep the expanded rows expanded.
    view.model.sort(0, Qt.SortOrder.AscendingOrder)
    names = [metrics(i).name.casefold() for i in rows(view)]
    assert names == sorted(names)
    view.reload()
    again = view.model.find("campaign", metrics(campaign).id)
    assert view.tree.isExpanded(again) and {metrics(i).id for i in rows(view, again)} == ad_sets
    assert view.tree.isExpanded(view.model.find("ad_set", metrics(ad_set).id))


def test_the_chart_has_a_point_per_day_with_the_same_totals(view, filled_ctx):
    last = view.last_day()
    first = last - dt.timedelta(days=13)
    view.set_range(first, last)
    spend, leads = filled_ctx.conn.execute(
        "SELECT round(sum(spend_thb), 2), sum(leads) FROM ad_daily_stats WHERE date BETWEEN ? AND ?",
        (first.isoformat(), last.isoformat())).fetchone()
    points = view.chart.spend.points()
    assert len(points) == 14 == view.chart.leads.count()
    assert {points[n + 1].x() - points[n].x() for n in range(13)} == {86_400_000.0}
    assert sum(p.y() for p in points) == pytest.approx(spend)
    assert sum(p.y() for p in view.chart.leads.points()) == leads
    assert view.chart.chart().title().endswith("all campaigns")

    campaign = rows(view)[0]
    view.tree.setCurrentIndex(campaign)
    assert sum(p.y() for p in view.chart.spend.points()) == pytest.approx(metrics(campaign).spend)
    assert view.chart.chart().title().endswith(metrics(campaign).name)
    assert view.chart.spend.count() == 14


def test_platform_filter_and_search(view, filled_ctx):
    platforms = [view.platform.itemData(n) for n in range(view.platform.count())]
    assert platforms[0] is None and set(platforms[1:]) == {
        r[0] for r in filled_ctx.conn.execute("SELECT DISTINCT platform FROM campaigns")}
    view.platform.setCurrentIndex(platforms.index("line"))
    line = rows(view)
    assert line and {metrics(i).platform for i in line} == {"line"}
    assert len(line) == filled_ctx.conn.execute("SELECT count(*) FROM campaigns WHERE platform = 'line'").fetchone()[0]
    assert view.chart.chart().title().endswith("all LINE campaigns")

    view.platform.setCurrentIndex(0)
    name = metrics(rows(view)[0]).name
    term = name.split("|")[-2].strip() if "|" in name else name[:6]
    view.set_search(term)
    assert rows(view) and all(term.casefold() in metrics(i).name.casefold() for i in rows(view))
    view.set_search("no campaign is called this")
    assert view.tree_stack.currentWidget() is view.empty
    assert view.empty.text().startswith("No campaigns match")


def test_without_a_cache_the_page_says_to_sync(sealed, controller, qtbot):
    ctx = AppContext(sealed / "empty-config", sealed / "empty-cache", CredentialStore())
    try:
        view = MarketingView(ctx, controller)
        qtbot.addWidget(view)
        assert view.tree_stack.currentWidget() is view.empty
        assert view.empty.text() == "No campaigns yet — press Sync now (F5)."
        assert view.chart.spend.count() == 0 and not view.chart_pane.isVisibleTo(view)
        view.reload()
    finally:
        ctx.close()


def test_while_a_first_pull_brings_the_figures_the_page_waits(view, filled_ctx):
    """Without their indexes every sum would scan the whole table on the GUI thread, once a second."""
    writer = sqlite3.connect(filled_ctx.folder / DB_NAME)
    try:
        with writer:
            writer.execute("UPDATE sync_state SET indexes_deferred = 1 WHERE table_name = 'ad_daily_stats'")
        view.reload()
        assert view.tree_stack.currentWidget() is view.empty and view.model.rowCount() == 0
        assert view.empty.text().startswith("The daily figures are being downloaded")
        assert not view.chart_pane.isVisibleTo(view)
        with writer:
            writer.execute("UPDATE sync_state SET indexes_deferred = 0 WHERE table_name = 'ad_daily_stats'")
        view.reload()
        assert view.model.rowCount() > 0 and view.chart_pane.isVisibleTo(view)
    finally:
        writer.close()
