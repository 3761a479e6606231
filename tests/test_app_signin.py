"""The sign-in dialog: the project page's checks, the server's answers shown inline, and a sign-in that opens
the user's cache. The sign-in itself runs on the sync worker's thread against the stand-in."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QDialog

from desktop.context import AppContext
from desktop.signin import PROJECT_PAGE, SIGN_IN_PAGE, SignInDialog
from desktop.worker import SyncController
from devserver import datagen
from sync import http
from sync.account import DEMO_ANON_KEY, DEMO_URL
from sync.credentials import CredentialStore
from sync.settings import load_settings
from tests.syncing import FAST_RETRY

pytestmark = [
    pytest.mark.usefixtures("no_thread_left"),
    # The offscreen platform cannot resize a shown dialog's window to a new minimum size, and says so.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

SIGN_IN_TIMEOUT_MS = 30_000


@pytest.fixture
def first_start(sealed, qtbot) -> Iterator[Callable[..., tuple[AppContext, SyncController]]]:
    """A computer where nobody has signed in yet: no project, no cache (with the keyring of choice)."""
    opened: list[tuple[AppContext, SyncController]] = []

    def start(credentials: CredentialStore | None = None) -> tuple[AppContext, SyncController]:
        ctx = AppContext(sealed / "config", sealed / "cache", credentials or CredentialStore())
        opened.append((ctx, SyncController(ctx)))
        return opened[-1]

    yield start
    for ctx, sync in opened:
        sync.shutdown()
        assert not sync.thread_running()
        ctx.close()


def shown(qtbot, ctx: AppContext, sync: SyncController) -> SignInDialog:
    dialog = SignInDialog(ctx, sync)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_wrong_password_is_answered_inline(filled_ctx, controller, qtbot):
    dialog = shown(qtbot, filled_ctx, controller)
    assert dialog.page == SIGN_IN_PAGE  # the project is known: straight to the sign-in
    dialog.email.setText(datagen.DEMO_EMAIL)
    dialog.password.setText("not the password")
    with qtbot.waitSignal(controller.signInDone, timeout=SIGN_IN_TIMEOUT_MS):
        dialog.primary.click()
        assert not dialog.pages.isEnabled() and not dialog.primary.isEnabled() and dialog.busy.isVisible()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and "Wrong email or password" in dialog.error.text()
    assert dialog.email.text() == datagen.DEMO_EMAIL
    assert dialog.focusWidget() is dialog.password
    assert dialog.pages.isEnabled() and dialog.primary.isEnabled() and not dialog.busy.isVisible()


def test_a_malformed_url_is_refused_inline(first_start, qtbot):
    ctx, sync = first_start()
    dialog = shown(qtbot, ctx, sync)
    assert dialog.page == PROJECT_PAGE
    dialog.url.setText("vschool project")
    dialog.anon_key.setText("some-key")
    dialog.primary.click()
    assert dialog.page == PROJECT_PAGE
    assert dialog.error.isVisible() and "“vschool project” is not a web address" in dialog.error.text()
    assert dialog.focusWidget() is dialog.url
    dialog.url.setText("https://abcd.supabase.co/rest/v1/")
    dialog.anon_key.clear()
    dialog.primary.click()
    assert "anon key" in dialog.error.text() and dialog.focusWidget() is dialog.anon_key
    assert not ctx.settings.configured


def test_the_demo_button_fills_in_the_demo_project(first_start, qtbot):
    ctx, sync = first_start()
    dialog = shown(qtbot, ctx, sync)
    dialog.demo.click()
    assert (dialog.url.text(), dialog.anon_key.text()) == (DEMO_URL, DEMO_ANON_KEY)
    dialog.primary.click()
    assert dialog.page == SIGN_IN_PAGE and DEMO_URL in dialog.project_label.text()
    assert not dialog.error.isVisible()
    dialog.reject()
    assert not load_settings(ctx.config_dir).configured  # nothing is kept before a sign-in succeeds


def test_signing_in_opens_the_users_cache(first_start, shared_project, keys, qtbot):
    ctx, sync = first_start()
    dialog = shown(qtbot, ctx, sync)
    dialog.url.setText(shared_project.url + "/")
    dialog.anon_key.setText(keys.anon_key)
    dialog.primary.click()
    dialog.email.setText(datagen.DEMO_EMAIL)
    dialog.password.setText(datagen.DEMO_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=SIGN_IN_TIMEOUT_MS):
        dialog.primary.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.conn is not None and ctx.folder is not None and ctx.folder.is_dir()
    saved = load_settings(ctx.config_dir)
    assert saved.supabase_url == shared_project.url and saved.anon_key == keys.anon_key
    assert saved.user_id and saved.email == datagen.DEMO_EMAIL
    assert ctx.account is not None and ctx.account.session.has_refresh_token


@pytest.mark.expected_log("No usable keyring", logger="sync.credentials")
def test_without_a_keyring_the_sign_in_lasts_for_this_session(first_start, qtbot):
    ctx, sync = first_start(CredentialStore(None, discover=False))
    dialog = shown(qtbot, ctx, sync)
    dialog.demo.click()
    dialog.primary.click()
    assert dialog.session_note.isVisible() and "session only" in dialog.session_note.text()
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()

    with_keyring = shown(qtbot, *first_start())
    with_keyring.demo.click()
    with_keyring.primary.click()
    assert not with_keyring.session_note.isVisible() and with_keyring.remember.isEnabled()


def test_an_unreachable_server_is_said_plainly_and_cancel_changes_nothing(filled_ctx, controller, qtbot,
                                                                         monkeypatch):
    # Quick retries: the test checks the message, not the retry policy's patience.
    monkeypatch.setattr(http, "RetryPolicy", lambda: FAST_RETRY)
    before = load_settings(filled_ctx.config_dir)
    dialog = shown(qtbot, filled_ctx, controller)
    dialog.change_project.click()
    assert dialog.page == PROJECT_PAGE
    dialog.url.setText("http://127.0.0.1:9")
    dialog.primary.click()
    dialog.password.setText("whatever")
    with qtbot.waitSignal(controller.signInDone, timeout=SIGN_IN_TIMEOUT_MS):
        dialog.primary.click()
    assert dialog.isVisible()
    headline, detail = dialog.error.text().split("\n", 1)
    assert headline == "The server does not answer: it may be down or restarting."
    assert "127.0.0.1:9 refused the connection" in detail
    assert filled_ctx.conn is None  # the other project has no cache for anyone yet

    dialog.reject()
    assert filled_ctx.settings == before == load_settings(filled_ctx.config_dir)
    assert filled_ctx.conn is not None  # the previous project's data is back on screen
