"""The application: one object that owns the context, the sync worker, the cache watcher and the window, and
the start-up order that makes the first frame come from the cache — the window is shown, painted, and only
then is the first sync (or the sign-in dialog) started."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import shutil
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import Shiboken

from cache.location import cache_root
from cache.private import private_file
from desktop import fonts, i18n, problems, stylesheet
from desktop.collector import GuiThreadCollector
from desktop.context import AppContext
from desktop.mainwindow import VIEW_KEYS, MainWindow
from desktop.resource_files import resource_path
from desktop.worker import SyncController
from sync import events as ev
from sync.settings import config_dir
from sync.status import Reason, Status

if TYPE_CHECKING:
    from desktop.watcher import CacheWatcher

log = logging.getLogger(__name__)

SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_SYNC_TIMEOUT_MS = 120_000
SIGNAL_CHECK_MS = 250
# begin() waits for the window's first paint, or this long for a window the platform never paints (minimised).
FIRST_FRAME_WAIT_MS = 1000


def has_display() -> bool:
    """Whether Qt can open a window here: always on macOS and Windows; on Linux, an X or Wayland display, or a
    platform chosen explicitly (offscreen for screenshots and tests)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def _typed(path: str) -> str:
    """A path as the user can type it from where they are."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else path


def no_display_message(*, demo: bool) -> str:
    """What to do without a display, in commands that work as typed here: `make demo` in a source checkout
    (where `vschool-crm` is not on PATH but in .venv/bin), else this program as it was started."""
    checkout = Path(__file__).resolve().parent.parent
    if demo and (checkout / "Makefile").is_file() and Path.cwd().resolve() == checkout:
        virtual, picture = "xvfb-run -a make demo", 'make demo ARGS="--screenshot window.png"'
    else:
        script = sys.argv[0]
        found = shutil.which("vschool-crm")
        if Path(script).name == "vschool-crm":
            program = "vschool-crm" if found and Path(found).resolve() == Path(script).resolve() else _typed(script)
        else:
            program = f"{_typed(sys.executable)} -m desktop.cli"
        program += " demo" if demo else ""
        virtual, picture = f"xvfb-run -a {program}", f"{program} --screenshot window.png"
    lines = ["No display found, so the window cannot open here.",
             f"Run it under a virtual display:    {virtual}"]
    if shutil.which("xvfb-run") is None:
        lines.append("                                   (xvfb-run is in Debian's xvfb: sudo apt-get install xvfb)")
    lines.append(f"or render the window to a picture: {picture}")
    return "\n".join(lines)


class Application(QObject):
    def __init__(self, ctx: AppContext, *, demo: bool = False, auto_sync: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.auto_sync = auto_sync
        window_ini = ctx.config_dir / "window.ini"
        private_file(window_ini)  # Qt keeps the mode of a file it rewrites, and would make a new one 0644
        self.window_settings = QSettings(str(window_ini), QSettings.Format.IniFormat)
        self.sync = SyncController(ctx, self)
        self.watcher: CacheWatcher | None = None  # from begin(): watchdog's start is not the first frame's
        self.sync.finished.connect(self._sync_finished)
        ctx.settingsChanged.connect(self._settings_changed)
        self._language = ctx.settings.language
        i18n.install_translator(QApplication.instance(), self._language)
        self._read_version = ctx.data_version()  # what the first window reads; begin() compares
        self.window = self._new_window()
        self._retired: list[MainWindow] = []  # windows replaced by a language change
        self._begun = False  # start()'s begin() has run

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.ctx, self.sync, self.window_settings)
        window.signInRequested.connect(self.show_sign_in)
        window.settingsRequested.connect(self.show_settings)
        window.removeDataRequested.connect(lambda: self.show_settings(remove_data=True))
        return window

    def start(self) -> None:
        """Show the window, and begin() once it has painted: the first frame is the cache's lists (the record
        beside follows at once), before anything touches the network. (A zero timer alone runs before the paint:
        the window's first expose comes after the timers already due, and begin() holds the GUI thread for a
        moment.)"""
        if self.window.isVisible():  # shown, and so painted, already
            QTimer.singleShot(0, self._begin_once)
            return
        self.window.installEventFilter(self)
        self.window.first_frame_lists_only(True)
        self.window.show()
        QTimer.singleShot(FIRST_FRAME_WAIT_MS, self._begin_once)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            # The window paints before its children: the timer runs when this whole frame is on screen.
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self._begin_once)
        return False

    def _begin_once(self) -> None:
        if not self._begun:
            self._begun = True
            self.window.first_frame_lists_only(False)
            self.begin()

    def begin(self, *, interactive: bool = True) -> None:
        """Watch the cache; sync, sign in the demo user, or ask for a sign-in; never a dialog when not
        `interactive`. The account (HTTP client, keyring) is made here, after the first frame."""
        self.watch_cache()
        if self.auto_sync and interactive:
            self.sync.start_live()  # from the sign-in on, whichever comes first
        account = self.ctx.account
        signed_in = account is not None and bool(self.ctx.settings.user_id) and account.session.has_refresh_token
        if signed_in:
            if self.auto_sync:
                self.sync.sync_now()
        elif self.demo:
            self._demo_sign_in()
        elif self.ctx.settings.user_id:
            # Known user, no session (expired, or never remembered): the cache stays open; the banner offers
            # the sign-in rather than a dialog in the way of the data.
            self.sync.sync_now()
        elif interactive:
            self.show_sign_in()

    def watch_cache(self) -> None:
        """Follow other processes' writes to the cache (once; begin() does it after the first frame)."""
        if self.watcher is not None:
            return
        from desktop.watcher import CacheWatcher

        self.watcher = CacheWatcher(self.ctx, self.sync, self)
        self.watcher.changed.connect(self.ctx.cacheChanged)
        self.watcher.start()
        if self.ctx.data_version() != self._read_version:  # written to between the first read and now
            self.ctx.cacheChanged.emit()

    def _demo_sign_in(self) -> None:
        from sync.account import DEMO_ANON_KEY, DEMO_EMAIL, DEMO_PASSWORD, DEMO_URL

        self.ctx.settings = dataclasses.replace(self.ctx.settings, supabase_url=DEMO_URL, anon_key=DEMO_ANON_KEY)
        if self.ctx.account is None or self.ctx.account.client.url != DEMO_URL:
            self.ctx.open_account()

        def done(message: str, reason: str) -> None:
            self.sync.signInDone.disconnect(done)
            if message:
                self.window.banner.show_message(Status.SIGNED_OUT, problems.headline(Status.SIGNED_OUT, Reason(reason)),
                                                self.tr("Sign in…"), message)
                return
            self.ctx.signed_in()
            self.sync.sync_now()

        self.sync.signInDone.connect(done)
        self.sync.sign_in(DEMO_EMAIL, DEMO_PASSWORD, True)

    # --- dialogs --------------------------------------------------------------------------------------------

    def show_sign_in(self) -> None:
        from desktop.signin import SignInDialog

        dialog = SignInDialog(self.ctx, self.sync, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.sync.sync_now()

    def show_settings(self, *, remove_data: bool = False) -> None:
        """The settings; with `remove_data` it opens on the question of removing this account's cached data."""
        from desktop.settingsdialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self.sync, self.window)
        dialog.signedOut.connect(self.show_sign_in)
        if remove_data:
            QTimer.singleShot(0, dialog.remove_local_data)
        dialog.exec()

    def _settings_changed(self) -> None:
        self.sync.apply_interval()
        if self.ctx.settings.language != self._language:
            self._language = self.ctx.settings.language
            self.rebuild_window()
        else:
            self.window.reload_views()  # dates may now read in the other era

    def rebuild_window(self) -> None:
        """A new language: every string is translated when widgets are built, so the window is built again
        (in the same place, showing the same view)."""
        i18n.install_translator(QApplication.instance(), self._language)
        old = self.window
        old.save_state()
        self.window = self._new_window()
        if old.isVisible():
            self.window.show()
        old.hide()
        # Later, not now: this may run inside a slot of the old window (its settings dialog's OK). Until the
        # event loop gets to it, shutdown() deletes it with the rest.
        old.deleteLater()
        self._retired.append(old)

    # --- the cache ------------------------------------------------------------------------------------------

    def _sync_finished(self, report: ev.CycleReport) -> None:
        # The window has already re-read what this sync changed; the watcher must not count it again.
        if self.watcher is not None:
            self.watcher.mark_seen()

    def shutdown(self) -> None:
        """Closing: remember the window, cancel the sync cleanly, stop watching, close the cache."""
        self.window.save_state()
        # Deleted now, not later: its timers (a profile's pending refresh) must not fire into a stopped worker.
        self.window.close()
        for window in (*self._retired, self.window):
            if Shiboken.isValid(window):
                Shiboken.delete(window)
        # The writer first, then the watcher: watchdog's inotify threads stopped while a sync still writes files
        # race the events they are reading ("queue_events() called when the thread is inactive").
        self.sync.shutdown(close_connections=self.ctx.close_connections)
        if self.watcher is not None:
            self.watcher.stop()
        self.ctx.close()


