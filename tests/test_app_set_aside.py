"""The window and records the sync could not store: the cycle ends, the status bar says how many were set aside
and opens their list from the keyboard, and a cycle that dies of an unexpected error still ends (the status
leaves Syncing…, Sync now works again). Real widgets (offscreen), the stand-in on real PostgreSQL, a fault proxy."""

from __future__ import annotations

import json
import logging

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import Application
from desktop.setaside import SetAsideDialog
from tests.faultproxy import Fault
from tests.gui import synced_home
from tests.syncing import new_project

pytestmark = [pytest.mark.usefixtures("no_thread_left"),
              pytest.mark.expected_log("could not be (stored|written), set aside|the analytics could not be updated",
                                       logger="cache.store")]

SYNC_TIMEOUT = 60_000


@pytest.fixture
def project(cluster, keys):
    project = new_project(cluster, keys, "tiny")
    yield project
    project.server.stop()


@pytest.fixture
def app(proxy, keys, sealed, qtbot):
    application = Application(synced_home(proxy.url, keys, sealed))
    application.window.show()
    qtbot.waitExposed(application.window)
    yield application
    application.shutdown()
    assert not application.sync.thread_running()


def sync(app, qtbot):
    with qtbot.waitSignal(app.sync.finished, timeout=SYNC_TIMEOUT) as finished:
        app.sync.sync_now()
    return finished.args[0]


def idle(app):
    return (not app.sync.running and app.window.sync_action.text() == "Sync now"
            and app.window.progress.isHidden())


def test_set_aside_records_are_told_of_and_listed(app, project, qtbot):
    link = app.window.set_aside
    assert link.isHidden()
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("insert into ad_hourly_stats (id, ad_id, hour) select 'poison:' || n, min(ads.id), "
                     "'9999-12-31 20:00+00'::timestamptz + n * interval '1 hour' from ads, generate_series(0, 2) n "
                     "group by n")
    report = sync(app, qtbot)
    assert report.ok and report.set_aside == 3
    assert idle(app) and app.window.banner.isHidden()
    assert not link.isHidden() and link.text() == "3 records could not be stored — details"
    assert link.focusPolicy() & Qt.FocusPolicy.TabFocus

    listed: list[list[str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SetAsideDialog):
            QTimer.singleShot(10, read_and_close)
            return
        table = dialog.table
        listed.extend([table.item(r, c).text() for c in range(3)] for r in range(table.rowCount()))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    link.setFocus()
    qtbot.keyClick(link, Qt.Key.Key_Space)
    assert sorted(row[1] for row in listed) == ["poison:0", "poison:1", "poison:2"]
    assert all(row[0] == "hourly ad figures" and "out of range" in row[2] for row in listed)

    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from ad_hourly_stats where id like 'poison:%'")
    assert sync(app, qtbot).set_aside == 0
    assert link.isHidden()


def test_an_unexpected_error_ends_the_cycle_and_sync_now_works_again(app, proxy, qtbot, caplog):
    """A server clock past year 9999 in Bangkok is nothing the sync foresees: a fault of this program, logged
    with its traceback (expected here), and the cycle still ends with a report."""

    def far_future(body: bytes) -> bytes:
        return json.dumps({**json.loads(body), "server_time": "9999-12-31T20:00:00+00:00"}).encode()

    proxy.add(Fault("rewrite", path=r"/rpc/sync_watermark", rewrite=far_future))
    with caplog.at_level(logging.ERROR, logger="sync.engine"):
        report = sync(app, qtbot)
    assert report.status == "error" and "unexpected error (OverflowError" in report.message
    (logged,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert logged.exc_info is not None and logged.exc_info[0] is OverflowError
    assert idle(app)
    banner = app.window.banner
    assert not banner.isHidden() and "unexpected error" in banner.details.text()  # the detail, under Details

    assert sync(app, qtbot).ok
    assert idle(app) and banner.isHidden()
