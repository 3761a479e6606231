"""The rep's New lead and Edit forms in the window, and the badge of a customer with changes waiting: a lead
saved in the form is listed at once under a local id with the badge, and after Sync now under its customer
number with the badge gone, once on the server; an edit from the profile reaches the server; a lead made while
the server is down is shown at once and sent when it is back; the form blocks what the server would refuse and
warns of a customer already cached with the same contact. Real widgets (offscreen), the stand-in on real
PostgreSQL through the fault proxy."""

from __future__ import annotations

import time

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cache.outbox import is_local
from cache.queries import CHANGE_STATE
from desktop.app import Application
from desktop.context import AppContext
from desktop.leadform import CUSTOMER_LINK, CustomerForm
from desktop.views.labels import change_text, segment_text, source_text
from sync.credentials import CredentialStore
from tests.keyrings import FileKeyring
from tests.syncing import FAST_RETRY, signed_in

pytestmark = pytest.mark.usefixtures("no_thread_left")

SYNC_TIMEOUT = 60_000


@pytest.fixture
def app(proxy, keys, sealed, qtbot):
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


def server(project, sql, params=()):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        return conn.execute(sql, params).fetchall()


def sync(app, qtbot):
    """Sync now, once any cycle the save started has ended; the cycle's report."""
    qtbot.waitUntil(lambda: not app.sync.running, timeout=SYNC_TIMEOUT)
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        qtbot.keyClick(app.window, Qt.Key.Key_F5)
    return finished.args[0]


def customers(app):
    return app.window.views["customers"]


