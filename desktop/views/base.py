"""What every page of the main window has: a title, the tables it shows (for its freshness badge), the search
box's text, a reload when the cache changes, and remembered splitters and column widths.

`ListPane` is the list most pages are built around: a table view over a `QueryModel` with an empty state that
says what to do, Enter to open the selected row, and the record beside it kept in step with the list: a reload
(a record refreshed, a sync) leaves the cursor on the record shown, and a search or filter that leaves that record
out says so (`selected` with None), so that the pane beside the list never shows a record the list does not
hold. `stretch_column` and `restore_list` fit its columns to the pane.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMenu,
    QSplitter,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cache.private import private_file
from cache.queries import ListQuery
from desktop import badges, formatting
from desktop.context import AppContext
from desktop.listmodel import SEARCH_CAP, Column, QueryModel
from desktop.views.widgets import quoted
from desktop.worker import SyncController

# Known before a view is built: the navigation lists every view, and only the one on screen is built.
TITLES = {
    "customers": QT_TRANSLATE_NOOP("View", "Customers"),
    "followups": QT_TRANSLATE_NOOP("View", "Follow-ups"),
    "catalog": QT_TRANSLATE_NOOP("View", "Catalog"),
    "marketing": QT_TRANSLATE_NOOP("View", "Marketing"),
    "orders": QT_TRANSLATE_NOOP("View", "Orders"),
    "employees": QT_TRANSLATE_NOOP("View", "Employees"),
    "dashboard": QT_TRANSLATE_NOOP("View", "Dashboard"),
}


def view_title(key: str) -> str:
    return QCoreApplication.translate("View", TITLES[key])


def first_sync_text(rows: int) -> str:
    """What an empty view says while the first sync is filling it, instead of asking for one."""
    if not rows:
        return QCoreApplication.translate("View", "Syncing for the first time…")
    return QCoreApplication.translate("View", "Syncing for the first time… %1 rows").replace(
        "%1", formatting.number(rows))


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

    def print_record(self) -> None:
        """Ctrl+P: print the record on screen, in views that have one to print."""

    def list_pane(self) -> ListPane | None:
        """The view's main list, for the keyboard path from the search box, the context menu and export."""
        pane = getattr(self, "list", None)
        return pane if isinstance(pane, ListPane) else None

    def enter_results(self) -> None:
        """Down in the search box: into the list, on its first row."""
        pane = self.list_pane()
        if pane is None:
            self.focus_main()
        else:
            pane.focus_first()

    def open_result(self) -> None:
        """Enter in the search box: open the current result, or the first."""
        pane = self.list_pane()
        if pane is not None:
            pane.open_current()

    def focus_first(self) -> None:
        """Tab from the search box: the view's first control (its filters), so the navigation is not next."""
        tab = Qt.FocusPolicy.TabFocus.value
        first = self.nextInFocusChain()
        while first is not self and not (self.isAncestorOf(first) and first.isVisibleTo(self) and first.isEnabled()
                                         and first.focusPolicy().value & tab == tab):
            first = first.nextInFocusChain()
        first.setFocus(Qt.FocusReason.TabFocusReason)

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

    def show_first_sync(self, rows: Mapping[str, int] | None) -> None:
        """A sync is running, with the rows it has brought so far per table, or (None) none is: each list of a
        table never synced before says it is on its way, and how far, rather than "press Sync now"."""
        fresh = self.ctx.freshness()
        for pane in self.findChildren(ListPane):
            table = pane.model.query.entity
            state = fresh.get(table)
            first = state is None or state.last_synced_at is None
            pane.set_syncing(rows.get(table, 0) if rows is not None and first else None)

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
    """A paged list with its count beneath. `selected` fires with the row under the cursor, or None when the list
    no longer holds the record last selected; `opened` on Enter or double-click; `filterRequested` (filter name,
    value) from the context menu's "Filter by this value"."""

    selected = Signal(object)  # the row dict, or None
    opened = Signal(object)
    filterRequested = Signal(str, object)

    def __init__(self, ctx: AppContext, columns: list[Column], query: ListQuery, *, name: str,
                 empty_text: str, no_match_text: str, count_text: Callable[[int], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record: str | None = None  # the id of the record shown beside the list
        self._scroll: int | None = None  # where a reload puts the list back
        self.empty_text = empty_text
        self.no_match_text = no_match_text
        self._syncing: int | None = None  # rows the first sync has brought so far, while it runs
        self.count_text = count_text  # for a number of rows, "%1 customers": %1 is the number, as the list has it
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
        self.count = QLabel(self)
        self.count.setObjectName("resultCount")
        self.count.setProperty("role", "muted")
        footer = QHBoxLayout()
        footer.addWidget(self.count)
        footer.addWidget(self.more, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._stack)
        layout.addLayout(footer)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
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
        self.empty.setText(self.no_match_text if filtered else self.nothing_yet())
        self._stack.setCurrentWidget(self.table if rows else self.empty)
        self.more.setVisible(self.model.truncated)
        shown = formatting.number(rows) + ("+" if self.model.truncated else "")  # a search's first matches
        self.count.setText(self.count_text(rows).replace("%1", shown))
        if self._scroll is not None:
            self.table.verticalScrollBar().setValue(self._scroll)
            self._scroll = None
        self._follow()

    def _follow(self) -> None:
        """After the rows were read again: the cursor back on the record shown, when it is in the pages read;
        a record the list still holds further away stays shown without the cursor; one it does not hold is
        let go of."""
        if self.record is None:
            return
        if self._select(self.record):
            return
        if not self.ctx.contains(self.model.query, self.record):
            self.record = None
            self.selected.emit(None)

    def _select(self, ident: str) -> bool:
        self.model.row(max(self.table.rowAt(0), 0))  # reads the page in view, where the record most likely is
        number = self.model.row_of(ident)
        if number is None:
            return False
        self.table.selectRow(number)
        return True

    def show_record(self, ident: str) -> bool:
        """A record opened from elsewhere (another view, a lead just saved): the cursor goes to it when the list
        holds it, wherever it is in the list; False when it does not, and then no row stays under the cursor,
        so that no reload brings back the record shown before."""
        number = self.ctx.position(self.model.query, ident)
        self.record = ident if number is not None else None
        if number is None or number >= self.model.rowCount():  # not held, or past a search's first matches
            self.table.selectionModel().clear()
        else:
            self.table.selectRow(number)
            self.table.scrollTo(self.model.index(number, 0))
        return number is not None

    # --- the context menu, copy and export ------------------------------------------------------------------

    def shown_columns(self) -> list[Column]:
        """The columns on screen, in the order the user sees them."""
        header = self.table.horizontalHeader()
        logical = (header.logicalIndex(visual) for visual in range(header.count()))
        return [self.model.columns[n] for n in logical if not header.isSectionHidden(n)]

    def context_menu(self, index: QModelIndex) -> QMenu:
        """The menu for the cell at `index`: open, copy the cell or the row, filter by its value, export."""
        menu = QMenu(self)
        row = self.model.row(index.row()) if index.isValid() else None
        if row is not None:
            column = self.model.columns[index.column()]
            number = index.row()
            menu.addAction(self.tr("Open"), lambda: self._open(number))
            menu.addAction(self.tr("Copy “%1”").replace("%1", quoted(column.display(row))),
                           lambda: QApplication.clipboard().setText(column.display(row)))
            menu.addAction(self.tr("Copy row"), lambda: QApplication.clipboard().setText(
                "\t".join(c.display(row) for c in self.shown_columns())))
            if column.filter:
                value = row.get(column.key)
                # A tags cell offers each of its tags; another cell its one value, as it reads.
                choices = [(str(v), v) for v in value] if isinstance(value, list) else [(column.display(row), value)]
                for label, each in choices:
                    menu.addAction(self.tr("Show only “%1”").replace("%1", quoted(label)),
                                   lambda each=each: self.filterRequested.emit(column.filter, each))
            menu.addSeparator()
        menu.addAction(self.tr("Export the list to CSV…"), self.export_dialog)
        return menu

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.table.setCurrentIndex(index)
        self.context_menu(index).exec(self.table.viewport().mapToGlobal(position))

    def export_dialog(self) -> None:
        # Imported here: Qt builds a class's enums when it is first named, and the window's first frame needs
        # no dialog (bench/app_bench.py).
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the list"), "", self.tr("CSV files (*.csv)"))
        if path:
            if not path.lower().endswith(".csv"):
                path += ".csv"
            try:
                self.export_csv(Path(path))
            except OSError as error:
                reason = error.strerror or str(error)
                QMessageBox.warning(self, self.tr("Export the list"),
                                    self.tr("The list could not be saved: %1").replace("%1", reason))

    def export_csv(self, path: Path) -> int:
        """Every row the list's search and filters match (past the search's cap), each column shown as it reads
        on screen. UTF-8 with a byte-order mark, which Excel needs to read Thai. The file is the user's own:
        0600, as it holds customers' details. Returns the number of rows."""
        columns = self.shown_columns()
        private_file(path)
        rows = 0
        with path.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.writer(file)
            writer.writerow([c.title for c in columns])
            for row in self.model.every_row():
                writer.writerow([c.display(row) for c in columns])
                rows += 1
        return rows

    def nothing_yet(self) -> str:
        """The empty state of the unfiltered list: the first sync's progress while it runs, else what to do."""
        return self.empty_text if self._syncing is None else first_sync_text(self._syncing)

    def set_syncing(self, rows: int | None) -> None:
        if rows != self._syncing:
            self._syncing = rows
            self._loaded(self.model.rowCount())

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        # No row under the cursor (the list was read again, or cleared) says nothing about the record shown:
        # _follow decides about that.
        row = self.model.row(current.row()) if current.isValid() else None
        if row is not None:
            self.record = row["id"]
            self.selected.emit(row)

    def _open(self, number: int) -> None:
        row = self.model.row(number)
        if row is not None:
            self.opened.emit(row)

    def focus_first(self) -> None:
        """Focus the list with the cursor on its first row."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount():
            self.table.selectRow(0)

    def open_current(self) -> None:
        """Open the row under the cursor, else the first."""
        if not self.model.rowCount():
            return
        index = self.table.currentIndex()
        number = index.row() if index.isValid() else 0
        self.table.selectRow(number)
        self._open(number)

    def current(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def reload(self) -> None:
        """Re-query where the list was scrolled to, the cursor staying on the record shown (see _follow)."""
        self._scroll = self.table.verticalScrollBar().value()
        self.model.reload()


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
