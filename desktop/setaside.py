"""What the window says of the records the sync set aside (cache/quarantine.py): a line in the status bar,
"3 records could not be stored — details", that opens the list of them with their reasons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cache import quarantine
from desktop.context import AppContext


class SetAsideLink(QPushButton):
    """Hidden while nothing is set aside. A flat button, so that Tab reaches it and Space opens the list."""

    def __init__(self, ctx: AppContext, table_title: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table_title = table_title
        self.setObjectName("setAside")
        self.setFlat(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self.show_details)
        self.hide()

    def refresh(self) -> None:
        count = len(self.ctx.set_aside())
        if count == 1:
            self.setText(self.tr("1 record could not be stored — details"))
        elif count:
            self.setText(self.tr("%1 records could not be stored — details").replace("%1", str(count)))
        self.setVisible(bool(count))

    def show_details(self) -> None:
        SetAsideDialog(self.ctx.set_aside(), self.table_title, self.window()).exec()


class SetAsideDialog(QDialog):
    def __init__(self, entries: list[quarantine.Entry], table_title: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setAsideDialog")
        self.setWindowTitle(self.tr("Records that could not be stored"))
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("The server sent these records, but this computer could not store them. Everything "
                              "else is synced. They are tried again at every sync, and leave this list once they "
                              "can be stored or the record changes on the server."), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(len(entries), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Record"), self.tr("Reason")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, entry in enumerate(entries):
            for column, text in enumerate((self._kind(entry, table_title), entry.path or entry.ident, entry.error)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table, 1)
        from PySide6.QtWidgets import QDialogButtonBox  # here, as desktop/views/base.py's dialogs are

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _kind(self, entry: quarantine.Entry, table_title: Callable[[str], str]) -> str:
        if entry.kind == quarantine.FILE:
            return self.tr("file")
        if entry.kind == quarantine.ANALYTICS:
            return self.tr("analytics")
        return table_title(entry.table)
