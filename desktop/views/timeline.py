"""A customer's activity timeline, on their profile: what the sales staff logged, synced and still waiting to
send, newest first, each with its follow-up's state; Log activity (Ctrl+L) and Mark done write through the
outbox (AppContext.write), and every open view shows the change at once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cache.database import CacheError
from cache.documents import BANGKOK
from cache.outbox import CONFLICT, PENDING, REJECTED, SENDING, Entry, OutboxError
from cache.queries import DONE, OVERDUE, TODAY, follow_up_state
from desktop import formatting, stylesheet
from desktop.context import AppContext
from desktop.views.labels import datetime_of, fill, kind_text, outcome_text
from desktop.views.widgets import wrapping_label

# The newest activities laid out (each is a handful of labels); the profile says how many more there are.
ACTIVITIES_SHOWN = 50
BODY_SHOWN = 2000  # what a card lays out of a long text


def sending_state(entries: Sequence[Entry]) -> str | None:
    """Where the rep's changes of one record stand, the most pressing first: refused, in conflict, waiting to
    send (PENDING); None when the server has them all (or there were none)."""
    states = {e.state for e in entries}
    for state in (REJECTED, CONFLICT):
        if state in states:
            return state
    return PENDING if states & {PENDING, SENDING} else None


def mark_done(ctx: AppContext, ident: str) -> tuple[str, str] | None:
    """Mark an activity's follow-up done through the outbox: None, or what went wrong (a sentence for the rep
    and the technical detail)."""
    try:
        ctx.write(lambda box: box.mark_done(ident))
    except OutboxError as exc:
        return QCoreApplication.translate("Timeline", "The follow-up was not marked done: the activity is no longer "
                                                      "in the data on this computer."), str(exc)
    except CacheError as exc:
        return QCoreApplication.translate("Timeline", "The follow-up was not marked done: the data on this computer "
                                                      "cannot be written."), str(exc)
    return None


def show_problem(label: QLabel, problem: tuple[str, str] | None) -> None:
    """A write's problem in a view's error line (the detail in its tooltip), or the line hidden."""
    label.setVisible(problem is not None)
    if problem is not None:
        label.setText(problem[0])
        label.setToolTip(problem[1])


class ActivityCard(QFrame):
    """One activity: its kind, when and by whom, the text, the outcome, the follow-up, and whether it is still
    on its way to the server."""

    def __init__(self, timeline: Timeline, activity: dict[str, Any], author: str, entries: Sequence[Entry],
                 state: str | None, mine: bool) -> None:
        super().__init__()
        self.setObjectName("activity")
        self.ident = str(activity["id"])
        self.sending = sending_state(entries)
        self.follow_up = state
        ctx = timeline.ctx

        kind = QLabel(kind_text(activity.get("kind")))
        kind.setProperty("role", "activityKind")
        when = wrapping_label()
        when.setProperty("role", "muted")
        when.setTextFormat(Qt.TextFormat.PlainText)  # the author's name is the server's text
        when.setText(fill(self.tr("%1 · %2"), datetime_of(ctx, activity.get("created_at")), author))
        self.sending_label = QLabel()
        self.sending_label.setObjectName("sending")
        if self.sending is not None:
            stylesheet.restyle(self.sending_label, "state", self.sending)
            self.sending_label.setText({PENDING: self.tr("Waiting to send"), CONFLICT: self.tr("Changed on the server"),
                                        REJECTED: self.tr("Refused by the server")}[self.sending])
            refusal = next((e.last_error for e in reversed(entries) if e.state == REJECTED and e.last_error), "")
            self.sending_label.setToolTip({
                PENDING: self.tr("Saved on this computer; sent when the server can be reached."),
                CONFLICT: self.tr("Someone changed this activity on the server meanwhile: decide which values "
                                  "to keep in Pending changes."),
                REJECTED: refusal}[self.sending])
        self.sending_label.setVisible(self.sending is not None)
        head = QHBoxLayout()
        head.addWidget(kind)
        head.addWidget(when, 1)
        head.addWidget(self.sending_label, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(2)
        layout.addLayout(head)
        body = activity.get("body")
        if body:
            text = wrapping_label()
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setText(formatting.clip(str(body), BODY_SHOWN))
            layout.addWidget(text)
        if activity.get("outcome"):
            outcome = wrapping_label()
            outcome.setProperty("role", "secondary")
            outcome.setTextFormat(Qt.TextFormat.PlainText)
            outcome.setText(self.tr("Outcome: %1").replace("%1", formatting.clip(
                outcome_text(activity["outcome"]), formatting.SHORT_TEXT)))
            layout.addWidget(outcome)
        self.follow_up_label: QLabel | None = None
        self.done_button: QPushButton | None = None
        if state is not None:
            self.follow_up_label = wrapping_label()
            stylesheet.restyle(self.follow_up_label, "followUp", state)
            due = datetime_of(ctx, activity.get("follow_up_at"))
            if state == DONE:
                text = fill(self.tr("Follow-up %1 · done %2"), due, datetime_of(ctx, activity.get("done_at")))
            elif state == OVERDUE:
                text = fill(self.tr("Follow-up %1 · overdue"), due)
            elif state == TODAY:
                text = fill(self.tr("Follow-up %1 · due today"), due)
            else:
                text = fill(self.tr("Follow-up %1 · upcoming"), due)
            self.follow_up_label.setText(text)
            row = QHBoxLayout()
            row.addWidget(self.follow_up_label, 1)
            if state != DONE and mine:
                self.done_button = QPushButton(self.tr("Mark done"))
                self.done_button.setToolTip(self.tr("The follow-up is done"))
                self.done_button.clicked.connect(lambda: timeline.mark_done(self.ident))
                row.addWidget(self.done_button)
            layout.addLayout(row)


class Timeline(QWidget):
    """The activities of the customer the profile shows (`show_activities`), with Log activity and Mark done.
    Only an activity's author may change it on the server, so Mark done is offered on the rep's own."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer_id: str | None = None
        self.customer_name = ""
        self.cards: list[ActivityCard] = []
        self.dialog: QWidget | None = None  # the Log activity dialog while it is open

        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.log_button = QPushButton(self.tr("Log activity"))
        self.log_button.setShortcut(QKeySequence("Ctrl+L"))
        self.log_button.setToolTip(self.tr("Log a call, a LINE chat, a visit, an e-mail or a note (Ctrl+L)"))
        self.log_button.clicked.connect(self.log_activity)
        header = QHBoxLayout()
        header.addWidget(self.title, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.error = wrapping_label()
        self.error.setProperty("role", "error")
        self.error.hide()
        self.empty = QLabel(self.tr("Nothing logged yet: press Log activity (Ctrl+L) after a call, a chat or a "
                                    "visit."))
        self.empty.setWordWrap(True)
        self.empty.setProperty("role", "muted")
        self.more = QLabel()
        self.more.setProperty("role", "muted")
        self._cards = QVBoxLayout()
        self._cards.setContentsMargins(0, 0, 0, 0)
        self._cards.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.error)
        layout.addWidget(self.empty)
        layout.addLayout(self._cards)
        layout.addWidget(self.more)

    def show_activities(self, customer_id: str, customer_name: str, activities: Sequence[dict[str, Any]]) -> None:
        """The customer's activities as their document holds them (newest first), with what of them the outbox
        still holds."""
        if customer_id != self.customer_id:
            self.error.hide()
        self.customer_id, self.customer_name = customer_id, customer_name
        for card in self.cards:
            card.hide()  # out of the layout now, not only when it is deleted
            card.deleteLater()
        shown = list(activities[:ACTIVITIES_SHOWN])
        ids = [str(a["id"]) for a in shown]
        changes = self.ctx.changes_of("customer_activities", ids)
        authors = [a["employee_id"] for a in shown if a.get("employee_id")]
        names = self.ctx.names("employees", "full_name", set(authors)) if authors else {}
        me = self.ctx.employee_id()
        today = self.ctx.server_now().astimezone(BANGKOK).date()
        self.cards = []
        for activity in shown:
            author = activity.get("employee_id")
            name = formatting.clip(str(names.get(author) or author or formatting.DASH), formatting.SHORT_TEXT)
            try:
                state = follow_up_state(activity, today)
            except ValueError:  # not a date the server would send: shown as it is, with no state to act on
                state = None
            card = ActivityCard(self, activity, name, changes.get(str(activity["id"]), ()), state,
                                mine=me is not None and author == me)
            self._cards.addWidget(card)
            self.cards.append(card)
        self.title.setText(self.tr("Activities (%1)").replace("%1", formatting.number(len(activities))))
        self.empty.setVisible(not activities)
        hidden = len(activities) - len(shown)
        self.more.setText(self.tr("%1 earlier activities are not shown.").replace("%1", formatting.number(hidden)))
        self.more.setVisible(hidden > 0)

    # --- the rep's writes -----------------------------------------------------------------------------------

    def log_activity(self) -> None:
        """The Log activity dialog for the customer shown (window-modal, so the window keeps painting)."""
        if self.customer_id is None or self.dialog is not None:
            return
        from desktop.activityform import ActivityDialog

        dialog = ActivityDialog(self.ctx, self.customer_id, self.customer_name, self.window())
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: QWidget) -> None:
        self.dialog = None
        dialog.deleteLater()
        self.error.hide()

    def mark_done(self, ident: str) -> None:
        show_problem(self.error, mark_done(self.ctx, ident))
