"""The cache watcher: another writer's changes reach the views once, this app's own writes do not come back as
news, and stopping leaves no thread behind. "Another process" is a second SQLite connection and JsonTree
writing into the account folder, exactly what a `vschool-crm sync` would do there."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from cache.database import DB_NAME
from cache.jsontree import JsonTree, file_name
from cache.queries import ListQuery
from cache.tables import BY_NAME
from desktop.listmodel import Column, QueryModel
from desktop.watcher import DATABASE, FILES, CacheWatcher, classify, tree_file
from tests.gui import scalar

pytestmark = pytest.mark.usefixtures("no_thread_left")

NEW_ID = "TVS-CUS-WATCH-0001"


@pytest.fixture
def watcher(filled_ctx, controller, qtbot) -> Iterator[CacheWatcher]:
    watcher = CacheWatcher(filled_ctx, controller)
    watcher.start()
    assert watcher.watching == filled_ctx.folder
    yield watcher
    watcher.stop()


@pytest.fixture
def emitted(watcher) -> list[int]:
    seen: list[int] = []
    watcher.changed.connect(lambda: seen.append(1))
    return seen


def write_customer(folder: Path, ident: str, name: str) -> None:
    """A row committed by a connection that is not the GUI's, as any writer's would be."""
    columns = BY_NAME["customers"].column_names
    row = {c: None for c in columns} | {"id": ident, "full_name": name, "txid": 1}
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute(f"INSERT OR REPLACE INTO customers ({', '.join(columns)}) VALUES "
                     f"({', '.join('?' * len(columns))})", [row[c] for c in columns])
    conn.close()


def write_profile(folder: Path, ident: str, name: str) -> None:
    JsonTree(folder).write(f"customer/{ident}.json", orjson.dumps({"id": ident, "full_name": name}))


def settle(qtbot, watcher: CacheWatcher) -> None:
    """Wait until the watcher has seen the events of what was just written and made up its mind."""
    qtbot.waitUntil(watcher._settle.isActive)
    qtbot.waitUntil(lambda: not watcher._settle.isActive())


def test_what_counts_as_a_change():
    root = "/cache/acct"
    assert classify(root, f"{root}/cache.db-wal") == DATABASE
    assert classify(root, f"{root}/customer/TVS-CUS-1.json") == FILES
    assert classify(root, f"{root}/products/packages_picture/p.webp") == FILES
    assert classify(root, f"{root}/.staging/123-4.tmp") is None
    assert classify(root, f"{root}/sync.lock") is None
    assert classify(root, f"{root}/cache.db-shm") is None


def test_another_writer_is_noticed_once_and_a_reload_shows_it(filled_ctx, watcher, emitted, qtbot):
    folder = filled_ctx.folder
    model = QueryModel(filled_ctx, [Column("full_name", "Name")], ListQuery("customers"))
    watcher.changed.connect(model.reload)
    rows = model.rowCount()
    with qtbot.waitSignal(watcher.changed):
        # A burst, as a sync writes: several commits and files within moments of each other.
        for number in range(3):
            write_customer(folder, f"{NEW_ID}-{number}", f"Watcher {number}")
            write_profile(folder, f"{NEW_ID}-{number}", f"Watcher {number}")
    qtbot.waitUntil(lambda: not watcher._settle.isActive())
    assert emitted == [1]  # the burst settled into one change
    assert model.rowCount() == rows + 3
    assert filled_ctx.get("customers", f"{NEW_ID}-2")["full_name"] == "Watcher 2"


def test_a_scheduled_sync_in_another_process_is_noticed(online_ctx, controller, qtbot):
    """The real thing: `vschool-crm sync` run as the scheduler would, sharing the sealed home's cache, settings
    and keyring (through the environment). Even a cycle with nothing new commits its bookkeeping."""
    watcher = CacheWatcher(online_ctx, controller)
    watcher.start()
    try:
        with qtbot.waitSignal(watcher.changed, timeout=60_000):
            done = subprocess.run([sys.executable, "-m", "desktop.cli", "sync", "--once"], capture_output=True,
                                  text=True, timeout=120)
            assert done.returncode == 0, done.stderr
    finally:
        watcher.stop()


def test_own_writes_marked_seen_are_not_news_but_a_rewritten_file_is(filled_ctx, watcher, emitted, qtbot):
    folder = filled_ctx.folder
    write_customer(folder, NEW_ID, "Our own sync wrote this")
    watcher.mark_seen()  # the window re-read after its own sync
    settle(qtbot, watcher)
    assert emitted == []

    # Another process's journal drain rewrites a profile without a commit the GUI could see.
    with qtbot.waitSignal(watcher.changed):
        write_profile(folder, NEW_ID, "Rewritten elsewhere")
    assert filled_ctx.document(f"customer/{NEW_ID}.json")["full_name"] == "Rewritten elsewhere"


def test_a_file_deleted_by_hand_is_queued_to_be_written_again_by_the_worker(filled_ctx, watcher, qtbot):
    ident = filled_ctx.conn.execute("SELECT id FROM customers ORDER BY id LIMIT 1").fetchone()[0]
    relative = f"customer/{file_name(ident)}.json"
    filled_ctx.file_path(relative).unlink()
    qtbot.waitUntil(lambda: scalar(filled_ctx, "SELECT count(*) FROM json_journal WHERE path = ?", relative) == 1,
                    timeout=10_000)
    assert filled_ctx.record("customers", {"id": ident})["id"] == ident  # read from the rows meanwhile


def test_what_counts_as_a_file_of_the_tree():
    root = "/cache/acct"
    assert tree_file(root, f"{root}/customer/TVS-CUS-1.json") == "customer/TVS-CUS-1.json"
    assert tree_file(root, f"{root}/products/courses/P-1.json") == "products/courses/P-1.json"
    assert tree_file(root, f"{root}/.staging/123-4.tmp") is None
    assert tree_file(root, f"{root}/products/packages_picture/p.webp") is None
    assert tree_file(root, f"{root}/cache.db") is None


def test_files_written_while_our_sync_runs_are_ours(filled_ctx, controller, watcher, emitted, qtbot):
    controller.running = True  # what the controller says while its cycle writes
    try:
        write_profile(filled_ctx.folder, NEW_ID, "Written by our sync")
        settle(qtbot, watcher)
    finally:
        controller.running = False
    assert emitted == []


def test_the_watcher_follows_the_account_and_stops_cleanly(filled_ctx, watcher, qtbot):
    folder, user = filled_ctx.folder, filled_ctx.settings.user_id
    assert any(t.name == "cache-watcher" for t in threading.enumerate())

    # Signed out with the data removed: nothing to watch.
    filled_ctx.settings = dataclasses.replace(filled_ctx.settings, user_id="")
    filled_ctx.open_account()
    assert watcher.watching is None
    filled_ctx.settings = dataclasses.replace(filled_ctx.settings, user_id=user)  # signed in again: the folder appears
    filled_ctx.open_account()
    assert watcher.watching == folder
    with qtbot.waitSignal(watcher.changed):
        write_customer(folder, NEW_ID, "After the restart")

    # Sign out and remove local data, as the settings dialog does it: the watched folder goes away under it.
    filled_ctx.close_account()
    shutil.rmtree(folder)
    filled_ctx.settings = dataclasses.replace(filled_ctx.settings, user_id="")
    filled_ctx.open_account()
    assert watcher.watching is None
    qtbot.waitUntil(lambda: not watcher._poke_pending)  # the removal's events, arriving after the restart

    watcher.stop()
    assert watcher.watching is None
    assert not any(t.name == "cache-watcher" for t in threading.enumerate())
    # Signed in again: a new, empty cache folder.
    filled_ctx.settings = dataclasses.replace(filled_ctx.settings, user_id=user)
    filled_ctx.open_account()
    assert filled_ctx.folder == folder and folder.is_dir()
    assert watcher.watching is None  # stopped means stopped, account changes or not
