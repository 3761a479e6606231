"""The rep's customer form: a new lead, or an edit of a customer from the profile (DESIGN.md §7).

Saving is one local transaction through AppContext.write: the list shows the lead at once, under a local id
until the sync has it created on the server, and the sync controller sends it shortly when online. The form
says before saving what the server would refuse (a name; a phone number, LINE ID or e-mail; where the lead came
from), keeping Save disabled until then, and warns of customers already cached with the same phone number,
LINE ID or e-mail, without blocking: the rep may save anyway or open the customer found instead. An edit sends
only what changed, and tags as additions and removals, so that it merges with the server's own changes.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cache.database import CacheError
from cache.outbox import CONTACT_FIELDS, SEGMENTS, SOURCES, OutboxError, invalid_fields
from desktop import stylesheet
from desktop.context import AppContext
from desktop.views.dates import EraDateEdit, day_of, qdate
from desktop.views.labels import segment_text, source_text

DUPLICATE_DELAY_MS = 250  # the look-up for the same contact waits for a pause in the typing
# What a duplicate warning names at most; more would not help the rep decide.
DUPLICATES_SHOWN = 5
TEXT_FIELDS = ("full_name", "nickname", "phone", "email", "line_id")
CUSTOMER_LINK = "customer:"


def _text(value: Any) -> str | None:
    """A field's value as the form compares it: stripped, and empty as nothing."""
    if value is None:
        return None
    return str(value).strip() or None


class TagInput(QLineEdit):
    """Enter adds the tag typed; with nothing typed it saves the form, as Enter does in every other field."""

    tagEntered = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            self.tagEntered.emit(self.text().strip())
            self.clear()
            return
        super().keyPressEvent(event)


class TagList(QListWidget):
    """The customer's tags, one a line; Delete removes the selected one."""

    removeRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem() is not None:
            self.removeRequested.emit()
            return
        super().keyPressEvent(event)


