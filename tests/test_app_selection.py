"""The record beside a list is always one the list holds (or none), a reload never moves the cursor to another
record, and a record file holding another record's document is rewritten from the rows."""

from __future__ import annotations

import orjson
import pytest
from PySide6.QtCore import Qt

from cache.jsontree import file_name
from desktop.views.catalog import CatalogView
from desktop.views.customers import CustomersView
from desktop.views.employees import EmployeesView
from desktop.views.orders import OrdersView
from tests.gui import listed, scalar

pytestmark = pytest.mark.usefixtures("no_thread_left")

# Each list+record view, and the id of the record its pane shows (None: none).
VIEWS = {
    "customers": (CustomersView, lambda view: view.profile.ident),
    "orders": (OrdersView, lambda view: view.detail.ident),
    "catalog": (CatalogView, lambda view: (view.detail.product or {}).get("id")),
    "employees": (EmployeesView, lambda view: (view.card.employee or {}).get("id")),
}


def make(cls, ctx, controller, qtbot):
    widget = cls(ctx, controller)
    qtbot.addWidget(widget)
    return widget


@pytest.mark.parametrize("key", VIEWS)
def test_a_search_that_leaves_the_record_out_lets_it_go(key, filled_ctx, controller, qtbot):
    cls, shown = VIEWS[key]
    view = make(cls, filled_ctx, controller, qtbot)
    view.list.table.selectRow(0)
    before = view.list.model.row(0)["id"]
    other = view.list.model.row(1)["id"]
    assert shown(view) == before

    view.set_search(other)  # finds the other record by its id, not the one shown

    ids = [row["id"] for row in listed(view)]
    assert before not in ids and other in ids
    assert shown(view) is None

    view.set_search(before)  # the cursor is free: nothing is shown until a row is chosen
    assert shown(view) is None
    view.list.table.selectRow(0)
    assert shown(view) == before


@pytest.mark.parametrize("key", VIEWS)
def test_a_search_that_keeps_the_record_keeps_the_cursor_on_it(key, filled_ctx, controller, qtbot):
    cls, shown = VIEWS[key]
    view = make(cls, filled_ctx, controller, qtbot)
    view.list.table.selectRow(1)
    ident = view.list.model.row(1)["id"]

    view.set_search(ident[: len(ident) // 2 + 2])
    view.reload()

    assert shown(view) == ident
    assert view.list.current()["id"] == ident


def test_assigned_to_me_lets_go_of_a_customer_assigned_to_someone_else(filled_ctx, controller, qtbot):
    view = make(CustomersView, filled_ctx, controller, qtbot)
    me = scalar(filled_ctx, "SELECT id FROM employees WHERE auth_user_id = ?", filled_ctx.settings.user_id)
    rows = listed(view)
    number = next(n for n, row in enumerate(rows) if row["assigned_employee_id"] != me)
    view.list.table.selectRow(number)
    assert view.profile.ident == rows[number]["id"]

    view.mine.setChecked(True)

    assert all(row["assigned_employee_id"] == me for row in listed(view))
    assert view.profile.ident is None
    assert view.profile._stack.currentWidget() is view.profile.empty


@pytest.fixture
def customers_and_orders(filled_ctx, controller, qtbot):
    """Orders → Open customer, wired as the main window wires it."""
    customers = make(CustomersView, filled_ctx, controller, qtbot)
    orders = make(OrdersView, filled_ctx, controller, qtbot)
    orders.customerRequested.connect(customers.open_customer)
    return customers, orders


def open_customer_of(orders, qtbot, order_id):
    orders.set_search(order_id)
    orders.list.table.selectRow(0)
    qtbot.mouseClick(orders.detail.open_customer, Qt.MouseButton.LeftButton)


def test_open_customer_from_orders_stays_on_that_customer_after_a_reload(filled_ctx, customers_and_orders, qtbot):
    """The customer asked for is not among the list's rows read so far: a reload (the profile's own refresh
    wakes the watcher) used to put back the customer the cursor was on."""
    customers, orders = customers_and_orders
    customers.list.model.page_rows = 10  # 200 customers: the asked-for one is beyond the pages read
    customers.list.reload()
    customers.list.table.selectRow(0)
    first = customers.list.model.row(0)["id"]
    far = filled_ctx.page(customers.list.model.query, 150, 1)[0]["id"]
    order = scalar(filled_ctx, "SELECT id FROM orders WHERE customer_id = ? ORDER BY id", far)
    assert order is not None and far != first

    open_customer_of(orders, qtbot, order)
    assert customers.profile.ident == far
    customers.reload()

    assert customers.profile.ident == far
    assert customers.profile.name.text() == scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?", far)


def test_open_customer_left_out_by_a_search_clears_the_search(filled_ctx, customers_and_orders, qtbot):
    customers, orders = customers_and_orders
    one, two = [r[0] for r in filled_ctx.conn.execute(
        "SELECT customer_id FROM orders GROUP BY customer_id ORDER BY customer_id LIMIT 2")]
    customers.set_search(one)
    customers.list.table.selectRow(0)
    assert customers.profile.ident == one

    open_customer_of(orders, qtbot, scalar(filled_ctx, "SELECT id FROM orders WHERE customer_id = ?", two))
    customers.reload()

    assert customers.profile.ident == two
    assert customers.search_text == "" and customers.list.current()["id"] == two
    assert customers.list.model.rowCount() == 200


@pytest.mark.expected_log("holds another record", logger="cache.documents")
def test_a_file_holding_another_customer_is_queued_and_a_plain_sync_rewrites_it(filled_ctx, controller, qtbot):
    from devserver import datagen

    view = make(CustomersView, filled_ctx, controller, qtbot)
    ident, other = [r[0] for r in filled_ctx.conn.execute("SELECT id FROM customers ORDER BY id LIMIT 2")]
    relative = f"customer/{file_name(ident)}.json"
    path = filled_ctx.file_path(relative)
    path.write_bytes(filled_ctx.file_path(f"customer/{file_name(other)}.json").read_bytes())

    view.open_customer(ident)  # signed out here: the profile's own refresh cannot rewrite it

    assert view.profile.name.text() == scalar(filled_ctx, "SELECT full_name FROM customers WHERE id = ?", ident)
    qtbot.waitUntil(lambda: scalar(filled_ctx, "SELECT count(*) FROM json_journal WHERE path = ?", relative) == 1,
                    timeout=10_000)
    assert orjson.loads(path.read_bytes())["id"] == other  # the file waits for the sync's drain

    assert filled_ctx.account is not None
    filled_ctx.account.sign_in(datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD)
    with qtbot.waitSignal(controller.finished, timeout=120_000) as done:
        assert controller.sync_now()
    assert done.args[0].ok, done.args[0].message

    assert orjson.loads(path.read_bytes())["id"] == ident
    assert scalar(filled_ctx, "SELECT count(*) FROM json_journal WHERE path = ?", relative) == 0
