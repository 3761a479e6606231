"""A table model over the cache's read API: the count and the rows come from SQL a page at a time, so a list of
100,000 customers keeps a few pages in memory and scrolls anywhere at once. Sorting and filtering change the
query, never the rows in Python.

A row the server changed since the list last showed it (its txid moved, or it is new) is highlighted for a
moment after the reload that brought it, so a live update is seen where it happened."""

from __future__ import annotations

import dataclasses
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QIcon

from cache.queries import ListQuery
from desktop import formatting
from desktop.context import AppContext

PAGE_ROWS = 200
# A search lists its first matches only: one or two letters match tens of thousands of customers, and
# counting them all would cost more than the keystroke may (the user types on to narrow it down).
SEARCH_CAP = 1000
KEPT_PAGES = 16  # about 3,000 rows: a screenful and what was scrolled past recently
HIGHLIGHT_MS = 2000  # how long a row the server just changed stays highlighted
HIGHLIGHT_ALPHA = 70  # of the palette's highlight colour, under the row's text

Row = dict[str, Any]
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str  # the row's key shown, and the sort column when the entity can sort by it
    title: str
    text: Callable[[Row], str] | None = None  # how the value reads; default str(value)
    numeric: bool = False  # right-aligned
    width: int = 0  # initial width in pixels; 0 lets the view decide
    sortable: bool = True
    filter: str = ""  # the view's filter this column's value can be chosen in ("filter by this value")
    # A badge shown after the value and its icon before it (a change waiting for the server): on screen only,
    # never in what is copied or exported.
    marker: Callable[[Row], tuple[str, QIcon] | None] | None = None

    def display(self, row: Row) -> str:
        if self.text is not None:
            return self.text(row)
        value = row.get(self.key)
        return "" if value is None else str(value)


class QueryModel(QAbstractTableModel):
    # After every (re)load: the number of rows, so that views can show their empty states.
    loaded = Signal(int)

    def __init__(self, ctx: AppContext, columns: list[Column], query: ListQuery, parent: Any = None, *,
                 page_rows: int = PAGE_ROWS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_rows = page_rows
        self.columns = columns
        self.query = query
        self._count = 0
        self.truncated = False  # a search that matches more rows than it lists
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._known: dict[Any, Any] = {}  # id → txid of the rows shown since the query last changed
        self._known_max = 0  # the highest txid among them: a row above it is new
        self._changed: dict[Any, float] = {}  # id → monotonic time it was seen changed
        self._fade = QTimer(self, singleShot=True, interval=HIGHLIGHT_MS)
        self._fade.timeout.connect(self._unhighlight)
        self.reload()

    # --- the query ------------------------------------------------------------------------------------------

    def set_query(self, query: ListQuery) -> None:
        if query != self.query:
            self.query = query
            self._known.clear()  # another list: nothing in it is news
            self._known_max = 0
            self._changed.clear()
            self.reload()

    def update_query(self, **changes: Any) -> None:
        self.set_query(dataclasses.replace(self.query, **changes))

    def set_filter(self, name: str, value: Any) -> None:
        """`value` None removes the filter (use `filters=` of update_query to filter on NULL)."""
        filters = {k: v for k, v in self.query.filters.items() if k != name}
        if value is not None:
            filters[name] = value
        self.update_query(filters=filters)

    def reload(self) -> None:
        """Re-read the count and drop the pages (the cache changed, or the query did)."""
        self.beginResetModel()
        self._pages.clear()
        cap = SEARCH_CAP if self.query.search.strip() else None
        self._count = self.ctx.count(self.query, cap=cap)
        self.truncated = cap is not None and self._count > cap
        if self.truncated:
            self._count = SEARCH_CAP
        self.endResetModel()
        self.loaded.emit(self._count)

    # --- rows -----------------------------------------------------------------------------------------------

    def row(self, number: int) -> Row | None:
        if not 0 <= number < self._count:
            return None
        first = number - number % self.page_rows
        page = self._pages.get(first)
        if page is None:
            page = self.ctx.page(self.query, first, self.page_rows)
            self._pages[first] = page
            self._note_changes(page)
            while len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(first)
        offset = number - first
        return page[offset] if offset < len(page) else None

    def every_row(self, chunk: int = 1000) -> Iterator[Row]:
        """Every row the query matches, in the list's order, past the search's cap (an export wants them all)."""
        offset = 0
        while page := self.ctx.page(self.query, offset, chunk):
            yield from page
            offset += len(page)

    def _note_changes(self, page: list[Row]) -> None:
        now = time.monotonic()
        for row in page:
            ident, txid = row.get("id"), row.get("txid")
            if not isinstance(txid, int):
                continue
            before = self._known.get(ident)
            if (before is not None and before != txid) or (before is None and self._known and
                                                            txid > self._known_max):
                self._changed[ident] = now
                self._fade.start()
            self._known[ident] = txid
            self._known_max = max(self._known_max, txid)

    def highlighted(self, ident: Any) -> bool:
        seen = self._changed.get(ident)
        return seen is not None and time.monotonic() - seen < HIGHLIGHT_MS / 1000

    def _unhighlight(self) -> None:
        self._changed = {k: v for k, v in self._changed.items() if self.highlighted(k)}
        if self._changed:
            self._fade.start()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole])

    def row_of(self, ident: str) -> int | None:
        """Where a row with this id is among the pages read so far (to keep a selection across reloads)."""
        for first, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.get("id") == ident:
                    return first + offset
        return None

    # --- QAbstractTableModel --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row(index.row())
            if row is None:
                return None
            # A cell lays out all of its text to elide it, at every paint.
            text = formatting.clip(column.display(row), formatting.SHORT_TEXT)
            marked = column.marker(row) if column.marker is not None else None
            return text if marked is None else f"{text}  ·  {marked[0]}"
        if role == Qt.ItemDataRole.DecorationRole and column.marker is not None:
            row = self.row(index.row())
            marked = None if row is None else column.marker(row)
            return None if marked is None else marked[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.row(index.row())
        if role == Qt.ItemDataRole.BackgroundRole and self._changed:
            row = self.row(index.row())
            if row is not None and self.highlighted(row.get("id")):
                colour = QColor(QGuiApplication.palette().highlight().color())
                colour.setAlpha(HIGHLIGHT_ALPHA)
                return QBrush(colour)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        spec = self.columns[column]
        if spec.sortable:
            self.update_query(sort=spec.key, descending=order == Qt.SortOrder.DescendingOrder)