def screenshot(app: Application, path: Path, view: str, *, after_sync: bool) -> None:
    """Render the window to PNG files without a display: one view, or every view (`view` "all": `path` is a
    folder and each view becomes `<view>.png`)."""
    window = app.window
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    if after_sync:
        loop = QEventLoop()
        app.sync.finished.connect(loop.quit)
        app.sync.signInDone.connect(lambda message, _reason: loop.quit() if message else None)
        QTimer.singleShot(SCREENSHOT_SYNC_TIMEOUT_MS, loop.quit)
        app.begin(interactive=False)
        loop.exec()
    keys = VIEW_KEYS if view == "all" else (view,)
    if view == "all":
        path.mkdir(parents=True, exist_ok=True)
    for key in keys:
        window.show_view(key)
        QApplication.processEvents()
        target = path / f"{key}.png" if view == "all" else path
        if not window.grab().save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        print(f"Wrote {target}")


def _quit_on_signals(qapp: QApplication) -> None:
    """Ctrl+C in the terminal (a service manager's SIGTERM, the terminal closed) closes the application as the
    window's close button does, with the sync cancelled cleanly. Python runs signal handlers only between its own
    bytecodes, and Qt's event loop runs none of them for minutes when idle: the timer gives it a moment now and
    then."""
    for number in (signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])):
        signal.signal(number, lambda *_: qapp.quit())
    wakeup = QTimer(qapp, interval=SIGNAL_CHECK_MS)
    wakeup.timeout.connect(lambda: None)
    wakeup.start()


