"""The dashboard: KPI cards for a period compared with the period before it, revenue against ad spend over the
period, the top campaigns by ROAS and the top products by revenue, and the KPI table exported to CSV.

The standard periods are painted straight from analytics/summary.json, which the sync keeps up to date (one
small file read, no query), so the page paints at once whatever the size of the cache. A custom range is summed
from the aggregate tables by cache/analytics/period.py with the summary's own SQL, so it agrees with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cache.analytics import period as analytics_period
from cache.analytics.files import SUMMARY
from desktop.context import AppContext
from desktop.formatting import date_text, number, thb
from desktop.views import kpis
from desktop.views.base import View, beside, empty_state, first_sync_text
from desktop.views.dashboard_widgets import KpiCard, RevenueSpendChart, TopTable, card_grid
from desktop.views.dates import date_edits, day_of, keep_in_order, qdate, show_days
from desktop.views.labels import fill, platform_name
from desktop.worker import SyncController

# The summary's periods, in the order offered.
PERIODS = (
    ("last_7_days", QT_TRANSLATE_NOOP("DashboardView", "Last 7 days")),
    ("last_30_days", QT_TRANSLATE_NOOP("DashboardView", "Last 30 days")),
    ("last_90_days", QT_TRANSLATE_NOOP("DashboardView", "Last 90 days")),
    ("this_month", QT_TRANSLATE_NOOP("DashboardView", "This month")),
    ("this_year", QT_TRANSLATE_NOOP("DashboardView", "This year")),
    ("all_time", QT_TRANSLATE_NOOP("DashboardView", "All time")),
)
DEFAULT_PERIOD = "last_30_days"
CARD_COLUMNS = 6


def _titled(title: QLabel | str, widget: QWidget) -> QWidget:
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 4, 0, 0)
    label = title if isinstance(title, QLabel) else QLabel(title, pane)
    label.setProperty("role", "paneTitle")
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return pane


class DashboardView(View):
    key = "dashboard"
    # What the figures are computed from: the badge says how fresh they are.
    tables = ("orders", "order_items", "customers", "ad_daily_stats")
    searchable = False

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self.summary: dict[str, Any] | None = None
        self.shown: dict[str, Any] | None = None  # the period on screen, shaped as a summary period
        self.preset = QComboBox(self)
        for key, text in PERIODS:
            self.preset.addItem(QCoreApplication.translate("DashboardView", text), key)
        self.preset.addItem(self.tr("Custom range"), None)
        self.date_from, self.date_to = date_edits(self, ctx.settings.language, ctx.settings.buddhist_era)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.range_label = QLabel(self)
        self.range_label.setProperty("role", "muted")

        self.cards = {kpi.key: KpiCard(kpi) for kpi in kpis.CARDS}
        self.chart = RevenueSpendChart(ctx.settings.language, self)
        self.chart.setMinimumHeight(160)
        self.chart_title = QLabel(self)
        self.campaigns = TopTable("topCampaigns", [self.tr("Campaign"), self.tr("Platform"), self.tr("Spend"),
                                                   self.tr("Attributed revenue"), self.tr("ROAS")])
        self.products = TopTable("topProducts", [self.tr("Product"), self.tr("Units"), self.tr("Orders"),
                                                 self.tr("Revenue")])
        lower = QSplitter(Qt.Orientation.Vertical, self)
        lower.setObjectName("dashboardSplitter")
        lower.addWidget(_titled(self.chart_title, self.chart))
        lower.addWidget(beside("dashboardTables", _titled(self.tr("Top campaigns by ROAS"), self.campaigns),
                               _titled(self.tr("Top products by revenue"), self.products), (600, 460)))
        lower.setSizes([220, 280])
        self.content = QWidget(self)
        page = QVBoxLayout(self.content)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.range_label)
        page.addWidget(card_grid(self.cards.values(), CARD_COLUMNS))
        page.addWidget(lower, 1)
        self.empty = empty_state(self._nothing_yet(None), self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.empty)

        self.bar = QWidget(self)
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(self.tr("Period"), self), self.preset, self.date_from, QLabel("–", self), self.date_to):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)

        self.preset.setCurrentIndex(self.preset.findData(DEFAULT_PERIOD))
        self.preset.currentIndexChanged.connect(lambda _: self._show())
        self.date_from.dateChanged.connect(lambda _: self._dates_edited(self.date_from))
        self.date_to.dateChanged.connect(lambda _: self._dates_edited(self.date_to))
        self.export_button.clicked.connect(self.export_csv)
        self.reload()

    # --- the period -----------------------------------------------------------------------------------------

    def set_range(self, first: dt.date, last: dt.date) -> None:
        """A custom range, as if typed into the two dates."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.count() - 1)
        self.preset.blockSignals(False)
        show_days(self.date_from, self.date_to, first, last)
        self._show()

    def _dates_edited(self, edited: QDateEdit) -> None:
        keep_in_order(self.date_from, self.date_to, edited)
        self.set_range(day_of(self.date_from), day_of(self.date_to))

    def _period(self) -> dict[str, Any] | None:
        if self.summary is None:
            return None
        key = self.preset.currentData()
        if key is not None:
            period = self.summary.get("periods", {}).get(key)
            return period if isinstance(period, dict) else None
        conn = self.ctx.conn
        return None if conn is None else analytics_period.period(conn, day_of(self.date_from), day_of(self.date_to))

    def _date(self, day: str) -> str:
        return date_text(day, buddhist_era=self.ctx.settings.buddhist_era, language=self.ctx.settings.language)

    # --- showing --------------------------------------------------------------------------------------------

    def _nothing_yet(self, rows: Mapping[str, int] | None) -> str:
        return self.tr("No figures yet — press Sync now (F5).") if rows is None else first_sync_text(sum(rows.values()))

    def show_first_sync(self, rows: Mapping[str, int] | None) -> None:
        super().show_first_sync(rows)
        self.empty.setText(self._nothing_yet(rows))

    def _show(self) -> None:
        period = self.shown = self._period()
        self.bar.setVisible(self.summary is not None)  # no periods to choose from yet
        self.export_button.setEnabled(period is not None)
        if period is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.content)
        self._show_range(period)
        previous = period.get("previous")
        before = previous["totals"] if previous else None
        for row in kpis.rows(period["totals"], before, kpis.CARDS):
            self.cards[row.kpi.key].show_row(row, compared=before is not None)
        by_month = bool(period["trend"]) and "month" in period["trend"][0]
        self.chart_title.setText(self.tr("Revenue and ad spend per month") if by_month
                                 else self.tr("Revenue and ad spend per day"))
        self.chart.show_trend(period["trend"], buddhist_era=self.ctx.settings.buddhist_era,
                              language=self.ctx.settings.language)
        self.campaigns.fill([[c["name"] or c["campaign_id"], platform_name(c["platform"]), thb(c["spend_thb"]),
                              thb(c["revenue_thb"]), kpis.value_text(kpis.BY_KEY["roas"], c["roas"])]
                             for c in period["top_campaigns"]])
        self.products.fill([[self._product_name(p), number(p["units"]), number(p["orders"]), thb(p["revenue_thb"])]
                            for p in period["top_products"]])

    def _show_range(self, period: Mapping[str, Any]) -> None:
        assert self.summary is not None  # a period is shown only from a summary
        last = dt.date.fromisoformat(period["to"])
        # The date edits stop at the summary's today (the server's, not this computer's): the days after it
        # have no figures yet and would only thin out the cost per day.
        latest = qdate(max(last, dt.date.fromisoformat(self.summary["today"])))
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setMaximumDate(latest)
            edit.blockSignals(False)
        show_days(self.date_from, self.date_to, dt.date.fromisoformat(period["from"]), last)
        # The date edits show Gregorian years only (Qt has no Buddhist calendar): this line has the era.
        first, last_text = self._date(period["from"]), self._date(period["to"])
        previous = period.get("previous")
        self.range_label.setText(fill(self.tr("%1 – %2"), first, last_text) if previous is None else fill(
            self.tr("%1 – %2, compared with %3 – %4"), first, last_text, self._date(previous["from"]),
            self._date(previous["to"])))

    def _product_name(self, product: Mapping[str, Any]) -> str:
        names = ("name_th", "name_en") if self.ctx.settings.language == "th" else ("name_en", "name_th")
        return next((product[n] for n in names if product.get(n)), product["product_id"])

    # --- export ---------------------------------------------------------------------------------------------

    def export_csv(self) -> None:
        """The KPI table of the period shown (every KPI, not only the cards') to a CSV file of the user's choice."""
        period = self.shown
        if period is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the KPIs"),
                                              str(Path.home() / f"kpis_{period['from']}_{period['to']}.csv"),
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return
        target = Path(path) if Path(path).suffix else Path(path).with_suffix(".csv")
        previous = period.get("previous")
        header = [self.tr("KPI"), fill(self.tr("This period (%1 – %2)"), self._date(period["from"]),
                                       self._date(period["to"])),
                  self.tr("Previous period") if previous is None else
                  fill(self.tr("Previous period (%1 – %2)"), self._date(previous["from"]), self._date(previous["to"])),
                  self.tr("Change")]
        try:
            kpis.write_csv(target, header, kpis.rows(period["totals"], previous and previous["totals"]))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export CSV"), fill(self.tr("The file could not be written: %1"),
                                                                   str(exc)))

    # --- View -----------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """The cache changed: the sync rewrote the summary (or, for a custom range, the aggregates)."""
        summary = self.ctx.document(SUMMARY)
        self.summary = summary if isinstance(summary, dict) else None
        for edit in (self.date_from, self.date_to):
            edit.set_buddhist_era(self.ctx.settings.buddhist_era)
        self._show()

    def focus_main(self) -> None:
        self.preset.setFocus()
