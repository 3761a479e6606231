"""The whole application, as a user meets it: offline start from the cache, Sync now against the stand-in, the
network going away mid-sync, search from the toolbar, keyboard habits, another process syncing the cache, and
a clean close. Real widgets (offscreen), a real stand-in on real PostgreSQL, through a fault proxy where the
network has to fail."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import time

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cache.queries import ListQuery
from desktop import i18n
from desktop.app import Application
from desktop.context import AppContext
from sync import events as ev
from sync.account import DEMO_EMAIL, DEMO_PASSWORD
from sync.credentials import CredentialStore
from sync.lock import SyncLock
from sync.settings import load_settings
from tests.faultproxy import Fault
from tests.gui import synced_home
from tests.keyrings import FileKeyring
from tests.syncing import FAST_RETRY, new_project, signed_in
from tools import translations

pytestmark = pytest.mark.usefixtures("no_thread_left")

SYNC_TIMEOUT = 60_000


@pytest.fixture
def project(cluster, keys):
    """A project of the test's own: these tests change its data. Pages of 20 rows make a sync long enough to
    interrupt."""
    project = new_project(cluster, keys, "tiny", max_rows=20)
    yield project
    project.server.stop()


@pytest.fixture
def app(proxy, keys, sealed, qtbot):
    ctx = synced_home(proxy.url, keys, sealed)
    application = Application(ctx)
    application.window.show()  # shortcuts reach a shown window only
    qtbot.waitExposed(application.window)
    application.watch_cache()  # as begin() does after the first frame
    yield application
    application.shutdown()
    assert not application.sync.thread_running()


def _customers(app):
    return app.window.views["customers"]


def _rows_shown(view) -> int:
    return view.list.model.rowCount()


def test_the_window_paints_the_cache_before_it_begins(proxy, keys, sealed, qtbot):
    """The first frame comes before the watcher, the account and the first sync: begin() waits for the window to
    paint, which a zero timer from start() would not (it ran first, and the list painted only after it). That
    frame is the list's alone; the profile beside it follows before begin()."""
    from PySide6.QtCore import QEvent, QObject

    application = Application(synced_home(proxy.url, keys, sealed), auto_sync=False)
    customers = application.window.views["customers"]
    viewport = customers.list.table.viewport()
    seen: list[str] = []
    profile_in_first_frame: list[bool] = []

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not seen:
                seen.append("painted")
                profile_in_first_frame.append(customers.profile.body.widget() is not None)
            return False

    original = application.begin
    application.begin = lambda **kw: (seen.append("begin"), original(**kw))
    viewport.installEventFilter(painted := Painted())
    try:
        application.window.show_view("customers")
        application.start()
        qtbot.waitUntil(lambda: "begin" in seen)
        assert seen == ["painted", "begin"]
        assert application.watcher is not None  # and begin() did its work
        assert profile_in_first_frame == [False]
        shown = customers.list.current()
        assert shown is not None and customers.profile.ident == shown["id"]
        assert customers.profile.body.widget() is customers.profile.name.parentWidget()
        qtbot.waitUntil(customers.profile.name.isVisible)
        assert customers.profile.name.text() == shown["full_name"]
    finally:
        viewport.removeEventFilter(painted)
        application.shutdown()


def test_offline_start_shows_the_cache_and_says_offline(app, proxy, qtbot):
    proxy.offline = True
    expected = app.ctx.count(ListQuery("customers"))
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.start()
        # The first frame is the cache's: the list is full before the first sync has even begun.
        assert not app.sync.running
        assert _rows_shown(_customers(app)) == expected > 0
    assert finished.args[0].status == "offline"
    assert app.window.view_badge.state == "offline"
    assert not app.window.banner.isHidden() and app.window.banner.kind == "offline"
    assert _rows_shown(_customers(app)) == expected  # still browsable


def test_offline_badge_after_a_failed_sync(app, proxy, qtbot):
    proxy.offline = True
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now()
    assert finished.args[0].status == "offline"
    assert app.sync.connection == "offline"
    assert app.window.view_badge.state == "offline"
    assert "Offline" in app.window.connection_label.text()
    assert not app.window.banner.isHidden() and app.window.banner.kind == "offline"


