"""A rep's day with the keyboard and the record: from the search box into the results and back, one calendar
everywhere, an order and a tag opened from the profile, a call or a LINE chat started from it, the list exported
and the profile printed."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import html
import io
import re
import shutil
import stat
import subprocess
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from PySide6.QtCore import QObject, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QToolButton
from shiboken6 import Shiboken

from cache.queries import ListQuery
from desktop.mainwindow import MainWindow
from desktop.views.labels import segment_text
from desktop.views.widgets import table_menu
from tests.gui import choose, listed, scalar

pytestmark = pytest.mark.usefixtures("no_thread_left")

THAI = re.compile(r"[\u0e00-\u0e7f]")


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
    year_button = calendar.findChild(QToolButton, "qt_calendar_yearbutton")
    assert year_button.text() == str(gregorian + 543)
    assert year_button.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # no Gregorian spin box
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


def _busiest_customer(ctx) -> str:
    return scalar(ctx, "SELECT customer_id FROM orders GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1")


def test_an_order_in_the_profile_opens_in_the_orders_view(window, filled_ctx, qtbot):
    customers = window.current_view
    customers.open_customer(_busiest_customer(filled_ctx))
    orders = customers.profile.orders
    assert orders.rowCount() > 1
    wanted = orders.item(1, 1).text()
    orders.setFocus()
    orders.setCurrentCell(1, 0)
    qtbot.keyClick(orders, Qt.Key.Key_Return)
    assert window.current_view.key == "orders"
    assert window.current_view.detail.ident == wanted
    window.show_view("customers")
    rect = orders.visualRect(orders.model().index(0, 0))
    # A double-click as the platform delivers it: the first press and release, then the second press.
    qtbot.mousePress(orders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseRelease(orders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(orders.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_view.detail.ident == orders.item(0, 1).text()


def test_the_profiles_orders_have_a_menu_to_open_or_copy_them(window, filled_ctx):
    customers = window.current_view
    customers.open_customer(_busiest_customer(filled_ctx))
    orders = customers.profile.orders
    index = orders.model().index(0, 1)
    actions = {a.text(): a for a in table_menu(orders, index, customers.profile._order_activated).actions()}
    actions["Copy row"].trigger()
    assert QApplication.clipboard().text() == "\t".join(orders.item(0, c).text() for c in range(4))
    actions["Open"].trigger()
    assert window.current_view.key == "orders"
    assert window.current_view.detail.ident == orders.item(0, 1).text()


def test_a_tag_in_the_profile_lists_the_customers_with_that_tag(window, filled_ctx):
    customers = window.current_view
    ident, tag = filled_ctx.conn.execute(
        "SELECT customers.id, json_each.value FROM customers, json_each(customers.tags) ORDER BY 1 LIMIT 1").fetchone()
    customers.open_customer(ident)
    assert f'href="tag:{quote(tag, safe="")}"' in customers.profile.tags.text()
    customers.profile.tags.linkActivated.emit(f"tag:{quote(tag, safe='')}")  # what a click on the chip sends
    having = {r[0] for r in filled_ctx.conn.execute(
        "SELECT customers.id FROM customers, json_each(customers.tags) WHERE json_each.value = ?", (tag,))}
    assert {row["id"] for row in listed(customers)} == having
    assert customers.facets["tag"][1].value() == tag  # and the drop-down says so


def test_the_context_menu_copies_filters_and_the_count_follows(window, filled_ctx):
    customers = window.current_view
    pane = customers.list
    total = scalar(filled_ctx, "SELECT count(*) FROM customers")
    assert pane.count.text() == f"{total:,} customers"
    segment_column = [c.key for c in pane.model.columns].index("segment")
    index = pane.model.index(0, segment_column)
    row = pane.model.row(0)
    menu = pane.context_menu(index)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert {"Open", "Copy row", "Export the list to CSV…"} <= set(actions)
    actions[f"Copy “{segment_text(row['segment'])}”"].trigger()
    assert QApplication.clipboard().text() == segment_text(row["segment"])
    actions["Copy row"].trigger()
    assert QApplication.clipboard().text().split("\t")[0] == row["full_name"]
    actions[f"Show only “{segment_text(row['segment'])}”"].trigger()
    same = scalar(filled_ctx, "SELECT count(*) FROM customers WHERE segment = ?", row["segment"])
    assert pane.model.rowCount() == same < total
    assert pane.count.text() == f"{same:,} customers"
    assert customers.facets["segment"][1].value() == row["segment"]
    menu = pane.context_menu(index)
    actions["Open"] = next(a for a in menu.actions() if a.text() == "Open")
    actions["Open"].trigger()
    assert customers.profile.ident == pane.model.row(0)["id"]


class _Opened(QObject):
    """Stands in for the system's handler of a URL scheme (QDesktopServices.setUrlHandler)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def handlers() -> Iterator[_Opened]:
    opened = _Opened()
    for scheme in ("tel", "https", "mailto"):
        QDesktopServices.setUrlHandler(scheme, opened, "open")
    yield opened
    for scheme in ("tel", "https", "mailto"):
        QDesktopServices.unsetUrlHandler(scheme)


def test_the_phone_and_line_id_open_a_call_and_a_chat(window, filled_ctx, handlers):
    ident, phone, line_id = filled_ctx.conn.execute(
        "SELECT id, phone, line_id FROM customers WHERE phone LIKE '0%' AND line_id IS NOT NULL ORDER BY id").fetchone()
    customers = window.current_view
    customers.open_customer(ident)
    for key in ("phone", "line_id"):
        label = customers.profile.contact[key][0]
        href = re.search(r'href="([^"]+)"', label.text()).group(1)
        label.linkActivated.emit(html.unescape(href))  # what a click on the link sends
    assert handlers.urls == ["tel:+66" + re.sub(r"\D", "", phone)[1:], f"https://line.me/ti/p/~{line_id}"]


def test_the_filtered_list_exports_to_csv_for_excel(window, filled_ctx, tmp_path):
    customers = window.current_view
    segment = scalar(filled_ctx, "SELECT segment FROM customers GROUP BY segment ORDER BY count(*) DESC LIMIT 1")
    choose(customers.facets["segment"][1], segment_text(segment))
    path = tmp_path / "export.csv"
    assert customers.list.export_csv(path) == customers.list.model.rowCount()
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [c.title for c in customers.list.model.columns]
    expected = [r[0] for r in filled_ctx.conn.execute(
        "SELECT full_name FROM customers WHERE segment = ? ORDER BY full_name, rowid", (segment,))]
    assert [r[0] for r in rows[1:]] == expected
    assert {r[3] for r in rows[1:]} == {segment_text(segment)}
    assert any(THAI.search(r[0]) for r in rows[1:])  # Thai names survive the round trip
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_profile_prints_to_pdf_with_its_thai_name(window, filled_ctx, tmp_path, app_font):
    ident, name = filled_ctx.conn.execute(
        "SELECT id, full_name FROM customers WHERE full_name GLOB '*[ก-ฮ]*' ORDER BY id").fetchone()
    customers = window.current_view
    customers.open_customer(ident)
    path = tmp_path / "profile.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    customers.profile.print_to(printer)
    raw = path.read_bytes()
    assert raw.startswith(b"%PDF") and b"/Type /Page" in raw
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
        assert name in text
    else:  # Qt embeds the font with a ToUnicode map; the name's characters are there, if not as plain text
        assert b"/ToUnicode" in raw
