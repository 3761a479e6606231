"""The two dates of a period that the marketing and dashboard views let the user pick, in the UI's language."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget


def ui_locale(language: str) -> QLocale:
    """Month names on the charts and in the date edits follow the UI language, not the computer's locale."""
    if language == "th":
        return QLocale(QLocale.Language.Thai, QLocale.Country.Thailand)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def date_edits(parent: QWidget, language: str) -> tuple[QDateEdit, QDateEdit]:
    """From and to, with a calendar to pick from, in the interface's language."""
    edits = QDateEdit(parent), QDateEdit(parent)
    for edit in edits:
        edit.setCalendarPopup(True)
        edit.setLocale(ui_locale(language))
        edit.setDisplayFormat("d MMM yyyy")
    return edits


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def day_of(edit: QDateEdit) -> dt.date:
    date = edit.date()
    return dt.date(date.year(), date.month(), date.day())


def show_days(date_from: QDateEdit, date_to: QDateEdit, first: dt.date, last: dt.date) -> None:
    """Set both dates without announcing it: the caller shows the period itself."""
    for edit, day in ((date_from, first), (date_to, last)):
        edit.blockSignals(True)
        edit.setDate(qdate(day))
        edit.blockSignals(False)


def keep_in_order(date_from: QDateEdit, date_to: QDateEdit, edited: QDateEdit) -> None:
    """The other end follows the one just edited, so the range is never upside down."""
    if date_from.date() > date_to.date():
        other = date_to if edited is date_from else date_from
        other.blockSignals(True)
        other.setDate(edited.date())
        other.blockSignals(False)
