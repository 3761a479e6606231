"""The staff directory over a cache synced from the tiny dataset: role and status filters, search, the card read
from the employee's JSON file (or SQLite without it), and Copy to the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from cache.jsontree import file_name
from desktop.context import AppContext
from desktop.views.employees import EmployeesView
from sync.credentials import CredentialStore
from tests.gui import assert_fits, listed, shown_at_default_size

pytestmark = pytest.mark.usefixtures("no_thread_left")


@pytest.fixture
def view(filled_ctx, controller, qtbot):
    widget = EmployeesView(filled_ctx, controller)
    qtbot.addWidget(widget)
    return widget


def count(ctx, where, *params):
    return ctx.conn.execute(f"SELECT count(*) FROM employees WHERE {where}", params).fetchone()[0]


def show_role(view, role):
    view.role.setCurrentIndex(max(0, view.role.findData(role)))


def show_status(view, active):
    view.status.setCurrentIndex(view.status.findData(active))


def test_current_staff_by_default_then_role_and_status_filters(view, filled_ctx):
    assert view.list.model.rowCount() == count(filled_ctx, "active")
    show_role(view, "sales")
    assert {r["role"] for r in listed(view)} == {"sales"}
    assert len(listed(view)) == count(filled_ctx, "role = 'sales' AND active") > 0
    show_status(view, None)
    assert len(listed(view)) == count(filled_ctx, "role = 'sales'")
    show_role(view, None)
    show_status(view, False)
    assert len(listed(view)) == count(filled_ctx, "NOT active") > 0
    assert all(not r["active"] for r in listed(view))


def test_search_narrows(view, filled_ctx):
    nickname = filled_ctx.conn.execute("SELECT nickname FROM employees WHERE active AND nickname IS NOT NULL "
                                       "ORDER BY id LIMIT 1").fetchone()[0]
    view.set_search(nickname)
    assert listed(view) and all(nickname in (r["nickname"] or "") + r["full_name"] + (r["email"] or "")
                                for r in listed(view))
    assert len(listed(view)) < count(filled_ctx, "active")
    view.set_search("nobody has this name")
    assert view.list.empty.text().startswith("Nobody matches")


def test_a_search_without_matches_shows_the_message_not_a_blank_list(view, qtbot):
    """Whatever the filters, a search that finds nobody says so in place of the list (the list always has a
    filter, so the message must not depend on the order the two handlers of `loaded` run in)."""
    view.resize(1080, 720)
    view.show()
    qtbot.waitExposed(view)
    for status in (True, False, None):
        show_status(view, status)
        for role in (None, "sales"):
            show_role(view, role)
            view.set_search("nobody has this name")
            assert view.list.model.rowCount() == 0
            assert view.list._stack.currentWidget() is view.list.empty
            assert view.list.empty.isVisible() and not view.list.table.isVisible()
            assert view.list.empty.text() == "Nobody matches — try another search, role or status."
            view.set_search("")
    show_status(view, True)
    assert view.list._stack.currentWidget() is view.list.table and view.list.table.isVisible()


def test_at_the_default_size_the_list_fits_its_pane(view, qtbot, app_font):
    shown_at_default_size(view, qtbot)
    view.list.table.selectRow(0)
    QApplication.processEvents()
    table = view.list.table
    assert_fits(table)
    assert table.columnWidth(0) >= 150  # the name, with the room the other columns leave
    # The card beside it shows a whole email address next to its Copy button.
    assert view.card.email.width() >= view.card.email.sizeHint().width()


def test_copy_email_and_phone_from_the_card(view, qtbot):
    view.list.table.selectRow(0)
    employee = view.list.model.row(0)
    assert view.card.name.text() == employee["full_name"]
    qtbot.mouseClick(view.card.copy_email, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == employee["email"]
    assert view.card.copied.text() == "Email copied"
    qtbot.mouseClick(view.card.copy_phone, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == employee["phone"]


def test_the_card_reads_the_json_file_and_falls_back_to_sqlite(view, filled_ctx):
    employee = view.list.model.row(0)
    path = filled_ctx.file_path(f"employee/{file_name(employee['id'])}.json")
    path.write_text(path.read_text().replace(employee["phone"], "02-000-0000"))
    view.list.table.selectRow(0)
    assert view.card.phone.text() == "02-000-0000"
    path.unlink()
    view.reload()
    assert view.card.phone.text() == employee["phone"]


def test_without_a_cache_the_list_says_to_sync(sealed, controller, qtbot):
    ctx = AppContext(sealed / "empty-config", sealed / "empty-cache", CredentialStore())
    try:
        view = EmployeesView(ctx, controller)
        qtbot.addWidget(view)
        assert view.list.empty.text() == "No staff yet — press Sync now (F5)."
        assert view.role.count() == 1  # All roles
    finally:
        ctx.close()
