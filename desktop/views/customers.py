"""Customers: the list with its filters (segment, source, tag, assigned to me) and the profile of the customer
under the cursor.

The list, the filters' counts and the search are SQL over the cache; the profile reads the customer's JSON file
(the seed's instant read) and asks the server for that one row in the background (DESIGN.md §4).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStackedLayout,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cache.jsontree import file_name
from cache.queries import ListQuery
from desktop import formatting, stylesheet
from desktop.badges import Badge
from desktop.context import AppContext
from desktop.listmodel import Column
from desktop.views.base import ListPane, View, bar_above, beside
from desktop.worker import SyncController
from sync import events as ev

# Arrowing through the list asks the server only for the customer the cursor stops on.
REFRESH_DELAY_MS = 400
# A failed refresh says so at once (recordRefreshFailed); one that hangs ends only with the client's timeouts
# and retries, so after this long the badge stops claiming the record is being updated anyway.
REFRESH_PATIENCE_MS = 20_000
COPIED_MS = 1500
ORDER_ROWS_SHOWN = 8  # the profile's order history scrolls beyond this many
# How a new window divides its width between the list and the record (the user's own split is remembered):
# pixels at the default size (a view about 1,080 pixels wide, where the list's columns fit without scrolling
# sideways), and the same ratio for what a larger window adds.
SPLIT_LIST, SPLIT_DETAIL = 700, 380

# Codes the server stores, as people read them. A code missing here (a new one) is shown as it is.
_SEGMENTS = {"lead": QT_TRANSLATE_NOOP("Segment", "Lead"), "new": QT_TRANSLATE_NOOP("Segment", "New"),
             "active": QT_TRANSLATE_NOOP("Segment", "Active"), "vip": QT_TRANSLATE_NOOP("Segment", "VIP"),
             "dormant": QT_TRANSLATE_NOOP("Segment", "Dormant")}
_SOURCES = {"FB": QT_TRANSLATE_NOOP("Source", "Facebook"), "IG": QT_TRANSLATE_NOOP("Source", "Instagram"),
            "LN": QT_TRANSLATE_NOOP("Source", "LINE"), "TT": QT_TRANSLATE_NOOP("Source", "TikTok"),
            "GG": QT_TRANSLATE_NOOP("Source", "Google"), "WI": QT_TRANSLATE_NOOP("Source", "Walk-in"),
            "RF": QT_TRANSLATE_NOOP("Source", "Referral"), "WB": QT_TRANSLATE_NOOP("Source", "Website")}
_STATUSES = {"pending": QT_TRANSLATE_NOOP("OrderStatus", "Pending"), "paid": QT_TRANSLATE_NOOP("OrderStatus", "Paid"),
             "refunded": QT_TRANSLATE_NOOP("OrderStatus", "Refunded"),
             "cancelled": QT_TRANSLATE_NOOP("OrderStatus", "Cancelled")}


def label_of(context: str, names: Mapping[str, object], code: str | None) -> str:
    """`names` maps codes to QT_TRANSLATE_NOOP source strings (typed object by PySide, str at run time)."""
    if code is None:
        return formatting.DASH
    return QCoreApplication.translate(context, str(names[code])) if code in names else code


def segment_text(code: str | None) -> str:
    return label_of("Segment", _SEGMENTS, code)


def source_text(code: str | None) -> str:
    return label_of("Source", _SOURCES, code)


def status_text(code: str | None) -> str:
    return label_of("OrderStatus", _STATUSES, code)


def date_of(ctx: AppContext, value: str | None) -> str:
    return formatting.date_text(value, buddhist_era=ctx.settings.buddhist_era, language=ctx.settings.language)


def name_of(ctx: AppContext, table: str, column: str, ident: str | None) -> str:
    """A related row's name (the assigned employee, a campaign); its id when that row is not in the cache."""
    if ident is None:
        return formatting.DASH
    row = ctx.get(table, ident)
    return str(row[column]) if row and row.get(column) else ident


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

    def select_value(self, value: Any) -> None:
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


