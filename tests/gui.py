"""Fixtures for the application's tests: a shared project with the tiny dataset, a cache synced from it once
per run and copied into each test's sealed home, and a context over it. Application test modules add
`pytestmark = pytest.mark.usefixtures("no_thread_left")`: a test that leaves a thread running fails."""

from __future__ import annotations

import gc
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.worker import SyncController
from sync.credentials import CredentialStore
from sync.settings import Settings, save_settings
from tests.syncing import FAST_RETRY, Project, new_project, signed_in


@dataclass(frozen=True)
class SyncedCache:
    root: Path  # a cache root holding one synced account folder
    settings: Settings


@pytest.fixture(scope="session")
def shared_project(cluster, keys) -> Iterator[Project]:
    """The tiny dataset behind a stand-in; tests that change server data make a project of their own."""
    project = new_project(cluster, keys, "tiny")
    yield project
    project.server.stop()


@pytest.fixture(scope="session")
def synced_cache(shared_project, keys, tmp_path_factory) -> SyncedCache:
    root = tmp_path_factory.mktemp("synced-cache")
    account = signed_in(shared_project.url, keys, root)
    try:
        report = account.engine().run_cycle()
        assert report.ok, report.message
        return SyncedCache(root, account.settings)
    finally:
        account.close()


def home_with_cache(home: Path, synced: SyncedCache, **settings_changes: object) -> tuple[Path, Path]:
    """The synced cache and its settings copied into a sealed home: (config dir, cache root)."""
    config, cache = home / "config", home / "cache"
    shutil.copytree(synced.root, cache, dirs_exist_ok=True)
    settings = Settings(**{**synced.settings.__dict__, **settings_changes})
    save_settings(config, settings)
    return config, cache


def synced_home(url, keys, sealed) -> AppContext:
    """The demo user synced once through `url` (a fault proxy's, which may then go offline) and saved their
    sign-in: the context the application opens for them."""
    from tests.keyrings import FileKeyring

    root, config = sealed / "cache", sealed / "config"
    account = signed_in(url, keys, root, keyring=FileKeyring())
    assert account.engine().run_cycle().ok
    account.close()
    ctx = AppContext(config, root, CredentialStore(), retry=FAST_RETRY)
    ctx.settings = account.settings
    ctx.save_settings()
    ctx.open_account()
    return ctx


@pytest.fixture
def filled_ctx(sealed, synced_cache) -> Iterator[AppContext]:
    """A context over a filled cache, signed in as nobody yet (no refresh token in the keyring)."""
    config, cache = home_with_cache(sealed, synced_cache)
    ctx = AppContext(config, cache, CredentialStore(), retry=FAST_RETRY)
    assert ctx.account is not None  # made now, as the application's begin() does, not by the worker mid-test
    yield ctx
    ctx.close()


@pytest.fixture
def online_ctx(filled_ctx) -> AppContext:
    """The same, with a session: syncs and refreshes reach the shared project."""
    from devserver import datagen

    assert filled_ctx.account is not None
    filled_ctx.account.sign_in(datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD)
    filled_ctx.settings = filled_ctx.account.settings  # as the worker hands them over after a sign-in
    filled_ctx.save_settings()
    return filled_ctx


@pytest.fixture
def controller(filled_ctx, qtbot) -> Iterator[SyncController]:
    sync = SyncController(filled_ctx)
    yield sync
    sync.shutdown()
    assert not sync.thread_running()


@pytest.fixture(autouse=True)
def qt_garbage_on_gui_thread(request) -> Iterator[None]:
    """Widgets a test left to the garbage collector are destroyed now, on the GUI thread: collected later by
    whichever thread allocates (a sync pool's, a socket's), their timers would be stopped from the wrong
    thread, a warning that fails an unrelated test."""
    yield
    if "qtbot" in request.fixturenames:
        gc.collect()


@pytest.fixture
def no_thread_left() -> Iterator[None]:
    """A test that leaves a thread running (a worker, a watcher, a fetcher) fails."""
    before = set(threading.enumerate())
    yield
    # A QThread that ran Python shows up as a dummy entry that never leaves the list: QThreads are checked
    # through their owners (SyncController.thread_running) instead.
    left = [t for t in threading.enumerate()
            if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)]
    for thread in left:
        thread.join(timeout=5)
    still = [t.name for t in left if t.is_alive()]
    assert not still, f"threads left running: {still}"


@pytest.fixture
def app_font(qapp):
    """The application's own font (the bundled Noto) and style sheet, as the window has them; the previous ones
    afterwards."""
    from PySide6.QtWidgets import QApplication

    from desktop import fonts, stylesheet

    before = QApplication.font()
    fonts.register_fonts()
    QApplication.setFont(fonts.application_font())
    stylesheet.install(qapp)
    yield
    qapp.setStyleSheet("")
    QApplication.setFont(before)


def shown_at_default_size(view, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    view.resize(1080, 720)  # what the window's default 1280 x 800 leaves a view
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()


def assert_fits(table) -> None:
    """Every visible column is wholly in view: no horizontal scrollbar, the last column's right edge inside."""
    header = table.horizontalHeader()
    shown = [n for n in range(header.count()) if not header.isSectionHidden(n)]
    assert not table.horizontalScrollBar().isVisible()
    assert sum(header.sectionSize(n) for n in shown) <= table.viewport().width()
    assert header.sectionViewportPosition(shown[-1]) + header.sectionSize(shown[-1]) <= table.viewport().width()


def listed(view) -> list:
    """Every row a view's list shows, in its order."""
    model = view.list.model
    return [model.row(number) for number in range(model.rowCount())]


def choose(combo, text) -> None:
    """Pick the filter drop-down's item that reads `text` (followed by its count), as a user would: once the
    counts, made off the GUI thread, have arrived."""
    deadline = time.monotonic() + 10
    while True:
        items = [combo.itemText(number) for number in range(combo.count())]
        found = [n for n, item in enumerate(items) if item.startswith(f"{text} (")]
        if found:
            combo.setCurrentIndex(found[0])
            return
        assert time.monotonic() < deadline, f"no {text!r} among {items}"
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def scalar(ctx, sql, *params):
    """One value read from the cache the way the views read it."""
    return ctx.conn.execute(sql, params).fetchone()[0]
