"""Log activity: what happened with a customer (a call, a LINE chat, a visit, an e-mail, a note), what came of it,
and when to follow up. Saved at once in the cache and its outbox, offline too (cache/outbox.py); the sync
controller sends it when the server can be reached."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from cache.database import CacheError
from cache.documents import BANGKOK
from cache.outbox import KINDS, OutboxError, follow_up_at
from desktop.context import AppContext
from desktop.views.dates import EraDateEdit, qdate
from desktop.views.labels import OUTCOMES, kind_text, outcome_text
from desktop.views.widgets import wrapping_label

TIME_FORMAT = "HH:mm"
TEXT_LINES = 4  # the text box's height; a longer text scrolls


class ActivityText(QPlainTextEdit):
    """The activity's text. Enter saves, as in every other field of the dialog (and as LINE sends); Shift+Enter
    starts a new line; Tab goes on to the next field."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class ActivityDialog(QDialog):
    """Enter saves, Esc cancels. An activity the cache cannot take (the customer has left it, no one is signed in
    here) is said in the dialog, which stays open; `logged` holds the new activity's id once saved."""

    def __init__(self, ctx: AppContext, customer_id: str, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id = customer_id
        self.logged: str | None = None
        self.setWindowTitle(self.tr("Log activity — %1").replace("%1", customer_name))
        self.setMinimumWidth(460)
        settings = ctx.settings

        self.kind = QComboBox(self)
        for code in KINDS:
            self.kind.addItem(kind_text(code), code)
        self.text = ActivityText(self)
        self.text.setPlaceholderText(self.tr("What happened? (Shift+Enter starts a new line)"))
        self.text.submitted.connect(self.accept)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * TEXT_LINES + 12)
        self.outcome = QComboBox(self)
        self.outcome.setEditable(True)
        self.outcome.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code in OUTCOMES:
            self.outcome.addItem(outcome_text(code), code)
        self.outcome.setCurrentIndex(-1)
        self.outcome.lineEdit().setPlaceholderText(self.tr("Choose or type one (optional)"))

        today = ctx.server_now().astimezone(BANGKOK).date()
        self.follow_up = QCheckBox(self.tr("Follow up on"), self)
        self.day = EraDateEdit(settings.language, settings.buddhist_era, self)
        self.day.setDate(qdate(today + dt.timedelta(days=1)))
        self.time = QTimeEdit(QTime(9, 0), self)
        self.time.setDisplayFormat(TIME_FORMAT)
        self.time.setToolTip(self.tr("Bangkok time"))
        self.follow_up.toggled.connect(self._follow_up_toggled)
        self._follow_up_toggled(False)
        when = QHBoxLayout()
        when.addWidget(self.day, 1)
        when.addWidget(self.time)

        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("What happened"), self.text)
        form.addRow(self.tr("Outcome"), self.outcome)
        form.addRow(self.follow_up, when)

        self.error = wrapping_label()
        self.error.setProperty("role", "error")
        self.error.hide()
        self.detail = wrapping_label()
        self.detail.setProperty("role", "muted")
        self.detail.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)
        self.text.setFocus()

    def _follow_up_toggled(self, on: bool) -> None:
        self.day.setEnabled(on)
        self.time.setEnabled(on)

    def outcome_value(self) -> str | None:
        """A suggestion as its stored word (whatever the language it was chosen in), else the text as typed."""
        typed = " ".join(self.outcome.currentText().split())
        if not typed:
            return None
        for code in OUTCOMES:
            if typed.casefold() in (code.casefold(), outcome_text(code).casefold()):
                return code
        return typed

    def follow_up_value(self) -> str | None:
        if not self.follow_up.isChecked():
            return None
        day, time = self.day.date(), self.time.time()
        return follow_up_at(dt.date(day.year(), day.month(), day.day()), dt.time(time.hour(), time.minute()))

    def _show_error(self, text: str, detail: str = "") -> None:
        self.error.setText(text)
        self.error.show()
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def accept(self) -> None:
        body = self.text.toPlainText().strip() or None
        outcome = self.outcome_value()
        if body is None and outcome is None:
            self._show_error(self.tr("Write what happened, or choose an outcome."))
            self.text.setFocus()
            return
        kind = self.kind.currentData()
        follow_up = self.follow_up_value()
        try:
            self.logged = self.ctx.write(lambda box: box.log_activity(
                self.customer_id, kind, body, outcome=outcome, follow_up_at=follow_up))
        except OutboxError as exc:
            # The kind comes from the list: what is left to refuse is a customer gone from the cache meanwhile.
            self._show_error(self.tr("The activity was not saved: this customer is no longer in the data on this "
                                     "computer."), str(exc))
            return
        except CacheError as exc:
            self._show_error(self.tr("The activity was not saved: the data on this computer cannot be written."),
                             str(exc))
            return
        super().accept()
