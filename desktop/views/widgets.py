"""Widgets the list-and-record views share: the filter drop-down over a facet, and the record pane beside the
list with its heading."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QWidget,
)

from desktop import formatting

# How a new window divides its width between the list and the record (the user's own split is remembered):
# pixels at the default size (a view about 1,080 pixels wide, where the list's columns fit without scrolling
# sideways), and the same ratio for what a larger window adds.
SPLIT_LIST, SPLIT_DETAIL = 700, 380


class FacetCombo(QComboBox):
    """A filter drop-down over one facet of the cache: "All …" first, then each value with how many rows have
    it. None is a value too (the rows without one), so "no filter" is `active()` being False."""

    def __init__(self, all_text: str, label: Callable[[Any], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all_text = all_text
        self._label = label
        self._values: list[Any] = []  # item i + 1 holds _values[i]; item 0 is "All"
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.addItem(all_text)

    def active(self) -> bool:
        return self.currentIndex() > 0

    def value(self) -> Any:
        return self._values[self.currentIndex() - 1] if self.active() else None

    def choose(self, value: Any) -> None:
        """Filter on `value` (from a tag chip or "Show only"); a value no row has is added with 0."""
        if value not in self._values:
            self._values.append(value)
            self.addItem(f"{self._label(value)} (0)")
        self.setCurrentIndex(self._values.index(value) + 1)

    def fill(self, facets: list[tuple[Any, int]]) -> None:
        """Refill with fresh counts. A chosen value that no row has any more stays chosen (with 0): quietly
        falling back to "All" would show rows the user filtered out."""
        chosen = [self.value()] if self.active() else []
        facets = list(facets)
        if chosen and chosen[0] not in {value for value, _ in facets}:
            facets.append((chosen[0], 0))
        self.blockSignals(True)
        self.clear()
        self.addItem(self._all_text)
        self._values = [value for value, _ in facets]
        for value, n in facets:
            text = self.tr("(not set)") if value is None else self._label(value)
            self.addItem(f"{text} ({formatting.number(n)})")
        self.setCurrentIndex(self._values.index(chosen[0]) + 1 if chosen else 0)
        self.blockSignals(False)


def quoted(text: str, limit: int = 40) -> str:
    """A cell's text as a menu item quotes it."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def table_menu(view: QAbstractItemView, index: QModelIndex,
               open_row: Callable[[QModelIndex], None] | None = None) -> QMenu:
    """The context menu of a table that is not a ListPane (a profile's orders, an order's items, the marketing
    tree, the dashboard's rankings): open the row when it can be, copy the cell, copy the row. Worded as the
    lists' menu (the same messages)."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("ListPane", text)

    model = view.model()
    cell = str(model.data(index) or "")
    row = "\t".join(str(model.data(model.index(index.row(), column, index.parent())) or "")
                    for column in range(model.columnCount(index.parent())))
    menu = QMenu(view)
    if open_row is not None:
        menu.addAction(tr("Open"), lambda: open_row(index))
    if cell:
        menu.addAction(tr("Copy “%1”").replace("%1", quoted(cell)), lambda: QApplication.clipboard().setText(cell))
    menu.addAction(tr("Copy row"), lambda: QApplication.clipboard().setText(row))
    return menu


def copy_menu(view: QAbstractItemView, open_row: Callable[[QModelIndex], None] | None = None) -> None:
    """Give `view` its table_menu on a right click."""
    def show(position: QPoint) -> None:
        index = view.indexAt(position)
        if index.isValid():
            table_menu(view, index, open_row).exec(view.viewport().mapToGlobal(position))

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(show)


def wrapping_label() -> QLabel:
    """A label that wraps its text to the width it is given and never asks for more: one long word (a name of
    300 letters, a pasted link) would otherwise widen the whole pane and push its buttons out of view."""
    label = QLabel()
    label.setWordWrap(True)
    policy = label.sizePolicy()  # wrapping set its height-for-width, which this keeps
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label


def heading_label() -> QLabel:
    label = wrapping_label()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RecordPane(QWidget):
    """The record beside a list: a hint while none is chosen (or when it has left the cache), else its content,
    scrolling when the pane is short."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty = QLabel(hint)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "placeholder")
        self.body = QScrollArea()
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.body)
        self._held: QWidget | None = None

    def hold(self) -> None:
        """Leave the content out of the window until release(): a window's first show polishes every widget in
        it under the style sheet and lays out every label, and the customer profile's cost as much again as the
        list the rep looks at first (bench/app_bench.py: 18 of 38 ms of the first paint). Its widgets are kept and
        kept current meanwhile."""
        if self._held is None and self.body.widget() is not None:
            self._held = self.body.takeWidget()

    def release(self) -> None:
        if self._held is not None:
            self.body.setWidget(self._held)
            self._held = None

    def show_hint(self, text: str) -> None:
        self.empty.setText(text)
        self._stack.setCurrentWidget(self.empty)

    def show_content(self) -> None:
        self._stack.setCurrentWidget(self.body)
