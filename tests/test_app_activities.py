"""Activities in the window: Log activity from the profile shows on its timeline at once, waiting to send, and
reaches the server once (at Sync now, or when the server is back); the Follow-ups view groups the open follow-ups
by Bangkok's day, opens their customer, and Mark done reaches the server. Real widgets (offscreen), the stand-in on
real PostgreSQL (the module's own project, which these tests write to), through the fault proxy where the network
has to fail."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import psycopg
import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication

from cache.documents import BANGKOK
from cache.outbox import PENDING
from cache.queries import DONE, OVERDUE, TODAY, UPCOMING
from desktop.activityform import ActivityDialog
from desktop.app import Application
from sync.account import DEMO_EMAIL
from sync.status import Status
from tests.gui import scalar, synced_home

pytestmark = pytest.mark.usefixtures("no_thread_left")

SYNC_TIMEOUT = 60_000
BACK_TIMEOUT = 30_000  # the recovery probe tries again 2 s after the failed cycle, then 4 s...


@pytest.fixture
def app(proxy, keys, sealed, qtbot):
    application = Application(synced_home(proxy.url, keys, sealed))
    application.window.show()  # shortcuts reach a shown window only
    qtbot.waitExposed(application.window)
    yield application
    application.shutdown()
    assert not application.sync.thread_running()


def server(project, sql, params=()):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def demo_employee(project) -> str:
    return server(project, "select id from employees where email = %s", (DEMO_EMAIL,))[0][0]


def own_customer(project, number=0) -> tuple[str, str]:
    """One of the demo salesperson's customers: (id, name)."""
    return server(project, "select id, full_name from customers where assigned_employee_id = %s "
                           "and deleted_at is null order by id offset %s limit 1", (demo_employee(project), number))[0]


def sync(app, qtbot):
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now()
    return finished.args[0]


def timeline_of(app, customer):
    app.window.open_customer(customer)
    profile = app.window.views["customers"].profile
    assert profile.ident == customer
    return profile.timeline


def card_of(timeline, ident):
    found = [c for c in timeline.cards if c.ident == ident]
    assert len(found) == 1, [c.ident for c in timeline.cards]
    return found[0]


def log_from_the_keyboard(app, qtbot, timeline, text, *, day, at, kind="line", outcome="call back"):
    """Ctrl+L, the fields filled in, Enter: the new activity's id."""
    qtbot.keyClick(app.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: timeline.dialog is not None)  # a button's shortcut clicks it a moment later
    dialog = timeline.dialog
    assert isinstance(dialog, ActivityDialog) and dialog.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    qtbot.keyClicks(dialog.text, text)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(outcome))
    dialog.follow_up.setChecked(True)
    dialog.day.setDate(QDate(day.year, day.month, day.day))
    dialog.time.setTime(QTime(at.hour, at.minute))
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert timeline.dialog is None and dialog.logged is not None
    return dialog.logged


def bangkok_today(app) -> dt.date:
    return app.ctx.server_now().astimezone(BANGKOK).date()


def test_an_activity_logged_from_the_profile_shows_at_once_and_reaches_the_server_once(app, project, qtbot):
    customer, _ = own_customer(project)
    timeline = timeline_of(app, customer)
    day = bangkok_today(app) + dt.timedelta(days=2)
    ident = log_from_the_keyboard(app, qtbot, timeline, "Sent the green curry course schedule", day=day,
                                  at=dt.time(14, 30))

    card = card_of(timeline, ident)  # on the timeline at once, newest first, before any cycle
    assert timeline.cards[0] is card
    assert card.sending == PENDING and card.sending_label.text() == "Waiting to send"
    assert card.follow_up == UPCOMING and "upcoming" in card.follow_up_label.text()
    assert card.done_button is not None  # the rep's own open follow-up

    sync(app, qtbot)
    rows = server(project, "select id, kind, outcome, follow_up_at, done_at from customer_activities "
                           "where body = 'Sent the green curry course schedule'")
    due = dt.datetime.combine(day, dt.time(14, 30), BANGKOK)
    assert rows == [(ident, "line", "call back", due, None)]
    qtbot.waitUntil(lambda: card_of(timeline, ident).sending is None)
    assert app.ctx.waiting() == 0


