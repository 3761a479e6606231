"""Marketing: campaigns → ad sets → ads with spend, impressions, clicks, CTR, CPC, leads and CPL over a date
range, and the daily trend of the whole account or of the selected row.

A campaign's ad sets and an ad set's ads are read only when it is expanded (Qt's canFetchMore/fetchMore), each
level one aggregate query of cache/marketing.py. Sorting reorders what is loaded, in Python: a level holds a few
hundred rows at most, while the figures behind them are summed from hundreds of thousands of daily rows.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QDate,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QSettings,
    Qt,
    QTime,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cache import marketing
from cache.documents import BANGKOK
from cache.marketing import DayPoint, Metrics
from cache.queries import ListQuery
from desktop.context import AppContext
from desktop.formatting import date_text, number, percent, thb
from desktop.views.base import View, empty_state
from desktop.views.dates import date_edits, day_of, keep_in_order, show_days, ui_locale
from desktop.views.labels import fill, platform_name
from desktop.views.widgets import copy_menu
from desktop.worker import SyncController

AnyIndex = QModelIndex | QPersistentModelIndex
PRESET_DAYS = (7, 30, 90)
DEFAULT_DAYS = 30
CHILD_LEVEL = {None: "campaign", "campaign": "ad_set", "ad_set": "ad"}
SPEND_COLUMN = 2


class _Node:
    """A row of the tree; `children` is None until the row is expanded for the first time."""

    __slots__ = ("children", "metrics", "parent", "row")

    def __init__(self, metrics: Metrics | None, parent: _Node | None, row: int = 0) -> None:
        self.metrics = metrics
        self.parent = parent
        self.row = row
        self.children: list[_Node] | None = None

    @property
    def level(self) -> str | None:
        return None if self.metrics is None else self.metrics.level


@dataclass(frozen=True)
class _Column:
    title: str
    text: Callable[[Metrics], str]
    key: Callable[[Metrics], Any]  # what it sorts by; None sorts after every value
    numeric: bool = True


@dataclass(frozen=True)
class Scope:
    """What the tree and the chart show: the range (inclusive) and the filters of the campaigns."""

    date_from: dt.date
    date_to: dt.date
    platform: str | None = None
    search: str = ""


class MetricsTreeModel(QAbstractItemModel):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scope: Scope | None = None
        self.root = _Node(None, None)
        self.root.children = []
        self.sort_column, self.descending = SPEND_COLUMN, True
        self.columns = [
            _Column(self.tr("Name"), lambda m: m.name or m.id, lambda m: (m.name or m.id).casefold(), numeric=False),
            _Column(self.tr("Status"), self.status_text, lambda m: m.status or "", numeric=False),
            _Column(self.tr("Spend"), lambda m: thb(m.spend), lambda m: m.spend),
            _Column(self.tr("Impressions"), lambda m: number(m.impressions), lambda m: m.impressions),
            _Column(self.tr("Clicks"), lambda m: number(m.clicks), lambda m: m.clicks),
            _Column(self.tr("CTR"), lambda m: percent(m.ctr), lambda m: m.ctr),
            _Column(self.tr("CPC"), lambda m: thb(m.cpc), lambda m: m.cpc),
            _Column(self.tr("Leads"), lambda m: number(m.leads), lambda m: m.leads),
            _Column(self.tr("CPL"), lambda m: thb(m.cpl), lambda m: m.cpl),
        ]

    def status_text(self, m: Metrics) -> str:
        return {"active": self.tr("Active"), "paused": self.tr("Paused"), "ended": self.tr("Ended")}.get(
            m.status or "", m.status or "")

    # --- loading --------------------------------------------------------------------------------------------

    def _read(self, node: _Node) -> list[_Node]:
        conn, scope = self.ctx.conn, self.scope
        level = CHILD_LEVEL.get(node.level)
        if conn is None or scope is None or level is None:
            return []
        rows = marketing.metrics(conn, level, scope.date_from, scope.date_to,
                                 None if node.metrics is None else node.metrics.id, platform=scope.platform,
                                 search=scope.search if node.metrics is None else "")
        return self._sorted([_Node(m, node) for m in rows])

    def load(self, scope: Scope | None) -> None:
        """Start over with the campaigns of `scope` (None: none); expanded rows are read again when expanded
        again."""
        self.beginResetModel()
        self.scope = scope
        self.root.children = self._read(self.root)
        self.endResetModel()

    def canFetchMore(self, parent: AnyIndex) -> bool:
        node = self.node(parent)
        return parent.isValid() and node.children is None and CHILD_LEVEL.get(node.level) is not None

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent):
            return
        node = self.node(parent)
        children = self._read(node)
        if not children:
            node.children = []
            return
        self.beginInsertRows(parent, 0, len(children) - 1)
        node.children = children
        self.endInsertRows()

    # --- sorting --------------------------------------------------------------------------------------------

    def _key(self, column: int, node: _Node) -> Any:
        assert node.metrics is not None  # only the root has none, and it has no siblings
        return self.columns[column].key(node.metrics)

    def _sorted(self, nodes: list[_Node]) -> list[_Node]:
        by_name = sorted(nodes, key=lambda n: self._key(0, n))
        known = sorted((n for n in by_name if self._key(self.sort_column, n) is not None),
                       key=lambda n: self._key(self.sort_column, n), reverse=self.descending)
        ordered = known + [n for n in by_name if self._key(self.sort_column, n) is None]
        for row, node in enumerate(ordered):
            node.row = row
        return ordered

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.descending = column, order == Qt.SortOrder.DescendingOrder
        for node in self.walk():
            if node.children:
                node.children = self._sorted(node.children)
        # Rows moved under their parents: the persistent indexes (expanded rows, the selection) follow them.
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.createIndex(i.internalPointer().row, i.column(), i.internalPointer())
                                             for i in old])
        self.layoutChanged.emit()

    # --- lookup ---------------------------------------------------------------------------------------------

    def node(self, index: AnyIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self.root

    def walk(self, node: _Node | None = None) -> Iterator[_Node]:
        """The loaded nodes, each before its children."""
        node = node or self.root
        yield node
        for child in node.children or []:
            yield from self.walk(child)

    def index_of(self, node: _Node) -> QModelIndex:
        return QModelIndex() if node.metrics is None else self.createIndex(node.row, 0, node)

    def find(self, level: str, ident: str) -> QModelIndex:
        for node in self.walk():
            if node.metrics is not None and (node.metrics.level, node.metrics.id) == (level, ident):
                return self.index_of(node)
        return QModelIndex()

    # --- QAbstractItemModel ---------------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        children = self.node(parent).children or []
        return self.createIndex(row, column, children[row])

    def parent(self, child: AnyIndex | None = None) -> Any:
        if child is None:  # QObject.parent(), which this name hides
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        parent = child.internalPointer().parent
        return self.index_of(parent) if parent is not None else QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        return len(self.node(parent).children or [])

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        node = self.node(parent)
        if node.children is None:
            return CHILD_LEVEL.get(node.level) is not None
        return bool(node.children)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.node(index).metrics
        column = self.columns[index.column()]
        if m is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(m)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return f"{m.id} · {platform_name(m.platform)}"
        if role == Qt.ItemDataRole.UserRole:
            return m
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = self.columns[section].numeric
            return int((Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        return None


def _nice_top(value: float, ticks: int) -> float:
    """The smallest 1-2-5 step that fits `value` in `ticks - 1` steps, times the steps: the axis's maximum, so
    that both axes put their ticks on the same grid lines and leads stay whole numbers."""
    raw = max(value, 1.0) / (ticks - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return max(step, 1.0) * (ticks - 1)


def _moment(day: str) -> float:
    """Noon of the day in local time, in the axis's milliseconds: midnight may not exist on a DST change."""
    return float(QDateTime(QDate.fromString(day, Qt.DateFormat.ISODate), QTime(12, 0)).toMSecsSinceEpoch())