class CopyButton(QToolButton):
    """Puts a value on the clipboard in one click and says so for a moment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = ""
        self.setText(self.tr("Copy"))
        self.setAutoRaise(True)
        self._restore = QTimer(self)
        self._restore.setSingleShot(True)
        self._restore.setInterval(COPIED_MS)
        self._restore.timeout.connect(lambda: self.setText(self.tr("Copy")))
        self.clicked.connect(self._copy)

    def set_value(self, value: str | None) -> None:
        self.value = value or ""
        self.setEnabled(bool(value))
        self._restore.stop()
        self.setText(self.tr("Copy"))

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.value)
        self.setText(self.tr("Copied"))
        self._restore.start()


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "section")
    return label


def _value_label() -> QLabel:
    label = QLabel()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def heading_label() -> QLabel:
    label = QLabel()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
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

    def show_hint(self, text: str) -> None:
        self.empty.setText(text)
        self._stack.setCurrentWidget(self.empty)

    def show_content(self) -> None:
        self._stack.setCurrentWidget(self.body)


class CustomerProfile(RecordPane):
    """One customer: read from their JSON file (SQLite when the file is missing), refreshed from the server in
    the background, with a badge saying how fresh it is."""

    def __init__(self, ctx: AppContext, sync: SyncController, badge_for: Callable[[bool], tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select a customer to see their profile."), parent)
        self.ctx = ctx
        self.sync = sync
        self._badge_for = badge_for  # refreshing → (state, text)
        self.ident: str | None = None
        self._refreshing: str | None = None  # the id whose refresh was asked for and has not come back
        self._pending_refresh = QTimer(self)
        self._pending_refresh.setSingleShot(True)
        self._pending_refresh.setInterval(REFRESH_DELAY_MS)
        self._pending_refresh.timeout.connect(self._refresh)
        self._patience = QTimer(self)
        self._patience.setSingleShot(True)
        self._patience.setInterval(REFRESH_PATIENCE_MS)
        self._patience.timeout.connect(lambda: self._refresh_ended(self._refreshing))
        self.sync.recordRefreshed.connect(self._refreshed)
        self.sync.recordRefreshFailed.connect(
            lambda table, ident, _why: self._refresh_ended(ident) if table == "customers" else None)
        self.body.setWidget(self._build_content())

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)

        self.name = heading_label()
        self.badge = Badge()
        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.nickname = QLabel()
        self.nickname.setProperty("role", "muted")
        layout.addWidget(self.nickname)
        self.tags = QLabel()
        self.tags.setWordWrap(True)
        layout.addWidget(self.tags)

        # One form for contact and details, so that all values start at the same column.
        form = QFormLayout()
        form.addRow(_section(self.tr("Contact")))
        self.contact: dict[str, tuple[QLabel, CopyButton]] = {}
        for key, caption in (("phone", self.tr("Phone")), ("email", self.tr("Email")),
                             ("line_id", self.tr("LINE ID"))):
            value, button = _value_label(), CopyButton()
            row = QHBoxLayout()
            row.addWidget(value, 1)
            row.addWidget(button)
            form.addRow(caption, row)
            self.contact[key] = (value, button)
        form.addRow(_section(self.tr("Details")))
        self.fields: dict[str, QLabel] = {}
        for key, caption in (("segment", self.tr("Segment")), ("source", self.tr("Source")),
                             ("assigned", self.tr("Assigned to")), ("campaign", self.tr("Acquired by campaign")),
                             ("birthday", self.tr("Birthday")), ("since", self.tr("Customer since")),
                             ("notes", self.tr("Notes"))):
            self.fields[key] = _value_label()
            form.addRow(caption, self.fields[key])
        layout.addLayout(form)

        self.orders_title = _section("")
        layout.addWidget(self.orders_title)
        self.orders = QTableWidget(0, 4)
        self.orders.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Order"), self.tr("Status"), self.tr("Total")])
        self.orders.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.orders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders.verticalHeader().hide()
        # Fits the pane: the order's code takes what the date, status and total leave (elided in the middle,
        # where codes differ least, when the pane is narrow), so that the total is never scrolled out of view.
        self.orders.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.orders.setWordWrap(False)
        self.orders.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        orders_header = self.orders.horizontalHeader()
        orders_header.setStretchLastSection(False)
        orders_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        orders_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.orders)
        layout.addStretch(1)
        return content

    # --- which customer -------------------------------------------------------------------------------------

    def open(self, ident: str, *, refresh_now: bool = True) -> None:
        """Show a customer at once from the cache, then revalidate it: now, or once the cursor rests."""
        self.ident = ident
        self._pending_refresh.stop()
        self.reread()
        if refresh_now:
            self._refresh()
        else:
            self._pending_refresh.start()

    def hurry(self) -> None:
        """The customer the cursor rests on was opened: ask for the waiting refresh now."""
        if self._pending_refresh.isActive():
            self._pending_refresh.stop()
            self._refresh()

    def _refresh(self) -> None:
        if self.ident is None:
            return
        if self.sync.refresh_record("customers", self.ident):
            self._refreshing = self.ident
            self._patience.start()
        self.update_badge()

    def _refreshed(self, table: str, ident: str, found: bool) -> None:
        if table == "customers" and ident == self.ident:
            self._refresh_ended(ident)
            self.reread()

    def _refresh_ended(self, ident: str | None) -> None:
        if ident is not None and ident == self._refreshing:
            self._refreshing = None
            self._patience.stop()
            self.update_badge()

    @property
    def refreshing(self) -> bool:
        return self.ident is not None and self._refreshing == self.ident

    def update_badge(self) -> None:
        if self.ident is not None:
            self.badge.show_state(*self._badge_for(self.refreshing))

    # --- reading --------------------------------------------------------------------------------------------

    def _read(self, ident: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The customer and their orders, newest first: from the JSON file, or from SQLite without one."""
        doc = self.ctx.document(f"customer/{file_name(ident)}.json")
        if isinstance(doc, dict):
            return doc, list(doc.get("orders") or [])
        row = self.ctx.get("customers", ident)
        if row is None:
            return None
        query = ListQuery("orders", filters={"customer_id": ident}, sort="created_at", descending=True)
        return row, self.ctx.page(query, 0, self.ctx.count(query))

    def reread(self) -> None:
        found = None if self.ident is None else self._read(self.ident)
        if found is None:
            self.show_hint(self.tr("Select a customer to see their profile.") if self.ident is None
                           else self.tr("This customer is no longer in your data."))
            return
        self._show(*found)
        self.update_badge()
        self.show_content()

    def _show(self, customer: dict[str, Any], orders: list[dict[str, Any]]) -> None:
        ctx = self.ctx
        self.name.setText(customer.get("full_name") or "")
        nickname = customer.get("nickname")
        self.nickname.setText(self.tr("Nickname: %1").replace("%1", nickname) if nickname else "")
        self.nickname.setVisible(bool(nickname))
        chip = f'<span style="{stylesheet.RICH_TAG}">&nbsp;{{}}&nbsp;</span>'
        self.tags.setText("&nbsp; ".join(chip.format(html.escape(t).replace(" ", "&nbsp;"))
                                         for t in customer.get("tags") or []))
        self.tags.setVisible(bool(customer.get("tags")))
        for key, (value, button) in self.contact.items():
            value.setText(customer.get(key) or formatting.DASH)
            button.set_value(customer.get(key))
        fields = {
            "segment": segment_text(customer.get("segment")),
            "source": source_text(customer.get("source")),
            "assigned": name_of(ctx, "employees", "full_name", customer.get("assigned_employee_id")),
            "campaign": name_of(ctx, "campaigns", "name", customer.get("acquired_campaign_id")),
            "birthday": date_of(ctx, customer.get("birthday")),
            "since": date_of(ctx, customer.get("created_at")),
            "notes": customer.get("notes") or formatting.DASH,
        }
        for key, text in fields.items():
            self.fields[key].setText(text)
        self._show_orders(orders)

    def _show_orders(self, orders: list[dict[str, Any]]) -> None:
        self.orders_title.setText(self.tr("Orders (%1)").replace("%1", formatting.number(len(orders))))
        self.orders.setRowCount(len(orders))
        for number, order in enumerate(orders):
            total = QTableWidgetItem(formatting.thb(order.get("total_thb")))
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells = [QTableWidgetItem(date_of(self.ctx, order.get("created_at"))), QTableWidgetItem(order["id"]),
                     QTableWidgetItem(status_text(order.get("status"))), total]
            for column, cell in enumerate(cells):
                self.orders.setItem(number, column, cell)
        self.orders.setVisible(bool(orders))
        # Tall enough for the rows up to a handful, so a short history does not leave a large empty box.
        rows = min(len(orders), ORDER_ROWS_SHOWN)
        self.orders.setFixedHeight(self.orders.horizontalHeader().height() + 4
                                   + rows * self.orders.verticalHeader().defaultSectionSize())


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


