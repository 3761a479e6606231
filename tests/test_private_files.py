"""Customer data stays private to its user: after a login, syncs (a full one too) and a migration of the
local database, made on a machine whose umask is 022, no folder or file of the cache or the settings lets
the group or others in (the crash test checks the same after each SIGKILL)."""

from __future__ import annotations

import os

import pytest

from cache import database, schema
from desktop.app import Application
from desktop.context import AppContext
from tests.cachecheck import assert_private
from tests.test_sync_cli import login, vschool


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_cache_and_settings_stay_private(project, sealed, umask_022, monkeypatch):
    cache, config = sealed / "cache", sealed / "config"
    assert login(project).returncode == 0
    assert_private(config)  # the cache is made by the first sync
    done = vschool("sync")
    assert done.returncode == 0, done.stderr
    (folder,) = cache.glob("*/*")
    assert (folder / "ad_logs").is_dir() and (folder / "products" / "packages_picture").is_dir()
    assert (folder / "sync.lock").exists()
    assert_private(cache, config)
    done = vschool("sync", "--full")
    assert done.returncode == 0, done.stderr
    assert_private(cache, config)

    monkeypatch.setattr(database, "MIGRATIONS", [*schema.MIGRATIONS, lambda db: db["meta"].add_column("note", str)])
    monkeypatch.setattr(database, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    opened = database.open_database(folder)
    opened.conn.close()
    assert opened.migrated_from == schema.SCHEMA_VERSION
    assert (folder / f"cache.db.v{schema.SCHEMA_VERSION}.bak").exists()
    assert_private(cache, config)


@pytest.mark.usefixtures("no_thread_left")
def test_the_application_keeps_them_private(project, sealed, umask_022, qtbot):
    cache, config = sealed / "cache", sealed / "config"
    assert login(project).returncode == 0
    ctx = AppContext(config, cache)
    app = Application(ctx, auto_sync=False)
    try:
        with qtbot.waitSignal(app.sync.finished, timeout=120_000) as done:
            assert app.sync.sync_now()
        assert done.args[0].ok, done.args[0].message
        app.window.save_state()
    finally:
        app.shutdown()
    assert (config / "window.ini").stat().st_size > 0
    assert_private(cache, config)
