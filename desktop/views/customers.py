"""Customers: the list with its filters (segment, source, tag, assigned to me) and the profile of the customer
under the cursor.

The list, the filters' counts and the search are SQL over the cache; the profile reads the customer's JSON file
(the seed's instant read) and asks the server for that one row in the background (DESIGN.md §4).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QIcon, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cache import phones
from cache.outbox import is_local
from cache.queries import CHANGE_STATE, ListQuery
from desktop import formatting, stylesheet
from desktop.badges import Badge
from desktop.context import AppContext
from desktop.listmodel import Column
from desktop.views.base import ListPane, View, bar_above, beside, restore_list, stretch_column
from desktop.views.labels import change_text, date_of, name_of, segment_text, source_text, status_text
from desktop.views.timeline import Timeline
from desktop.views.widgets import (
    SPLIT_DETAIL,
    SPLIT_LIST,
    FacetCombo,
    RecordPane,
    copy_menu,
    heading_label,
    wrapping_label,
)
from desktop.worker import SyncController
from sync import events as ev

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# Arrowing through the list asks the server only for the customer the cursor stops on.
REFRESH_DELAY_MS = 400
# A failed refresh says so at once (recordRefreshFailed); one that hangs ends only with the client's timeouts
# and retries, so after this long the badge stops claiming the record is being updated anyway.
REFRESH_PATIENCE_MS = 20_000
COPIED_MS = 1500
ORDER_ROWS_SHOWN = 8  # the profile's order history scrolls beyond this many
# What the profile lays out of a long field (a label takes seconds per megabyte): the beginning of the notes,
# the first tags; Copy takes the notes whole.
NOTES_SHOWN = 2000
TAGS_SHOWN = 50


def _short(value: object) -> str:
    return "" if value is None else formatting.clip(str(value), formatting.SHORT_TEXT)
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
    label = wrapping_label()
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def contact_url(key: str, value: str) -> str:
    """What a contact detail opens with the system's handler: a call, an e-mail, a LINE chat."""
    if key == "phone":
        return "tel:" + (phones.international(value) or value)
    if key == "email":
        return "mailto:" + quote(value, safe="@")
    return "https://line.me/ti/p/~" + quote(value, safe="")


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


