"""The date pickers: the two dates of a period that the marketing, dashboard and orders views let the user pick,
in the UI's language and in the calendar the tables use (Buddhist-era years when Settings says so)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QToolButton, QWidget

from desktop.formatting import BUDDHIST_ERA_OFFSET

DISPLAY_FORMAT = "d MMM yyyy"
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")  # the display format's only four-digit number


def ui_locale(language: str) -> QLocale:
    """Month names on the charts and in the date edits follow the UI language, not the computer's locale."""
    if language == "th":
        return QLocale(QLocale.Language.Thai, QLocale.Country.Thailand)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def _shift_years(text: str, years: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group()) + years), text)


class EraCalendar(QCalendarWidget):
    """The popup's month page with its year in the chosen era. Qt's calendars have no Buddhist one, so the
    header's year button is relabelled after Qt has written it (it does so on every page change). In that era
    the button does not open Qt's year spin box, which would show the Gregorian year: the month arrows and the
    date edit's own year (typed or with the arrow keys) change the year instead."""

    def __init__(self, buddhist_era: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buddhist_era = buddhist_era
        self.currentPageChanged.connect(lambda *_: self.label_year())
        self.label_year()

    def label_year(self) -> None:
        button = self.findChild(QToolButton, "qt_calendar_yearbutton")
        if button is not None:
            year = self.yearShown() + (BUDDHIST_ERA_OFFSET if self.buddhist_era else 0)
            button.setText(str(year))
            button.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, self.buddhist_era)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        super().showEvent(event)  # type: ignore[arg-type]
        self.label_year()


class EraDateEdit(QDateEdit):
    """A date edit that shows and reads Buddhist-era years when asked: the text is converted at the edges
    (display, validation, parsing), so the date it holds stays Gregorian like every date in the cache."""

    def __init__(self, language: str, buddhist_era: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offset = BUDDHIST_ERA_OFFSET if buddhist_era else 0
        self.setLocale(ui_locale(language))
        self.setCalendarPopup(True)
        self.setCalendarWidget(EraCalendar(buddhist_era, self))
        self.setDisplayFormat(DISPLAY_FORMAT)

    @property
    def buddhist_era(self) -> bool:
        return bool(self._offset)

    def set_buddhist_era(self, on: bool) -> None:
        if on != self.buddhist_era:
            self._offset = BUDDHIST_ERA_OFFSET if on else 0
            calendar = self.calendarWidget()
            if isinstance(calendar, EraCalendar):
                calendar.buddhist_era = on
                calendar.label_year()
            self.setDisplayFormat(DISPLAY_FORMAT)  # writes the text again

    def textFromDateTime(self, value: QDateTime | dt.datetime) -> str:
        return _shift_years(super().textFromDateTime(value), self._offset)

    def dateTimeFromText(self, text: str) -> QDateTime:
        return super().dateTimeFromText(_shift_years(text, -self._offset))

    def validate(self, text: str, pos: int) -> object:
        if self._offset and not _YEAR.search(text):
            # A year half typed ("25" of 2568): Qt would weigh it as the start of a Gregorian year and refuse
            # it against the maximum date; it is only unfinished.
            return QValidator.State.Intermediate, text, pos
        state, fixed, pos = super().validate(_shift_years(text, -self._offset), pos)  # type: ignore[misc]
        return QValidator.State(state), _shift_years(fixed, self._offset), pos

    def fixup(self, text: str) -> str:
        return _shift_years(super().fixup(_shift_years(text, -self._offset)), self._offset)  # type: ignore[func-returns-value]


def date_edits(parent: QWidget, language: str, buddhist_era: bool) -> tuple[EraDateEdit, EraDateEdit]:
    """From and to, with a calendar to pick from, in the interface's language and era."""
    return EraDateEdit(language, buddhist_era, parent), EraDateEdit(language, buddhist_era, parent)


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
