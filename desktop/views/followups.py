"""Follow-ups: the open follow-ups of the signed-in rep (or of everyone the rep can see), grouped by Bangkok's day
as the server's clock has it: overdue, due today, upcoming. Enter or a double-click opens the customer; Mark done
(Ctrl+D) writes through the outbox, offline too, and the row leaves its group at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cache import queries
from cache.documents import BANGKOK
from desktop import formatting
from desktop.context import AppContext
from desktop.views.base import View, empty_state
from desktop.views.labels import datetime_of, kind_text
from desktop.views.timeline import mark_done, show_problem
from desktop.views.widgets import copy_menu, wrapping_label
from desktop.worker import SyncController

# The rows each group lays out (the soonest due); its title counts them all.
ROWS_SHOWN = 300
_GROUP_TITLES = {queries.OVERDUE: QT_TRANSLATE_NOOP("FollowUpsView", "Overdue (%1)"),
                 queries.TODAY: QT_TRANSLATE_NOOP("FollowUpsView", "Due today (%1)"),
                 queries.UPCOMING: QT_TRANSLATE_NOOP("FollowUpsView", "Upcoming (%1)")}
ACTIVITY = Qt.ItemDataRole.UserRole  # a row's activity (a dict); group rows hold none
DUE, CUSTOMER, KIND, TEXT, WHO = range(5)


class _Tree(QTreeWidget):
    opened = Signal(object)  # the activity under the cursor: Enter, or a double-click

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None and item.data(0, ACTIVITY):
            self.opened.emit(item.data(0, ACTIVITY))
            return
        super().keyPressEvent(event)


class FollowUpsView(View):
    key = "followups"
    tables = ("customer_activities",)
    searchable = False
    customerRequested = Signal(str)

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self._me: str | None = None
        self.everyone = QCheckBox(self.tr("Everyone's follow-ups"))
        self.everyone.toggled.connect(lambda _on: self.reload())
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.setShortcut(QKeySequence("Ctrl+D"))
        self.done_button.setToolTip(self.tr("The selected follow-up is done (Ctrl+D)"))
        self.done_button.clicked.connect(self.mark_done)
        bar = QHBoxLayout()
        bar.addWidget(self.everyone)
        bar.addStretch(1)
        bar.addWidget(self.done_button)
        self.error = wrapping_label()
        self.error.setProperty("role", "error")
        self.error.hide()

        self.tree = _Tree(self)
        self.tree.setObjectName("followUpsTree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([self.tr("Due"), self.tr("Customer"), self.tr("Kind"), self.tr("What happened"),
                                   self.tr("Who")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setToolTip(self.tr("Enter or double-click opens the customer"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in ((DUE, 140), (CUSTOMER, 200), (KIND, 80), (WHO, 160)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        self.tree.opened.connect(lambda activity: self.customerRequested.emit(activity["customer_id"]))
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._update_button())
        copy_menu(self.tree, self._double_clicked)

        self.empty = empty_state(self.tr("No open follow-ups. Log an activity with a follow-up date from a customer's "
                                         "profile (Ctrl+L)."), self)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.tree)
        self._stack.addWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addLayout(self._stack, 1)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.reload()

    def focus_main(self) -> None:
        """Into the list, the cursor on a follow-up, so that Enter and Ctrl+D act at once."""
        self.tree.setFocus()
        items = self._activity_items()
        if self.current() is None and items:
            self.tree.setCurrentItem(items[0])

    # --- reading --------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the groups again, the cursor staying on the activity it was on, or (that one done) on the next,
        so that Ctrl+D can go down the list."""
        current = self.current()
        at = self._position(self.tree.currentItem())
        self._me = self.ctx.employee_id()
        self.everyone.setEnabled(self._me is not None)
        self.everyone.setToolTip(self.tr("Also the follow-ups of the other staff, as far as you may see them")
                                 if self._me is not None else
                                 self.tr("Your account is not linked to an employee record: everyone's follow-ups "
                                         "are shown."))
        everyone = self.everyone.isChecked() or self._me is None
        self.tree.setColumnHidden(WHO, not everyone)
        conn = self.ctx.conn
        today = self.ctx.server_now().astimezone(BANGKOK).date()
        groups = [] if conn is None else queries.follow_ups(conn, today, employee_id=None if everyone else self._me,
                                                            limit=ROWS_SHOWN)
        names = self.ctx.names("employees", "full_name", {r["employee_id"] for g in groups for r in g.rows
                                                           if r.get("employee_id")}) if everyone else {}
        self.tree.blockSignals(True)
        self.tree.clear()
        self.groups = {}
        for group in groups:
            item = QTreeWidgetItem([fill_count(group.name, group.count)])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)  # once in the tree: the span is the tree's
            item.addChildren([self._row(activity, names) for activity in group.rows])
            if group.count > len(group.rows):
                more = QTreeWidgetItem([self.tr("… and %1 more").replace(
                    "%1", formatting.number(group.count - len(group.rows)))])
                more.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.addChild(more)
            item.setExpanded(True)
            self.groups[group.name] = item
        self.tree.blockSignals(False)
        self._restore_cursor(current, at)
        total = sum(g.count for g in groups)
        self._stack.setCurrentWidget(self.tree if total else self.empty)
        self._update_button()

    def _row(self, activity: dict[str, Any], names: dict[str, Any]) -> QTreeWidgetItem:
        def short(value: object) -> str:
            return formatting.clip(" ".join(str(value or "").split()), formatting.SHORT_TEXT)

        who = activity.get("employee_id")
        item = QTreeWidgetItem([datetime_of(self.ctx, activity.get("follow_up_at")),
                                short(activity.get("customer_name") or activity.get("customer_id")),
                                kind_text(activity.get("kind")), short(activity.get("body")),
                                short(names.get(who) or who)])
        item.setData(0, ACTIVITY, activity)
        item.setToolTip(TEXT, formatting.clip(str(activity.get("body") or ""), 1000))
        return item

    def rows(self, group: str) -> list[dict[str, Any]]:
        """The activities a group lists, in its order."""
        item = self.groups.get(group)
        if item is None:
            return []
        found = (item.child(n).data(0, ACTIVITY) for n in range(item.childCount()))
        return [a for a in found if a]

    # --- the cursor -----------------------------------------------------------------------------------------

    def current(self) -> dict[str, Any] | None:
        item = self.tree.currentItem()
        activity = item.data(0, ACTIVITY) if item is not None else None
        return activity or None

    def select(self, ident: str) -> bool:
        for group in self.groups.values():
            for number in range(group.childCount()):
                child = group.child(number)
                activity = child.data(0, ACTIVITY)
                if activity and activity["id"] == ident:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _activity_items(self) -> list[QTreeWidgetItem]:
        """The rows of activities, in reading order (group titles and "… more" left out)."""
        return [group.child(n) for group in self.groups.values() for n in range(group.childCount())
                if group.child(n).data(0, ACTIVITY)]

    def _position(self, item: QTreeWidgetItem | None) -> int | None:
        items = self._activity_items()
        return items.index(item) if item in items else None

    def _restore_cursor(self, activity: dict[str, Any] | None, at: int | None) -> None:
        """On the activity, else (done, or moved to another day) on the row that now reads where it did: the
        next one, or the last when it was the last."""
        if activity is not None and self.select(activity["id"]):
            return
        items = self._activity_items()
        if at is not None and items:
            self.tree.setCurrentItem(items[min(at, len(items) - 1)])

    def _update_button(self) -> None:
        activity = self.current()
        mine = activity is not None and self._me is not None and activity.get("employee_id") == self._me
        self.done_button.setEnabled(mine)
        self.done_button.setToolTip(
            self.tr("The selected follow-up is done (Ctrl+D)") if mine or activity is None
            else self.tr("Only the author of an activity can mark its follow-up done"))

    def _double_clicked(self, index: QModelIndex) -> None:
        item = self.tree.itemFromIndex(index)
        activity = item.data(0, ACTIVITY) if item is not None else None
        if activity:
            self.customerRequested.emit(activity["customer_id"])

    # --- the rep's write ------------------------------------------------------------------------------------

    def mark_done(self) -> None:
        activity = self.current()
        if activity is None or not self.done_button.isEnabled():
            return
        show_problem(self.error, mark_done(self.ctx, activity["id"]))


def fill_count(group: str, count: int) -> str:
    return QCoreApplication.translate("FollowUpsView", _GROUP_TITLES[group]).replace("%1", formatting.number(count))
