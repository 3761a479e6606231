"""The customers view over a synced cache: the list, search and filters agree with SQL; the profile reads the
customer's JSON file (SQLite without one), copies contact details, and refreshes the record when online."""

from __future__ import annotations

import dataclasses
import re

import orjson
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QHeaderView

from cache.jsontree import file_name
from desktop import formatting
from desktop.views.customers import CustomersView
from desktop.views.labels import segment_text, source_text
from tests.gui import assert_fits, choose, listed, scalar

pytestmark = pytest.mark.usefixtures("no_thread_left")

THAI = re.compile(r"[\u0e00-\u0e7f]")
SEARCHED = ("id", "full_name", "nickname", "phone", "email", "line_id")


@pytest.fixture
def view(filled_ctx, controller, qtbot):
    widget = CustomersView(filled_ctx, controller)
    qtbot.addWidget(widget)
    return widget


def all_customers(ctx):
    return [dict(r) for r in ctx.conn.execute("SELECT * FROM customers ORDER BY id")]


def matches(customer, needle):
    """What the search index holds for a customer: the text columns, and the tags as words."""
    tags = " ".join(orjson.loads(customer["tags"]))
    return any(needle.casefold() in (customer[c] or "").casefold() for c in SEARCHED) or needle in tags


def file_of(ctx, ident):
    return ctx.file_path(f"customer/{file_name(ident)}.json")


def test_the_list_shows_every_cached_customer(view, filled_ctx):
    total = scalar(filled_ctx, "SELECT count(*) FROM customers")
    assert view.list.model.rowCount() == total == 200
    assert view.list._stack.currentWidget() is view.list.table
    names = [row["full_name"] for row in listed(view)]
    assert names == [r[0] for r in filled_ctx.conn.execute("SELECT full_name FROM customers ORDER BY full_name, rowid")]


@pytest.mark.parametrize("script", ["thai", "latin"])
def test_a_substring_search_narrows_the_list_to_the_matching_customers(view, filled_ctx, script):
    customers = all_customers(filled_ctx)
    if script == "thai":
        target = next(c for c in customers if THAI.match(c["full_name"]))
        needle = target["full_name"].split()[-1][:3]  # the first three characters of the surname
    else:
        target = next(c for c in customers if c["full_name"].isascii() and len(c["full_name"].split()[-1]) > 5)
        needle = target["full_name"].split()[-1][1:5].lower()
    expected = {c["id"] for c in customers if matches(c, needle)}

    view.set_search(needle)

    found = {row["id"] for row in listed(view)}
    assert target["id"] in found
    assert found == expected
    assert 0 < len(found) < len(customers)


@pytest.mark.parametrize("form", ["digits", "international"])
def test_a_phone_number_finds_the_customer_however_it_is_typed(view, filled_ctx, form):
    phone = scalar(filled_ctx, "SELECT phone FROM customers WHERE phone LIKE '08_-___-____' ORDER BY id")
    digits = re.sub(r"\D", "", phone)
    view.set_search(digits if form == "digits" else f"+66 {digits[1:3]} {digits[3:6]} {digits[6:]}")
    rows = listed(view)
    assert phone in [row["phone"] for row in rows]
    assert all(digits in re.sub(r"\D", "", row["phone"] or "") for row in rows)


def test_at_the_default_size_the_list_fits_its_pane_and_the_name_takes_the_rest(view, qtbot, app_font):
    view.resize(1080, 720)  # what the window's default 1280 x 800 leaves a view
    view.show()
    qtbot.waitExposed(view)
    view.list.table.selectRow(0)
    QApplication.processEvents()
    table = view.list.table
    assert_fits(table)
    assert table.columnWidth(0) >= 140  # the name, with the room the other columns leave
    assert view.profile.width() >= 360  # and the profile beside it keeps a readable width
    # The profile's order history fits it too: the totals are never scrolled out of view.
    view.open_customer(scalar(view.ctx, "SELECT customer_id FROM orders GROUP BY customer_id "
                                        "ORDER BY count(*) DESC LIMIT 1"))
    QApplication.processEvents()
    assert view.profile.orders.rowCount() > 0
    assert_fits(view.profile.orders)
    # The name follows the pane: a wider window gives it the extra width, the other columns keep theirs.
    others = [table.columnWidth(n) for n in range(1, table.model().columnCount())]
    name = table.columnWidth(0)
    view.resize(1400, 720)
    QApplication.processEvents()
    assert_fits(table)
    assert table.columnWidth(0) > name
    assert [table.columnWidth(n) for n in range(1, table.model().columnCount())] == others


