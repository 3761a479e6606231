"""The Pending changes page (desktop/pending.py's link opens it): each change waiting for the server told in
words with its state and, when the server refused it, the server's message; conflicts open the conflict dialog,
refused changes are edited (EditChangeDialog) or sent again, and a change not on its way to the server can be
discarded, after saying what goes with it. Decisions are written through `AppContext.write`."""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cache.database import CacheError
from cache.outbox import CONFLICT, KINDS, PENDING, REJECTED, SEGMENTS, SOURCES, Entry, OutboxError
from desktop import changes
from desktop.changes import field_label
from desktop.context import AppContext
from desktop.views.labels import datetime_of, fill, segment_text, source_text
from desktop.worker import SyncController

CHANGE, STATE, MADE, MESSAGE = range(4)
# What the Edit dialog offers: the fields a refused change can be corrected in. Ids (an assignment, a
# campaign) and times are chosen elsewhere, not typed.
LEAD_FIELDS = ("full_name", "nickname", "phone", "email", "line_id", "source", "segment", "notes")
TYPED_FIELDS = ("full_name", "nickname", "phone", "email", "line_id", "segment", "birthday", "notes", "kind", "body",
                "outcome")
CHOICES = {"segment": (SEGMENTS, segment_text), "source": (SOURCES, source_text), "kind": (KINDS, changes.kind_text)}


def editable_fields(entry: Entry) -> list[str]:
    """The fields the Edit dialog offers for a refused change."""
    if entry.op == "create_customer":
        return list(LEAD_FIELDS)
    return [f for f in entry.fields if f in TYPED_FIELDS]


