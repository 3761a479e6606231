"""The catalog: courses, packages, cooking equipment and menus, each with its picture, price and (for a package)
what it contains, all from the cache so that a salesperson can show it to a customer with no network.

The list pages through SQLite; the selected product is read from its JSON file (the seed's instant read, with
a package's items nested), falling back to its row when the file is missing or damaged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cache.queries import ListQuery
from desktop import stylesheet
from desktop.context import AppContext
from desktop.formatting import number, thb
from desktop.listmodel import Column
from desktop.views.base import ListPane, View, beside, restore_list, stretch_column
from desktop.views.widgets import copy_menu
from desktop.worker import SyncController
from sync.pictures import picture_file

PICTURE_SIZE = (360, 240)  # the generated pictures are 3:2; shown at most this large, smaller in a narrow pane
CONTENTS_ROWS_SHOWN = 8  # a package's contents scroll beyond this many
# How a new window divides its width between the list and the product (the user's own split is remembered):
# at the default size (a view about 1,080 pixels wide) the list's columns fit beside a full-size picture.
SPLIT_LIST, SPLIT_DETAIL = 700, 380
CATEGORIES = ("course", "package", "cooking_eqt", "menu")
CATEGORY_COLUMN = 2


def price_text(price: float | None) -> str:
    """Whole baht without satang, as price lists print them; a price with satang keeps them."""
    return thb(price, decimals=price is not None and price % 1 != 0)


def names(product: dict[str, Any], language: str) -> tuple[str, str]:
    """The name in the UI language and the other one (either may be missing: then the one there is)."""
    first, second = ("name_th", "name_en") if language == "th" else ("name_en", "name_th")
    primary = product.get(first) or product.get(second) or product.get("id") or ""
    secondary = product.get(second) or ""
    return primary, "" if secondary == primary else secondary


class CatalogView(View):
    key = "catalog"
    tables = ("products", "package_items")

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("catalogCategories")
        self.tabs.setExpanding(False)
        for category in (None, *CATEGORIES):
            self.tabs.setTabData(self.tabs.addTab(""), category)
        self.active_only = QCheckBox(self.tr("Active only"), self)
        self.list = ListPane(ctx, self._columns(), ListQuery("products"), name="catalogList",
                             empty_text=self.tr("No products yet — press Sync now (F5)."),
                             no_match_text=self.tr("No products match — try another search or category."),
                             count_text=lambda n: self.tr("%1 products"),
                             parent=self)
        self.detail = ProductDetail(ctx, self)
        top = QHBoxLayout()
        top.addWidget(self.tabs)
        top.addStretch(1)
        top.addWidget(self.active_only)
        splitter = beside("catalogSplitter", self.list, self.detail, (SPLIT_LIST, SPLIT_DETAIL), self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.tabs.currentChanged.connect(self._category_changed)
        self.active_only.toggled.connect(lambda on: self.list.model.set_filter("active", True if on else None))
        self.list.selected.connect(self._selected)
        stretch_column(self.list, 0)  # the name; the list fits its pane
        self._label_tabs()

    def _columns(self) -> list[Column]:
        language = self.ctx.settings.language
        first, second = ("name_th", "name_en") if language == "th" else ("name_en", "name_th")
        return [
            Column(first, self.tr("Name"), text=lambda r: names(r, language)[0]),  # stretches
            Column(second, self.tr("Also known as"), text=lambda r: names(r, language)[1], width=170),
            Column("category", self.tr("Category"), text=lambda r: self.category_name(r.get("category")), width=120),
            Column("price_thb", self.tr("Price"), text=lambda r: price_text(r.get("price_thb")), numeric=True,
                   width=70),
            Column("duration_hours", self.tr("Duration"), text=self.duration_text, numeric=True,
                   width=65, sortable=False),
            Column("active", self.tr("Status"), text=lambda r: self.tr("Active") if r.get("active")
                   else self.tr("Inactive"), width=70, sortable=False),
        ]

    def category_name(self, category: str | None) -> str:
        return {"course": self.tr("Course"), "package": self.tr("Package"),
                "cooking_eqt": self.tr("Cooking equipment"), "menu": self.tr("Menu")}.get(category or "", "")

    def duration_text(self, product: dict[str, Any]) -> str:
        hours = product.get("duration_hours")
        if not hours:
            return ""
        return self.tr("%1 h").replace("%1", number(hours, 0 if hours % 1 == 0 else 1))

    def _label_tabs(self) -> None:
        """Each tab says how many products it holds, so an empty category is visible before it is opened."""
        counts = dict(self.ctx.facets("products", "category"))
        titles = {None: self.tr("All"), "course": self.tr("Courses"), "package": self.tr("Packages"),
                  "cooking_eqt": self.tr("Cooking equipment"), "menu": self.tr("Menus")}
        for index in range(self.tabs.count()):
            category = self.tabs.tabData(index)
            count = sum(counts.values()) if category is None else counts.get(category, 0)
            self.tabs.setTabText(index, f"{titles[category]} ({count})")

    def _category_changed(self, index: int) -> None:
        category = self.tabs.tabData(index)
        self.list.model.set_filter("category", category)
        # Within one category the column would repeat its name on every row.
        self.list.table.setColumnHidden(CATEGORY_COLUMN, category is not None)
        self._selected(self.list.current())

    def _selected(self, row: dict[str, Any] | None) -> None:
        self.detail.show_product(row)
        if row is not None:
            self.sync.refresh_record("products", row["id"])

    # --- View -----------------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        super().set_search(text)
        self.list.model.update_query(search=text)
        self._selected(self.list.current())

    def reload(self) -> None:
        self._label_tabs()
        self.list.reload()
        self.detail.show_product(self.list.current())

    def focus_main(self) -> None:
        self.list.table.setFocus()

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        restore_list(self.list, 0)
        # The saved state may have hidden the category column (saved with a category open): it follows the tab.
        self.list.table.setColumnHidden(CATEGORY_COLUMN, self.tabs.tabData(self.tabs.currentIndex()) is not None)


class PictureLabel(QLabel):
    """A product's picture as wide as the pane allows, up to PICTURE_SIZE and keeping its 3:2 shape: the label's
    height follows its width, so that the layout places the text below the picture, never over it. Without a
    picture it shows its text (the placeholder) instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scaled: tuple[tuple[int, int, int], QPixmap] | None = None  # (key, pixmap) of the last paint
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:
        return QSize(*PICTURE_SIZE)

    def minimumSizeHint(self) -> QSize:
        width, height = PICTURE_SIZE
        return QSize(width // 3, height // 3)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        full_width, full_height = PICTURE_SIZE
        return min(full_height, width * full_height // full_width)

    def paintEvent(self, event: QPaintEvent) -> None:
        source = self.pixmap()
        if source.isNull():
            super().paintEvent(event)  # the placeholder's text
            return
        area = self.contentsRect()
        ratio = self.devicePixelRatioF()
        key = (source.cacheKey(), area.width(), area.height())
        if self._scaled is None or self._scaled[0] != key:
            scaled = source.scaled(area.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            scaled.setDevicePixelRatio(ratio)
            self._scaled = (key, scaled)
        scaled = self._scaled[1]
        size = scaled.deviceIndependentSize().toSize()
        target = QRect(area.x() + (area.width() - size.width()) // 2,
                       area.y() + (area.height() - size.height()) // 2, size.width(), size.height())
        painter = QPainter(self)
        painter.drawPixmap(target, scaled)
        painter.end()


class ProductDetail(QScrollArea):
    """The selected product: picture (from the local file, offline), names, price, description and, for a
    package, its contents with their prices. Scrolls when it is taller than the pane."""

    def __init__(self, ctx: AppContext, view: CatalogView) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.product: dict[str, Any] | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # everything wraps or shrinks
        body = QWidget(self)
        body.setObjectName("productBody")
        self.setWidget(body)
        self.picture = PictureLabel(body)
        self.picture.setObjectName("productPicture")
        self.name = QLabel(body)
        self.name.setObjectName("productName")
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name.setProperty("role", "title")
        self.other_name = QLabel(body)
        self.other_name.setWordWrap(True)
        self.other_name.setProperty("role", "subtitle")
        self.facts = QFormLayout()
        self.description = QLabel(body)
        self.description.setWordWrap(True)
        self.other_description = QLabel(body)
        self.other_description.setWordWrap(True)
        self.other_description.setProperty("role", "muted")
        self.contents_title = QLabel(self.tr("Contents"), body)
        self.contents_title.setProperty("role", "subsection")
        self.contents = QTableWidget(0, 4, body)
        self.contents.setObjectName("packageContents")
        copy_menu(self.contents)
        self.contents.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Qty"), self.tr("Unit price"),
                                                 self.tr("Subtotal")])
        self.contents.verticalHeader().hide()
        self.contents.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.contents.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.contents.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.contents.setWordWrap(False)
        self.contents.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.contents.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contents.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The product's name takes what the numbers leave; they are as wide as their longest value.
        contents_header = self.contents.horizontalHeader()
        contents_header.setStretchLastSection(False)
        contents_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        contents_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.contents_total = QLabel(body)
        self.contents_total.setWordWrap(True)
        self.hint = QLabel(self.tr("Select a product to see its picture, description and contents."), body)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        for label in (self.other_name, self.description, self.other_description, self.contents_title,
                      self.contents_total, self.hint):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 12)
        # The body is never laid out smaller than what it holds (the scroll area scrolls instead): squeezed,
        # the fixed-height picture and table would be drawn over the labels next to them.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.hint)
        layout.addWidget(self.picture)
        layout.addSpacing(4)
        for label in (self.name, self.other_name):
            layout.addWidget(label)
        layout.addLayout(self.facts)
        for below in (self.description, self.other_description, self.contents_title, self.contents,
                      self.contents_total):
            layout.addWidget(below)
        layout.addStretch(1)
        self.show_product(None)

    def _document(self, row: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The product and, for a package, its items (the list's row while the record has left the cache)."""
        doc = self.ctx.record("products", row) or row
        items = doc.get("items")
        return doc, items if isinstance(items, list) else []

    def show_product(self, row: dict[str, Any] | None) -> None:
        self.hint.setVisible(row is None)
        for widget in (self.picture, self.name, self.other_name, self.description, self.other_description):
            widget.setVisible(row is not None)
        while self.facts.rowCount():
            self.facts.removeRow(0)
        if row is None:
            self.product = None
            self._show_contents([], False)
            return
        product, items = self._document(row)
        self.product = product
        language = self.ctx.settings.language
        primary, secondary = names(product, language)
        self.name.setText(primary)
        self.other_name.setText(secondary)
        self.other_name.setVisible(bool(secondary))
        self._show_picture(product.get("picture_path"))
        facts = [(self.tr("Category"), self.view.category_name(product.get("category"))),
                 (self.tr("Price"), price_text(product.get("price_thb")))]
        if duration := self.view.duration_text(product):
            facts.append((self.tr("Duration"), duration))
        facts += [(self.tr("Status"), self.tr("Active — on sale") if product.get("active")
                   else self.tr("Inactive — no longer sold")),
                  (self.tr("Code"), product.get("id", ""))]
        for caption, text in facts:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(caption, value)
        first, second = ("description_th", "description_en") if language == "th" else ("description_en",
                                                                                       "description_th")
        description = product.get(first) or product.get(second) or ""
        other = product.get(second) if product.get(first) else ""
        self.description.setText(description)
        self.description.setVisible(bool(description))
        self.other_description.setText(other or "")
        self.other_description.setVisible(bool(other))
        self._show_contents(items, product.get("category") == "package")

    def _show_picture(self, picture_path: str | None) -> None:
        path = self.ctx.file_path(picture_file(picture_path)) if picture_path else None
        pixmap = QPixmap(str(path)) if path is not None and path.is_file() else QPixmap()
        if pixmap.isNull():
            self.picture.setPixmap(QPixmap())
            self.picture.setText(self.tr("No picture yet — it is downloaded at the next sync."))
            stylesheet.restyle(self.picture, "missing", True)
            return
        stylesheet.restyle(self.picture, "missing", False)
        self.picture.setText("")
        self.picture.setPixmap(pixmap)  # scaled to the label's size as it is painted

    def _show_contents(self, items: list[dict[str, Any]], is_package: bool) -> None:
        for widget in (self.contents_title, self.contents, self.contents_total):
            widget.setVisible(is_package)
        self.contents.setRowCount(len(items))
        language = self.ctx.settings.language
        separately = 0.0
        for number_, item in enumerate(items):
            part = self.ctx.get("products", item.get("product_id") or "") or {"id": item.get("product_id")}
            qty = int(item.get("qty") or 0)
            price = part.get("price_thb")
            subtotal = None if price is None else price * qty
            separately += subtotal or 0.0
            primary, secondary = names(part, language)
            cells = [primary, str(qty), price_text(price), price_text(subtotal)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                else:
                    cell.setToolTip("\n".join(n for n in (primary, secondary) if n))  # the whole name, elided
                self.contents.setItem(number_, column, cell)
        # Every item in view up to a handful (then it scrolls), and no empty box under a short list.
        rows = max(1, min(len(items), CONTENTS_ROWS_SHOWN))
        self.contents.setFixedHeight(self.contents.horizontalHeader().sizeHint().height()
                                     + rows * self.contents.verticalHeader().defaultSectionSize()
                                     + 2 * self.contents.frameWidth())
        if not items:
            self.contents_total.setText(self.tr("This package lists no contents yet."))
            return
        price = (self.product or {}).get("price_thb")
        text = self.tr("Bought separately: %1").replace("%1", price_text(separately))
        if price is not None and separately > price:
            text = self.tr("Bought separately: %1 — the package saves %2").replace(
                "%1", price_text(separately)).replace("%2", price_text(separately - price))
        self.contents_total.setText(text)
