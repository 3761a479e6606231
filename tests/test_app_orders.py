"""The orders view over a synced cache: filters, date range and search agree with SQL; the detail reads the
order's JSON file with its items and totals; "Open customer" hands the customer's id on."""

from __future__ import annotations

import datetime as dt

import orjson
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from cache.documents import BANGKOK
from cache.jsontree import file_name
from desktop import formatting
from desktop.views.customers import CustomersView
from desktop.views.labels import channel_text, status_text
from desktop.views.orders import OrdersView
from tests.gui import assert_fits, choose, listed, scalar, shown_at_default_size

pytestmark = pytest.mark.usefixtures("no_thread_left")


@pytest.fixture
def view(filled_ctx, controller, qtbot):
    widget = OrdersView(filled_ctx, controller)
    qtbot.addWidget(widget)
    return widget


def bangkok_day(timestamp):
    return dt.datetime.fromisoformat(timestamp).astimezone(BANGKOK).date()


def open_order(view, ident):
    """Find the order with the search box and put the cursor on it, as a user would."""
    view.set_search(ident)
    view.list.table.selectRow(0)
    assert view.detail.ident == ident


def test_at_the_default_size_the_list_fits_its_pane(view, qtbot, app_font):
    shown_at_default_size(view, qtbot)
    view.list.table.selectRow(0)
    QApplication.processEvents()
    table = view.list.table
    assert_fits(table)
    assert table.columnWidth(2) >= 130  # the customer's name, with the room the other columns leave
    assert not view.detail.items.horizontalScrollBar().isVisible()


def test_the_list_shows_every_order_newest_first_with_customer_names(view, filled_ctx):
    assert view.list.model.rowCount() == scalar(filled_ctx, "SELECT count(*) FROM orders")
    rows = listed(view)
    assert [r["created_at"] for r in rows] == sorted((r["created_at"] for r in rows), reverse=True)

    model = view.list.model
    first = model.data(model.index(0, 2))
    assert first == scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?", rows[0]["customer_id"])
    # Names are looked up for the rows on screen, not for every customer.
    assert 0 < len(view.names._names) < scalar(filled_ctx, "SELECT count(*) FROM customers")


def test_status_and_channel_filters_give_the_counts_sql_gives(view, filled_ctx):
    status, channel = view.facets["status"], view.facets["channel"]
    choose(status, status_text("paid"))
    assert view.list.model.rowCount() == scalar(filled_ctx, "SELECT count(*) FROM orders WHERE status = 'paid'")
    choose(channel, channel_text("line"))
    both = scalar(filled_ctx, "SELECT count(*) FROM orders WHERE status = 'paid' AND channel = 'line'")
    assert view.list.model.rowCount() == both
    assert all(row["status"] == "paid" and row["channel"] == "line" for row in listed(view))
    assert channel.currentText().startswith(channel_text("line"))

    status.setCurrentIndex(0)
    channel.setCurrentIndex(0)
    assert view.list.model.rowCount() == scalar(filled_ctx, "SELECT count(*) FROM orders")


def test_a_date_range_narrows_the_list_to_those_bangkok_days(view, filled_ctx):
    created = [r[0] for r in filled_ctx.conn.execute("SELECT created_at FROM orders")]
    start, end = dt.date(2025, 6, 1), dt.date(2025, 8, 31)
    expected = sum(start <= bangkok_day(c) <= end for c in created)
    assert 0 < expected < len(created)
    assert not view.date_from.isEnabled()

    view.any_date.setChecked(False)
    view.date_from.setDate(QDate(start.year, start.month, start.day))
    view.date_to.setDate(QDate(end.year, end.month, end.day))

    assert view.date_from.isEnabled()
    assert view.list.model.rowCount() == expected
    assert all(start <= bangkok_day(row["created_at"]) <= end for row in listed(view))

    choose(view.facets["status"], status_text("paid"))
    assert view.list.model.rowCount() == scalar(
        filled_ctx, "SELECT count(*) FROM orders WHERE status = 'paid' AND created_at >= ? AND created_at < ?",
        "2025-05-31T17:00:00+00:00", "2025-08-31T17:00:00+00:00")

    view.any_date.setChecked(True)
    assert view.list.model.rowCount() == scalar(filled_ctx, "SELECT count(*) FROM orders WHERE status = 'paid'")


