"""What every page of the main window has: a title, the tables it shows (for its freshness badge), the search
box's text, a reload when the cache changes, and remembered splitters and column widths.

`ListPane` is the list most pages are built around: a table view over a `QueryModel` with an empty state that
says what to do, Enter to open the selected row, and the selection kept across reloads; `stretch_column` and
`restore_list` fit its columns to the pane.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLayout,
    QSplitter,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cache.queries import ListQuery
from desktop import badges
from desktop.context import AppContext
from desktop.listmodel import SEARCH_CAP, Column, QueryModel
from desktop.worker import SyncController

# Known before a view is built: the navigation lists every view, and only the one on screen is built.
TITLES = {
    "customers": QT_TRANSLATE_NOOP("View", "Customers"),
    "catalog": QT_TRANSLATE_NOOP("View", "Catalog"),
    "marketing": QT_TRANSLATE_NOOP("View", "Marketing"),
    "orders": QT_TRANSLATE_NOOP("View", "Orders"),
    "employees": QT_TRANSLATE_NOOP("View", "Employees"),
    "dashboard": QT_TRANSLATE_NOOP("View", "Dashboard"),
}


def view_title(key: str) -> str:
    return QCoreApplication.translate("View", TITLES[key])


class View(QWidget):
    key = ""  # stable name, for settings and --view
    tables: tuple[str, ...] = ()  # whose freshness the view's badge shows
    searchable = True
    # The view's badge may have changed (a record being refreshed, for example).
    badgeChanged = Signal()

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self.search_text = ""

    def title(self) -> str:
        return view_title(self.key)

    def set_search(self, text: str) -> None:
        """The search box changed (already stripped); views without search ignore it."""
        self.search_text = text

    def reload(self) -> None:
        """The cached data changed: re-read what is shown, keeping the selection and scroll position."""

    def focus_main(self) -> None:
        """Where the keyboard goes when the view is shown (its list)."""
        self.setFocus()

    def save_state(self, settings: QSettings) -> None:
        for splitter in self.findChildren(QSplitter):
            if splitter.objectName():
                settings.setValue(f"{self.key}/{splitter.objectName()}", splitter.saveState())
        for table in self.findChildren(QTableView):
            if table.objectName():
                settings.setValue(f"{self.key}/{table.objectName()}", table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        for splitter in self.findChildren(QSplitter):
            value = settings.value(f"{self.key}/{splitter.objectName()}")
            if splitter.objectName() and isinstance(value, QByteArray):
                splitter.restoreState(value)
        for table in self.findChildren(QTableView):
            value = settings.value(f"{self.key}/{table.objectName()}")
            if table.objectName() and isinstance(value, QByteArray):
                table.horizontalHeader().restoreState(value)

    # --- freshness ------------------------------------------------------------------------------------------

    def badge(self, tables: tuple[str, ...] | None = None, *, refreshing: bool = False) -> tuple[str, str]:
        """The state and text of the badge for `tables` (default: the view's)."""
        now = self.ctx.server_now()
        updating = set(self.sync.updating)
        if refreshing:
            updating.update(tables or self.tables)
        state, synced = badges.state_of(
            tables or self.tables, self.ctx.freshness(), server_now=now,
            stale_after=dt.timedelta(minutes=self.ctx.settings.stale_after_minutes),
            connection=self.sync.connection, updating=updating, last_status=self.ctx.meta("last_status"))
        return state, badges.badge_text(state, synced, now, self.ctx.settings.language)


def empty_state(text: str, parent: QWidget) -> QLabel:
    """The muted sentence a view shows in place of what it has nothing of yet, saying what to do."""
    label = QLabel(text, parent)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setObjectName("emptyState")
    return label


def beside(name: str, left: QWidget, right: QWidget, sizes: tuple[int, int], parent: QWidget | None = None
           ) -> QSplitter:
    """A list beside its detail in a splitter the view remembers by `name`; when the window grows, both grow
    in the proportion of their first sizes."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName(name)
    splitter.addWidget(left)
    splitter.addWidget(right)
    for number, size in enumerate(sizes):
        splitter.setStretchFactor(number, size)
    splitter.setSizes(list(sizes))
    return splitter


def bar_above(bar: QLayout, pane: QWidget) -> QWidget:
    """A filter bar above its list, edge to edge."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(bar)
    layout.addWidget(pane)
    return widget


class _Table(QTableView):
    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class ListPane(QWidget):
    """A paged list. `selected` fires with the row under the cursor, `opened` on Enter or double-click."""

    selected = Signal(object)  # the row dict, or None
    opened = Signal(object)

    def __init__(self, ctx: AppContext, columns: list[Column], query: ListQuery, *, name: str,
                 empty_text: str, no_match_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = empty_text
        self.no_match_text = no_match_text
        self.model = QueryModel(ctx, columns, query, self)
        self.table = _Table(self)
        self.table.setObjectName(name)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed-height rows: the view then never measures 100,000 rows to lay them out.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSortIndicator(self._sort_column(), Qt.SortOrder.DescendingOrder if query.descending
                                else Qt.SortOrder.AscendingOrder)
        for number, column in enumerate(columns):
            if column.width:
                header.resizeSection(number, column.width)
        self.empty = empty_state("", self)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)
        self.more = QLabel(self.tr("Showing the first %1 matches — type more to narrow the search.")
                           .replace("%1", f"{SEARCH_CAP:,}"), self)
        self.more.setObjectName("moreMatches")
        self.more.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._stack)
        layout.addWidget(self.more)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated_row.connect(self._open)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.model.loaded.connect(self._loaded)
        self._loaded(self.model.rowCount())

    def _sort_column(self) -> int:
        sort = self.model.query.sort
        for number, column in enumerate(self.model.columns):
            if column.key == sort:
                return number
        return -1

    def _loaded(self, rows: int) -> None:
        query = self.model.query
        filtered = bool(query.search.strip() or query.filters)
        self.empty.setText(self.no_match_text if filtered else self.empty_text)
        self._stack.setCurrentWidget(self.table if rows else self.empty)
        self.more.setVisible(self.model.truncated)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.selected.emit(self.model.row(current.row()) if current.isValid() else None)

    def _open(self, number: int) -> None:
        row = self.model.row(number)
        if row is not None:
            self.opened.emit(row)

    def current(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def reload(self) -> None:
        """Re-query, keeping the selected record selected when it is still in the list's first pages."""
        current = self.current()
        scroll = self.table.verticalScrollBar().value()
        self.model.reload()
        self.table.verticalScrollBar().setValue(scroll)
        if current is not None:
            self.model.row(max(self.table.rowAt(0), 0))  # reads the page in view, where the record most likely is
            number = self.model.row_of(current["id"])
            if number is not None:
                self.table.selectRow(number)


def stretch_column(pane: ListPane, column: int) -> None:
    """The list fits its pane: `column` (the name) takes what the others leave, so that no column hides behind
    a horizontal scrollbar at the default size; the others keep their widths, which the user can change (and
    which are remembered). Long text is elided."""
    header = pane.table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    pane.table.setTextElideMode(Qt.TextElideMode.ElideRight)


def restore_list(pane: ListPane, column: int) -> None:
    """After View.restore_state: the user's widths stay, and `column` stretches again. A state saved before the
    name stretched (the last column did, beyond the pane) is set back to the widths that fit."""
    header = pane.table.horizontalHeader()
    if header.stretchLastSection():
        header.setStretchLastSection(False)
        for number, each in enumerate(pane.model.columns):
            if each.width:
                header.resizeSection(number, each.width)
    stretch_column(pane, column)