class CustomersView(View):
    key = "customers"
    tables = ("customers", "orders")

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self._me: str | None = None  # the signed-in user's employee id

        # Filter name → (facet column, its drop-down).
        self.facets = {
            "segment": ("segment", FacetCombo(self.tr("All segments"), segment_text)),
            "source": ("source", FacetCombo(self.tr("All sources"), source_text)),
            "tag": ("tags", FacetCombo(self.tr("All tags"), str)),
        }
        self.mine = QCheckBox(self.tr("Assigned to me"))
        bar = QHBoxLayout()
        for _, combo in self.facets.values():
            bar.addWidget(combo)
            combo.currentIndexChanged.connect(self._apply_filters)
        bar.addWidget(self.mine)
        bar.addStretch(1)
        self.mine.toggled.connect(self._apply_filters)

        columns = [
            Column("full_name", self.tr("Name")),  # stretches
            Column("nickname", self.tr("Nickname"), width=70),
            Column("phone", self.tr("Phone"), width=115),
            Column("segment", self.tr("Segment"), text=lambda row: segment_text(row.get("segment")), width=70),
            Column("source", self.tr("Source"), text=lambda row: source_text(row.get("source")), width=72),
            Column("tags", self.tr("Tags"), text=lambda row: ", ".join(row.get("tags") or []), width=110,
                   sortable=False),
            Column("created_at", self.tr("Created"), text=lambda row: date_of(ctx, row.get("created_at")),
                   width=85),
        ]
        self.list = ListPane(ctx, columns, ListQuery("customers", sort="full_name"), name="customersTable",
                             empty_text=self.tr("No customers yet — press Sync now (F5)."),
                             no_match_text=self.tr("No customers match your search or filters."))
        stretch_column(self.list, 0)
        self.list.selected.connect(self._selected)
        self.list.opened.connect(self._opened)

        self.profile = CustomerProfile(ctx, sync, lambda refreshing: self.badge(("customers",),
                                                                                 refreshing=refreshing))
        sync.stateChanged.connect(self.profile.update_badge)
        sync.progress.connect(self._progress)

        self.splitter = beside("customersSplitter", bar_above(bar, self.list), self.profile, (SPLIT_LIST, SPLIT_DETAIL))
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._refresh_filters()

    def focus_main(self) -> None:
        self.list.table.setFocus()

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        restore_list(self.list, 0)

    def set_search(self, text: str) -> None:
        super().set_search(text)
        self.list.model.update_query(search=text)

    def reload(self) -> None:
        self._refresh_filters()
        self.list.reload()
        self.profile.reread()

    def open_customer(self, ident: str) -> None:
        """Show a customer's profile (from another view): selected in the list when it is there."""
        self.profile.open(ident)
        number = self.list.model.row_of(ident)
        if number is not None:
            self.list.table.selectRow(number)

    # --- filters --------------------------------------------------------------------------------------------

    def _my_employee_id(self) -> str | None:
        conn, user = self.ctx.conn, self.ctx.settings.user_id
        if conn is None or not user:
            return None
        row = conn.execute("SELECT id FROM employees WHERE auth_user_id = ?", (user,)).fetchone()
        return None if row is None else row[0]

    def _refresh_filters(self) -> None:
        for column, combo in self.facets.values():
            combo.fill(self.ctx.facets("customers", column))
        self._me = self._my_employee_id()
        self.mine.setEnabled(self._me is not None)
        self.mine.setToolTip("" if self._me else self.tr(
            "Your account is not linked to an employee record, so no customers are assigned to you."))
        if self._me is None and self.mine.isChecked():
            self.mine.setChecked(False)  # applies the filters again
        else:
            self._apply_filters()

    def _apply_filters(self) -> None:
        filters = {name: combo.value() for name, (_, combo) in self.facets.items() if combo.active()}
        if self.mine.isChecked() and self._me is not None:
            filters["assigned_employee_id"] = self._me
        self.list.model.update_query(filters=filters)

    def _progress(self, event: ev.Event) -> None:
        if isinstance(event, ev.TableFinished) and event.table == "customers":
            self.profile.update_badge()

    # --- selection ------------------------------------------------------------------------------------------

    def _selected(self, row: dict[str, Any] | None) -> None:
        if row is not None and row["id"] != self.profile.ident:
            self.profile.open(row["id"], refresh_now=False)

    def _opened(self, row: dict[str, Any]) -> None:
        if row["id"] == self.profile.ident:
            self.profile.hurry()
        else:
            self.profile.open(row["id"])
        self.profile.body.setFocus()