class PendingPage(QDialog):
    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self.entries: list[Entry] = []
        self.names: dict[int, str] = {}
        self.setObjectName("pendingPage")
        self.setWindowTitle(self.tr("Pending changes — VSchool CRM"))
        self.resize(900, 420)
        intro = QLabel(self.tr("Changes made on this computer that the server has not accepted yet. They are sent at "
                               "every sync, offline ones as soon as the server can be reached; a conflict or a "
                               "refusal waits for you here."), self)
        intro.setWordWrap(True)
        intro.setProperty("role", "secondary")
        self.empty = QLabel(self.tr("Nothing waiting: every change has reached the server."), self)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("pendingTable")
        self.table.setHorizontalHeaderLabels([self.tr("Change"), self.tr("State"), self.tr("Made"),
                                              self.tr("Server's message")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)  # the server's message in full
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        for column in (STATE, MADE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())  # wrapped to the new width
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_current())
        self.table.installEventFilter(self)  # Enter and Delete on the list act on the selected change

        self.resolve_button = QPushButton(self.tr("&Resolve…"), self)
        self.resolve_button.setToolTip(self.tr("Choose, field by field, your value or the server's (Enter)"))
        self.resolve_button.clicked.connect(self.resolve_current)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.setToolTip(self.tr("Correct the values and send the change again (Enter)"))
        self.edit_button.clicked.connect(self.edit_current)
        self.retry_button = QPushButton(self.tr("Re&try"), self)
        self.retry_button.setToolTip(self.tr("Send the change again as it is"))
        self.retry_button.clicked.connect(self.retry_current)
        self.discard_button = QPushButton(self.tr("&Discard…"), self)
        self.discard_button.setToolTip(self.tr("Drop the change: the record shows the server's values again (Delete)"))
        self.discard_button.clicked.connect(self.discard_current)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.resolve_button, self.edit_button, self.retry_button, self.discard_button):
            button.setAutoDefault(False)  # Enter on the list opens the change; it never presses one of these
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        ctx.cacheChanged.connect(self._changed)
        ctx.accountChanged.connect(self._changed)
        sync.stateChanged.connect(self._changed)  # "sending" while a cycle runs, and the answers after it
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.discard_current()
                return True
        return super().eventFilter(watched, event)

    def _changed(self) -> None:
        if self.isVisible():  # a hidden page reads the outbox again when shown (PendingLink.open_page)
            self.refresh()

    # --- the list -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current()
        # What waits for the rep first, then the rest in the order it goes to the server.
        self.entries = sorted(self.ctx.changes(), key=lambda e: (e.state not in changes.NEEDS_THE_REP, e.seq))
        self.names = changes.customer_names(self.ctx, self.entries)
        syncing = self.sync.running
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            name = self.names.get(entry.seq, "")
            texts = {CHANGE: changes.describe(entry, name), STATE: changes.state_text(entry.state, syncing=syncing),
                     MADE: datetime_of(self.ctx, entry.created_at), MESSAGE: self._message(entry)}
            for column, text in texts.items():
                item = QTableWidgetItem(text)
                item.setToolTip(changes.details(self.ctx, entry) if column == CHANGE else text)
                if column == STATE and entry.state in changes.NEEDS_THE_REP:
                    item.setIcon(warning)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(self.entries))
        self.empty.setVisible(not self.entries)
        found = [n for n, e in enumerate(self.entries) if current is not None and e.seq == current.seq]
        if found or self.entries:
            self.table.selectRow(found[0] if found else 0)
        self._update_buttons()

    def _message(self, entry: Entry) -> str:
        if entry.state == CONFLICT:
            return fill(self.tr("Changed on the server too: %1"),
                        ", ".join(field_label(f) for f in entry.conflicts))
        return entry.last_error or ""

    def current(self) -> Entry | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return self.entries[rows[0].row()]

    def _update_buttons(self) -> None:
        entry = self.current()
        state = entry.state if entry is not None else None
        self.resolve_button.setEnabled(state == CONFLICT)
        self.edit_button.setEnabled(state == REJECTED and entry is not None and bool(editable_fields(entry)))
        self.retry_button.setEnabled(state == REJECTED)
        # A change on its way is the sync's until the answer comes; one the server took cannot be taken back.
        self.discard_button.setEnabled(state in (CONFLICT, REJECTED) or (state == PENDING and not self.sync.running))

    # --- actions --------------------------------------------------------------------------------------------

    def open_current(self) -> None:
        """Enter: the selected change's decision (a conflict resolved, a refused change edited)."""
        entry = self.current()
        if entry is not None and entry.state == CONFLICT:
            self.resolve_current()
        elif entry is not None and entry.state == REJECTED and editable_fields(entry):
            self.edit_current()
        elif entry is not None and entry.state == REJECTED:
            self.retry_current()

    def resolve_current(self) -> None:
        from desktop.conflicts import ConflictDialog

        entry = self.current()
        if entry is None or entry.state != CONFLICT:
            return
        ConflictDialog(self.ctx, entry, self.names.get(entry.seq, ""), self).exec()

    def edit_current(self) -> None:
        entry = self.current()
        if entry is None or entry.state != REJECTED or not editable_fields(entry):
            return
        EditChangeDialog(self.ctx, entry, self.names.get(entry.seq, ""), self).exec()

    def retry_current(self) -> None:
        entry = self.current()
        if entry is not None and entry.state == REJECTED:
            self._write(lambda box: box.retry(entry.seq))

    def discard_current(self) -> None:
        entry = self.current()
        if entry is None or not self.discard_button.isEnabled():
            return
        text = changes.loss(self.ctx, entry, self.names.get(entry.seq, "")) + "\n\n" + self.tr("Discard this change?")
        answer = QMessageBox.question(self, self.tr("Discard change"), text,
                                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Discard:
            self._write(lambda box: box.discard(entry.seq))

    def _write(self, change: Any) -> None:
        try:
            self.ctx.write(change)
        except (OutboxError, CacheError, sqlite3.Error) as exc:
            self.error.setText(fill(self.tr("Not done: %1"), str(exc)))
            self.error.show()
        else:
            self.error.hide()


class EditChangeDialog(QDialog):
    """A refused change's values, corrected and queued again (Outbox.retry)."""

    def __init__(self, ctx: AppContext, entry: Entry, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry = entry
        self.setObjectName("editChange")
        self.setWindowTitle(fill(self.tr("Edit change — %1"), name))
        self.setMinimumWidth(460)
        refusal = QLabel(fill(self.tr("The server refused this change: %1"), entry.last_error or ""), self)
        refusal.setWordWrap(True)
        refusal.setProperty("role", "note")
        refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        for field in editable_fields(entry):
            value = entry.fields.get(field)
            editor: QLineEdit | QComboBox
            if field in CHOICES:
                codes, text = CHOICES[field]
                editor = QComboBox(self)
                for code in codes:
                    editor.addItem(text(code), code)
                editor.setCurrentIndex(max(0, editor.findData(value)))
            else:
                editor = QLineEdit("" if value is None else str(value), self)
            self.editors[field] = editor
            form.addRow(field_label(field), editor)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.send = self.buttons.addButton(self.tr("Send again"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send.setDefault(True)
        self.buttons.accepted.connect(self._send)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(refusal)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, Any]:
        """The fields the rep changed, a cleared one as no value."""
        found: dict[str, Any] = {}
        for field, editor in self.editors.items():
            value = editor.currentData() if isinstance(editor, QComboBox) else (editor.text().strip() or None)
            if value != self.entry.fields.get(field):
                found[field] = value
        return found

    def _send(self) -> None:
        seq, values = self.entry.seq, self.values()
        try:
            self.ctx.write(lambda box: box.retry(seq, values))
        except (OutboxError, CacheError, sqlite3.Error) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

