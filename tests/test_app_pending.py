"""The rep's waiting changes in the window: the status bar's count, the Pending changes page, the conflict
dialog both ways, a refusal edited or discarded, the questions before signing out or removing the data, and a
session that ends on the server while a change waits. The whole application (offscreen) against the stand-in
on real PostgreSQL, the server's side edited directly in the database as its owner."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cache.outbox import CONFLICT, PENDING, REJECTED, SENDING
from cache.queries import ListQuery
from desktop.app import Application
from desktop.conflicts import ConflictDialog
from desktop.context import AppContext
from desktop.pending import NOTICE
from desktop.pending_page import EditChangeDialog, PendingPage
from desktop.settingsdialog import SettingsDialog
from desktop.signin import SignInDialog
from devserver import datagen
from sync.credentials import CredentialStore
from sync.status import Connection, Status
from tests.gui import listed
from tests.keyrings import FileKeyring
from tests.syncing import FAST_RETRY, new_project, signed_in

pytestmark = [
    pytest.mark.usefixtures("no_thread_left"),
    # The offscreen platform cannot resize a shown dialog's window to a new minimum size, and says so.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

WAIT_MS = 60_000


@pytest.fixture(scope="module")
def project(cluster, keys):
    """This module's own: its tests send changes. Access tokens last six seconds, so every request renews the
    session first (sync/session.py renews a minute ahead) and a session revoked on the server ends at the next."""
    project = new_project(cluster, keys, token_ttl=6)
    yield project
    project.server.stop()


@pytest.fixture
def app(proxy, keys, sealed, qtbot) -> Iterator[Application]:
    root, config = sealed / "cache", sealed / "config"
    account = signed_in(proxy.url, keys, root, keyring=FileKeyring())
    assert account.engine().run_cycle().ok
    account.close()
    ctx = AppContext(config, root, CredentialStore(), retry=FAST_RETRY)
    ctx.settings = account.settings
    ctx.save_settings()
    ctx.open_account()
    application = Application(ctx)
    application.window.show()  # shortcuts reach a shown window only
    qtbot.waitExposed(application.window)
    yield application
    application.shutdown()
    assert not application.sync.thread_running()


@dataclass
class Question:
    title: str
    text: str
    default: QMessageBox.StandardButton


class Questions:
    """The questions the window asks (QMessageBox.question), each answered with the next of `answers`, else
    with the question's own default."""

    def __init__(self) -> None:
        self.asked: list[Question] = []
        self.answers: list[QMessageBox.StandardButton] = []

    def __call__(self, parent, title, text, buttons, default):
        self.asked.append(Question(title, text, default))
        return self.answers.pop(0) if self.answers else default


@pytest.fixture
def questions(monkeypatch) -> Questions:
    found = Questions()
    monkeypatch.setattr(QMessageBox, "question", found)
    return found


def server(project, sql, params=()):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def own_customers(project) -> list[str]:
    return [r[0] for r in server(project, "select id from customers where deleted_at is null and assigned_employee_id "
                                          "= (select id from employees where email = %s) order by id",
                                 (datagen.DEMO_EMAIL,))]


def own_customers_in_cache(app) -> list[str]:
    """The rep's own customers as the cache has them, from the other end (the server-side tests take the first)."""
    employee = app.ctx.outbox().employee_id
    return [r[0] for r in app.ctx.conn.execute("SELECT id FROM customers WHERE assigned_employee_id = ? ORDER BY id "
                                               "DESC", (employee,))]


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """`act` on the modal dialog of this kind once it is open (its exec() holds the test until it closes)."""
    deadline = time.monotonic() + WAIT_MS / 1000

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        elif time.monotonic() < deadline:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def idle(app) -> bool:
    return not app.sync.running and app.window.sync_action.text() == "Sync now"


def entries(app, state: str | None = None):
    return [e for e in app.ctx.changes() if state is None or e.state == state]


def page_of(app, qtbot) -> PendingPage:
    page = app.window.pending_link.page
    assert page is not None and page.isVisible()
    qtbot.waitUntil(lambda: page.table.rowCount() == len(app.ctx.changes()))
    return page


def row_texts(page: PendingPage) -> list[list[str]]:
    table = page.table
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def select(page: PendingPage, seq: int) -> None:
    page.table.selectRow(next(n for n, e in enumerate(page.entries) if e.seq == seq))