class CustomerProfile(RecordPane):
    """One customer: read from their JSON file (SQLite when the file is missing), refreshed from the server in
    the background, with a badge saying how fresh it is. The phone, e-mail and LINE ID are links the system
    opens (a call, a mail, a chat); a tag filters the list by it; an order opens in the orders view."""

    tagRequested = Signal(str)
    orderRequested = Signal(str)
    customerRequested = Signal(str)  # another customer to show (one the edit form found with the same phone)

    def __init__(self, ctx: AppContext, sync: SyncController, badge_for: Callable[[bool], tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Select a customer to see their profile."), parent)
        self.ctx = ctx
        self.sync = sync
        self._badge_for = badge_for  # refreshing → (state, text)
        self.ident: str | None = None
        self._customer: dict[str, Any] | None = None  # as shown, for the edit form
        self.form: QWidget | None = None  # the edit form, while open
        self._refreshing: str | None = None  # the id whose refresh was asked for and has not come back
        self._pending_refresh = QTimer(self)
        self._pending_refresh.setSingleShot(True)
        self._pending_refresh.setInterval(REFRESH_DELAY_MS)
        self._pending_refresh.timeout.connect(self._refresh)
        self._patience = QTimer(self)
        self._patience.setSingleShot(True)
        self._patience.setInterval(REFRESH_PATIENCE_MS)
        self._patience.timeout.connect(lambda: self._refresh_ended(self._refreshing))
        # Methods, not lambdas: Qt disconnects a method of a deleted profile, so an answer arriving while the
        # window closes reaches nothing.
        self.sync.recordRefreshed.connect(self._refreshed)
        self.sync.recordRefreshFailed.connect(self._refresh_failed)
        self.body.setWidget(self._build_content())

    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)

        self.name = heading_label()
        self.badge = Badge()
        self.changes = Badge()  # the rep's changes the server has not accepted yet
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_button.setToolTip(self.tr("Edit this customer (F2)"))
        self.edit_button.clicked.connect(self.edit)
        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.number = QLabel()  # the customer's id: a new lead has one once the server has created it
        self.number.setProperty("role", "muted")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = QHBoxLayout()
        status.addWidget(self.number)
        status.addWidget(self.changes)
        status.addStretch(1)
        status.addWidget(self.edit_button)
        layout.addLayout(status)
        self.nickname = QLabel()
        self.nickname.setProperty("role", "muted")
        layout.addWidget(self.nickname)
        self.tags = wrapping_label()
        self.tags.setToolTip(self.tr("Click a tag to list the customers who have it"))
        self.tags.linkActivated.connect(lambda href: self.tagRequested.emit(unquote(href.removeprefix("tag:"))))
        layout.addWidget(self.tags)

        # One form for contact and details, so that all values start at the same column.
        form = QFormLayout()
        form.addRow(_section(self.tr("Contact")))
        self._captions: dict[str, str] = {}  # field → its caption, for the printed profile
        self._printed: dict[str, str] = {}  # field → its text, as the profile on screen has it
        self.contact: dict[str, tuple[QLabel, CopyButton]] = {}
        for key, caption in (("phone", self.tr("Phone")), ("email", self.tr("Email")),
                             ("line_id", self.tr("LINE ID"))):
            value, button = _value_label(), CopyButton()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.linkActivated.connect(lambda href: QDesktopServices.openUrl(QUrl(href)))
            row = QHBoxLayout()
            row.addWidget(value, 1)
            row.addWidget(button)
            form.addRow(caption, row)
            self.contact[key] = (value, button)
            self._captions[key] = caption
        form.addRow(_section(self.tr("Details")))
        self.fields: dict[str, QLabel] = {}
        for key, caption in (("segment", self.tr("Segment")), ("source", self.tr("Source")),
                             ("assigned", self.tr("Assigned to")), ("campaign", self.tr("Acquired by campaign")),
                             ("birthday", self.tr("Birthday")), ("since", self.tr("Customer since"))):
            self.fields[key] = _value_label()
            form.addRow(caption, self.fields[key])
            self._captions[key] = caption
        # Notes can run to megabytes: the label shows their beginning, the button copies them whole.
        self.fields["notes"], self.copy_notes = _value_label(), CopyButton()
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.fields["notes"], 1)
        notes_row.addWidget(self.copy_notes, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Notes"), notes_row)
        self._captions["notes"] = self.tr("Notes")
        layout.addLayout(form)

        self.orders_title = _section("")
        layout.addWidget(self.orders_title)
        self.orders = QTableWidget(0, 4)
        self.orders.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Order"), self.tr("Status"), self.tr("Total")])
        self.orders.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.orders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders.verticalHeader().hide()
        self.orders.setToolTip(self.tr("Double-click or press Enter to open the order"))
        self.orders.activated.connect(self._order_activated)
        copy_menu(self.orders, self._order_activated)
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
        self.timeline = Timeline(self.ctx)
        layout.addWidget(self.timeline)
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

    def show_none(self) -> None:
        """No customer: the list no longer holds the one shown."""
        self.ident = None
        self._pending_refresh.stop()
        self.reread()

    def hurry(self) -> None:
        """The customer the cursor rests on was opened: ask for the waiting refresh now."""
        if self._pending_refresh.isActive():
            self._pending_refresh.stop()
            self._refresh()

    def _refresh(self) -> None:
        if self.ident is None or is_local(self.ident):  # a lead not yet sent: the server has nothing to say
            return
        if self.sync.refresh_record("customers", self.ident):
            self._refreshing = self.ident
            self._patience.start()
        self.update_badge()

    def _refreshed(self, table: str, ident: str, found: bool) -> None:
        if table == "customers" and ident == self.ident:
            self._refresh_ended(ident)
            self.reread()

    def _refresh_failed(self, table: str, ident: str, _why: str) -> None:
        if table == "customers":
            self._refresh_ended(ident)

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

    def edit(self) -> None:
        """F2: the customer shown, in the form (desktop/leadform.py); saving shows the change at once."""
        if self.ident is None or self._customer is None or self._stack.currentWidget() is not self.body:
            return
        from desktop.leadform import CustomerForm

        if self.form is not None:
            self.form.deleteLater()
        self.form = form = CustomerForm(self.ctx, self._customer, self)
        form.openRequested.connect(self.customerRequested)
        form.open()

    # --- reading --------------------------------------------------------------------------------------------

    def _read(self, ident: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        """The customer and their orders, newest first."""
        doc = self.ctx.record("customers", {"id": ident})
        return None if doc is None else (doc, list(doc.get("orders") or []))

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
        self._customer = customer
        # Every text cut to what a label lays out at once (formatting.clip): the file is the server's.
        self.name.setText(_short(customer.get("full_name")))
        ident = str(customer.get("id") or "")
        self.number.setText("" if is_local(ident) else _short(ident))
        self.number.setVisible(not is_local(ident))
        state = ctx.changes_waiting("customers", [ident]).get(ident)
        if state is not None:
            self.changes.show_state(state, change_text(state))
            if is_local(ident):
                self.changes.setToolTip(self.tr("The server gives the lead its customer number when it is sent."))
        self.changes.setVisible(state is not None)
        nickname = _short(customer.get("nickname"))
        self.nickname.setText(self.tr("Nickname: %1").replace("%1", nickname) if nickname else "")
        self.nickname.setVisible(bool(nickname))
        chip = f'<a href="tag:{{}}" style="{stylesheet.RICH_TAG}">&nbsp;{{}}&nbsp;</a>'
        tags = [str(t) for t in customer.get("tags") or []]
        self.tags.setText("&nbsp; ".join(chip.format(html.escape(quote(t, safe="")),
                                                     html.escape(_short(t)).replace(" ", "&nbsp;"))
                                         for t in tags[:TAGS_SHOWN]))
        self.tags.setVisible(bool(tags))
        self._tags = tags
        for key, (value, button) in self.contact.items():
            detail = customer.get(key)
            value.setText(_link(contact_url(key, detail), _short(detail)) if detail else formatting.DASH)
            button.set_value(detail)
        self.contact["phone"][0].setToolTip(self.tr("Call"))
        self.contact["email"][0].setToolTip(self.tr("Write an e-mail"))
        self.contact["line_id"][0].setToolTip(self.tr("Chat on LINE"))
        notes = customer.get("notes")
        self.copy_notes.set_value(notes)
        fields = {
            "segment": segment_text(customer.get("segment")),
            "source": source_text(customer.get("source")),
            "assigned": name_of(ctx, "employees", "full_name", customer.get("assigned_employee_id")),
            "campaign": name_of(ctx, "campaigns", "name", customer.get("acquired_campaign_id")),
            "birthday": date_of(ctx, customer.get("birthday")),
            "since": date_of(ctx, customer.get("created_at")),
            "notes": formatting.clip(notes, NOTES_SHOWN) if notes else formatting.DASH,
        }
        for key, text in fields.items():
            self.fields[key].setText(text)
        self._printed = {key: customer.get(key) or formatting.DASH for key in self.contact} | fields
        self._show_orders(orders)
        self.timeline.show_activities(customer["id"], self.name.text(), customer.get("activities") or [])

    # --- printing -------------------------------------------------------------------------------------------

    def printable(self) -> QTextDocument:
        """The profile on paper: what the pane shows, as one document in the application's font (which has the
        Thai glyphs)."""
        cells = "".join(f"<tr><td><b>{html.escape(self._captions[key])}</b></td><td>{html.escape(text)}</td></tr>"
                        for key, text in self._printed.items())
        orders = "".join(
            "<tr>" + "".join(f"<td>{html.escape(self.orders.item(r, c).text())}</td>" for c in range(4)) + "</tr>"
            for r in range(self.orders.rowCount()))
        heading = "".join(f"<th align='left'>{html.escape(self.orders.horizontalHeaderItem(c).text())}</th>"
                          for c in range(4))
        tags = ", ".join(html.escape(t) for t in self._tags)
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setHtml(
            f"<h1>{html.escape(self.name.text())}</h1>"
            + (f"<p>{html.escape(self.nickname.text())}</p>" if self.nickname.text() else "")
            + (f"<p>{tags}</p>" if tags else "")
            + f"<table cellpadding='3'>{cells}</table>"
            + (f"<h3>{html.escape(self.orders_title.text())}</h3><table cellpadding='3' width='100%'>"
               f"<tr>{heading}</tr>{orders}</table>" if self.orders.rowCount() else ""))
        return document

    def print_to(self, printer: QPrinter) -> None:
        self.printable().print_(printer)

    def print_dialog(self) -> None:
        """Ctrl+P: the system's print dialog, where "Print to file" makes a PDF."""
        if self.ident is None or self._stack.currentWidget() is not self.body:
            return
        # Imported here, as the export dialog's classes are (desktop/views/base.py).
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.name.text())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def _order_activated(self, index: QModelIndex) -> None:
        item = self.orders.item(index.row(), 1)
        if item is not None:
            self.orderRequested.emit(item.text())

    def _show_orders(self, orders: list[dict[str, Any]]) -> None:
        self.orders_title.setText(self.tr("Orders (%1)").replace("%1", formatting.number(len(orders))))
        self.orders.setRowCount(len(orders))
        for number, order in enumerate(orders):
            total = QTableWidgetItem(formatting.thb(order.get("total_thb")))
            total.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            cells = [QTableWidgetItem(date_of(self.ctx, order.get("created_at"))),
                     QTableWidgetItem(_short(order["id"])), QTableWidgetItem(status_text(order.get("status"))), total]
            for column, cell in enumerate(cells):
                self.orders.setItem(number, column, cell)
        self.orders.setVisible(bool(orders))
        # Tall enough for the rows up to a handful, so a short history does not leave a large empty box.
        rows = min(len(orders), ORDER_ROWS_SHOWN)
        self.orders.setFixedHeight(self.orders.horizontalHeader().height() + 4
                                   + rows * self.orders.verticalHeader().defaultSectionSize())


class CustomersView(View):
    key = "customers"
    tables = ("customers", "orders")
    orderRequested = Signal(str)

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

        # A customer with changes waiting for the server says so after their name, with an icon before it.
        icons = {"pending": QStyle.StandardPixmap.SP_ArrowUp, "sending": QStyle.StandardPixmap.SP_ArrowUp,
                 "conflict": QStyle.StandardPixmap.SP_MessageBoxWarning,
                 "rejected": QStyle.StandardPixmap.SP_MessageBoxCritical}
        self._change_icons = {state: self.style().standardIcon(pixmap) for state, pixmap in icons.items()}
        columns = [
            Column("full_name", self.tr("Name"), marker=self._change_marker),  # stretches
            Column("nickname", self.tr("Nickname"), width=70),
            Column("phone", self.tr("Phone"), width=115),
            Column("segment", self.tr("Segment"), text=lambda row: segment_text(row.get("segment")), width=70,
                   filter="segment"),
            Column("source", self.tr("Source"), text=lambda row: source_text(row.get("source")), width=72,
                   filter="source"),
            Column("tags", self.tr("Tags"), text=lambda row: ", ".join(row.get("tags") or []), width=110,
                   sortable=False, filter="tag"),
            Column("created_at", self.tr("Created"), text=lambda row: date_of(ctx, row.get("created_at")),
                   width=85),
        ]
        self.list = ListPane(ctx, columns, ListQuery("customers", sort="full_name"), name="customersTable",
                             empty_text=self.tr("No customers yet — press Sync now (F5)."),
                             no_match_text=self.tr("No customers match your search or filters."),
                             count_text=self._count_text)
        stretch_column(self.list, 0)
        self.list.selected.connect(self._selected)
        self.list.opened.connect(self._opened)
        self.list.filterRequested.connect(lambda name, value: self.facets[name][1].choose(value))

        self.profile = CustomerProfile(ctx, sync, lambda refreshing: self.badge(("customers",),
                                                                                 refreshing=refreshing))
        self.profile.tagRequested.connect(self.facets["tag"][1].choose)
        self.profile.orderRequested.connect(self.orderRequested)
        self.profile.customerRequested.connect(self.open_customer)
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

    def _count_text(self, n: int) -> str:
        return self.tr("1 customer") if n == 1 else self.tr("%1 customers")

    def print_record(self) -> None:
        self.profile.print_dialog()

    def set_search(self, text: str) -> None:
        super().set_search(text)
        self.list.model.update_query(search=text)

    def reload(self) -> None:
        self._follow_new_id()
        self._refresh_filters()
        self.list.reload()
        self.profile.reread()

    def _change_marker(self, row: dict[str, Any]) -> tuple[str, QIcon] | None:
        state = row.get(CHANGE_STATE)
        return None if state is None else (change_text(state), self._change_icons.get(state, QIcon()))

    def _follow_new_id(self) -> None:
        """A lead shown under its local id was created on the server: the sync has replaced the local id with
        the customer's number (cache.outbox.adopt), and the profile and the list's cursor follow it there."""
        ident = self.profile.ident
        if ident is not None and is_local(ident) and (number := self.ctx.adopted_id(ident)):
            self.profile.ident = number
            if self.list.record == ident:
                self.list.record = number

    def open_customer(self, ident: str) -> None:
        """Show a customer's profile (from another view), with the list showing them: a search or filter that
        leaves them out is cleared first, as the profile beside the list is always one of its customers."""
        self.profile.open(ident)
        if not self.list.show_record(ident) and (self.search_text or self.list.model.query.filters):
            self.clear_search_and_filters()
            self.list.show_record(ident)

    def clear_search_and_filters(self) -> None:
        """Every customer listed (the main window shows the view's search_text in its search box)."""
        for _, combo in self.facets.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.mine.blockSignals(True)
        self.mine.setChecked(False)
        self.mine.blockSignals(False)
        self.search_text = ""
        self.list.model.update_query(search="", filters={})

    # --- filters --------------------------------------------------------------------------------------------

    def _refresh_filters(self) -> None:
        self.ctx.count_facets(self, "customers", [column for column, _ in self.facets.values()],
                              self._filters_counted)
        self._me = self.ctx.employee_id()
        self.mine.setEnabled(self._me is not None)
        self.mine.setToolTip("" if self._me else self.tr(
            "Your account is not linked to an employee record, so no customers are assigned to you."))
        if self._me is None and self.mine.isChecked():
            self.mine.setChecked(False)  # applies the filters again
        else:
            self._apply_filters()

    def _filters_counted(self, counts: dict[str, list[tuple[Any, int]]]) -> None:
        for column, combo in self.facets.values():
            combo.fill(counts[column])

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
        if row is None:
            self.profile.show_none()
        elif row["id"] != self.profile.ident:
            self.profile.open(row["id"], refresh_now=False)

    def _opened(self, row: dict[str, Any]) -> None:
        if row["id"] == self.profile.ident:
            self.profile.hurry()
        else:
            self.profile.open(row["id"])
        self.profile.body.setFocus()