class CustomerForm(QDialog):
    """A new lead (`customer` None) or an edit of `customer` (its document, as the profile shows it)."""

    saved = Signal(str)  # the customer's id: a new lead's local one
    openRequested = Signal(str)  # the rep chose to open a customer the duplicate warning named instead

    def __init__(self, ctx: AppContext, customer: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = dict(customer) if customer is not None else None
        self.saved_id: str | None = None
        self.matches: list[tuple[str, str]] = []  # (id, name) of the customers the duplicate warning names
        self._touched = False  # the rep has changed something: what is missing is said as an error now
        self.setObjectName("customerForm")
        self.setMinimumWidth(480)
        if self.customer is None:
            self.setWindowTitle(self.tr("New lead"))
        else:
            self.setWindowTitle(self.tr("Edit %1").replace("%1", str(self.customer.get("full_name") or "")))
        self._build()
        self._fill(self.customer or {"segment": "lead", "tags": []})
        self._duplicates = QTimer(self, singleShot=True, interval=DUPLICATE_DELAY_MS)
        self._duplicates.timeout.connect(self.check_duplicates)
        for widget in self.lines.values():
            widget.textChanged.connect(self._changed)
        for key in CONTACT_FIELDS:
            self.lines[key].textChanged.connect(lambda _text: self._duplicates.start())
        for combo in (self.source, self.segment):
            combo.currentIndexChanged.connect(self._changed)
        self.birthday_known.toggled.connect(self._changed)
        self.birthday.dateChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self._validate()
        self.check_duplicates()

    # --- building -------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.lines = {key: QLineEdit(self) for key in TEXT_FIELDS}
        for key, widget in self.lines.items():
            widget.setObjectName(key)
        self.lines["phone"].setPlaceholderText("081-234-5678")
        self.lines["email"].setPlaceholderText("name@example.com")
        self.source = QComboBox(self)
        self.source.setObjectName("source")
        self.source.addItem(self.tr("Choose…"), None)
        for code in SOURCES:
            self.source.addItem(source_text(code), code)
        self.segment = QComboBox(self)
        self.segment.setObjectName("segment")
        for code in SEGMENTS:
            self.segment.addItem(segment_text(code), code)

        self.tag_input = TagInput(self)
        self.tag_input.setObjectName("tagInput")
        self.tag_input.setPlaceholderText(self.tr("Type a tag and press Enter"))
        self.tag_input.tagEntered.connect(self.add_tag)
        self.add_tag_button = QPushButton(self.tr("Add"), self)
        self.add_tag_button.setAutoDefault(False)
        self.add_tag_button.clicked.connect(self._add_typed_tag)
        self.tags = TagList(self)
        self.tags.setObjectName("tags")
        self.tags.setMaximumHeight(self.fontMetrics().height() * 5)
        self.tags.removeRequested.connect(self.remove_tag)
        self.remove_tag_button = QPushButton(self.tr("Remove"), self)
        self.remove_tag_button.setAutoDefault(False)
        self.remove_tag_button.setToolTip(self.tr("Remove the selected tag (Delete)"))
        self.remove_tag_button.clicked.connect(self.remove_tag)
        self.tags.currentRowChanged.connect(lambda row: self.remove_tag_button.setEnabled(row >= 0))
        tag_entry = QHBoxLayout()
        tag_entry.addWidget(self.tag_input, 1)
        tag_entry.addWidget(self.add_tag_button)
        tag_list = QHBoxLayout()
        tag_list.addWidget(self.tags, 1)
        tag_list.addWidget(self.remove_tag_button, 0, Qt.AlignmentFlag.AlignTop)
        tags = QVBoxLayout()
        tags.addLayout(tag_entry)
        tags.addLayout(tag_list)

        settings = self.ctx.settings
        self.birthday_known = QCheckBox(self.tr("Known"), self)
        self.birthday = EraDateEdit(settings.language, settings.buddhist_era, self)
        self.birthday.setObjectName("birthday")
        self.birthday.setMinimumDate(QDate(1900, 1, 1))
        self.birthday.setMaximumDate(QDate.currentDate())
        self.birthday_known.toggled.connect(self.birthday.setVisible)
        birthday = QHBoxLayout()
        birthday.addWidget(self.birthday_known)
        birthday.addWidget(self.birthday, 1)

        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 4 + 12)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.lines["full_name"])
        form.addRow(self.tr("Nickname"), self.lines["nickname"])
        form.addRow(self.tr("Phone"), self.lines["phone"])
        form.addRow(self.tr("Email"), self.lines["email"])
        form.addRow(self.tr("LINE ID"), self.lines["line_id"])
        if self.customer is None:
            form.addRow(self.tr("Source"), self.source)
        else:
            self.source.hide()  # the channel is part of the customer's id: it stays as the server has it
        form.addRow(self.tr("Segment"), self.segment)
        form.addRow(self.tr("Tags"), tags)
        form.addRow(self.tr("Birthday"), birthday)
        form.addRow(self.tr("Notes"), self.notes)

        # What keeps Save disabled, then customers with the same contact, then why a save failed.
        self.problems = QLabel(self)
        self.problems.setObjectName("formProblems")
        self.problems.setWordWrap(True)
        self.duplicates = QLabel(self)
        self.duplicates.setObjectName("duplicateWarning")
        self.duplicates.setProperty("role", "note")
        self.duplicates.setWordWrap(True)
        self.duplicates.setTextFormat(Qt.TextFormat.RichText)
        self.duplicates.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.duplicates.linkActivated.connect(self._open_duplicate)
        self.duplicates.hide()
        self.error = QLabel(self)
        self.error.setObjectName("saveError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        # Enter in the notes is a new line; Ctrl+Enter saves from there too.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        order = [*(self.lines[k] for k in ("full_name", "nickname", "phone", "email", "line_id")), self.source,
                 self.segment, self.tag_input, self.add_tag_button, self.tags, self.remove_tag_button,
                 self.birthday_known, self.birthday, self.notes, self.duplicates, self.save_button,
                 self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _fill(self, customer: Mapping[str, Any]) -> None:
        for key, widget in self.lines.items():
            widget.setText(str(customer.get(key) or ""))
        segment = customer.get("segment")
        if self.segment.findData(segment) < 0:
            # A segment this version does not know, or none: kept as it is unless the rep picks one.
            self.segment.addItem(segment_text(segment), segment)
        self.segment.setCurrentIndex(self.segment.findData(segment))
        for tag in customer.get("tags") or []:
            self.tags.addItem(str(tag))
        self.remove_tag_button.setEnabled(False)
        born = customer.get("birthday")
        try:
            day = dt.date.fromisoformat(str(born)[:10]) if born else None
        except ValueError:
            day = None
        self.birthday.setDate(qdate(day or dt.date(1990, 1, 1)))
        self.birthday_known.setChecked(day is not None)
        self.birthday.setVisible(day is not None)
        self.notes.setPlainText(str(customer.get("notes") or ""))

    # --- tags -----------------------------------------------------------------------------------------------

    def tag_values(self) -> list[str]:
        return [self.tags.item(n).text() for n in range(self.tags.count())]

    def add_tag(self, tag: str) -> None:
        if tag not in self.tag_values():
            self.tags.addItem(tag)
            self._changed()

    def _add_typed_tag(self) -> None:
        if tag := self.tag_input.text().strip():
            self.add_tag(tag)
            self.tag_input.clear()

    def remove_tag(self) -> None:
        row = self.tags.currentRow()
        if row >= 0:
            self.tags.takeItem(row)
            self._changed()

    # --- values ---------------------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """What the form holds, as the outbox takes a new lead."""
        values: dict[str, Any] = {key: _text(widget.text()) for key, widget in self.lines.items()}
        values["source"] = self.source.currentData()
        values["segment"] = self.segment.currentData()
        values["tags"] = self.tag_values()
        values["birthday"] = day_of(self.birthday).isoformat() if self.birthday_known.isChecked() else None
        values["notes"] = self.notes.toPlainText().strip() or None
        return values

    def changes(self) -> tuple[dict[str, Any], list[str], list[str]]:
        """An edit: the fields that changed, the tags added, the tags removed."""
        assert self.customer is not None
        before, now = self.customer, self.values()
        changed = {}
        for key in (*TEXT_FIELDS, "segment", "notes"):
            if now[key] != _text(before.get(key)):
                changed[key] = now[key]
        born = before.get("birthday")
        if now["birthday"] != (str(born)[:10] if born else None):
            changed["birthday"] = now["birthday"]
        old_tags = [str(t) for t in before.get("tags") or []]
        return (changed, [t for t in now["tags"] if t not in old_tags],
                [t for t in old_tags if t not in now["tags"]])

    def invalid(self) -> list[str]:
        """What keeps Save disabled (cache.outbox.invalid_fields). An edit is held only to what it makes worse:
        a customer the server holds without a contact can still have their segment changed."""
        found = invalid_fields(self.values())
        if self.customer is None:
            return found
        already = set(invalid_fields(self.customer)) | {"source"}
        return [name for name in found if name not in already]

    def _problem_text(self, name: str) -> str:
        return {
            "full_name": self.tr("Enter the customer's name."),
            "contact": self.tr("Enter a phone number, LINE ID or e-mail, so that the customer can be reached."),
            "source": self.tr("Choose where the lead came from."),
            "segment": self.tr("Choose a segment."),
        }[name]

    def _changed(self, *_: object) -> None:
        self._touched = True
        self.error.hide()
        self._validate()

    def _validate(self) -> None:
        invalid = self.invalid()
        self.problems.setText("\n".join(self._problem_text(name) for name in invalid))
        self.problems.setVisible(bool(invalid))
        # Before the rep has typed anything, what is missing is a guide; after, it is what stops Save.
        stylesheet.restyle(self.problems, "role", "error" if self._touched else "muted")
        unchanged = self.customer is not None and self.changes() == ({}, [], [])
        self.save_button.setEnabled(not invalid and not unchanged)
        self.save_button.setToolTip(self.tr("Nothing has changed yet.") if unchanged and not invalid else "")

    # --- duplicates -----------------------------------------------------------------------------------------

    def check_duplicates(self) -> None:
        """Name the cached customers with the same phone number, LINE ID or e-mail (not this one)."""
        values = {key: self.lines[key].text() for key in CONTACT_FIELDS}
        self.matches = []
        self.duplicates.hide()
        if not any(v.strip() for v in values.values()):
            return
        try:
            found = self.ctx.outbox().duplicates(values)
        except CacheError as exc:
            self._show_error(str(exc))
            return
        own = None if self.customer is None else self.customer.get("id")
        which = {"phone": self.tr("same phone number"), "line_id": self.tr("same LINE ID"),
                 "email": self.tr("same e-mail")}
        matches: dict[str, tuple[str, list[str]]] = {}
        for ident, name, field in found:
            if ident != own:
                matches.setdefault(ident, (name or ident, []))[1].append(which[field])
        if not matches:
            return
        self.matches = [(ident, name) for ident, (name, _) in matches.items()]
        listed = [f'<a href="{CUSTOMER_LINK}{html.escape(ident)}">{html.escape(name)}</a> '
                  f'({html.escape(", ".join(fields))})'
                  for ident, (name, fields) in list(matches.items())[:DUPLICATES_SHOWN]]
        more = len(matches) - DUPLICATES_SHOWN
        if more > 0:
            listed.append(html.escape(self.tr("and %1 more").replace("%1", str(more))))
        self.duplicates.setText(
            html.escape(self.tr("Already in your customers: %1.")).replace("%1", ", ".join(listed)) + "<br>"
            + html.escape(self.tr("You can still save, or click a name to open that customer instead.")))
        self.duplicates.show()

    def _open_duplicate(self, href: str) -> None:
        self.openRequested.emit(html.unescape(href.removeprefix(CUSTOMER_LINK)))
        self.reject()

    # --- saving ---------------------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write the lead or the edit to the cache and its outbox; False (and why, in the form) when it was not."""
        if not self.save_button.isEnabled():
            return False
        try:
            if self.customer is None:
                values = self.values()
                ident = self.ctx.write(lambda box: box.create_customer(values))
            else:
                ident = str(self.customer["id"])
                changed, added, removed = self.changes()
                self.ctx.write(lambda box: box.edit_customer(ident, changed, add_tags=added, remove_tags=removed))
        except (OutboxError, CacheError) as exc:
            self._show_error(str(exc))
            return False
        self.saved_id = ident
        self.saved.emit(ident)
        self.accept()
        return True

    def _show_error(self, detail: str) -> None:
        """Why the cache could not take the change: said in a sentence, with the store's own words after it."""
        self.error.setText(self.tr("This could not be saved on this computer.") + "\n" + detail)
        self.error.show()