def test_a_server_answering_garbage_is_explained_in_the_banner(app, proxy, qtbot):
    """A network sign-in page answering for the server: the banner says what it means in the interface's words,
    the detail folded under Details, and the list stays as it was."""
    expected = _rows_shown(_customers(app))
    proxy.add(Fault("garbage", times=None))
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now()
    assert finished.args[0].status == "bad_response"
    banner = app.window.banner
    assert not banner.isHidden() and banner.kind == "error"
    assert banner.text.text().startswith("This address is not a Supabase project")
    assert "network sign-in page" in banner.details.text() and banner.details.isHidden()
    assert _rows_shown(_customers(app)) == expected


def test_a_server_that_is_down_is_said_to_be_down_not_a_wrong_url(app, proxy, qtbot):
    """The server stopped (its port refuses connections): the banner says it does not answer, in the interface's
    language, and keeps the technical detail one click away, selectable to pass on."""
    proxy.offline = True
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT):
        app.sync.sync_now()
    banner = app.window.banner
    assert banner.kind == "offline"
    assert banner.text.text() == ("The server does not answer: it may be down or restarting. Showing the data saved "
                                  "on this computer.")
    assert "URL" not in banner.text.text()
    assert banner.details.isHidden() and not banner.details_button.isHidden()
    banner.details_button.click()
    assert not banner.details.isHidden()
    assert "refused the connection" in banner.details.text() == banner.text.toolTip()
    assert banner.details.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


def test_the_banner_reads_thai_in_the_thai_interface(proxy, keys, sealed, qtbot):
    ctx = synced_home(proxy.url, keys, sealed)
    ctx.settings = dataclasses.replace(ctx.settings, language="th")
    translations.build()
    application = Application(ctx)
    try:
        proxy.offline = True
        with qtbot.waitSignal(application.sync.finished, timeout=SYNC_TIMEOUT):
            application.sync.sync_now()
        headline = application.window.banner.text.text()
        assert headline.startswith("เซิร์ฟเวอร์ไม่ตอบสนอง")
        assert not re.search("[A-Za-z]", headline), headline  # no English left in the Thai headline
        assert "refused the connection" in application.window.banner.details.text()
    finally:
        application.shutdown()
        i18n.install_translator(QApplication.instance(), "en")  # the other tests read English


def test_the_first_sync_says_it_is_syncing_with_progress_instead_of_asking_for_one(proxy, keys, sealed, qtbot):
    """Signed in, nothing synced yet, a slow server: the empty list says the first sync is under way and how many
    rows it has brought, not "press Sync now"; once synced, the rows are there."""
    root = sealed / "cache"
    ctx = AppContext(sealed / "config", root, CredentialStore(), retry=FAST_RETRY)
    account = signed_in(proxy.url, keys, root, keyring=FileKeyring())
    ctx.settings = account.settings
    account.close()
    ctx.save_settings()
    ctx.open_account()
    application = Application(ctx)
    try:
        application.window.show()
        qtbot.waitExposed(application.window)
        empty = _customers(application).list.empty
        assert empty.isVisible() and empty.text() == "No customers yet — press Sync now (F5)."
        proxy.add(Fault("latency", path=r"/rest/v1/customers\?", delay=0.5, times=2))
        with qtbot.waitSignal(application.sync.finished, timeout=SYNC_TIMEOUT) as finished:
            application.sync.sync_now()
            assert empty.isVisible() and empty.text() == "Syncing for the first time…"
            qtbot.waitUntil(lambda: re.fullmatch(r"Syncing for the first time… \d+ rows", empty.text()) is not None,
                            timeout=SYNC_TIMEOUT)
            # The bar and the line count the whole sync's rows, not one table's.
            line = application.window.progress_label
            qtbot.waitUntil(lambda: re.match(r"Syncing \w+: [\d,]+ of [\d,]+ rows", line.text()) is not None,
                            timeout=SYNC_TIMEOUT)
            total = int(re.match(r"Syncing \w+: [\d,]+ of ([\d,]+) rows", line.text())[1].replace(",", ""))
            assert application.window.progress.maximum() == total > 1000
        assert finished.args[0].ok
        assert _rows_shown(_customers(application)) > 0 and not empty.isVisible()
    finally:
        application.shutdown()