def test_search_finds_orders_by_id_and_by_customer(view, filled_ctx):
    view.set_search("ORD-25-00001")
    ids = {row["id"] for row in listed(view)}
    assert ids == {r[0] for r in filled_ctx.conn.execute("SELECT id FROM orders WHERE id LIKE '%ORD-25-00001%'")}

    customer, phone = filled_ctx.conn.execute(
        "SELECT id, phone FROM customers WHERE phone IS NOT NULL AND id IN (SELECT customer_id FROM orders) "
        "ORDER BY id").fetchone()
    view.set_search(phone)
    assert {row["customer_id"] for row in listed(view)} == {customer}
    assert view.list.model.rowCount() == scalar(filled_ctx, "SELECT count(*) FROM orders WHERE customer_id = ?",
                                                customer)


def test_the_detail_shows_the_items_and_a_total_that_adds_up(view, filled_ctx):
    ident, discount, total = filled_ctx.conn.execute(
        "SELECT o.id, o.discount_thb, o.total_thb FROM orders o WHERE o.discount_thb > 0 AND "
        "(SELECT count(*) FROM order_items i WHERE i.order_id = o.id) > 1 ORDER BY o.id").fetchone()
    items = filled_ctx.conn.execute(
        "SELECT i.qty, i.unit_price_thb, p.name_en, p.name_th FROM order_items i JOIN products p "
        "ON p.id = i.product_id WHERE i.order_id = ? ORDER BY i.id", (ident,)).fetchall()

    open_order(view, ident)

    table = view.detail.items
    assert table.rowCount() == len(items)
    for number, (qty, price, name_en, name_th) in enumerate(items):
        assert table.cellWidget(number, 0).toolTip() == f"{name_en}\n{name_th}"  # English UI: English first
        assert table.item(number, 1).text() == str(qty)
        assert table.item(number, 2).text() == formatting.thb(price)
        assert table.item(number, 3).text() == formatting.thb(qty * price)
    lines = sum(qty * price for qty, price, *_ in items)
    assert view.detail.totals["subtotal"].text() == formatting.thb(lines)
    assert view.detail.totals["discount"].text() == formatting.thb(-discount)
    assert view.detail.totals["total"].text() == formatting.thb(lines - discount) == formatting.thb(total)


def test_the_detail_is_read_from_the_orders_json_file(view, filled_ctx):
    ident = scalar(filled_ctx, "SELECT id FROM orders ORDER BY id")
    path = filled_ctx.file_path(f"orders/{file_name(ident)}.json")
    doc = orjson.loads(path.read_bytes())
    path.write_bytes(orjson.dumps({**doc, "total_thb": 12345.67, "items": doc["items"][:1]}))

    open_order(view, ident)

    assert view.detail.totals["total"].text() == "฿12,345.67"
    assert view.detail.items.rowCount() == 1


def test_a_missing_order_file_falls_back_to_sqlite(view, filled_ctx):
    ident = scalar(filled_ctx, "SELECT order_id FROM order_items GROUP BY order_id ORDER BY count(*) DESC")
    filled_ctx.file_path(f"orders/{file_name(ident)}.json").unlink()

    open_order(view, ident)

    assert view.detail.items.rowCount() == scalar(
        filled_ctx, "SELECT count(*) FROM order_items WHERE order_id = ?", ident)
    assert view.detail.totals["total"].text() == formatting.thb(
        scalar(filled_ctx, "SELECT total_thb FROM orders WHERE id = ?", ident))


def test_open_customer_hands_the_customers_id_on(view, filled_ctx, controller, qtbot):
    ident, customer = filled_ctx.conn.execute("SELECT id, customer_id FROM orders ORDER BY id").fetchone()
    open_order(view, ident)
    # What the main window does with it.
    customers = CustomersView(filled_ctx, controller)
    qtbot.addWidget(customers)
    view.customerRequested.connect(customers.open_customer)

    with qtbot.waitSignal(view.customerRequested) as requested:
        qtbot.mouseClick(view.detail.open_customer, Qt.MouseButton.LeftButton)

    assert requested.args == [customer]
    assert customers.profile.ident == customer
    assert customers.profile.name.text() == scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?",
                                                   customer)
