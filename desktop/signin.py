"""The sign-in dialog: which Supabase project (asked once, or when the user changes it), then email and password.

The password goes to the sync worker's thread (`SyncController.sign_in`), never over the network from the GUI
thread; the dialog stays responsive and shows the server's answer inline. It is only ever a dialog: cancelling
it leaves the window with whatever the cache holds, offline included.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import problems
from desktop.context import AppContext
from desktop.worker import SyncController
from sync.account import DEMO_ANON_KEY, DEMO_URL
from sync.http import normalise_url
from sync.settings import Settings
from sync.status import Reason, Status

PROJECT_PAGE, SIGN_IN_PAGE = 0, 1


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    label.setFont(font)
    return label


def hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("role", "secondary")
    return label


class SignInDialog(QDialog):
    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self._busy = False
        # Cancelled while the request was out: its answer still decides (see _answered).
        self._abandoned = False
        # The settings as they were before this dialog switched project, to put back on Cancel.
        self._before: Settings | None = None
        self._project = (ctx.settings.supabase_url, ctx.settings.anon_key)
        self.setWindowTitle(self.tr("Sign in — VSchool CRM"))
        self.setMinimumWidth(480)

        # Both pages in one column, one of them hidden: unlike a QStackedWidget, a hidden page takes no room,
        # so each page is as tall as its own (word-wrapped) text and an error sits right under its fields.
        self.pages = QWidget(self)
        self._page_widgets = (self._project_page(), self._sign_in_page())
        pages_layout = QVBoxLayout(self.pages)
        pages_layout.setContentsMargins(0, 0, 0, 0)
        for widget in self._page_widgets:
            pages_layout.addWidget(widget)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: the server gives no progress for a sign-in
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        self.buttons = QDialogButtonBox(self)
        self.primary = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.primary.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # The accept role only makes the button the dialog's affirmative one; what it does is decided here.
        self.buttons.accepted.connect(self._primary_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addStretch()
        layout.addWidget(self.buttons)
        sync.signInDone.connect(self._answered)
        self._show_page(SIGN_IN_PAGE if ctx.settings.configured else PROJECT_PAGE)

    # --- pages ----------------------------------------------------------------------------------------------

    def _project_page(self) -> QWidget:
        page = QWidget(self)
        self.url = QLineEdit(self.ctx.settings.supabase_url, page)
        self.url.setPlaceholderText("https://<project>.supabase.co")
        self.anon_key = QLineEdit(self.ctx.settings.anon_key, page)
        self.anon_key.setPlaceholderText(self.tr("the project's anon (public) key"))
        self.demo = QPushButton(self.tr("Use the demo"), page)
        self.demo.setAutoDefault(False)
        self.demo.setToolTip(self.tr("The local demo server started by `make demo`, at %1").replace("%1", DEMO_URL))
        self.demo.clicked.connect(self._use_demo)
        form = QFormLayout()
        form.addRow(self.tr("Project URL"), self.url)
        form.addRow(self.tr("Anon key"), self.anon_key)
        demo_row = QHBoxLayout()
        demo_row.addStretch()
        demo_row.addWidget(self.demo)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Which project?"), page))
        layout.addWidget(hint(self.tr("Your administrator gives you the school's Supabase project URL and its "
                                      "anon key (in Supabase: Project Settings → API)."), page))
        layout.addLayout(form)
        layout.addLayout(demo_row)
        return page

    def _sign_in_page(self) -> QWidget:
        page = QWidget(self)
        persistent = self.ctx.credentials.persistent
        self.project_label = QLabel(page)
        self.project_label.setProperty("role", "secondary")
        self.change_project = QPushButton(self.tr("Change project…"), page)
        self.change_project.setAutoDefault(False)
        self.change_project.setFlat(True)
        self.change_project.clicked.connect(lambda: self._show_page(PROJECT_PAGE))
        self.email = QLineEdit(self.ctx.settings.email, page)
        self.email.setPlaceholderText("name@vschool.example")
        self.password = QLineEdit(page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember me on this computer"), page)
        # Without a keyring there is nowhere safe to remember the sign-in: the box would promise too much.
        self.remember.setChecked(self.ctx.settings.remember and persistent)
        self.remember.setEnabled(persistent)
        self.session_note = QLabel(self.tr(
            "No keyring (the system's password store) works on this computer, so the sign-in lasts for this "
            "session only: you will be asked to sign in again next time VSchool CRM starts."), page)
        self.session_note.setObjectName("sessionNote")
        self.session_note.setWordWrap(True)
        self.session_note.setProperty("role", "note")
        self.session_note.setVisible(not persistent)
        project_row = QHBoxLayout()
        project_row.addWidget(self.project_label, 1)
        project_row.addWidget(self.change_project)
        form = QFormLayout()
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Sign in"), page))
        layout.addLayout(project_row)
        layout.addLayout(form)
        layout.addWidget(self.session_note)
        return page

    def _show_page(self, page: int) -> None:
        self.page = page
        for number, widget in enumerate(self._page_widgets):
            widget.setVisible(number == page)
        self._clear_error()
        if page == PROJECT_PAGE:
            self.primary.setText(self.tr("Next"))
            self.url.setFocus()
            return
        self.primary.setText(self.tr("Sign in"))
        self.project_label.setText(self.tr("Project: %1").replace("%1", self._project[0]))
        (self.password if self.email.text() else self.email).setFocus()

    def _use_demo(self) -> None:
        self.url.setText(DEMO_URL)
        self.anon_key.setText(DEMO_ANON_KEY)
        self._clear_error()

    # --- actions --------------------------------------------------------------------------------------------

    def _primary_clicked(self) -> None:
        if self.page == PROJECT_PAGE:
            self._check_project()
        else:
            self._submit()

    def _check_project(self) -> None:
        typed, key = self.url.text().strip(), self.anon_key.text().strip()
        if not typed:
            self._fail(self.tr("Enter the project URL."), self.url)
            return
        try:
            url = normalise_url(typed)
        except ValueError:
            self._fail(self.tr("“%1” is not a web address: it should look like https://<project>.supabase.co")
                       .replace("%1", typed), self.url)
            return
        if not key:
            self._fail(self.tr("Enter the project's anon key."), self.anon_key)
            return
        self.url.setText(url)
        self._project = (url, key)
        self._show_page(SIGN_IN_PAGE)

    def _submit(self) -> None:
        email, password = self.email.text().strip(), self.password.text()
        if not email or not password:
            self._fail(self.tr("Enter your email and password."), self.password if email else self.email)
            return
        # Without a keyring the box is disabled; the user's preference is kept for when one appears.
        remember = self.remember.isChecked() if self.ctx.credentials.persistent else self.ctx.settings.remember
        self._set_busy(True)
        settings = self.ctx.settings
        if self.ctx.account is not None and self._project == (settings.supabase_url, settings.anon_key):
            self.sync.sign_in(email, password, remember)
            return
        if self._before is None:
            self._before = settings
        url, key = self._project
        # Another project's user id names nobody here, and would open (create) a cache folder for them.
        same = self._project == (self._before.supabase_url, self._before.anon_key)
        self.ctx.settings = dataclasses.replace(settings, supabase_url=url, anon_key=key,
                                                user_id=self._before.user_id if same else "")

        def sign_in_there() -> None:
            self.ctx.open_account()
            self.sync.sign_in(email, password, remember)

        self.sync.when_idle(sign_in_there)

    def _answered(self, message: str, reason: str) -> None:
        if not self._busy:
            return  # a sign-in someone else asked for
        self._set_busy(False)
        if not message:
            # The server accepted: the worker has already handed over settings naming the user, and put the
            # session in the keyring. Even after a Cancel this stands; undoing it would leave half a sign-in behind.
            self._before = None
            self.ctx.signed_in()
            if not self._abandoned:
                self.accept()
            return
        if self._abandoned:
            self._restore()
            return
        # A sign-in refused (wrong password) says so itself; a server that cannot be reached is named for what it is.
        known = Reason(reason)
        self._fail(f"{problems.headline(Status.ERROR, known)}\n{message}" if known != Reason.UNKNOWN else message,
                   self.password)
        self.password.selectAll()

    def reject(self) -> None:
        if self._busy:
            self._abandoned = True
        else:
            self._restore()
        super().reject()

    def _restore(self) -> None:
        """Put back the project this dialog switched away from (Cancel means no change)."""
        before, self._before = self._before, None
        if before is None:
            return
        self.ctx.settings = dataclasses.replace(self.ctx.settings, supabase_url=before.supabase_url,
                                                anon_key=before.anon_key, user_id=before.user_id, email=before.email)
        self.sync.when_idle(self.ctx.open_account)

    # --- state ----------------------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.pages.setEnabled(not busy)
        self.primary.setEnabled(not busy)
        self.busy.setVisible(busy)
        if busy:
            self._clear_error()

    def _fail(self, message: str, focus: QWidget) -> None:
        self.error.setText(message)
        self.error.show()
        focus.setFocus()

    def _clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