@pytest.mark.parametrize("mine", [True, False], ids=["keep-mine", "take-theirs"])
def test_a_conflict_is_resolved_in_the_dialog(app, project, qtbot, mine):
    ident = own_customers(project)[0 if mine else 1]
    name = app.ctx.get("customers", ident)["full_name"]
    # The server's phone changes after the version the rep's edit is based on (the cache's).
    server(project, "update customers set phone = '0890000001' where id = %s", (ident,))
    app.ctx.write(lambda box: box.edit_customer(ident, {"phone": "0812223333", "notes": "asked for a weekday class"}))
    assert app.ctx.get("customers", ident)["phone"] == "0812223333"  # shown at once
    qtbot.keyClick(app.window, Qt.Key.Key_F5)  # Sync now (the write's own cycle may be running: it joins)
    qtbot.waitUntil(lambda: bool(entries(app, CONFLICT)) and len(entries(app)) == 1 and idle(app), timeout=WAIT_MS)
    # The field the server did not touch went through; the one it changed waits for the rep.
    assert server(project, "select phone, notes from customers where id = %s", (ident,)) == \
        [("0890000001", "asked for a weekday class")]
    banner = app.window.banner
    qtbot.waitUntil(lambda: not banner.isHidden() and banner.kind == NOTICE)
    assert "conflicts with an edit made on the server" in banner.text.text() and banner.action.text() == "Resolve…"
    link = app.window.pending_link
    assert link.isVisible() and link.text() == "1 change waiting" and link.property("attention") == "true"

    banner.action.click()  # the notice opens the page; nothing opened by itself before
    page = page_of(app, qtbot)
    assert row_texts(page) == [[f"Edit of {name}: Phone", "Conflict", row_texts(page)[0][2],
                                "Changed on the server too: Phone"]]

    seen = {}

    def decide(dialog: ConflictDialog) -> None:
        seen["rows"] = {f: [label.text() for label in labels] for f, labels in dialog.values.items()}
        seen["apply"] = dialog.apply.isEnabled()
        dialog.choices["phone"].button(1 if mine else 0).click()  # per field
        seen["then"] = dialog.apply.isEnabled()
        dialog.apply.click()

    when_modal(ConflictDialog, decide)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter resolves the selected conflict
    base = seen["rows"]["phone"][0]
    assert seen["rows"] == {"phone": [base, "0890000001", "0812223333"]} and base != "0890000001"
    assert not seen["apply"] and seen["then"]  # Apply waits for a decision on every field
    if mine:
        # Mine goes again on the server's version, by the cycle the decision asks for.
        qtbot.waitUntil(lambda: server(project, "select phone from customers where id = %s", (ident,)) ==
                        [("0812223333",)], timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not app.ctx.changes() and idle(app), timeout=WAIT_MS)
        assert app.ctx.get("customers", ident)["phone"] == "0812223333"
    else:
        assert not app.ctx.changes()  # nothing waits: the server's value stays
        assert app.ctx.get("customers", ident)["phone"] == "0890000001"
        qtbot.waitUntil(lambda: idle(app), timeout=WAIT_MS)
        assert server(project, "select phone from customers where id = %s", (ident,)) == [("0890000001",)]
    qtbot.waitUntil(lambda: page.empty.isVisible() and not page.table.isVisible())
    assert page.empty.text() == "Nothing waiting: every change has reached the server."
    assert link.isHidden()


def test_all_at_once_buttons_decide_every_field(app, project, qtbot):
    ident = own_customers(project)[2]
    server(project, "update customers set phone = '0890000002', nickname = 'Theirs' where id = %s", (ident,))
    app.ctx.write(lambda box: box.edit_customer(ident, {"phone": "0812224444", "nickname": "Mine"}))
    qtbot.waitUntil(lambda: bool(entries(app, CONFLICT)) and idle(app), timeout=WAIT_MS)
    (entry,) = entries(app, CONFLICT)
    dialog = ConflictDialog(app.ctx, entry, "x")
    qtbot.addWidget(dialog)
    assert {f: [label.text() for label in labels][1:] for f, labels in dialog.values.items()} == \
        {"phone": ["0890000002", "0812224444"], "nickname": ["Theirs", "Mine"]}
    dialog.take_all_theirs.click()
    assert dialog.decisions() == {"phone": False, "nickname": False}
    dialog.keep_all_mine.click()
    assert dialog.decisions() == {"phone": True, "nickname": True}
    dialog.apply.click()
    qtbot.waitUntil(lambda: server(project, "select phone, nickname from customers where id = %s", (ident,)) ==
                    [("0812224444", "Mine")], timeout=WAIT_MS)


