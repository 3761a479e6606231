"""Orders: the list with its filters (status, channel, a date range) and the order under the cursor with its
items. The detail reads the order's JSON file, where the items are embedded; "Open customer" hands the
customer's id to the main window, which shows their profile."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cache.documents import BANGKOK
from cache.queries import ListQuery
from desktop import formatting, stylesheet
from desktop.context import AppContext
from desktop.listmodel import Column
from desktop.views.base import ListPane, View, bar_above, beside, restore_list, stretch_column
from desktop.views.dates import date_edits, show_days
from desktop.views.labels import channel_text, date_of, datetime_of, name_of, status_text
from desktop.views.widgets import SPLIT_DETAIL, SPLIT_LIST, FacetCombo, RecordPane, copy_menu, heading_label
from desktop.worker import SyncController

DEFAULT_RANGE_DAYS = 30  # what the date filter starts with when "Any date" is unticked
NAMES_KEPT = 2000  # customer names remembered for the list; a screenful is a few dozen

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CUSTOMER_COLUMN = 2  # the list's widest text, which takes the width the other columns leave


class CustomerNames:
    """The customer column: names looked up for the rows on screen in one query, when a row's name is not
    known yet, rather than every customer's name held in memory."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.list: ListPane | None = None  # set once the list exists (its columns are made before it)
        self._names: dict[str, str] = {}

    def clear(self) -> None:
        self._names.clear()

    def __call__(self, row: Mapping[str, Any]) -> str:
        ident = row["customer_id"]
        if ident not in self._names:
            self._fill({ident, *self._on_screen()})
        return self._names[ident] or ident

    def _on_screen(self) -> list[str]:
        if self.list is None:
            return []
        table, model = self.list.table, self.list.model
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        rows = (model.row(number) for number in range(first, last + 1))
        return [row["customer_id"] for row in rows if row is not None]

    def _fill(self, ids: set[str]) -> None:
        if len(self._names) > NAMES_KEPT:
            self._names.clear()
        found = self.ctx.names("customers", "full_name", ids)
        # A customer the cache does not have is remembered too, so that it is not looked up on every paint.
        self._names.update({ident: found.get(ident, "") for ident in ids})


