"""The dashboard's parts: a KPI card, the revenue-versus-spend chart (QtCharts) and the top-ten tables."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import stylesheet
from desktop.formatting import day_month_text, month_text
from desktop.views import kpis
from desktop.views.dates import ui_locale
from desktop.views.labels import fill
from desktop.views.widgets import copy_menu


class KpiCard(QFrame):
    """One KPI of the period: its value, the change from the period before, and that period's value."""

    def __init__(self, kpi: kpis.Kpi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kpi = kpi
        self.setObjectName("kpiCard")
        self.setToolTip(kpis.hint(kpi))
        self.title = QLabel(kpis.title(kpi), self)
        self.value = QLabel(self)
        self.change = QLabel(self)
        self.previous = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 7, 10, 7)
        layout.setSpacing(1)
        for name, label in (("kpiTitle", self.title), ("kpiValue", self.value), ("kpiChange", self.change),
                            ("kpiPrevious", self.previous)):
            label.setObjectName(name)
            layout.addWidget(label)

    def show_row(self, row: kpis.Row, compared: bool) -> None:
        """`compared`: there is a period before to compare with (all time has none)."""
        self.value.setText(kpis.value_text(self.kpi, row.now))
        self.change.setText(row.change_text() if compared else "")
        stylesheet.restyle(self.change, "tone", row.tone())
        self.previous.setText(fill(self.tr("vs %1"), kpis.value_text(self.kpi, row.before)) if compared
                              else self.tr("No earlier period"))


def card_grid(cards: Iterable[KpiCard], columns: int) -> QWidget:
    """The cards in rows of `columns`, sharing the width equally."""
    widget = QWidget()
    grid = QGridLayout(widget)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(8)
    for n, card in enumerate(cards):
        grid.addWidget(card, n // columns, n % columns)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return widget


def _point_label(point: Mapping[str, Any], *, buddhist_era: bool, language: str) -> str:
    if "month" in point:
        return month_text(dt.date.fromisoformat(point["month"] + "-01"), buddhist_era=buddhist_era, language=language)
    return day_month_text(dt.date.fromisoformat(point["date"]), language)


class RevenueSpendChart(QChartView):
    """Revenue and ad spend on one baht axis, so that the gap between the lines reads as what it is; a point
    per day, or per month for the long periods. The x axis is categories labelled by desktop.formatting: Qt's
    date axis has neither the Buddhist era nor our Thai month abbreviations."""

    MAX_LABELS = 8

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = QChart()
        chart.setLocale(ui_locale(language))
        chart.setLocalizeNumbers(True)
        # The page has little height to spare: no frame around the plot, the legend beside it, and the title
        # above the chart as the tables have theirs.
        chart.setMargins(QMargins(0, 0, 0, 0))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.revenue, self.spend = QLineSeries(), QLineSeries()
        self.revenue.setName(self.tr("Revenue (฿)"))
        self.spend.setName(self.tr("Ad spend (฿)"))
        self.x_axis = QCategoryAxis()
        self.x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("฿%.0f")
        self.y_axis.setMinorTickCount(0)
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series, colour in ((self.revenue, stylesheet.REVENUE_COLOUR), (self.spend, stylesheet.SPEND_COLOUR)):
            series.setPen(QPen(QColor(colour), 2))
            chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        for axis in (self.x_axis, self.y_axis):
            # Labels elided while the view was still being laid out stayed elided once it had grown (seen with
            # the offscreen platform, as in the marketing chart); these are short enough to always fit.
            axis.setTruncateLabels(False)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)

    def show_trend(self, trend: Sequence[Mapping[str, Any]], *, buddhist_era: bool, language: str) -> None:
        self.revenue.replace([QPointF(n, p["revenue_thb"]) for n, p in enumerate(trend)])
        self.spend.replace([QPointF(n, p["spend_thb"]) for n, p in enumerate(trend)])
        # Markers where a line would have too few points to be seen as one (a single day).
        for series in (self.revenue, self.spend):
            series.setPointsVisible(len(trend) <= 31)
        for label in self.x_axis.categoriesLabels():
            self.x_axis.remove(label)
        step = max(1, math.ceil(len(trend) / self.MAX_LABELS))
        for n in range(0, len(trend), step):
            self.x_axis.append(_point_label(trend[n], buddhist_era=buddhist_era, language=language), n)
        self.x_axis.setRange(-0.5, max(len(trend), 1) - 0.5)
        top = max((max(p["revenue_thb"], p["spend_thb"]) for p in trend), default=0)
        self.y_axis.setRange(0, top or 1)
        self.y_axis.applyNiceNumbers()


class TopTable(QTableWidget):
    """A ranked list of ten: read-only, in the order given, the first column taking what width is left."""

    def __init__(self, name: str, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        copy_menu(self)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(len(headers)):
            self.horizontalHeaderItem(column).setTextAlignment(
                (Qt.AlignmentFlag.AlignRight if column else Qt.AlignmentFlag.AlignLeft) | Qt.AlignmentFlag.AlignVCenter)

    def fill(self, rows: Sequence[Sequence[str]]) -> None:
        """Rows of texts: the first is a name (left-aligned, in full in its tooltip), the others figures."""
        self.setRowCount(len(rows))
        for number, texts in enumerate(rows):
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    item.setToolTip(text)
                self.setItem(number, column, item)

