"""Live updates, client side (DESIGN.md §8): the server's writes reach the open window without Sync now, the
socket dropped and back, the token renewed on the socket, a revoked session, a user with no data, the recovery
probe while the server is away, and `sync --watch`. Real stand-in, real PostgreSQL, the fault proxy between."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest

from desktop.app import Application
from desktop.context import AppContext
from devserver import datagen, postgres
from devserver.app import StandInConfig
from devserver.auth import AuthSettings
from devserver.server import StandIn
from sync.account import Account
from sync.credentials import CredentialStore
from sync.http import RetryPolicy
from sync.live import ChangeSeen, LiveEvent, LiveState
from sync.settings import Settings
from sync.status import Connection, Live
from tests.conftest import make_user
from tests.faultproxy import Fault
from tests.gui import listed, synced_home
from tests.keyrings import FileKeyring, MemoryKeyring
from tests.syncing import AS_OF, FAST_RETRY, Project, signed_in

pytestmark = pytest.mark.usefixtures("no_thread_left")

WAIT_MS = 30_000


def _project(cluster, keys, *, token_ttl: int = 3600) -> Project:
    database = postgres.prepare(cluster, f"live_{os.urandom(6).hex()}")
    datagen.load(database.superuser_url, "tiny", seed=7, as_of=AS_OF)
    config = StandInConfig(database, keys, auth=AuthSettings(access_token_ttl=token_ttl, refresh_reuse_interval=2.0))
    return Project(database, keys, StandIn(config).start())


@pytest.fixture
def project(cluster, keys):
    project = _project(cluster, keys)
    yield project
    project.server.stop()


def _app(url, keys, sealed, qtbot) -> Application:
    app = Application(synced_home(url, keys, sealed))
    app.window.show()
    qtbot.waitExposed(app.window)
    app.begin()
    qtbot.waitUntil(lambda: app.sync.live_state == Live.LIVE and not app.sync.running, timeout=WAIT_MS)
    return app


@pytest.fixture
def app(proxy, keys, sealed, qtbot):
    application = _app(proxy.url, keys, sealed, qtbot)
    yield application
    application.shutdown()
    assert not application.sync.thread_running()


def _names(app) -> set[str]:
    return {row["full_name"] for row in listed(app.window.views["customers"]) if row}


def _sql(project, statement, *params):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute(statement, params)


def test_a_customer_appears_changes_and_goes_in_the_open_view_without_sync_now(app, project, qtbot):
    app.window.show_view("customers")
    assert app.window.live_label.text() == "Live"
    _sql(project, "insert into customers (id, full_name, source, segment) "
                  "values ('TVS-CUS-LIVE-1', 'Live Arrival', 'WI', 'new')")
    qtbot.waitUntil(lambda: "Live Arrival" in _names(app), timeout=WAIT_MS)
    _sql(project, "update customers set full_name = 'Live Renamed' where id = 'TVS-CUS-LIVE-1'")
    qtbot.waitUntil(lambda: "Live Renamed" in _names(app) and "Live Arrival" not in _names(app), timeout=WAIT_MS)
    _sql(project, "update customers set deleted_at = now() where id = 'TVS-CUS-LIVE-1'")
    qtbot.waitUntil(lambda: "Live Renamed" not in _names(app), timeout=WAIT_MS)


def test_an_open_profile_updates_in_place_keeping_the_selection_with_the_row_highlighted(app, project, qtbot):
    app.window.show_view("customers")
    view = app.window.views["customers"]
    pane = view.list
    pane.table.selectRow(2)
    chosen = pane.current()
    assert chosen is not None
    qtbot.waitUntil(lambda: view.profile.name.text() == chosen["full_name"], timeout=WAIT_MS)
    scroll = pane.table.verticalScrollBar().value()
    # A change that keeps the row where it is in the list's order (by name).
    _sql(project, "update customers set nickname = 'Live Nick' where id = %s", chosen["id"])
    qtbot.waitUntil(lambda: "Live Nick" in view.profile.nickname.text(), timeout=WAIT_MS)
    assert pane.current() is not None and pane.current()["id"] == chosen["id"]
    assert pane.table.verticalScrollBar().value() == scroll
    assert pane.model.highlighted(chosen["id"])
    others = [row["id"] for row in listed(view)[:10] if row and row["id"] != chosen["id"]]
    assert not any(pane.model.highlighted(ident) for ident in others)
    qtbot.waitUntil(lambda: not pane.model.highlighted(chosen["id"]), timeout=WAIT_MS)


def test_a_burst_of_changes_costs_a_few_cycles_of_that_table(app, project, qtbot):
    app.window.show_view("customers")
    reports = []
    app.sync.finished.connect(reports.append)
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        for n in range(300):
            conn.execute("insert into customers (id, full_name, source, segment) values (%s, %s, 'WI', 'new')",
                         (f"TVS-CUS-BURST-{n:03d}", f"Burst {n}"))

    def arrived() -> bool:
        return app.ctx.conn.execute("select count(*) from customers where id like 'TVS-CUS-BURST-%'"
                                    ).fetchone()[0] == 300

    qtbot.waitUntil(lambda: arrived() and not app.sync.running, timeout=WAIT_MS)
    assert 1 <= len(reports) <= 6, len(reports)
    assert all(r.ok and [t.table for t in r.tables] == ["customers"] for r in reports)


def test_a_dropped_socket_reconnects_and_brings_what_changed_meanwhile(app, project, proxy, qtbot):
    proxy.add(Fault("status", path="/realtime/", status=503, times=None))
    assert proxy.cut_websockets() == 1
    qtbot.waitUntil(lambda: app.sync.live_state != Live.LIVE, timeout=WAIT_MS)
    _sql(project, "insert into customers (id, full_name, source, segment) "
                  "values ('TVS-CUS-LIVE-3', 'While Away', 'WI', 'new')")
    proxy.clear()
    app.window.show_view("customers")
    qtbot.waitUntil(lambda: app.sync.live_state == Live.LIVE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "While Away" in _names(app), timeout=WAIT_MS)


def test_a_refused_websocket_degrades_to_the_schedule_and_says_why(proxy, keys, sealed, qtbot):
    proxy.add(Fault("status", path="/realtime/", status=403, times=None))
    root, config = sealed / "cache", sealed / "config"
    account = signed_in(proxy.url, keys, root, keyring=FileKeyring())
    account.close()
    ctx = AppContext(config, root, CredentialStore(), retry=FAST_RETRY)
    ctx.settings = account.settings
    ctx.save_settings()
    ctx.open_account()
    app = Application(ctx)
    try:
        app.begin()
        qtbot.waitUntil(lambda: app.sync.live_state == Live.UNAVAILABLE, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: not app.sync.running, timeout=WAIT_MS)
        app.window.update_status()
        assert app.window.live_label.text() == "Not live"
        assert "unavailable" in app.window.live_label.toolTip() and "403" in app.window.live_label.toolTip()
        assert app.sync._timer.isActive()  # the schedule keeps the cache current
    finally:
        app.shutdown()


def test_turning_live_updates_off_closes_the_socket(app, qtbot):
    app.ctx.settings = Settings(**{**app.ctx.settings.__dict__, "live_updates": False})
    app.ctx.save_settings()
    assert app.sync.live_state == Live.OFF and app.sync._live is None
    assert app.sync._timer.isActive()


def test_the_server_going_away_and_back_is_noticed_without_retry(app, proxy, qtbot):
    proxy.offline = True
    qtbot.waitUntil(lambda: app.sync.connection == Connection.OFFLINE, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "next try in" in app.window.connection_label.text(), timeout=WAIT_MS)
    assert "Offline" in app.window.connection_label.text()
    proxy.offline = False
    qtbot.waitUntil(lambda: app.sync.connection == Connection.ONLINE and app.window.banner.isHidden(),
                    timeout=WAIT_MS)
    qtbot.waitUntil(lambda: app.sync.live_state == Live.LIVE, timeout=WAIT_MS)


# --- the connection on its own (no window) --------------------------------------------------------------------


class _Heard:
    def __init__(self) -> None:
        self.events: list[LiveEvent] = []
        self._changed = threading.Condition()

    def __call__(self, event: LiveEvent) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def wait(self, predicate, timeout: float = 30) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: predicate(self.events), timeout), self.events


def _states(events) -> list[Live]:
    return [e.state for e in events if isinstance(e, LiveState)]


@pytest.fixture
def short_tokens(cluster, keys):
    """Access tokens that live 6 s: the socket must renew before the channel expires them."""
    project = _project(cluster, keys, token_ttl=6)
    yield project
    project.server.stop()


def test_an_expiring_token_is_renewed_on_the_socket(short_tokens, keys, tmp_path):
    account = signed_in(short_tokens.url, keys, tmp_path)
    heard = _Heard()
    live = account.live(heard).start()
    try:
        heard.wait(lambda events: Live.LIVE in _states(events))
        first = account.client.access_token
        # Past two lifetimes of the first token the channel is still the same one, and changes still come.
        deadline = time.monotonic() + 14
        heard.wait(lambda events: time.monotonic() > deadline, timeout=20)
        assert account.client.access_token != first
        assert _states(heard.events).count(Live.LIVE) == 1, heard.events
        _sql(short_tokens, "insert into customers (id, full_name, source, segment) "
                           "values ('TVS-CUS-LIVE-T', 'Token Renewed', 'WI', 'new')")
        heard.wait(lambda events: ChangeSeen("customers") in events)
    finally:
        live.stop()
        account.close()


def test_stopping_waits_out_no_token_renewal_retries(proxy, keys, tmp_path):
    """The window closing while the live thread renews the token against a failing server: the retries end at
    once, instead of the window waiting out their backoff (a minute or so with the usual policy)."""
    account = signed_in(proxy.url, keys, tmp_path, retry=RetryPolicy(attempts=5, base_delay=5.0, max_delay=5.0))
    account.client.access_token = None  # the socket needs a renewed token first
    failing = proxy.add(Fault("status", path="/auth/v1/token", status=503, times=None))
    live = account.live(_Heard()).start()
    try:
        proxy.wait_for(lambda _: failing.hits >= 1, timeout=30)
        started = time.monotonic()
        assert live.stop(timeout=10)
        assert time.monotonic() - started < 2
        assert failing.hits == 1
    finally:
        live.stop()
        account.close()


def test_a_revoked_session_ends_the_connection(short_tokens, keys, tmp_path):
    account = signed_in(short_tokens.url, keys, tmp_path)
    heard = _Heard()
    live = account.live(heard).start()
    try:
        heard.wait(lambda events: Live.LIVE in _states(events))
        assert account.settings.user_id
        _sql(short_tokens, "delete from auth.sessions where user_id = %s", account.settings.user_id)
        heard.wait(lambda events: Live.SIGNED_OUT in _states(events))
        assert not live.running or live.state == Live.SIGNED_OUT
        assert not account.session.has_refresh_token
    finally:
        live.stop()
        account.close()


def test_a_revoked_session_shows_signed_out_with_the_cache_readable(cluster, keys, sealed, qtbot):
    project = _project(cluster, keys, token_ttl=6)
    try:
        app = _app(project.url, keys, sealed, qtbot)
        try:
            rows = len(listed(app.window.views["customers"])) if "customers" in app.window.views else None
            _sql(project, "delete from auth.sessions where user_id = %s", app.ctx.settings.user_id)
            qtbot.waitUntil(lambda: app.sync.connection == Connection.SIGNED_OUT, timeout=WAIT_MS)
            assert app.sync.live_state in (Live.SIGNED_OUT, Live.OFF)
            assert "Signed out" in app.window.connection_label.text()
            app.window.show_view("customers")
            assert listed(app.window.views["customers"])
            if rows is not None:
                assert len(listed(app.window.views["customers"])) == rows
        finally:
            app.shutdown()
    finally:
        project.server.stop()


def test_a_user_who_is_not_an_active_employee_is_sent_no_changes(project, keys, tmp_path):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        user = make_user(conn, active=False)
    account = Account(Settings(supabase_url=project.url, anon_key=keys.anon_key), tmp_path,
                      CredentialStore(MemoryKeyring()), retry=FAST_RETRY)
    # The app refuses the sign-in itself; the session the server gave is the one a client would have.
    account.session.sign_in(user.email, user.password)
    heard = _Heard()
    live = account.live(heard).start()
    try:
        heard.wait(lambda events: Live.LIVE in _states(events))
        _sql(project, "insert into customers (id, full_name, source, segment) "
                      "values ('TVS-CUS-LIVE-X', 'Not For You', 'WI', 'new')")
        # A change the demo user would see arrives for them; for this user nothing but the states does.
        _sql(project, "update employees set full_name = full_name where auth_user_id = %s", user.user_id)
        rows, _ = account.api.rows("customers", {"select": "id", "limit": "5"})
        assert rows == []
    finally:
        live.stop()
        account.close()
    assert not any(isinstance(e, ChangeSeen) for e in heard.events)


def test_sync_watch_picks_up_a_change(project, keys, sealed):
    root, config = sealed / "cache", sealed / "config"
    account = signed_in(project.url, keys, root, keyring=FileKeyring())
    account.close()
    ctx = AppContext(config, root, CredentialStore(), retry=FAST_RETRY)
    ctx.settings = account.settings
    ctx.save_settings()
    folder = account.folder
    ctx.close()
    env = {**os.environ, "VSCHOOL_CACHE_DIR": str(root), "VSCHOOL_CONFIG_DIR": str(config),
           "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen([sys.executable, "-m", "desktop.cli", "sync", "--watch"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        lines: list[str] = []
        for line in child.stdout:
            lines.append(line)
            if line.startswith("Live: live"):
                break
        _sql(project, "insert into customers (id, full_name, source, segment) "
                      "values ('TVS-CUS-LIVE-W', 'Watched Arrival', 'WI', 'new')")
        for line in child.stdout:
            lines.append(line)
            if line.startswith("customers: 1 rows"):
                break
        assert any(line.startswith("customers: 1 rows") for line in lines), lines
        import sqlite3
        with sqlite3.connect(folder / "cache.db") as conn:
            assert conn.execute("select count(*) from customers where id = 'TVS-CUS-LIVE-W'").fetchone()[0] == 1
    finally:
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    assert child.returncode == 130, err