def test_a_refused_change_is_shown_with_the_servers_message_then_edited_or_discarded(app, project, qtbot,
                                                                                   questions):
    mine = own_customers(project)[3]
    other, = server(project, "select id from customers where deleted_at is null and assigned_employee_id is not null "
                             "and assigned_employee_id != (select id from employees where email = %s) "
                             "order by id limit 1", (datagen.DEMO_EMAIL,))[0]
    other_name, other_notes = (app.ctx.get("customers", other)[k] for k in ("full_name", "notes"))
    app.ctx.write(lambda box: box.edit_customer(other, {"notes": "not mine to edit"}))  # another rep's (RLS)
    app.ctx.write(lambda box: box.edit_customer(mine, {"full_name": "  "}))  # a value the server refuses
    qtbot.waitUntil(lambda: len(entries(app, REJECTED)) == 2 and idle(app), timeout=WAIT_MS)
    assert "refused 2 of your changes" in app.window.banner.text.text()
    assert app.window.banner.action.text() == "Review…"
    assert app.ctx.get("customers", other)["notes"] == other_notes  # the server's value again
    qtbot.keyClick(app.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    page = page_of(app, qtbot)
    rows = {e.ident: texts for e, texts in zip(page.entries, row_texts(page), strict=True)}
    assert rows[other][0] == f"Edit of {other_name}: Notes" and rows[other][1] == "Refused"
    assert "assigned to another employee" in rows[other][3]
    assert rows[mine][1] == "Refused" and "full_name must not be empty" in rows[mine][3]

    # Edit: the name corrected, and the change goes again.
    refused = next(e for e in page.entries if e.ident == mine)
    select(page, refused.seq)
    assert page.edit_button.isEnabled() and page.retry_button.isEnabled() and not page.resolve_button.isEnabled()

    def correct(dialog: EditChangeDialog) -> None:
        assert list(dialog.editors) == ["full_name"]
        dialog.editors["full_name"].setText("ชื่อใหม่ แก้แล้ว")
        dialog.send.click()

    when_modal(EditChangeDialog, correct)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter edits a refused change
    qtbot.waitUntil(lambda: server(project, "select full_name from customers where id = %s", (mine,)) ==
                    [("ชื่อใหม่ แก้แล้ว",)], timeout=WAIT_MS)

    # Discard, asked first with what is lost; Cancel keeps it, Discard drops it.
    qtbot.waitUntil(lambda: [e.ident for e in page.entries] == [other] and idle(app), timeout=WAIT_MS)
    select(page, page.entries[0].seq)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    (question,) = questions.asked
    assert question.text.startswith(f"Your changes to {other_name} (Notes) are lost")
    assert question.default == QMessageBox.StandardButton.Cancel
    assert len(entries(app)) == 1  # cancelled
    questions.answers.append(QMessageBox.StandardButton.Discard)
    page.discard_button.click()
    assert not app.ctx.changes()
    assert app.ctx.get("customers", other)["notes"] == other_notes
    qtbot.waitUntil(lambda: page.empty.isVisible())


def test_the_count_follows_and_opens_the_page(app, proxy, qtbot):
    link = app.window.pending_link
    assert link.isHidden()
    proxy.offline = True  # the changes wait
    ident = own_customers_in_cache(app)[0]
    lead = app.ctx.write(lambda box: box.create_customer({"full_name": "สมชาย ใจดี", "source": "WI",
                                                          "phone": "0815556666"}))
    qtbot.waitUntil(lambda: link.isVisible() and link.text() == "1 change waiting")
    app.ctx.write(lambda box: box.log_activity(lead, "call", "asked about the green curry course"))
    app.ctx.write(lambda box: box.edit_customer(ident, {"segment": "vip"}, add_tags=["fair"]))
    qtbot.waitUntil(lambda: link.text() == "3 changes waiting")
    assert link.property("attention") == "false"
    assert "Ctrl+Shift+P" in link.toolTip()

    link.click()
    page = page_of(app, qtbot)
    name = app.ctx.get("customers", ident)["full_name"]
    assert [texts[:2] for texts in row_texts(page)][:2] == [["New lead: สมชาย ใจดี", "Waiting to send"],
                                                            ["Activity for สมชาย ใจดี: Call", "Waiting to send"]]
    assert row_texts(page)[2][0] == f"Edit of {name}: Segment, Tags"
    assert row_texts(page)[2][1] in ("Waiting to send", "Waiting to send again")
    page.close()
    qtbot.keyClick(app.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert page.isVisible()

    proxy.offline = False
    qtbot.waitUntil(lambda: idle(app), timeout=WAIT_MS)
    with qtbot.waitSignal(app.sync.finished, timeout=WAIT_MS):
        app.sync.sync_now()
    qtbot.waitUntil(lambda: link.isHidden() and page.empty.isVisible(), timeout=WAIT_MS)


def test_a_session_ended_on_the_server_loses_nothing(app, project, qtbot):
    """The session revoked while a new lead waits: the window shows signed out with the data readable and the
    lead still waiting; after the next sign-in it reaches the server, once."""
    rows = app.ctx.count(ListQuery("customers"))
    server(project, "delete from auth.sessions where user_id = %s", (app.ctx.settings.user_id,))
    with qtbot.waitSignal(app.sync.finished, timeout=WAIT_MS) as finished:
        app.ctx.write(lambda box: box.create_customer({"full_name": "ลูกค้า หลังหมดเวลา", "source": "LN",
                                                      "line_id": "after-expiry"}))
    assert finished.args[0].status == Status.SIGNED_OUT
    qtbot.waitUntil(lambda: idle(app), timeout=WAIT_MS)
    assert app.sync.connection == Connection.SIGNED_OUT and "Signed out" in app.window.connection_label.text()
    assert app.window.banner.kind == Status.SIGNED_OUT
    app.window.show_view("customers")
    assert app.ctx.count(ListQuery("customers")) == rows + 1 and listed(app.window.views["customers"])  # readable
    (entry,) = app.ctx.changes()
    assert entry.state in (PENDING, SENDING)
    assert app.window.pending_link.isVisible() and app.window.pending_link.text() == "1 change waiting"

    dialog = SignInDialog(app.ctx, app.sync, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.email.setText(datagen.DEMO_EMAIL)
    dialog.password.setText(datagen.DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.primary.click()
    with qtbot.waitSignal(app.sync.finished, timeout=WAIT_MS) as finished:
        app.sync.sync_now()  # what the application does after an accepted sign-in
    assert finished.args[0].ok and finished.args[0].uploaded.applied == 1
    qtbot.waitUntil(lambda: not app.ctx.changes() and idle(app), timeout=WAIT_MS)
    assert len(server(project, "select id from customers where line_id = 'after-expiry'")) == 1
    assert app.window.pending_link.isHidden()


def test_signing_out_with_changes_waiting_says_they_are_kept(app, proxy, qtbot, questions):
    proxy.offline = True
    ident = own_customers_in_cache(app)[1]
    app.ctx.write(lambda box: box.edit_customer(ident, {"notes": "sent after the next sign-in"}))
    dialog = SettingsDialog(app.ctx, app.sync, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.sign_out.click()
    (question,) = questions.asked
    assert question.text.startswith("1 change you made has not reached the server yet. It stays on this computer "
                                    f"and is sent after you next sign in as {datagen.DEMO_EMAIL}.")
    assert question.default == QMessageBox.StandardButton.Cancel
    assert app.ctx.account.session.has_refresh_token and dialog.isVisible()  # cancelled: still signed in

    questions.answers.append(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.signedOut, timeout=WAIT_MS):
        dialog.sign_out.click()
    assert not app.ctx.account.session.has_refresh_token
    assert app.ctx.waiting() == 1 and app.ctx.get("customers", ident)["notes"] == "sent after the next sign-in"


def test_removing_local_data_with_changes_waiting_names_the_count(app, proxy, qtbot, questions):
    proxy.offline = True
    for number in range(2):
        app.ctx.write(lambda box, n=number: box.create_customer({"full_name": f"งานแฟร์ {n}", "source": "WI",
                                                                "phone": f"08177700{n:02}"}))
    folder = app.ctx.folder
    dialog = SettingsDialog(app.ctx, app.sync, app.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.remove_data.click()
    (question,) = questions.asked
    assert "2 changes you made here have not reached the server yet: they will be lost" in question.text
    assert question.default == QMessageBox.StandardButton.Cancel
    # Cancelled: the data, the outbox and the sign-in stay.
    assert folder is not None and (folder / "cache.db").exists()
    assert app.ctx.waiting() == 2 and app.ctx.conn is not None and dialog.isVisible()
    assert app.ctx.account.session.has_refresh_token