def test_with_the_server_down_an_activity_shows_at_once_and_is_sent_when_it_is_back(app, project, proxy, qtbot):
    customer, _ = own_customer(project, 1)
    timeline = timeline_of(app, customer)
    proxy.offline = True
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as attempt:  # the upload a write asks for
        ident = log_from_the_keyboard(app, qtbot, timeline, "Visited the school while offline",
                                      day=bangkok_today(app), at=dt.time(23, 59), kind="visit", outcome="booked")
        assert card_of(timeline, ident).sending == PENDING  # at once
    assert attempt.args[0].status == Status.OFFLINE
    card = card_of(timeline, ident)
    assert card.sending == PENDING and card.follow_up == TODAY
    assert server(project, "select count(*) from customer_activities where id = %s", (ident,)) == [(0,)]

    proxy.offline = False  # the recovery probe finds the server and the cycle sends the activity
    qtbot.waitUntil(lambda: card_of(timeline, ident).sending is None, timeout=BACK_TIMEOUT)
    assert server(project, "select kind, body, outcome from customer_activities where customer_id = %s "
                           "and body = 'Visited the school while offline'", (customer,)) == \
        [("visit", "Visited the school while offline", "booked")]


def _activity(project, customer, employee, follow_up_at, *, done_at=None, body):
    ident = str(uuid.uuid4())
    server(project, "insert into customer_activities (id, customer_id, employee_id, kind, body, follow_up_at, done_at)"
                    " values (%s, %s, %s, 'call', %s, %s, %s)",
           (ident, customer, employee, body, follow_up_at, done_at))
    return ident


def test_follow_ups_are_grouped_by_bangkoks_day_and_mark_done_reaches_the_server(app, project, qtbot):
    me = demo_employee(project)
    other = server(project, "select id from employees where id <> %s and role = 'sales' and active "
                            "order by id limit 1", (me,))[0][0]
    customer, name = own_customer(project, 2)
    now = dt.datetime.now(BANGKOK)
    today = now.date()
    noon = dt.datetime.combine(today, dt.time(12), BANGKOK)
    overdue = _activity(project, customer, me, now - dt.timedelta(days=2), body="Overdue call")
    due_today = _activity(project, customer, me, noon, body="Call at noon")
    upcoming = _activity(project, customer, me, now + dt.timedelta(days=3), body="Call next week")
    done = _activity(project, customer, me, now - dt.timedelta(days=1), done_at=now, body="Done already")
    theirs = _activity(project, customer, other, noon, body="Someone else's call")
    sync(app, qtbot)
    app.window.show_view("followups")
    view = app.window.current_view
    assert view.key == "followups" and view.tree.hasFocus()

    # What the cache holds of the demo salesperson's open follow-ups, grouped by the Bangkok day it falls on.
    expected = {OVERDUE: [], TODAY: [], UPCOMING: []}
    for ident, due in server(project, "select id, follow_up_at from customer_activities where employee_id = %s "
                                      "and follow_up_at is not null and done_at is null and deleted_at is null "
                                      "order by follow_up_at, id", (me,)):
        day = due.astimezone(BANGKOK).date()
        expected[OVERDUE if day < today else TODAY if day == today else UPCOMING].append(ident)
    assert {group: [a["id"] for a in view.rows(group)] for group in expected} == expected
    assert overdue in expected[OVERDUE] and due_today in expected[TODAY] and upcoming in expected[UPCOMING]
    shown = {a["id"] for group in expected for a in view.rows(group)}
    assert done not in shown and theirs not in shown
    assert view.groups[OVERDUE].text(0) == f"Overdue ({len(expected[OVERDUE])})"
    assert view.tree.isColumnHidden(4)  # who: the rep's own only

    view.everyone.setChecked(True)  # everyone's: the other salesperson's follow-up too, theirs to mark done
    assert theirs in [a["id"] for a in view.rows(TODAY)] and not view.tree.isColumnHidden(4)
    assert view.select(theirs) and not view.done_button.isEnabled()
    view.everyone.setChecked(False)

    # Enter opens the customer.
    assert view.select(due_today)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert app.window.current_view.key == "customers"
    assert app.window.views["customers"].profile.ident == customer
    assert app.window.views["customers"].profile.name.text() == name

    # Ctrl+D: the row leaves the open groups at once, the cursor goes on to the next one; the server gets it.
    app.window.show_view("followups")
    assert view.select(overdue) and view.done_button.isEnabled()
    position = [a["id"] for a in view.rows(OVERDUE)].index(overdue)
    qtbot.keyClick(app.window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: overdue not in [a["id"] for a in view.rows(OVERDUE)])  # the button's click, a moment on
    remaining = [a["id"] for a in view.rows(OVERDUE)]
    assert remaining == [i for i in expected[OVERDUE] if i != overdue]
    assert server(project, "select done_at from customer_activities where id = %s", (overdue,)) == [(None,)]
    assert all(overdue not in [a["id"] for a in view.rows(group)] for group in expected)
    following = [*remaining[position:], *[a["id"] for a in view.rows(TODAY)]]
    assert view.current()["id"] == following[0]
    qtbot.waitUntil(lambda: server(project, "select done_at is not null from customer_activities where id = %s",
                                   (overdue,)) == [(True,)], timeout=SYNC_TIMEOUT)
    qtbot.waitUntil(lambda: app.ctx.waiting() == 0 and not app.sync.running, timeout=SYNC_TIMEOUT)
    assert overdue not in [a["id"] for a in view.rows(OVERDUE)]

    # The profile's timeline says the same: done, and the other open ones still to do.
    timeline = timeline_of(app, customer)
    assert card_of(timeline, overdue).follow_up == DONE and card_of(timeline, overdue).done_button is None
    assert card_of(timeline, due_today).follow_up == TODAY
    assert card_of(timeline, theirs).done_button is None  # only its author may mark it done