def test_sync_now_shows_progress_and_new_rows(app, project, proxy, qtbot):
    before = _rows_shown(_customers(app))
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("insert into customers (id, full_name, phone, source, segment) "
                     "select 'TVS-CUS-NEW-' || n, 'ลูกค้าใหม่ ' || n, '0810000' || lpad(n::text, 3, '0'), "
                     "'WI', 'new' from generate_series(1, 45) n")
    progress: list[ev.Event] = []
    app.sync.progress.connect(progress.append)
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        qtbot.keyClick(app.window, Qt.Key.Key_F5)
        assert app.sync.running and not app.window.progress.isHidden()
        assert _customers(app).badge()[0] == "updating"
    assert finished.args[0].ok
    assert any(isinstance(e, ev.PageApplied) and e.table == "customers" for e in progress)
    assert _rows_shown(_customers(app)) == before + 45
    assert app.window.view_badge.state == "fresh"
    assert app.window.progress.isHidden() and app.window.banner.isHidden()
    assert "Online" in app.window.connection_label.text()


def test_network_lost_mid_sync_keeps_the_cache_browsable(app, proxy, qtbot):
    expected = _rows_shown(_customers(app))

    def cut(event):
        if isinstance(event, ev.PageApplied):
            proxy.offline = True

    app.sync.progress.connect(cut)
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now(full=True)
    assert finished.args[0].status == "offline"
    assert app.window.view_badge.state == "offline"
    customers = _customers(app)
    assert _rows_shown(customers) == expected
    assert customers.list.model.row(expected - 1) is not None


def test_search_box_finds_thai_and_latin(app, qtbot):
    customers = _customers(app)
    thai = app.ctx.conn.execute("select full_name from customers where full_name glob '*[ก-ฮ]*' "
                                "order by id limit 1").fetchone()[0]
    latin = app.ctx.conn.execute("select email from customers where email is not null order by id limit 1"
                                 ).fetchone()[0]
    for text in (thai.split()[0][:4], latin.split("@")[0]):
        for character in text:  # typed one by one (QTest cannot synthesise Thai key presses)
            app.window.search.insert(character)
        expected = app.ctx.count(ListQuery("customers", search=text))
        assert 0 < _rows_shown(customers) == expected < app.ctx.count(ListQuery("customers"))
        qtbot.keyClick(app.window.search, Qt.Key.Key_Escape)
        assert app.window.search.text() == ""
        assert _rows_shown(customers) == app.ctx.count(ListQuery("customers"))


