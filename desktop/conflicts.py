"""The conflict dialog: a field the rep changed that someone also changed on the server meanwhile (DESIGN.md
§7). For each such field it shows the value the rep's edit was based on, the server's value now and the rep's,
and the rep keeps theirs (sent again on the server's current version) or takes the server's; the other
fields of the edit have already gone through. Opened by the rep from the Pending changes page, never by
itself."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from cache.database import CacheError
from cache.outbox import Entry, OutboxError
from desktop.changes import field_label, value_text
from desktop.context import AppContext
from desktop.views.labels import fill

if TYPE_CHECKING:
    from cache.outbox import Outbox

MINE, THEIRS = 1, 0  # the ids of each field's two choices


class ConflictDialog(QDialog):
    def __init__(self, ctx: AppContext, entry: Entry, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry = entry
        self.setObjectName("conflictDialog")
        self.setWindowTitle(fill(self.tr("Resolve conflict — %1"), name))
        self.setMinimumWidth(640)
        intro = QLabel(fill(self.tr("%1 was changed on the server after you edited it. For each field, keep your "
                                    "value or take the server's. Your other changes have already been sent."), name),
                       self)
        intro.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        for column, title in enumerate((self.tr("Field"), self.tr("Before your edit"), self.tr("On the server now"),
                                        self.tr("Yours"), self.tr("Decision"))):
            heading = QLabel(title, self)
            heading.setProperty("role", "section")
            grid.addWidget(heading, 0, column)
        self.choices: dict[str, QButtonGroup] = {}
        self.values: dict[str, list[QLabel]] = {}  # field → its base, the server's and the rep's value
        for row, (field, values) in enumerate(entry.conflicts.items(), start=1):
            grid.addWidget(QLabel(field_label(field), self), row, 0)
            self.values[field] = []
            for column, key in ((1, "base"), (2, "theirs"), (3, "mine")):
                value = QLabel(value_text(ctx, field, values.get(key)), self)
                value.setWordWrap(True)
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                if key == "base":
                    value.setProperty("role", "muted")
                grid.addWidget(value, row, column)
                self.values[field].append(value)
            # Each field's choice in a widget of its own, so that its two buttons exclude only each other.
            choice = QWidget(self)
            mine = QRadioButton(self.tr("Keep mine"), choice)
            theirs = QRadioButton(self.tr("Take the server's"), choice)
            group = QButtonGroup(choice)
            group.addButton(mine, MINE)
            group.addButton(theirs, THEIRS)
            group.idToggled.connect(self._update)
            pair = QVBoxLayout(choice)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.addWidget(mine)
            pair.addWidget(theirs)
            grid.addWidget(choice, row, 4)
            self.choices[field] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(3, 1)

        self.keep_all_mine = QPushButton(self.tr("Keep all &mine"), self)
        self.keep_all_mine.clicked.connect(lambda: self.choose_all(MINE))
        self.take_all_theirs = QPushButton(self.tr("Take all the &server's"), self)
        self.take_all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        every = QHBoxLayout()
        for button in (self.keep_all_mine, self.take_all_theirs):
            button.setAutoDefault(False)
            every.addWidget(button)
        every.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.apply = self.buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setDefault(True)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "secondary")
        self.hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(every)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._update()

    def choose_all(self, side: int) -> None:
        for group in self.choices.values():
            button = group.button(side)
            button.setChecked(True)

    def decisions(self) -> dict[str, bool]:
        """Field → keep mine, for the fields decided so far."""
        return {f: g.checkedId() == MINE for f, g in self.choices.items() if g.checkedId() in (MINE, THEIRS)}

    def _update(self) -> None:
        left = len(self.choices) - len(self.decisions())
        self.apply.setEnabled(left == 0)
        decided = self.decisions()
        if left:
            self.hint.setText(self.tr("Keep yours or take the server's, for every field."))
        elif any(decided.values()):
            self.hint.setText(self.tr("Your values are sent again at the next sync; the others take the server's."))
        else:
            self.hint.setText(self.tr("The server's values stay; nothing more is sent."))

    def _apply(self) -> None:
        seq, decided = self.entry.seq, self.decisions()

        def resolve(box: Outbox) -> None:
            for field, mine in decided.items():
                box.resolve(seq, mine=mine, field=field)

        try:
            self.ctx.write(resolve)
        except (OutboxError, CacheError, sqlite3.Error) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
