"""The staff directory: who works at the school, in which role, and how to reach them, with the phone number and
email one click away from the clipboard (to paste into LINE or a mail)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cache.queries import ListQuery
from desktop.context import AppContext
from desktop.formatting import date_text
from desktop.listmodel import Column
from desktop.views.base import ListPane, View, beside, restore_list, stretch_column
from desktop.worker import SyncController

# How a new window divides its width between the list and the card (the user's own split is remembered): at the
# default size (a view about 1,080 pixels wide) the list's columns fit beside a card that shows a whole email.
SPLIT_LIST, SPLIT_CARD = 720, 360


class EmployeesView(View):
    key = "employees"
    tables = ("employees",)

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self.role = QComboBox(self)
        self.role.setObjectName("roleFilter")
        self.status = QComboBox(self)
        self.status.setObjectName("activeFilter")
        for text, value in ((self.tr("Current staff"), True), (self.tr("Former staff"), False),
                            (self.tr("Everyone"), None)):
            self.status.addItem(text, value)
        self.list = ListPane(ctx, self._columns(), ListQuery("employees", filters={"active": True}),
                             name="employeeList",
                             empty_text=self.tr("No staff yet — press Sync now (F5)."),
                             no_match_text=self.tr("Nobody matches — try another search, role or status."),
                             count_text=lambda n: self.tr("%1 staff"),
                             parent=self)
        self.card = EmployeeCard(ctx, self)
        top = QHBoxLayout()
        top.addWidget(self.role)
        top.addWidget(self.status)
        top.addStretch(1)
        splitter = beside("employeeSplitter", self.list, self.card, (SPLIT_LIST, SPLIT_CARD), self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._fill_roles()
        self.role.currentIndexChanged.connect(lambda _: self._filter("role", self.role.currentData()))
        self.status.currentIndexChanged.connect(lambda _: self._filter("active", self.status.currentData()))
        self.list.selected.connect(self._selected)
        stretch_column(self.list, 0)  # the name; the list fits its pane
        self.list.model.loaded.connect(self._loaded)
        self._loaded(self.list.model.rowCount())

    def role_name(self, role: str | None) -> str:
        return {"admin": self.tr("Administrator"), "manager": self.tr("Manager"), "sales": self.tr("Sales"),
                "marketing": self.tr("Marketing"), "instructor": self.tr("Instructor")}.get(role or "", role or "")

    def _columns(self) -> list[Column]:
        return [
            Column("full_name", self.tr("Name")),  # stretches
            Column("nickname", self.tr("Nickname"), width=75),
            Column("role", self.tr("Role"), text=lambda r: self.role_name(r.get("role")), width=95),
            Column("email", self.tr("Email"), width=185, sortable=False),
            Column("phone", self.tr("Phone"), width=95, sortable=False),
            Column("active", self.tr("Status"), text=lambda r: self.tr("Current") if r.get("active")
                   else self.tr("Former"), width=80, sortable=False),
        ]

    def _fill_roles(self) -> None:
        current = self.role.currentData()
        self.role.blockSignals(True)
        self.role.clear()
        self.role.addItem(self.tr("All roles"), None)
        for role, count in self.ctx.facets("employees", "role"):
            if role is not None:
                self.role.addItem(f"{self.role_name(role)} ({count})", role)
        self.role.setCurrentIndex(max(0, self.role.findData(current)))
        self.role.blockSignals(False)

    def _loaded(self, rows: int) -> None:
        # The list always has a filter (current staff by default), which ListPane reads as "nothing matches";
        # an empty directory means nothing was synced yet. ListPane connected its own handler first, so this
        # one runs after it and only ever corrects that case: a search or filter without matches keeps
        # ListPane's no-match message.
        if not rows and not self.ctx.count(ListQuery("employees")):
            self.list.empty.setText(self.list.nothing_yet())

    def _filter(self, name: str, value: Any) -> None:
        self.list.model.set_filter(name, value)
        self.card.show_employee(self.list.current())

    def _selected(self, row: dict[str, Any] | None) -> None:
        self.card.show_employee(row)
        if row is not None:
            self.sync.refresh_record("employees", row["id"])

    # --- View -----------------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        super().set_search(text)
        self.list.model.update_query(search=text)
        self.card.show_employee(self.list.current())

    def reload(self) -> None:
        self._fill_roles()
        self.list.reload()
        self.card.show_employee(self.list.current())

    def focus_main(self) -> None:
        self.list.table.setFocus()

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        restore_list(self.list, 0)


class EmployeeCard(QFrame):
    """The selected employee, read from their JSON file (falling back to the row), with Copy buttons."""

    def __init__(self, ctx: AppContext, view: EmployeesView) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.employee: dict[str, Any] | None = None
        self.name = QLabel(self)
        self.name.setWordWrap(True)
        self.name.setProperty("role", "title")
        self.subtitle = QLabel(self)
        self.subtitle.setProperty("role", "subtitle")
        self.email = QLabel(self)
        self.phone = QLabel(self)
        self.since = QLabel(self)
        self.code = QLabel(self)
        for label in (self.email, self.phone, self.code):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_email = QPushButton(self.tr("Copy"), self)
        self.copy_email.setObjectName("copyEmail")
        self.copy_phone = QPushButton(self.tr("Copy"), self)
        self.copy_phone.setObjectName("copyPhone")
        self.copied = QLabel(self)
        self.copied.setProperty("role", "done")
        self.hint = QLabel(self.tr("Select someone to see how to reach them."), self)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        grid = QGridLayout()
        grid.setColumnStretch(3, 1)  # the Copy buttons stay next to what they copy
        rows = ((self.tr("Email"), self.email, self.copy_email), (self.tr("Phone"), self.phone, self.copy_phone),
                (self.tr("Joined"), self.since, None), (self.tr("Code"), self.code, None))
        self._facts: list[QWidget] = []
        for number, (title, value, button) in enumerate(rows):
            caption = QLabel(title, self)
            caption.setProperty("role", "muted")
            grid.addWidget(caption, number, 0)
            grid.addWidget(value, number, 1)
            self._facts += [caption, value]
            if button is not None:
                grid.addWidget(button, number, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.name)
        layout.addWidget(self.subtitle)
        layout.addLayout(grid)
        layout.addWidget(self.copied)
        layout.addStretch(1)
        self.copy_email.clicked.connect(lambda: self._copy(self.email.text(), self.tr("Email copied")))
        self.copy_phone.clicked.connect(lambda: self._copy(self.phone.text(), self.tr("Phone number copied")))
        self.show_employee(None)

    def _document(self, row: dict[str, Any]) -> dict[str, Any]:
        return self.ctx.record("employees", row) or row

    def show_employee(self, row: dict[str, Any] | None) -> None:
        self.copied.clear()
        self.hint.setVisible(row is None)
        for widget in (self.name, self.subtitle, self.copy_email, self.copy_phone, *self._facts):
            widget.setVisible(row is not None)
        self.employee = None if row is None else self._document(row)
        if self.employee is None:
            return
        e = self.employee
        settings = self.ctx.settings
        self.name.setText(e.get("full_name") or e["id"])
        parts = [e.get("nickname"), self.view.role_name(e.get("role")),
                 self.tr("Current staff") if e.get("active") else self.tr("Former staff")]
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.email.setText(e.get("email") or "")
        self.phone.setText(e.get("phone") or "")
        self.copy_email.setEnabled(bool(e.get("email")))
        self.copy_phone.setEnabled(bool(e.get("phone")))
        self.since.setText(date_text(e.get("created_at"), buddhist_era=settings.buddhist_era,
                                     language=settings.language))
        self.code.setText(e["id"])

    def _copy(self, text: str, done: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.setText(done)