# --- the dialog alone, over a copy of the synced cache -----------------------------------------------------------

@pytest.fixture
def customer(filled_ctx):
    return scalar(filled_ctx, "SELECT id FROM customers ORDER BY id LIMIT 1")


def test_esc_cancels_and_enter_without_a_word_asks_for_one(filled_ctx, customer, qtbot):
    before = scalar(filled_ctx, "SELECT count(*) FROM customer_activities")
    dialog = ActivityDialog(filled_ctx, customer, "Somchai")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "Write what happened, or choose an outcome."
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.logged is None
    assert scalar(filled_ctx, "SELECT count(*) FROM customer_activities") == before


def test_shift_enter_starts_a_new_line_and_a_chosen_outcome_is_stored_as_its_word(filled_ctx, customer, qtbot):
    dialog = ActivityDialog(filled_ctx, customer, "Somchai")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.text, "Asked about")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.text, "the market tour")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("interested"))
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Return)  # Enter in any field saves
    assert not dialog.isVisible()
    row = filled_ctx.conn.execute("SELECT kind, body, outcome, follow_up_at, employee_id FROM customer_activities "
                                  "WHERE id = ?", (dialog.logged,)).fetchone()
    me = filled_ctx.employee_id()
    assert me is not None
    assert tuple(row) == ("call", "Asked about\nthe market tour", "interested", None, me)


def test_with_buddhist_era_years_the_follow_up_date_reads_and_is_typed_in_them(filled_ctx, customer, qtbot):
    filled_ctx.settings = dataclasses.replace(filled_ctx.settings, buddhist_era=True)
    dialog = ActivityDialog(filled_ctx, customer, "Somchai")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.follow_up.setChecked(True)
    edit = dialog.day.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(dialog.day, "3 Dec 2569")  # typed as the rep reads it: 2569 BE is 2026
    assert dialog.day.date() == QDate(2026, 12, 3)
    assert dialog.day.text() == "3 Dec 2569"
    qtbot.keyClicks(dialog.text, "Call about the December class")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert scalar(filled_ctx, "SELECT follow_up_at FROM customer_activities WHERE id = ?", dialog.logged) == \
        "2026-12-03T02:00:00+00:00"  # nine in the morning, Bangkok time