def test_a_users_column_widths_are_remembered_and_an_older_layouts_are_not(filled_ctx, controller, view, qtbot,
                                                                           tmp_path, app_font):
    def restored(settings):
        again = CustomersView(filled_ctx, controller)
        qtbot.addWidget(again)
        again.restore_state(settings)
        again.resize(1080, 720)
        again.show()
        qtbot.waitExposed(again)
        QApplication.processEvents()
        assert_fits(again.list.table)
        return again.list.table

    header = view.list.table.horizontalHeader()
    header.resizeSection(2, 150)  # the user widens the phone column
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    view.save_state(settings)
    table = restored(settings)
    assert table.columnWidth(2) == 150
    assert table.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch

    # A state saved by the layout before this one: the last column stretched, beyond the pane.
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for number, width in enumerate((170, 75, 120, 70, 75, 130)):
        header.resizeSection(number, width)
    view.save_state(settings)
    table = restored(settings)
    assert table.horizontalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert [table.columnWidth(n) for n in range(1, 7)] == [c.width for c in view.list.model.columns[1:]]


def test_no_match_says_so(view):
    view.set_search("no such customer zzz")
    assert view.list.model.rowCount() == 0
    assert view.list._stack.currentWidget() is view.list.empty
    assert view.list.empty.text() == "No customers match your search or filters."


def test_filters_give_the_counts_sql_gives(view, filled_ctx):
    segment, source = view.facets["segment"][1], view.facets["source"][1]
    choose(segment, segment_text("dormant"))
    dormant = scalar(filled_ctx, "SELECT count(*) FROM customers WHERE segment = 'dormant'")
    assert view.list.model.rowCount() == dormant
    assert segment.currentText() == f"{segment_text('dormant')} ({dormant})"

    choose(source, source_text("FB"))
    assert view.list.model.rowCount() == scalar(
        filled_ctx, "SELECT count(*) FROM customers WHERE segment = 'dormant' AND source = 'FB'")

    segment.setCurrentIndex(0)
    source.setCurrentIndex(0)
    choose(view.facets["tag"][1], "ลูกค้าประจำ")
    tagged = scalar(filled_ctx, "SELECT count(*) FROM customers, json_each(customers.tags) WHERE value = ?",
                    "ลูกค้าประจำ")
    assert view.list.model.rowCount() == tagged
    assert all("ลูกค้าประจำ" in row["tags"] for row in listed(view))

    view.facets["tag"][1].setCurrentIndex(0)
    assert view.mine.isEnabled()
    view.mine.setChecked(True)
    mine = scalar(filled_ctx, "SELECT count(*) FROM customers WHERE assigned_employee_id = "
                  "(SELECT id FROM employees WHERE auth_user_id = ?)", filled_ctx.settings.user_id)
    assert 0 < view.list.model.rowCount() == mine < 200


def test_assigned_to_me_is_off_for_a_user_without_an_employee_record(view, filled_ctx, monkeypatch):
    view.mine.setChecked(True)
    monkeypatch.setattr(filled_ctx, "settings", dataclasses.replace(
        filled_ctx.settings, user_id="00000000-0000-0000-0000-000000000000"))
    view.reload()
    assert not view.mine.isEnabled() and not view.mine.isChecked()
    assert "not linked to an employee" in view.mine.toolTip()
    assert view.list.model.rowCount() == 200


def test_the_profile_is_read_from_the_customers_json_file(view, filled_ctx):
    ident = scalar(filled_ctx, "SELECT id FROM customers WHERE acquired_campaign_id IS NOT NULL "
                   "AND tags != '[]' ORDER BY id")
    path = file_of(filled_ctx, ident)
    doc = orjson.loads(path.read_bytes())
    doc["full_name"] = "Name Only In The File"
    path.write_bytes(orjson.dumps(doc))

    view.open_customer(ident)

    profile = view.profile
    assert profile.name.text() == "Name Only In The File"
    assert scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?", ident) != "Name Only In The File"
    assert profile.fields["campaign"].text() == scalar(
        filled_ctx, "SELECT name FROM campaigns WHERE id = ?", doc["acquired_campaign_id"])
    assert profile.fields["assigned"].text() == scalar(
        filled_ctx, "SELECT full_name FROM employees WHERE id = ?", doc["assigned_employee_id"])
    assert profile.fields["segment"].text() == segment_text(doc["segment"])
    assert all(tag in profile.tags.text() for tag in doc["tags"])
    assert profile.orders.rowCount() == len(doc["orders"])
    newest = doc["orders"][0]
    assert profile.orders.item(0, 1).text() == newest["id"]
    assert profile.orders.item(0, 3).text() == formatting.thb(newest["total_thb"])

    # A cache change (another process rewrote the file) re-reads the open profile.
    doc["full_name"] = "Renamed By Another Writer"
    path.write_bytes(orjson.dumps(doc))
    view.reload()
    assert profile.name.text() == "Renamed By Another Writer"