def new_lead_form(app, qtbot) -> CustomerForm:
    qtbot.keyClick(app.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = app.window.lead_form
    assert isinstance(form, CustomerForm) and form.isVisible()
    return form


def fill(form, qtbot, **values):
    for key, text in values.items():
        if key == "source":
            form.source.setCurrentIndex(form.source.findData(text))
        elif text.isascii():
            form.lines[key].clear()
            qtbot.keyClicks(form.lines[key], text)
        else:  # QTest types Latin-1 only
            form.lines[key].setText(text)


def shown_name(view, ident):
    """The name cell of a customer's row in the list, as it reads on screen."""
    model = view.list.model
    number = next((n for n in range(model.rowCount()) if model.row(n)["id"] == ident), None)
    assert number is not None, f"{ident} is not in the list"
    return model.data(model.index(number, 0))


def own_customer(app):
    """A customer assigned to the signed-in rep, which sales may edit, with a tag to remove."""
    me = app.ctx.outbox().employee_id
    return app.ctx.conn.execute("SELECT id FROM customers WHERE assigned_employee_id = ? AND tags != '[]' "
                                "AND id NOT LIKE 'local:%' ORDER BY id LIMIT 1", (me,)).fetchone()[0]


def test_a_new_lead_is_listed_at_once_with_its_badge_then_under_its_number_after_sync_now(app, project, qtbot):
    form = new_lead_form(app, qtbot)
    assert not form.save_button.isEnabled()  # nothing typed yet
    fill(form, qtbot, full_name="มาลี ทดลองงาน", phone="089 111 2233", source="WI")
    form.tag_input.setFocus()
    qtbot.keyClicks(form.tag_input, "fair")
    qtbot.keyClick(form.tag_input, Qt.Key.Key_Return)  # adds the tag, does not save
    assert form.tag_values() == ["fair"] and form.isVisible()
    qtbot.keyClick(form.lines["phone"], Qt.Key.Key_Return)  # Enter saves

    ident = form.saved_id
    assert ident is not None and is_local(ident) and not form.isVisible()
    view = customers(app)
    assert app.window.current_view is view
    assert view.list.current()["id"] == ident and view.profile.ident == ident  # shown and selected
    assert view.list.current()[CHANGE_STATE] == "pending"
    assert shown_name(view, ident) == f"มาลี ทดลองงาน  ·  {change_text('pending')}"
    assert view.profile.changes.isVisible() and view.profile.changes.state == "pending"
    assert view.profile.changes.text() == change_text("pending")
    assert view.profile.number.isHidden() and "number when it is sent" in view.profile.changes.toolTip()

    report = sync(app, qtbot)
    assert report.ok, report.message
    number = view.profile.ident
    assert number.startswith("TVS-CUS-WI-") and view.profile.number.text() == number
    assert view.profile.number.isVisible()
    assert not view.profile.changes.isVisible()
    assert view.list.current()["id"] == number and CHANGE_STATE not in view.list.current()
    assert shown_name(view, number) == "มาลี ทดลองงาน"
    assert server(project, "select id, phone, tags, source from customers where full_name = 'มาลี ทดลองงาน'") == [
        (number, "089 111 2233", ["fair"], "WI")]
    assert app.ctx.waiting() == 0


def test_an_edit_from_the_profile_reaches_the_server(app, project, qtbot):
    view = app.window.view("customers")
    app.window.show_view("customers")
    ident = own_customer(app)
    view.open_customer(ident)
    before = app.ctx.get("customers", ident)
    removed = before["tags"][0]
    new_segment = "vip" if before["segment"] != "vip" else "active"

    view.list.table.setFocus()  # F2 is the item views' "edit" key: from the list too
    qtbot.keyClick(app.window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: view.profile.form is not None)  # a button's shortcut clicks it as a press would
    form = view.profile.form
    assert isinstance(form, CustomerForm) and form.isVisible()
    assert form.source.isHidden()  # the channel is part of the customer's number
    assert not form.save_button.isEnabled()  # nothing changed yet
    form.segment.setCurrentIndex(form.segment.findData(new_segment))
    fill(form, qtbot, phone="0812223344")
    form.add_tag("edited-in-window")
    form.tags.setCurrentRow(form.tag_values().index(removed))
    qtbot.keyClick(form.tags, Qt.Key.Key_Delete)
    assert form.changes() == ({"segment": new_segment, "phone": "0812223344"}, ["edited-in-window"], [removed])
    form.save_button.click()
    assert not form.isVisible()

    entries = app.ctx.outbox().entries()
    assert [(e.op, e.fields, e.add_tags, e.remove_tags) for e in entries] == [
        ("update_customer", {"segment": new_segment, "phone": "0812223344"}, ["edited-in-window"], [removed])]
    assert view.profile.fields["segment"].text() == segment_text(new_segment)  # shown at once
    assert view.profile.changes.state == "pending"
    assert change_text("pending") in shown_name(view, ident)

    assert sync(app, qtbot).ok
    (segment, phone, tags), = server(project, "select segment, phone, tags from customers where id = %s", (ident,))
    assert (segment, phone) == (new_segment, "0812223344")
    assert "edited-in-window" in tags and removed not in tags
    assert not view.profile.changes.isVisible() and change_text("pending") not in shown_name(view, ident)


def test_a_lead_made_while_the_server_is_down_shows_at_once_and_is_sent_when_it_is_back(app, project, proxy, qtbot):
    proxy.offline = True
    form = new_lead_form(app, qtbot)
    fill(form, qtbot, full_name="Offline Fair Lead", line_id="offline-fair", source="LN")
    started = time.perf_counter()
    assert form.save()
    saved_in = time.perf_counter() - started
    ident = form.saved_id
    view = customers(app)
    assert view.list.current()["id"] == ident and view.list.current()[CHANGE_STATE] == "pending"
    assert saved_in < 1.0  # no wait on the server that does not answer
    report = sync(app, qtbot)
    assert report.status == "offline"
    assert view.profile.ident == ident and view.profile.changes.state == "pending"  # kept, still waiting

    proxy.offline = False
    assert sync(app, qtbot).ok
    (number,), = server(project, "select id from customers where full_name = 'Offline Fair Lead'")
    assert view.profile.ident == number and number.startswith("TVS-CUS-LN-")
    assert not view.profile.changes.isVisible()


def test_the_form_says_what_is_missing_and_keeps_save_disabled(app, qtbot):
    form = new_lead_form(app, qtbot)
    assert form.problems.isVisible() and form.problems.property("role") == "muted"  # a guide before typing
    fill(form, qtbot, phone="0899990000", source="FB")
    assert not form.save_button.isEnabled()
    assert form.problems.text() == "Enter the customer's name." and form.problems.property("role") == "error"
    qtbot.keyClick(form.lines["phone"], Qt.Key.Key_Return)
    assert form.isVisible() and not form.save() and form.saved_id is None
    fill(form, qtbot, full_name="   ")
    assert not form.save_button.isEnabled()  # spaces are no name
    fill(form, qtbot, full_name="Named Now", phone="")
    assert form.problems.text() == "Enter a phone number, LINE ID or e-mail, so that the customer can be reached."
    form.source.setCurrentIndex(0)
    assert "Choose where the lead came from." in form.problems.text()
    assert [form.source.itemText(n) for n in range(1, form.source.count())] == [
        source_text(code) for code in ("FB", "IG", "LN", "TT", "GG", "WI", "RF", "WB")]
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # Esc cancels
    assert not form.isVisible()
    assert app.ctx.waiting() == 0


def test_the_duplicate_warning_names_the_customer_and_opens_them(app, qtbot):
    existing, name, phone = app.ctx.conn.execute(
        "SELECT id, full_name, phone FROM customers WHERE phone LIKE '08_-___-____' ORDER BY id").fetchone()
    form = new_lead_form(app, qtbot)
    fill(form, qtbot, full_name="Somebody New", phone=phone.replace("-", ""), source="FB")
    qtbot.waitUntil(lambda: form.duplicates.isVisible())
    assert form.matches == [(existing, name)]
    assert name in form.duplicates.text() and "same phone number" in form.duplicates.text()
    assert form.save_button.isEnabled()  # a warning, not a block

    form.duplicates.linkActivated.emit(CUSTOMER_LINK + existing)  # the rep clicks the name
    assert not form.isVisible() and form.saved_id is None
    view = customers(app)
    assert app.window.current_view is view and view.profile.ident == existing
    assert app.ctx.waiting() == 0


def test_saving_anyway_keeps_both_and_an_edit_is_not_its_own_duplicate(app, qtbot):
    existing, email = app.ctx.conn.execute(
        "SELECT id, email FROM customers WHERE email IS NOT NULL ORDER BY id").fetchone()
    form = new_lead_form(app, qtbot)
    fill(form, qtbot, full_name="Same Mail", email=email.upper(), source="GG")
    form.check_duplicates()
    assert [ident for ident, _ in form.matches] == [existing]
    assert form.save()
    assert app.ctx.get("customers", form.saved_id)["email"] == email.upper()

    edit = CustomerForm(app.ctx, app.ctx.record("customers", {"id": existing}))
    qtbot.addWidget(edit)
    assert existing not in [ident for ident, _ in edit.matches]
    assert form.saved_id in [ident for ident, _ in edit.matches]  # the new lead has the same e-mail
    assert edit.changes() == ({}, [], []) and not edit.save_button.isEnabled()  # nothing changed yet
    unset = CustomerForm(app.ctx, {**app.ctx.record("customers", {"id": existing}), "segment": None})
    qtbot.addWidget(unset)
    assert unset.changes() == ({}, [], [])  # a customer without a segment is not given one unasked


def test_the_form_reads_and_takes_buddhist_era_birthdays(app, qtbot):
    import dataclasses

    app.ctx.settings = dataclasses.replace(app.ctx.settings, buddhist_era=True)
    form = CustomerForm(app.ctx, None)
    qtbot.addWidget(form)
    form.show()
    form.birthday_known.setChecked(True)
    form.birthday.setFocus()
    form.birthday.lineEdit().selectAll()
    qtbot.keyClicks(form.birthday, "17 May 2533")
    QApplication.processEvents()
    assert form.values()["birthday"] == "1990-05-17"
    assert "2533" in form.birthday.text()


def test_the_badge_says_conflict_and_refused_and_the_most_urgent_wins(filled_ctx, controller, qtbot):
    from desktop.views.customers import CustomersView

    view = CustomersView(filled_ctx, controller)
    qtbot.addWidget(view)
    first, second = (r[0] for r in filled_ctx.conn.execute("SELECT id FROM customers ORDER BY full_name LIMIT 2"))
    box = filled_ctx.outbox()
    box.edit_customer(first, {"notes": "one"})
    box.edit_customer(second, {"notes": "two"})
    box.conn.execute("UPDATE outbox SET state = 'conflict' WHERE ident = ?", (first,))
    box.conn.execute("UPDATE outbox SET state = 'rejected' WHERE ident = ?", (second,))
    box.conn.commit()
    box.edit_customer(second, {"nickname": "again"})  # a new entry, pending, behind the refused one
    view.reload()
    assert shown_name(view, first).endswith(f"  ·  {change_text('conflict')}")
    assert shown_name(view, second).endswith(f"  ·  {change_text('rejected')}")  # refused outranks waiting
    model = view.list.model
    row = model.row(model.row_of(first))
    assert not model.data(model.index(model.row_of(first), 0), Qt.ItemDataRole.DecorationRole).isNull()
    assert model.columns[0].display(row) == row["full_name"]  # copied and exported without the badge
    view.open_customer(second)
    assert view.profile.changes.state == "rejected" and view.profile.changes.text() == change_text("rejected")
    box.discard(box.entries()[-1].seq)
    box.discard(box.entries()[-1].seq)
    box.discard(box.entries()[-1].seq)
    view.reload()
    assert CHANGE_STATE not in model.row(model.row_of(second)) and not view.profile.changes.isVisible()