class TrendChart(QChartView):
    """Daily spend (left axis, baht) and leads (right axis) as lines over a date axis."""

    TICKS = 5

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        chart = QChart()
        chart.setLocale(ui_locale(language))
        chart.setLocalizeNumbers(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.spend = QLineSeries()
        self.spend.setName(self.tr("Spend (฿)"))
        self.leads = QLineSeries()
        self.leads.setName(self.tr("Leads"))
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("d MMM")
        self.spend_axis = QValueAxis()
        self.spend_axis.setLabelFormat("฿%.0f")
        self.leads_axis = QValueAxis()
        self.leads_axis.setLabelFormat("%.0f")
        for axis, side in ((self.x_axis, Qt.AlignmentFlag.AlignBottom), (self.spend_axis, Qt.AlignmentFlag.AlignLeft),
                           (self.leads_axis, Qt.AlignmentFlag.AlignRight)):
            chart.addAxis(axis, side)
        for series, axis in ((self.spend, self.spend_axis), (self.leads, self.leads_axis)):
            chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(axis)
        for axis in (self.spend_axis, self.leads_axis):
            axis.setTickCount(self.TICKS)
            axis.setMinorTickCount(0)
        for axis in (self.x_axis, self.spend_axis, self.leads_axis):
            # Labels elided while the view was still being laid out stayed elided once it had grown (seen with
            # the offscreen platform); these labels are short enough to always fit.
            axis.setTruncateLabels(False)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)

    def show_points(self, points: list[DayPoint], title: str) -> None:
        self.chart().setTitle(title)
        self.spend.replace([QPointF(_moment(p.date), p.spend) for p in points])
        self.leads.replace([QPointF(_moment(p.date), p.leads) for p in points])
        if not points:
            return
        day = 86_400_000.0
        first = _moment(points[0].date)
        # Whole days between ticks: the axis may run a few days past the range to divide evenly.
        ticks = max(2, min(len(points), 7))
        days_per_tick = max(1, math.ceil((len(points) - 1) / (ticks - 1)))
        self.x_axis.setTickCount(ticks)
        start = QDateTime.fromMSecsSinceEpoch(int(first - (day / 2 if len(points) == 1 else 0)))
        end = QDateTime.fromMSecsSinceEpoch(int(first + (day / 2 if len(points) == 1
                                                         else day * days_per_tick * (ticks - 1))))
        self.x_axis.setRange(start, end)
        self.spend_axis.setRange(0, _nice_top(max(p.spend for p in points), self.TICKS))
        self.leads_axis.setRange(0, _nice_top(max(p.leads for p in points), self.TICKS))