def test_a_missing_file_falls_back_to_sqlite(view, filled_ctx):
    ident = scalar(filled_ctx, "SELECT customer_id FROM orders GROUP BY customer_id ORDER BY count(*) DESC")
    file_of(filled_ctx, ident).unlink()

    view.open_customer(ident)

    assert view.profile.name.text() == scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?", ident)
    orders = [r[0] for r in filled_ctx.conn.execute(
        "SELECT id FROM orders WHERE customer_id = ? ORDER BY created_at DESC", (ident,))]
    assert [view.profile.orders.item(n, 1).text() for n in range(view.profile.orders.rowCount())] == orders


@pytest.mark.expected_log("holds another record", logger="cache.documents")
def test_a_file_holding_another_customer_is_ignored(view, filled_ctx):
    ident, other = [r[0] for r in filled_ctx.conn.execute("SELECT id FROM customers ORDER BY id LIMIT 2")]
    file_of(filled_ctx, ident).write_bytes(file_of(filled_ctx, other).read_bytes())

    view.open_customer(ident)

    assert view.profile.name.text() == scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?", ident)
    assert view.profile.name.text() != scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?", other)


def test_copy_puts_the_phone_on_the_clipboard(view, filled_ctx, qtbot):
    ident, phone = filled_ctx.conn.execute(
        "SELECT id, phone FROM customers WHERE phone IS NOT NULL AND line_id IS NULL ORDER BY id").fetchone()
    view.open_customer(ident)
    value, button = view.profile.contact["phone"]
    assert f">{phone}</a>" in value.text()  # shown as a link that calls it

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert QApplication.clipboard().text() == phone
    assert button.text() == "Copied"
    qtbot.waitUntil(lambda: button.text() == "Copy")
    assert not view.profile.contact["line_id"][1].isEnabled()  # nothing to copy


def test_the_cursor_shows_a_profile_and_enter_opens_it(view, qtbot):
    view.list.table.selectRow(2)
    row = view.list.model.row(2)
    assert view.profile.ident == row["id"]
    assert view.profile.name.text() == row["full_name"]
    assert not view.profile.refreshing  # asked for only once the cursor rests

    view.list.table.selectRow(3)
    qtbot.keyClick(view.list.table, Qt.Key.Key_Return)
    assert view.profile.ident == view.list.model.row(3)["id"]
    assert view.profile.refreshing  # opened: asked for at once


def test_online_opening_a_profile_refreshes_it_from_the_server(online_ctx, controller, view, qtbot):
    ident = scalar(online_ctx, "SELECT id FROM customers ORDER BY id")
    real_name = scalar(online_ctx, "SELECT full_name FROM customers WHERE id = ?", ident)
    path = file_of(online_ctx, ident)
    doc = orjson.loads(path.read_bytes())
    path.write_bytes(orjson.dumps({**doc, "full_name": "Out Of Date"}))

    with qtbot.waitSignal(controller.recordRefreshed, timeout=30_000,
                          check_params_cb=lambda table, i, found: (table, i, found) == ("customers", ident, True)):
        view.open_customer(ident)
        assert view.profile.name.text() == "Out Of Date"  # the file first, at once
        assert view.profile.badge.state == "updating"

    assert view.profile.name.text() == real_name  # re-read from the file the refresh rewrote
    assert view.profile.badge.state in ("fresh", "stale")


def test_a_refresh_that_fails_ends_the_updating_badge(view, controller, qtbot):
    """Signed out (no session on this computer): the worker says the refresh failed, and the badge shows the
    table's state again at once instead of "updating" until it gives up."""
    ident = view.list.model.row(0)["id"]
    with qtbot.waitSignal(controller.recordRefreshFailed, timeout=30_000,
                          check_params_cb=lambda table, i, why: (table, i) == ("customers", ident)):
        view.open_customer(ident)
        assert view.profile.badge.state == "updating"
    assert not view.profile.refreshing
    assert view.profile.badge.state != "updating"
