"""A rep's day with the keyboard and the record: from the search box into the results and back, one calendar
everywhere, an order and a tag opened from the profile, a call or a LINE chat started from it, the list exported
and the profile printed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QToolButton
from shiboken6 import Shiboken

from cache.queries import ListQuery
from desktop.mainwindow import MainWindow

pytestmark = pytest.mark.usefixtures("no_thread_left")


@pytest.fixture
def window(filled_ctx, controller, tmp_path, qtbot) -> Iterator[MainWindow]:
    shown = MainWindow(filled_ctx, controller, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    shown.show()  # shortcuts and focus reach a shown window only
    qtbot.waitExposed(shown)
    shown.activateWindow()
    yield shown
    shown.close()
    Shiboken.delete(shown)  # now: its timers must not outlive the sync worker


def _type(window, text: str) -> None:
    window.search.setFocus()
    for character in text:  # one by one, as typed (QTest cannot synthesise Thai key presses)
        window.search.insert(character)


def _first_match(ctx, text: str) -> dict:
    return ctx.page(ListQuery("customers", search=text, sort="full_name"), 0, 1)[0]


def test_down_goes_from_the_search_box_to_the_first_result_and_esc_comes_back(window, filled_ctx, qtbot):
    customers = window.current_view
    text = _first_match(filled_ctx, "an")["full_name"][:3]
    _type(window, text)
    qtbot.keyClick(window.search, Qt.Key.Key_Down)
    table = customers.list.table
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 0
    assert customers.profile.ident == _first_match(filled_ctx, text)["id"]
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1  # the arrows now move in the list, not in the navigation
    assert window.current_view is customers
    qtbot.keyClick(table, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.search
    assert window.search.text() == text  # Esc from the list comes back to the search, which it keeps


def test_enter_in_the_search_box_opens_the_first_result_in_the_profile(window, filled_ctx, qtbot):
    customers = window.current_view
    text = _first_match(filled_ctx, "an")["full_name"][:3]
    _type(window, text)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert customers.profile.ident == _first_match(filled_ctx, text)["id"]
    assert customers.profile.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.search


def test_tab_from_the_search_box_goes_into_the_view_not_the_navigation(window, qtbot):
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert window.current_view.isAncestorOf(focused)
    assert focused is window.current_view.facets["segment"][1]  # the first filter, then the others, then the list


def _buddhist_era(ctx) -> None:
    ctx.settings = dataclasses.replace(ctx.settings, buddhist_era=True)
    ctx.save_settings()


@pytest.mark.parametrize("key", ["orders", "marketing", "dashboard"])
def test_with_buddhist_era_years_the_date_pickers_show_and_read_them(window, filled_ctx, qtbot, key):
    _buddhist_era(filled_ctx)
    window.reload_views()  # as after Settings' OK
    window.show_view(key)
    view = window.current_view
    if key == "orders":
        view.any_date.setChecked(False)
    edit = view.date_from
    gregorian = edit.date().year()
    assert edit.text().endswith(str(gregorian + 543))
    calendar = edit.calendarWidget()
    calendar.setCurrentPage(gregorian, 1)
    assert calendar.findChild(QToolButton, "qt_calendar_yearbutton").text() == str(gregorian + 543)
    # Typed: the year the rep reads is the year they type.
    edit.setFocus()
    text = edit.lineEdit().text()
    edit.lineEdit().setSelection(len(text) - 4, 4)
    qtbot.keyClicks(edit, str(gregorian + 543 - 1))
    assert edit.date().year() == gregorian - 1
    assert edit.text().endswith(str(gregorian + 543 - 1))
    # And back to the Gregorian years.
    filled_ctx.settings = dataclasses.replace(filled_ctx.settings, buddhist_era=False)
    window.reload_views()
    assert edit.text().endswith(str(gregorian - 1))