def test_keyboard_switches_views_and_focuses_search(app, qtbot):
    for number, key in enumerate(("customers", "followups", "catalog", "marketing", "orders", "employees",
                                  "dashboard"), 1):
        qtbot.keyClick(app.window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert app.window.current_view.key == key
    qtbot.keyClick(app.window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(app.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert app.window.search.hasFocus()


def test_last_view_and_geometry_are_remembered(proxy, keys, sealed, qtbot):
    ctx = synced_home(proxy.url, keys, sealed)
    first = Application(ctx, auto_sync=False)
    first.window.show_view("orders")
    first.window.resize(701, 502)
    first.shutdown()
    ctx = AppContext(sealed / "config", sealed / "cache", CredentialStore(), retry=FAST_RETRY)
    second = Application(ctx, auto_sync=False)
    try:
        assert second.window.current_view.key == "orders"
        assert second.window.size().width() == 701
    finally:
        second.shutdown()


def test_another_process_syncing_refreshes_the_open_view(app, project, proxy, qtbot, sealed):
    customers = _customers(app)
    before = _rows_shown(customers)
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("insert into customers (id, full_name, source, segment) "
                     "values ('TVS-CUS-OTHER-1', 'Synced Elsewhere', 'WI', 'new')")
    # The headless command a scheduler runs, sharing the cache, the settings and the keyring.
    env = {**os.environ, "VSCHOOL_CACHE_DIR": str(sealed / "cache"), "VSCHOOL_CONFIG_DIR": str(sealed / "config")}
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "sync", "--once"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: _rows_shown(customers) == before + 1, timeout=10_000)


def test_the_password_is_never_written_to_disk(app, qtbot, sealed):
    with qtbot.waitSignal(app.sync.signInDone, timeout=SYNC_TIMEOUT) as done:
        app.sync.sign_in(DEMO_EMAIL, DEMO_PASSWORD, True)
    assert done.args == ["", ""]
    app.ctx.signed_in()
    settings = load_settings(sealed / "config")
    assert settings.user_id and settings.email == DEMO_EMAIL
    for file in sealed.rglob("*"):
        if file.is_file() and file.suffix in (".json", ".ini", ""):
            assert DEMO_PASSWORD.encode() not in file.read_bytes(), file


def test_changing_the_language_rebuilds_the_window_in_it(app, qtbot):
    from desktop import i18n

    first = app.window
    first.show_view("orders")
    try:
        app.ctx.settings = dataclasses.replace(app.ctx.settings, language="th")
        app.ctx.save_settings()
        assert app.window is not first
        assert app.window.nav.item(0).text() == "ลูกค้า"
        assert app.window.current_view.key == "orders"  # the same place
    finally:
        app.ctx.settings = dataclasses.replace(app.ctx.settings, language="en")
        app.ctx.save_settings()  # rebuilds the window in English again
        i18n.install_translator(QApplication.instance(), "en")
    assert app.window.nav.item(0).text() == "Customers"


@pytest.mark.expected_log("cache could not be opened", logger="desktop.context")
def test_a_cache_from_a_newer_version_is_explained_and_a_sync_ends(proxy, keys, sealed, qtbot):
    """Opened by a newer release (schema ahead of this one): the window says so in the banner, keeps the file
    as it is, and a sync ends with the reason instead of leaving the worker stuck."""
    import sqlite3

    ctx = synced_home(proxy.url, keys, sealed)
    assert ctx.folder is not None
    database = ctx.folder / "cache.db"
    ctx.close()
    with sqlite3.connect(database) as conn:
        conn.execute("PRAGMA user_version = 999")
    ctx = AppContext(sealed / "config", sealed / "cache", CredentialStore(), retry=FAST_RETRY)
    application = Application(ctx, auto_sync=False)
    try:
        banner = application.window.banner
        assert not banner.isHidden() and banner.kind == "error" and "newer version" in banner.details.text()
        with qtbot.waitSignal(application.sync.finished, timeout=SYNC_TIMEOUT) as finished:
            application.sync.sync_now()
        assert finished.args[0].status == "error" and "newer version" in finished.args[0].message
        assert not application.sync.running
    finally:
        application.shutdown()
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 999  # left for the newer release


def test_the_badge_agrees_with_the_banner_after_a_failed_sync(app, proxy, qtbot):
    """Synced a moment ago, then a cycle fails: the badge must not say "Up to date · just now" under a banner
    saying the sync failed."""
    proxy.add(Fault("garbage", path=r"/rpc/sync_state", times=None))
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now()
    assert finished.args[0].status == "bad_response"
    assert not app.window.banner.isHidden() and app.window.banner.kind == "error"
    badge = app.window.view_badge
    assert badge.state == "failed"
    assert badge.text().startswith("Sync failed · synced ") and "Up to date" not in badge.text()
    proxy.clear()
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now()
    assert finished.args[0].ok
    assert badge.state == "fresh" and app.window.banner.isHidden()


def test_a_deactivated_account_keeps_its_data_and_is_offered_removal(app, project, qtbot):
    expected = _rows_shown(_customers(app))
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("update employees set active = false where email = %s", (DEMO_EMAIL,))
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now(full=True)
    assert finished.args[0].status == "kept"
    banner = app.window.banner
    assert not banner.isHidden() and banner.kind == "kept"
    assert "your account may have been deactivated; your cached data is kept" in banner.text.text()
    assert banner.action.text() == "Remove local data…"
    assert app.window.view_badge.state == "failed"
    assert _rows_shown(_customers(app)) == expected
    app.window.removeDataRequested.disconnect()  # the settings dialog it opens is tested on its own
    with qtbot.waitSignal(app.window.removeDataRequested):
        banner.action.click()


def test_signing_out_stops_a_trickling_sync_within_two_seconds(app, proxy, qtbot):
    """A server sending its answer a byte at a time: Sign out cancels the cycle at its next chunk, not after the
    whole body, and the lock is free for the next sync."""
    trickle = proxy.add(Fault("trickle", path=r"/rest/v1/customers\?select=%2A", delay=0.25, times=None))
    with qtbot.waitSignal(app.sync.started):
        app.sync.sync_now(full=True)
    proxy.wait_for(lambda _: trickle.hits >= 1, timeout=SYNC_TIMEOUT / 1000)
    started = time.monotonic()
    with qtbot.waitSignal(app.sync.signedOut, timeout=SYNC_TIMEOUT):
        app.sync.sign_out(remove_data=False)
    assert time.monotonic() - started < 2.0
    assert app.sync.last_report is not None and app.sync.last_report.status == "cancelled"
    with SyncLock(app.ctx.folder):
        pass
