"""What the server may hold and the window must still show at once and in full: a customer with megabytes of
notes, an order dated in the year 9999 or the year 1, an amount of a quadrillion baht. The rows are written
into the cache the way the sync writes them (apply_page, then the journal's drain)."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cache.store import CacheStore
from desktop import formatting
from desktop.views.customers import CustomersView
from desktop.views.orders import OrdersView
from tests.gui import shown_at_default_size

pytestmark = pytest.mark.usefixtures("no_thread_left")

NOTES_BYTES = 5_000_000
OPEN_BOUND_S = 1.0  # generous: 0.2-0.4 s measured with the screenshot on a busy two-core machine (60 s before)


def store_rows(ctx, table: str, rows: list[dict]) -> None:
    """As a sync would: the rows applied and their files written."""
    assert ctx.folder is not None
    store = CacheStore(ctx.folder)
    try:
        store.apply_page(table, rows, None)
        store.drain_journal()
    finally:
        store.close()


def changed(ctx, table: str, ident: str, **values) -> dict:
    row = ctx.get(table, ident)
    assert row is not None
    return {**row, **values, "txid": row["txid"] + 1_000_000}


def screenshot(widget, path: Path) -> None:
    """What a user would see, painted offscreen: a crash in painting (not only in the data) shows here."""
    QApplication.processEvents()  # the layout settled first
    image = widget.grab()
    assert not image.isNull()
    assert image.save(str(path))


def test_megabytes_of_notes_open_at_once(filled_ctx, controller, qtbot, app_font, tmp_path):
    ident = filled_ctx.conn.execute("SELECT id FROM customers ORDER BY id").fetchone()[0]
    sentence = "Asked again about the Tom Yum class for a group of twelve, วันเสาร์หน้า, call back after 5 pm. "
    notes = (sentence * (NOTES_BYTES // len(sentence.encode()) + 1))
    assert len(notes.encode()) >= NOTES_BYTES
    store_rows(filled_ctx, "customers", [changed(filled_ctx, "customers", ident, notes=notes, full_name="N" * 20_000)])
    view = CustomersView(filled_ctx, controller)
    qtbot.addWidget(view)
    shown_at_default_size(view, qtbot)

    started = time.perf_counter()
    view.open_customer(ident)
    QApplication.processEvents()
    screenshot(view, tmp_path / "customers-5mb-notes.png")
    elapsed = time.perf_counter() - started

    assert elapsed < OPEN_BOUND_S, f"opening took {elapsed:.2f} s"
    shown = view.profile.fields["notes"].text()
    assert shown.startswith(sentence) and len(shown) < 10_000  # the beginning, then an ellipsis
    assert shown.endswith("…")
    assert view.profile.name.text().startswith("NNN") and len(view.profile.name.text()) < 1000
    # The whole of the notes is a click away.
    qtbot.mouseClick(view.profile.copy_notes, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == notes


# created_at and paid_at, total_thb, and how the list shows them (English, then with the Buddhist era).
ODD_ORDERS = [
    ("9999-12-31T20:00:00+00:00", 1e15, ("31 Dec 9999", "31 Dec 10542 BE"), "฿1,000,000,000,000,000.00"),
    ("9999-12-31T23:59:59.999999+00:00", -1e15, ("31 Dec 9999", "31 Dec 10542 BE"),
     f"{formatting.MINUS}฿1,000,000,000,000,000.00"),
    ("0001-01-01T00:00:00+00:00", 1234567890123.45, ("1 Jan 1", "1 Jan 544 BE"), "฿1,234,567,890,123.45"),
    ("0001-01-01T00:00:00+07:00", 9.99e29, ("1 Jan 1", "1 Jan 544 BE"), "฿999,000,000,000,000,000,000,000,000,000.00"),
]


@pytest.mark.parametrize("era", [False, True])
def test_orders_dated_at_the_ends_of_the_calendar_render(filled_ctx, controller, qtbot, app_font, tmp_path, era,
                                                         monkeypatch):
    """9999-12-31 20:00 UTC is already the year 10000 in Bangkok, which Python's datetime cannot hold: the
    cells were left blank and painting them crashed."""
    monkeypatch.setattr(filled_ctx, "settings", dataclasses.replace(filled_ctx.settings, buddhist_era=era))
    customer = filled_ctx.conn.execute("SELECT customer_id FROM orders ORDER BY id").fetchone()[0]
    idents = [r[0] for r in filled_ctx.conn.execute("SELECT id FROM orders WHERE customer_id = ? ORDER BY id",
                                                    (customer,))][:len(ODD_ORDERS)]
    odd = dict(zip(idents, ODD_ORDERS, strict=False))
    store_rows(filled_ctx, "orders", [changed(filled_ctx, "orders", ident, created_at=when, paid_at=when,
                                              total_thb=total) for ident, (when, total, _, _) in odd.items()])

    view = OrdersView(filled_ctx, controller)
    qtbot.addWidget(view)
    shown_at_default_size(view, qtbot)
    model = view.list.model
    rows = {model.row(n)["id"]: n for n in range(model.rowCount())}
    for ident, (_, _, dates, total) in odd.items():
        cells = [model.index(rows[ident], column).data() for column in range(model.columnCount())]
        assert all(cells), cells
        assert (cells[0], cells[5], cells[6]) == (dates[era], total, dates[era])
    assert rows[idents[0]] < 2  # the newest of all
    view.list.table.selectRow(rows[idents[0]])
    assert view.detail.fields["date"].text() == f"{ODD_ORDERS[0][2][era]} 20:00"  # in UTC, the zone it came in
    screenshot(view, tmp_path / "orders-9999.png")

    customers = CustomersView(filled_ctx, controller)
    qtbot.addWidget(customers)
    shown_at_default_size(customers, qtbot)
    customers.open_customer(customer)
    screenshot(customers, tmp_path / "profile-9999.png")
    table = customers.profile.orders
    shown = {table.item(n, 1).text(): (table.item(n, 0).text(), table.item(n, 3).text())
             for n in range(table.rowCount())}
    for ident, (_, _, dates, total) in odd.items():
        assert shown[ident] == (dates[era], total)


@pytest.mark.parametrize("key", ["customers", "orders", "catalog", "employees", "marketing"])
def test_a_50_kb_query_raises_nothing_in_any_view(key, filled_ctx, controller, qtbot):
    from desktop.mainwindow import view_class

    view = view_class(key)(filled_ctx, controller)
    qtbot.addWidget(view)
    for text in ("ก" * 50_000, "%" * 50_000, "a" * 50_000, "\u200b"):
        view.set_search(text)
        view.reload()
    view.set_search("")
    assert not view.grab().isNull()