def dress(qapp: QApplication) -> None:
    """The application's name, icon, fonts and style sheet: what every window of it is built under."""
    qapp.setApplicationName("VSchool CRM")
    qapp.setOrganizationName("VSchool")
    # Linux desktops match the window to its menu entry (packaging/linux/vschool-crm.desktop) by this name.
    qapp.setDesktopFileName("vschool-crm")
    qapp.setWindowIcon(QIcon(str(resource_path("icons", "vschool-crm.png"))))
    fonts.register_fonts()
    qapp.setFont(fonts.application_font())
    stylesheet.install(qapp)


def run(args: argparse.Namespace, *, demo: bool = False) -> int:
    if args.screenshot is not None and not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not has_display():
        print(no_display_message(demo=demo), file=sys.stderr)
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    collector = GuiThreadCollector(qapp)
    dress(qapp)
    settings_folder = config_dir(args.config_dir)
    if demo and not (args.config_dir or os.environ.get("VSCHOOL_CONFIG_DIR")):
        settings_folder = settings_folder / "demo"  # the demo never replaces a real project's settings
    ctx = AppContext(settings_folder, cache_root(args.cache_dir))
    if args.language:
        ctx.settings = dataclasses.replace(ctx.settings, language=args.language)
    app = Application(ctx, demo=demo, auto_sync=not args.no_sync)
    if args.view and args.view != "all":
        app.window.show_view(args.view)
    try:
        if args.screenshot is not None:
            screenshot(app, args.screenshot, args.view or app.window.current_view.key,
                       after_sync=not args.no_sync and (demo or ctx.settings.configured))
            return 0
        app.start()
        _quit_on_signals(qapp)
        return int(qapp.exec())
    finally:
        app.shutdown()
        collector.stop()
