"""Settings: how often to sync, when data counts as stale, live updates, language and era, and the account —
Full resync, Sign out (the cached data stays readable) and Sign out and remove local data.

The dialog asks and the sync worker does (sync.account.Account.sign_out, as the command line's `logout`):
it revokes the session on the server when the last sync found it reachable, and clears the keyring and,
when asked, this user's cached data; its answer closes the dialog. With the rep's changes still waiting for the
server it asks first, and says what becomes of them: kept with the data, they are sent after the next sign-in;
removed with it, they are lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cache.queries import ListQuery
from desktop import formatting, i18n
from desktop.context import AppContext
from desktop.signin import hint
from desktop.views.labels import fill
from desktop.worker import SyncController
from sync.errors import NotSignedInError

MAX_STALE_MINUTES = 7 * 24 * 60


class SettingsDialog(QDialog):
    # The user signed out here: the application offers the sign-in dialog.
    signedOut = Signal()

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self._busy = False
        self._removing: Path | None = None  # the folder being removed with the sign-out
        self.setWindowTitle(self.tr("Settings — VSchool CRM"))
        self.setMinimumWidth(520)
        settings = ctx.settings

        self.interval = QSpinBox(self)
        self.interval.setRange(1, 240)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(settings.sync_interval_minutes)
        self.stale = QSpinBox(self)
        self.stale.setRange(1, MAX_STALE_MINUTES)
        self.stale.setSuffix(self.tr(" min"))
        self.stale.setValue(settings.stale_after_minutes)
        self.stale.setToolTip(self.tr("Data synced longer ago than this is marked stale."))
        self.language = QComboBox(self)
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.live_updates = QCheckBox(self.tr("Live updates"), self)
        self.live_updates.setChecked(settings.live_updates)
        self.live_updates.setToolTip(self.tr("The server's changes appear within a second. Turn off on a metered "
                                             "connection: the app then syncs on the schedule only."))
        self.buddhist_era = QCheckBox(self.tr("Buddhist-era years (year + 543)"), self)
        self.buddhist_era.setChecked(settings.buddhist_era)
        self.example = QLabel(self)
        self.example.setObjectName("eraExample")
        self.language.currentIndexChanged.connect(self._show_example)
        self.buddhist_era.toggled.connect(self._show_example)
        self._show_example()

        general = QGroupBox(self.tr("General"), self)
        form = QFormLayout(general)
        form.addRow(self.tr("Sync every"), self.interval)
        form.addRow(self.tr("Stale after"), self.stale)
        form.addRow("", self.live_updates)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Dates"), self.buddhist_era)
        form.addRow("", self.example)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(self._account_box())
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _account_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Account"), self)
        account = self.ctx.account
        signed_in = account is not None and (account.client.access_token is not None
                                             or account.session.has_refresh_token)
        settings = self.ctx.settings
        self.project = QLabel(settings.supabase_url or self.tr("No project yet"), box)
        if signed_in:
            who = self.tr("Signed in as %1").replace("%1", settings.email)
        elif settings.user_id:
            who = self.tr("Signed out (the data of %1 on this computer stays readable)").replace("%1", settings.email)
        else:
            who = self.tr("Not signed in")
        self.user = QLabel(who, box)
        self.user.setWordWrap(True)
        self.full_resync = QPushButton(self.tr("Full resync"), box)
        self.full_resync.setEnabled(signed_in)
        self.full_resync.clicked.connect(self._full_resync)
        self.resync_note = hint(self.tr("Downloads everything again and drops what the server no longer has. "
                                        "Takes longer than a normal sync; the data stays readable meanwhile."), box)
        self.sign_out = QPushButton(self.tr("Sign out"), box)
        self.sign_out.setToolTip(self.tr("The data on this computer stays readable until you sign in again."))
        self.sign_out.setEnabled(signed_in)
        self.sign_out.clicked.connect(lambda: self._sign_out(remove_data=False))
        self.remove_data = QPushButton(self.tr("Sign out and remove local data…"), box)
        self.remove_data.setEnabled(self._folder() is not None)
        self.remove_data.clicked.connect(self.remove_local_data)
        form = QFormLayout(box)
        form.addRow(self.tr("Project"), self.project)
        form.addRow(self.tr("User"), self.user)
        resync = QHBoxLayout()
        resync.addWidget(self.full_resync)
        resync.addWidget(self.resync_note, 1)
        form.addRow("", resync)
        leave = QHBoxLayout()
        leave.addWidget(self.sign_out)
        leave.addWidget(self.remove_data)
        leave.addStretch()
        form.addRow("", leave)
        return box

    def _show_example(self) -> None:
        text = formatting.date_text(dt.datetime.now(dt.UTC), buddhist_era=self.buddhist_era.isChecked(),
                                    language=self.language.currentData())
        self.example.setText(self.tr("Today: %1").replace("%1", text))

    def _folder(self) -> Path | None:
        """This account's cache folder, also when the cache could not be opened (removing it is then the cure)."""
        if self.ctx.account is None:
            return None
        try:
            return self.ctx.account.folder
        except NotSignedInError:
            return None

    # --- actions --------------------------------------------------------------------------------------------

    def _apply(self) -> None:
        language = self.language.currentData()
        if language != self.ctx.settings.language:
            # Before saving: whoever rebuilds windows on settingsChanged then finds the strings translated.
            i18n.install_translator(QApplication.instance(), language)
        self.ctx.settings = dataclasses.replace(
            self.ctx.settings, sync_interval_minutes=self.interval.value(), stale_after_minutes=self.stale.value(),
            buddhist_era=self.buddhist_era.isChecked(), language=language, live_updates=self.live_updates.isChecked())
        self.ctx.save_settings()
        self.sync.apply_interval()
        self.accept()

    def _full_resync(self) -> None:
        started = self.sync.sync_now(full=True)
        self.resync_note.setText(self.tr("Full resync started.") if started else
                                 self.tr("A sync is running; the full resync follows it."))

    def _confirm_removal(self, folder: Path) -> bool:
        waiting = self.ctx.waiting()
        if not waiting:
            lost = self.tr("Nothing is lost on the server, and none of your changes is waiting to be sent: everything "
                           "can be downloaded again by signing in while online. Until then it cannot be read offline.")
        elif waiting == 1:
            lost = self.tr("1 change you made here has not reached the server yet: it will be lost, as it exists "
                           "only on this computer. Cancel and sync first to keep it (Pending changes, Ctrl+Shift+P, "
                           "shows it). Everything else can be downloaded again by signing in while online.")
        else:
            lost = self.tr("%1 changes you made here have not reached the server yet: they will be lost, as they "
                           "exist only on this computer. Cancel and sync first to keep them (Pending changes, "
                           "Ctrl+Shift+P, shows them). Everything else can be downloaded again by signing in while "
                           "online.")
        text = fill(self.tr("Sign out and remove everything VSchool CRM keeps for %1 on this computer?\n\n"
                            "This removes %2 customers and %3 orders, with their files, from:\n%4\n\n%5"),
                    self.ctx.settings.email or "?", formatting.number(self.ctx.count(ListQuery("customers"))),
                    formatting.number(self.ctx.count(ListQuery("orders"))), str(folder),
                    fill(lost, formatting.number(waiting)))
        return self._ask(self.tr("Remove local data"), text)

    def _confirm_sign_out(self) -> bool:
        """Signing out keeps the data, and the changes waiting in it: they go once the rep is back."""
        waiting = self.ctx.waiting()
        if not waiting:
            return True
        if waiting == 1:
            text = self.tr("1 change you made has not reached the server yet. It stays on this computer and is sent "
                           "after you next sign in as %2.\n\nSign out now?")
        else:
            text = self.tr("%1 changes you made have not reached the server yet. They stay on this computer and are "
                           "sent after you next sign in as %2.\n\nSign out now?")
        return self._ask(self.tr("Sign out"), fill(text, formatting.number(waiting), self.ctx.settings.email or "?"))

    def _ask(self, title: str, text: str) -> bool:
        """Yes or Cancel, Cancel the default: what follows cannot be undone from here."""
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def remove_local_data(self) -> None:
        self._sign_out(remove_data=True)

    def _sign_out(self, *, remove_data: bool) -> None:
        folder = self._folder()
        if remove_data and (folder is None or not self._confirm_removal(folder)):
            return
        if not remove_data and not self._confirm_sign_out():
            return
        self._set_busy(True)
        if self.sync.running:
            self.user.setText(self.tr("Stopping the sync before signing out…"))
        self._removing = folder if remove_data else None
        self.sync.signedOut.connect(self._signed_out)
        self.sync.sign_out(remove_data=remove_data)

    def _signed_out(self, problem: str) -> None:
        self.sync.signedOut.disconnect(self._signed_out)
        if not problem:
            self.done(QDialog.DialogCode.Rejected)  # the form's other edits were not applied
        else:
            self._busy = False
            self.buttons.setEnabled(True)
            self.error.setText(self.tr("Signed out, but %1 could not be removed completely (%2): remove it by "
                                       "hand.").replace("%1", str(self._removing)).replace("%2", problem))
            self.error.show()
        # After this slot returns: the sign-in dialog it leads to must not run nested inside a sync signal.
        QTimer.singleShot(0, self.signedOut.emit)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.full_resync, self.sign_out, self.remove_data, self.buttons):
            widget.setEnabled(not busy)

    def reject(self) -> None:
        if not self._busy:  # waiting for the sync to stop before signing out: a moment, then the dialog closes
            super().reject()
