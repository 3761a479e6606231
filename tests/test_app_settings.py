"""The settings dialog: preferences saved to settings.json, Sign out, and Sign out and remove local data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from cache.queries import ListQuery
from desktop import formatting, i18n
from desktop.settingsdialog import SettingsDialog
from sync.credentials import CredentialStore
from sync.errors import SignedOutError
from sync.http import SupabaseClient
from sync.session import Session
from sync.settings import load_settings
from tests.keyrings import MemoryKeyring

pytestmark = [
    pytest.mark.usefixtures("no_thread_left"),
    # The offscreen platform cannot resize a shown dialog's window to a new minimum size, and says so.
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

SIGN_OUT_TIMEOUT_MS = 30_000


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """The language a test switches to is switched back: the translators belong to the whole application."""
    yield
    i18n.install_translator(qapp, "en")


@pytest.fixture
def answer(monkeypatch) -> Iterator[list[str]]:
    """Answers the confirmation with `answer[0]` ("yes"/"no") and records the question asked."""
    asked = ["yes"]

    def question(parent, title, text, buttons, default):
        asked.append(text)
        return QMessageBox.StandardButton.Yes if asked[0] == "yes" else QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    yield asked


def shown(qtbot, ctx, sync) -> SettingsDialog:
    dialog = SettingsDialog(ctx, sync)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.usefixtures("english")
def test_preferences_are_saved_and_read_back(filled_ctx, controller, qtbot):
    dialog = shown(qtbot, filled_ctx, controller)
    dialog.interval.setValue(30)
    dialog.stale.setValue(90)
    year = int(dialog.example.text().rsplit(" ", 1)[1])
    dialog.buddhist_era.setChecked(True)
    assert f"{year + formatting.BUDDHIST_ERA_OFFSET} BE" in dialog.example.text()  # the example follows at once
    dialog.language.setCurrentIndex(dialog.language.findData("th"))
    assert "BE" not in dialog.example.text()  # Thai readers need no era marker
    with qtbot.waitSignal(filled_ctx.settingsChanged):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    saved = load_settings(filled_ctx.config_dir)
    assert (saved.sync_interval_minutes, saved.stale_after_minutes, saved.language, saved.buddhist_era) == \
        (30, 90, "th", True)
    assert QApplication.instance().findChildren(object, "vschool-translator")  # Thai is installed

    again = shown(qtbot, filled_ctx, controller)
    assert (again.interval.value(), again.stale.value(), again.language.currentData(),
            again.buddhist_era.isChecked()) == (30, 90, "th", True)
    again.interval.setValue(5)
    again.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert load_settings(filled_ctx.config_dir).sync_interval_minutes == 30 == filled_ctx.settings.sync_interval_minutes


def test_removing_local_data_asks_first_and_removes_the_folder(online_ctx, controller, qtbot, answer):
    folder = online_ctx.folder
    assert folder is not None and (folder / "cache.db").exists()
    customers = online_ctx.count(ListQuery("customers"))
    dialog = shown(qtbot, online_ctx, controller)
    assert dialog.user.text() == f"Signed in as {online_ctx.settings.email}"
    assert controller.sync_now()  # a sync running meanwhile is cancelled and waited for, never pulled out from under
    with qtbot.waitSignal(dialog.signedOut, timeout=SIGN_OUT_TIMEOUT_MS):
        dialog.remove_data.click()
    question = answer[1]
    assert str(folder) in question and f"{formatting.number(customers)} customers" in question
    assert "downloaded again" in question
    assert not folder.exists()
    assert online_ctx.settings.user_id == "" == load_settings(online_ctx.config_dir).user_id
    assert online_ctx.conn is None and online_ctx.account is not None
    assert not online_ctx.account.session.has_refresh_token
    assert not dialog.isVisible()


def test_cancelling_the_removal_keeps_everything(filled_ctx, controller, qtbot, answer):
    answer[0] = "no"
    folder, user = filled_ctx.folder, filled_ctx.settings.user_id
    dialog = shown(qtbot, filled_ctx, controller)
    dialog.remove_data.click()
    assert len(answer) == 2  # asked once
    assert folder is not None and (folder / "cache.db").exists()
    assert filled_ctx.settings.user_id == user == load_settings(filled_ctx.config_dir).user_id
    assert filled_ctx.conn is not None and dialog.isVisible() and dialog.remove_data.isEnabled()


def test_signing_out_keeps_the_data_readable_and_ends_the_session_on_the_server(online_ctx, controller, qtbot):
    folder, user = online_ctx.folder, online_ctx.settings.user_id
    account = online_ctx.account
    refresh_token = online_ctx.credentials.get(account.session.account)
    assert refresh_token
    dialog = shown(qtbot, online_ctx, controller)
    with qtbot.waitSignal(dialog.signedOut, timeout=SIGN_OUT_TIMEOUT_MS):
        dialog.sign_out.click()
    assert online_ctx.account is not None and not online_ctx.account.session.has_refresh_token
    keyring = MemoryKeyring()
    elsewhere = Session(SupabaseClient(account.client.url, account.client.anon_key), CredentialStore(keyring), "x")
    keyring.set_password("vschool-crm", "x", refresh_token)
    try:
        with pytest.raises(SignedOutError):
            elsewhere.refresh()  # the refresh token died with the session
    finally:
        elsewhere.client.close()
    assert online_ctx.settings.user_id == user and online_ctx.folder == folder
    assert online_ctx.count(ListQuery("customers")) > 0

    after = shown(qtbot, online_ctx, controller)
    assert after.user.text().startswith("Signed out")
    assert not after.sign_out.isEnabled() and not after.full_resync.isEnabled() and after.remove_data.isEnabled()