def _cell(text: str, align: Qt.AlignmentFlag | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align is not None:
        item.setTextAlignment(align)
    return item


class OrderDetail(RecordPane):
    customerRequested = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select an order to see its items."), parent)
        self.ctx = ctx
        self.ident: str | None = None
        self._customer_id: str | None = None
        self.body.setWidget(self._build_content())

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)
        self.heading = heading_label()
        layout.addWidget(self.heading)

        self.customer = QLabel()
        self.customer.setWordWrap(True)
        self.customer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_customer = QPushButton(self.tr("Open customer"))
        self.open_customer.clicked.connect(lambda: self.customerRequested.emit(self._customer_id or ""))
        customer_row = QHBoxLayout()
        customer_row.addWidget(self.customer, 1)
        customer_row.addWidget(self.open_customer)
        layout.addLayout(customer_row)

        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, caption in (("date", self.tr("Date")), ("status", self.tr("Status")),
                             ("channel", self.tr("Channel")), ("paid", self.tr("Paid")),
                             ("employee", self.tr("Sold by")), ("campaign", self.tr("Campaign"))):
            self.fields[key] = QLabel()
            self.fields[key].setWordWrap(True)
            self.fields[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(caption, self.fields[key])
        layout.addLayout(form)

        self.items = QTableWidget(0, 4)
        self.items.setHorizontalHeaderLabels([self.tr("Product"), self.tr("Qty"), self.tr("Unit price"),
                                              self.tr("Line total")])
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.items.verticalHeader().hide()
        copy_menu(self.items)
        header = self.items.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.items)

        totals = QFormLayout()
        totals.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        totals.setFormAlignment(Qt.AlignmentFlag.AlignRight)
        self.totals: dict[str, QLabel] = {}
        for key, caption in (("subtotal", self.tr("Subtotal")), ("discount", self.tr("Discount")),
                             ("total", self.tr("Total"))):
            self.totals[key] = QLabel()
            self.totals[key].setAlignment(RIGHT)
            totals.addRow(caption, self.totals[key])
        self.totals["total"].setProperty("role", "total")
        layout.addLayout(totals)
        layout.addStretch(1)
        return content

    def show_order(self, ident: str | None) -> None:
        self.ident = ident
        self.reread()

    def _read(self, ident: str) -> dict[str, Any] | None:
        """The order with its items."""
        return self.ctx.record("orders", {"id": ident})

    def reread(self) -> None:
        order = None if self.ident is None else self._read(self.ident)
        if order is None:
            self.show_hint(self.tr("Select an order to see its items.") if self.ident is None
                           else self.tr("This order is no longer in your data."))
            return
        self._show(order)
        self.show_content()

    def _show(self, order: dict[str, Any]) -> None:
        ctx = self.ctx
        self.heading.setText(self.tr("Order %1").replace("%1", formatting.clip(order["id"], formatting.SHORT_TEXT)))
        self._customer_id = order.get("customer_id")
        self.customer.setText(name_of(ctx, "customers", "full_name", self._customer_id))
        self.open_customer.setEnabled(bool(self._customer_id))
        fields = {
            "date": datetime_of(ctx, order.get("created_at")),
            "status": status_text(order.get("status")),
            "channel": channel_text(order.get("channel")),
            "paid": datetime_of(ctx, order.get("paid_at")),
            "employee": name_of(ctx, "employees", "full_name", order.get("employee_id")),
            "campaign": name_of(ctx, "campaigns", "name", order.get("campaign_id")),
        }
        for key, text in fields.items():
            self.fields[key].setText(text)

        items = order.get("items") or []
        self.items.clearContents()
        self.items.setRowCount(len(items))
        subtotal = 0.0
        for number, item in enumerate(items):
            qty, price = item.get("qty") or 0, item.get("unit_price_thb") or 0
            subtotal += qty * price
            cells = [_cell(""), _cell(formatting.number(qty), RIGHT), _cell(formatting.thb(price), RIGHT),
                     _cell(formatting.thb(qty * price), RIGHT)]
            for column, cell in enumerate(cells):
                self.items.setItem(number, column, cell)
            self.items.setCellWidget(number, 0, self._product_label(item.get("product_id")))
        self.items.resizeRowsToContents()
        self.items.setFixedHeight(self.items.horizontalHeader().height() + 4
                                  + sum(self.items.rowHeight(n) for n in range(len(items))))
        self.totals["subtotal"].setText(formatting.thb(subtotal))
        discount = order.get("discount_thb") or 0
        self.totals["discount"].setText(formatting.thb(-discount))
        # The total as stored: it is what was charged, even if a price was corrected on an item later.
        self.totals["total"].setText(formatting.thb(order.get("total_thb")))

    def _product_label(self, ident: str | None) -> QLabel:
        """The name in the UI's language with the other language's beneath it, muted: staff read both with
        customers. A label rather than the cell's text so that the row is as tall as the Thai font needs."""
        product = None if ident is None else self.ctx.get("products", ident)
        if product is None:
            label = QLabel(html.escape(ident or formatting.DASH))
        else:
            first, second = ("name_th", "name_en") if self.ctx.settings.language == "th" else ("name_en", "name_th")
            label = QLabel(f"{html.escape(product[first])}<br><span style='{stylesheet.RICH_MUTED}'>"
                           f"{html.escape(product[second])}</span>")
            label.setToolTip(f"{product[first]}\n{product[second]}")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setContentsMargins(4, 2, 4, 2)
        return label