class MarketingView(View):
    key = "marketing"
    tables = ("campaigns", "ad_sets", "ads", "ad_daily_stats")

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self.preset = QComboBox(self)
        for days in PRESET_DAYS:
            self.preset.addItem(self.tr("Last %1 days").replace("%1", str(days)), days)
        self.preset.addItem(self.tr("Custom range"), None)
        self.date_from, self.date_to = date_edits(self, ctx.settings.language, ctx.settings.buddhist_era)
        self.range_label = QLabel(self)
        self.range_label.setProperty("role", "muted")
        self.platform = QComboBox(self)
        self.platform.setObjectName("platformFilter")
        self.model = MetricsTreeModel(ctx, self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("marketingTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        copy_menu(self.tree)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSortIndicator(SPEND_COLUMN, Qt.SortOrder.DescendingOrder)
        self.tree.setSortingEnabled(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            self.tree.header().resizeSection(column, 96)
        self.empty = empty_state("", self)
        self.tree_stack = QStackedWidget(self)
        self.tree_stack.addWidget(self.tree)
        self.tree_stack.addWidget(self.empty)
        self.summary = QLabel(self)
        self.chart = TrendChart(ctx.settings.language, self)
        self.chart.setMinimumHeight(240)
        self.chart_pane = chart_pane = QWidget(self)
        chart_layout = QVBoxLayout(chart_pane)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.summary)
        chart_layout.addWidget(self.chart, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("marketingSplitter")
        splitter.addWidget(self.tree_stack)
        splitter.addWidget(chart_pane)
        splitter.setSizes([420, 380])
        bar = QHBoxLayout()
        for widget in (QLabel(self.tr("Period"), self), self.preset, self.date_from, QLabel("–", self), self.date_to,
                       self.range_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.platform)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.preset.setCurrentIndex(PRESET_DAYS.index(DEFAULT_DAYS))
        self._fill_platforms()
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.date_from.dateChanged.connect(lambda _: self._dates_edited(self.date_from))
        self.date_to.dateChanged.connect(lambda _: self._dates_edited(self.date_to))
        self.platform.currentIndexChanged.connect(lambda _: self.refresh())
        self.tree.expanded.connect(self.model.fetchMore)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._show_trend())
        self.refresh()


    # --- the range ------------------------------------------------------------------------------------------

    def last_day(self) -> dt.date:
        """The server's today, or the last day with figures when that is earlier: ad platforms report a day or
        more late, and a range ending on days without figures yet would read as a sudden drop to zero."""
        conn = self.ctx.conn
        latest = marketing.latest_date(conn) if conn is not None and marketing.figures_ready(conn) else None
        days = [d for d in (self.ctx.meta("server_today"), latest) if d]
        if not days:
            return dt.datetime.now(BANGKOK).date()
        return min(dt.date.fromisoformat(d) for d in days)

    def _apply_preset(self) -> None:
        days = self.preset.currentData()
        if days is None:
            return
        end = self.last_day()
        show_days(self.date_from, self.date_to, end - dt.timedelta(days=days - 1), end)

    def set_range(self, first: dt.date, last: dt.date) -> None:
        """A custom range, as if typed into the two dates."""
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.count() - 1)
        self.preset.blockSignals(False)
        show_days(self.date_from, self.date_to, first, last)
        self.refresh()

    def _preset_changed(self) -> None:
        self._apply_preset()
        self.refresh()

    def _dates_edited(self, edited: QDateEdit) -> None:
        keep_in_order(self.date_from, self.date_to, edited)
        self.set_range(day_of(self.date_from), day_of(self.date_to))

    def scope(self) -> Scope:
        return Scope(day_of(self.date_from), day_of(self.date_to), self.platform.currentData(), self.search_text)

    def _fill_platforms(self) -> None:
        current = self.platform.currentData()
        self.platform.blockSignals(True)
        self.platform.clear()
        self.platform.addItem(self.tr("All platforms"), None)
        for platform, count in self.ctx.facets("campaigns", "platform"):
            if platform is not None:
                self.platform.addItem(f"{platform_name(platform)} ({count})", platform)
        self.platform.setCurrentIndex(max(0, self.platform.findData(current)))
        self.platform.blockSignals(False)

    # --- showing --------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the tree again for the current scope, keeping expanded rows expanded and the selection."""
        if self.ctx.conn is not None and not marketing.figures_ready(self.ctx.conn):
            self.model.load(None)
            self.empty.setText(self.tr("The daily figures are being downloaded — they appear as soon as this sync "
                                       "has them all."))
            self.tree_stack.setCurrentWidget(self.empty)
            self.chart_pane.hide()
            return
        expanded = [(n.metrics.level, n.metrics.id) for n in self.model.walk()
                    if n.metrics is not None and self.tree.isExpanded(self.model.index_of(n))]
        current = self.model.node(self.tree.currentIndex()).metrics
        scope = self.scope()
        self.model.load(scope)
        for level, ident in expanded:  # parents come first, so their children are there to be found
            index = self.model.find(level, ident)
            if index.isValid():
                self.model.fetchMore(index)
                self.tree.expand(index)
        if current is not None:
            index = self.model.find(current.level, current.id)
            if index.isValid():
                self.tree.setCurrentIndex(index)
        # The date edits can only show Gregorian years (Qt has no Buddhist calendar): the label adds the era.
        era, language = self.ctx.settings.buddhist_era, self.ctx.settings.language
        self.range_label.setVisible(era)
        self.range_label.setText(fill(self.tr("%1 to %2"),
                                      date_text(scope.date_from, buddhist_era=era, language=language),
                                      date_text(scope.date_to, buddhist_era=era, language=language)))
        if self.model.rowCount():
            self.tree_stack.setCurrentWidget(self.tree)
        else:
            filtered = bool(scope.search or scope.platform) and self.ctx.count(ListQuery("campaigns")) > 0
            self.empty.setText(self.tr("No campaigns match — try another name or platform.") if filtered
                               else self.tr("No campaigns yet — press Sync now (F5)."))
            self.tree_stack.setCurrentWidget(self.empty)
        self._show_trend()

    def _show_trend(self) -> None:
        """The chart and its summary for the selected row, or for every campaign the filters keep."""
        scope = self.scope()
        selected = self.model.node(self.tree.currentIndex()).metrics
        level, ident = (selected.level, selected.id) if selected is not None else (None, None)
        platform = None if selected is not None else scope.platform
        conn = self.ctx.conn
        points = [] if conn is None else marketing.trend(conn, scope.date_from, scope.date_to, level, ident,
                                                          platform=platform)
        self.chart_pane.setVisible(bool(points))  # no cache at all: a chart without a single day would be noise
        if selected is not None:
            name = selected.name or selected.id
        elif platform is not None:
            name = fill(self.tr("all %1 campaigns"), platform_name(platform))
        else:
            name = self.tr("all campaigns")
        self.chart.show_points(points, fill(self.tr("Daily spend and leads — %1"), name))
        total = marketing.Totals.of(points)
        self.summary.setText(fill(
            self.tr("Spend %1 · Impressions %2 · Clicks %3 (CTR %4, CPC %5) · Leads %6 (CPL %7)"),
            thb(total.spend), number(total.impressions), number(total.clicks), percent(total.ctr), thb(total.cpc),
            number(total.leads), thb(total.cpl)))

    # --- View -----------------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        super().set_search(text)
        self.refresh()

    def reload(self) -> None:
        for edit in (self.date_from, self.date_to):
            edit.set_buddhist_era(self.ctx.settings.buddhist_era)
        self._fill_platforms()
        self._apply_preset()  # a sync may have brought a new day
        self.refresh()

    def focus_main(self) -> None:
        self.tree.setFocus()

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        settings.setValue(f"{self.key}/tree", self.tree.header().saveState())

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        value = settings.value(f"{self.key}/tree")
        if isinstance(value, QByteArray):
            self.tree.header().restoreState(value)