class OrdersView(View):
    key = "orders"
    tables = ("orders", "order_items", "customers")
    customerRequested = Signal(str)

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self.facets = {
            "status": FacetCombo(self.tr("All statuses"), status_text),
            "channel": FacetCombo(self.tr("All channels"), channel_text),
        }
        self.any_date = QCheckBox(self.tr("Any date"))
        self.any_date.setChecked(True)
        today = ctx.server_now().astimezone(BANGKOK).date()
        self.date_from, self.date_to = date_edits(self, ctx.settings.language, ctx.settings.buddhist_era)
        show_days(self.date_from, self.date_to, today - dt.timedelta(days=DEFAULT_RANGE_DAYS - 1), today)
        self.date_to.setMinimumDate(self.date_from.date())  # a range never ends before it starts
        self.date_from.dateChanged.connect(self.date_to.setMinimumDate)
        bar = QHBoxLayout()
        for combo in self.facets.values():
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self._apply_filters)
        bar.addSpacing(12)
        bar.addWidget(self.any_date)
        bar.addWidget(QLabel(self.tr("From")))
        bar.addWidget(self.date_from)
        bar.addWidget(QLabel(self.tr("To")))
        bar.addWidget(self.date_to)
        bar.addStretch(1)
        self.any_date.toggled.connect(self._date_toggled)
        self.date_from.dateChanged.connect(self._apply_filters)
        self.date_to.dateChanged.connect(self._apply_filters)

        self.names = CustomerNames(ctx)
        columns = [
            Column("created_at", self.tr("Date"), width=88,
                   text=lambda row: date_of(ctx, row.get("created_at"))),
            Column("id", self.tr("Order"), width=125),
            Column("customer_id", self.tr("Customer"), text=self.names, sortable=False),  # stretches
            Column("status", self.tr("Status"), text=lambda row: status_text(row.get("status")), width=70,
                   filter="status"),
            Column("channel", self.tr("Channel"), text=lambda row: channel_text(row.get("channel")), width=72,
                   sortable=False, filter="channel"),
            Column("total_thb", self.tr("Total"), text=lambda row: formatting.thb(row.get("total_thb")),
                   numeric=True, width=85),
            Column("paid_at", self.tr("Paid"), text=lambda row: date_of(ctx, row.get("paid_at")), width=85),
        ]
        self.list = ListPane(ctx, columns, ListQuery("orders", sort="created_at", descending=True),
                             name="ordersTable",
                             empty_text=self.tr("No orders yet — press Sync now (F5)."),
                             no_match_text=self.tr("No orders match your search or filters."),
                             count_text=lambda n: self.tr("%1 orders"))
        self.names.list = self.list
        stretch_column(self.list, CUSTOMER_COLUMN)
        self.list.selected.connect(self._selected)
        self.list.opened.connect(self._opened)
        self.list.filterRequested.connect(lambda name, value: self.facets[name].choose(value))

        self.detail = OrderDetail(ctx)
        self.detail.customerRequested.connect(self.customerRequested)

        self.splitter = beside("ordersSplitter", bar_above(bar, self.list), self.detail, (SPLIT_LIST, SPLIT_DETAIL))
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._date_toggled()
        self._refresh_facets()

    def focus_main(self) -> None:
        self.list.table.setFocus()

    def open_order(self, ident: str) -> None:
        """Show an order (from a customer's profile): selected in the list when it is there."""
        self.detail.show_order(ident)
        number = self.list.model.row_of(ident)
        if number is not None:
            self.list.table.selectRow(number)

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        restore_list(self.list, CUSTOMER_COLUMN)

    def set_search(self, text: str) -> None:
        super().set_search(text)
        self.list.model.update_query(search=text)

    def reload(self) -> None:
        for edit in (self.date_from, self.date_to):
            edit.set_buddhist_era(self.ctx.settings.buddhist_era)
        self.names.clear()
        self._refresh_facets()
        self.list.reload()
        self.detail.reread()

    def _refresh_facets(self) -> None:
        self.ctx.count_facets(self, "orders", list(self.facets), self._facets_counted)

    def _facets_counted(self, counts: dict[str, list[tuple[Any, int]]]) -> None:
        for name, combo in self.facets.items():
            combo.fill(counts[name])

    def _date_toggled(self) -> None:
        for edit in (self.date_from, self.date_to):
            edit.setEnabled(not self.any_date.isChecked())
        self._apply_filters()

    def _apply_filters(self) -> None:
        filters = {name: combo.value() for name, combo in self.facets.items() if combo.active()}
        if not self.any_date.isChecked():
            filters["date_from"] = self.date_from.date().toString(Qt.DateFormat.ISODate)
            filters["date_to"] = self.date_to.date().toString(Qt.DateFormat.ISODate)
        self.list.model.update_query(filters=filters)

    def _selected(self, row: dict[str, Any] | None) -> None:
        if row is None or row["id"] != self.detail.ident:
            self.detail.show_order(None if row is None else row["id"])

    def _opened(self, row: dict[str, Any]) -> None:
        if row["id"] != self.detail.ident:
            self.detail.show_order(row["id"])
        self.detail.items.setFocus()
