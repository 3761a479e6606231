"""The main window: navigation, the search box, Sync now, the error banner and the status bar.

It paints from the cache alone; the sync runs on the worker thread and the window only hears about it through
the controller's signals. Views re-read the cache when a table they show has been revalidated, when the cycle
ends, and when another process changed the cache (the watcher).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cache.tables import TABLES
from desktop import badges, formatting, problems, stylesheet
from desktop.app_arguments import VIEWS
from desktop.badges import Badge
from desktop.context import AppContext
from desktop.pending import NOTICE, PendingLink, cycle_notice
from desktop.setaside import SetAsideLink
from desktop.sync_progress import SyncProgress
from desktop.views.base import View, view_title
from desktop.views.widgets import RecordPane
from desktop.worker import SyncController
from sync import events as ev
from sync.status import Connection, Live, Status

VIEW_KEYS = VIEWS
CLOCK_TICK_MS = 30_000  # "synced 3 min ago" and the stale badges move on by themselves
PAGE_RELOAD_MS = 1_000  # during a long first sync, lists fill in at most once a second
ALL_TABLES = tuple(t.name for t in TABLES)


# What the progress line calls each table while it is synced.
TABLE_TITLES = {
    "employees": QT_TRANSLATE_NOOP("MainWindow", "employees"),
    "products": QT_TRANSLATE_NOOP("MainWindow", "products"),
    "package_items": QT_TRANSLATE_NOOP("MainWindow", "package contents"),
    "customers": QT_TRANSLATE_NOOP("MainWindow", "customers"),
    "customer_activities": QT_TRANSLATE_NOOP("MainWindow", "activities"),
    "campaigns": QT_TRANSLATE_NOOP("MainWindow", "campaigns"),
    "ad_sets": QT_TRANSLATE_NOOP("MainWindow", "ad sets"),
    "ads": QT_TRANSLATE_NOOP("MainWindow", "ads"),
    "orders": QT_TRANSLATE_NOOP("MainWindow", "orders"),
    "order_items": QT_TRANSLATE_NOOP("MainWindow", "order items"),
    "ad_daily_stats": QT_TRANSLATE_NOOP("MainWindow", "daily ad figures"),
    "ad_hourly_stats": QT_TRANSLATE_NOOP("MainWindow", "hourly ad figures"),
}


def view_class(key: str) -> type[View]:
    """A view's class, imported when the view is first shown: start-up imports only the one on screen."""
    if key == "customers":
        from desktop.views.customers import CustomersView

        return CustomersView
    if key == "followups":
        from desktop.views.followups import FollowUpsView

        return FollowUpsView
    if key == "catalog":
        from desktop.views.catalog import CatalogView

        return CatalogView
    if key == "marketing":
        from desktop.views.marketing import MarketingView

        return MarketingView
    if key == "orders":
        from desktop.views.orders import OrdersView

        return OrdersView
    if key == "employees":
        from desktop.views.employees import EmployeesView

        return EmployeesView
    from desktop.views.dashboard import DashboardView

    return DashboardView


def table_title(table: str) -> str:
    return QCoreApplication.translate("MainWindow", TABLE_TITLES.get(table, table))


class Banner(QWidget):
    """One non-modal message above the views, replaced by the next: errors never pile up as dialogs. The
    headline says what happened in the reader's language; the technical detail (sync/'s, in English, for whoever
    runs the server) is folded under Details, selectable to copy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("bannerDetails")
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.toggled.connect(self._show_details)
        self.details = QLabel(self)
        self.details.setObjectName("bannerDetail")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        self.action = QPushButton(self)
        self.close_button = QPushButton("✕", self)
        self.close_button.setFlat(True)
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.details_button)
        row.addWidget(self.action)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.details)
        self.kind = ""
        self.hide()

    def show_message(self, kind: str, text: str, action: str, detail: str = "") -> None:
        self.kind = kind
        stylesheet.restyle(self, "kind", kind)
        self.text.setText(text)
        self.text.setToolTip(detail)
        self.details.setText(detail)
        self.details_button.setVisible(bool(detail))
        self.details_button.setChecked(False)
        self.action.setText(action)
        self.show()

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


class SearchBox(QLineEdit):
    """Esc clears the search (and so shows the whole list again); Down goes into the results, Enter opens the
    current (or first) one, Tab goes on to the view rather than to the navigation."""

    intoResults = Signal()
    openResult = Signal()
    tabbedOut = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
        elif key == Qt.Key.Key_Down:
            self.intoResults.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.openResult.emit()
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        if next:
            self.tabbedOut.emit()
            return True
        return super().focusNextPrevChild(next)


class MainWindow(QMainWindow):
    signInRequested = Signal()
    settingsRequested = Signal()
    removeDataRequested = Signal()  # the cached data was kept from a reconciliation: the user may remove it

    def __init__(self, ctx: AppContext, sync: SyncController, window_settings: QSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self.window_settings = window_settings
        self.setWindowTitle(self.tr("VSchool CRM"))
        self.setObjectName("mainWindow")
        self.views: dict[str, View] = {}
        self._dirty_tables: set[str] = set()
        # Rows the running cycle has brought per table (None when none runs): empty views show it.
        self._cycle_rows: dict[str, int] | None = {} if sync.running else None
        # The whole first sync's rows and time left, once the engine has counted them.
        self._first_sync: SyncProgress | None = None
        self._build_chrome()
        self._build_views()
        self._build_shortcuts()
        self._page_reload = QTimer(self, singleShot=True, interval=PAGE_RELOAD_MS)
        self._page_reload.timeout.connect(self._reload_dirty)
        self._clock = QTimer(self, interval=CLOCK_TICK_MS)
        self._clock.timeout.connect(self.update_status)
        self._clock.start()
        sync.started.connect(self._sync_started)
        sync.progress.connect(self._sync_progress)
        sync.finished.connect(self._sync_finished)
        sync.stateChanged.connect(self.update_status)
        ctx.cacheChanged.connect(self.reload_views)
        ctx.accountChanged.connect(self.reload_views)
        ctx.accountChanged.connect(self._show_cache_error)
        self._restore()
        self.update_status()
        self._show_cache_error()

    def _show_cache_error(self) -> None:
        if self.ctx.cache_error:
            self.banner.show_message(Status.ERROR, self.tr("The data saved on this computer could not be opened."),
                                     self.tr("Retry"), self.ctx.cache_error)

    # --- building -------------------------------------------------------------------------------------------

    def _build_chrome(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        self.sync_action = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
                                   self.tr("Sync now"), self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setToolTip(self.tr("Fetch what changed on the server (F5)"))
        self.sync_action.triggered.connect(lambda: self.sync.sync_now())
        toolbar.addAction(self.sync_action)
        self.new_lead_action = QAction(self.tr("New lead"), self)
        self.new_lead_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_lead_action.setToolTip(self.tr("Add a customer met at a fair, in class or on the phone; "
                                                "it is sent to the server by itself (Ctrl+N)"))
        self.new_lead_action.triggered.connect(self.new_lead)
        toolbar.addAction(self.new_lead_action)
        self.lead_form: QWidget | None = None  # the New lead form, while open
        self.search = SearchBox(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(360)
        self.search.textChanged.connect(self._search_changed)
        self.search.intoResults.connect(lambda: self.current_view.enter_results())
        self.search.openResult.connect(lambda: self.current_view.open_result())
        self.search.tabbedOut.connect(lambda: self.current_view.focus_first())
        toolbar.addWidget(self.search)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.view_badge = Badge(self)
        toolbar.addWidget(self.view_badge)
        self.settings_action = QAction(self.tr("Settings"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.settingsRequested)
        toolbar.addAction(self.settings_action)

        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setMinimumWidth(150)
        self.nav.setMaximumWidth(240)
        self.stack = QStackedWidget(self)
        self.banner = Banner(self)
        self.banner.action.clicked.connect(self._banner_action)
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 1100])
        self.setCentralWidget(self.splitter)

        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connection")
        self.live_label = QLabel(self)
        self.live_label.setObjectName("live")
        # While a retry after a failure is waiting, "next try in 8 s" counts down.
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self.update_status)
        self.synced_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        status = self.statusBar()
        status.addWidget(self.connection_label)
        status.addWidget(self.live_label)
        status.addWidget(self.synced_label)
        self.set_aside = SetAsideLink(self.ctx, table_title, self)
        status.addWidget(self.set_aside)
        self.pending_link = PendingLink(self.ctx, self.sync, self)
        status.addWidget(self.pending_link)
        status.addPermanentWidget(self.progress_label)
        status.addPermanentWidget(self.progress)

    def _build_views(self) -> None:
        """Navigation for every view; a view itself is built the first time it is shown, so start-up pays
        only for the one on screen (the others' filter counts run over hundreds of thousands of rows)."""
        for number, key in enumerate(VIEW_KEYS, start=1):
            self.stack.addWidget(QWidget(self))  # its place, until built
            self.nav.addItem(view_title(key))
            self.nav.item(number - 1).setToolTip(f"Ctrl+{number}")
        self.nav.currentRowChanged.connect(self._view_changed)

    def view(self, key: str) -> View:
        """The view, built now if it has not been shown yet."""
        if key not in self.views:
            number = VIEW_KEYS.index(key)
            view = view_class(key)(self.ctx, self.sync, self)
            assert view.key == key, "desktop/app_arguments.py lists the views in navigation order"
            placeholder = self.stack.widget(number)
            self.stack.insertWidget(number, view)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.views[key] = view
            view.badgeChanged.connect(self._update_view_badge)
            view.restore_state(self.window_settings)
            view.show_first_sync(self._cycle_rows)
            if key in ("orders", "followups"):
                view.customerRequested.connect(self.open_customer)  # type: ignore[attr-defined]
            if key == "customers":
                view.orderRequested.connect(self._open_order)  # type: ignore[attr-defined]
        return self.views[key]

    def _open_order(self, ident: str) -> None:
        from desktop.views.orders import OrdersView

        self.show_view("orders")
        orders = self.view("orders")
        assert isinstance(orders, OrdersView)
        orders.open_order(ident)

    def open_customer(self, ident: str) -> None:
        """The customer's profile in Customers (from an order, a follow-up, a saved lead, a duplicate warning)."""
        from desktop.views.customers import CustomersView

        customers = self.view("customers")
        assert isinstance(customers, CustomersView)
        customers.open_customer(ident)  # first: it may clear the view's search, which showing it puts in the box
        self.show_view("customers")

    def new_lead(self) -> None:
        """Ctrl+N: the New lead form (desktop/leadform.py); once saved, the lead is shown in Customers."""
        if self.ctx.conn is None:
            self.banner.show_message(Status.SIGNED_OUT, self.tr("Sign in first: new leads are kept with your data "
                                                                "on this computer."), self.tr("Sign in…"))
            return
        from desktop.leadform import CustomerForm

        if self.lead_form is not None:
            self.lead_form.deleteLater()
        self.lead_form = form = CustomerForm(self.ctx, None, self)
        form.saved.connect(self.open_customer)
        form.openRequested.connect(self.open_customer)
        form.open()

    def _build_shortcuts(self) -> None:
        for number, key in enumerate(VIEW_KEYS, start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=key: self.show_view(key))
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self._focus_search)
        export = QShortcut(QKeySequence("Ctrl+E"), self)
        export.activated.connect(self._export_list)
        print_record = QShortcut(QKeySequence.StandardKey.Print, self)
        print_record.activated.connect(lambda: self.current_view.print_record())
        pending = QShortcut(QKeySequence(PendingLink.SHORTCUT), self)
        pending.activated.connect(self.pending_link.open_page)

    # --- views ----------------------------------------------------------------------------------------------

    @property
    def current_view(self) -> View:
        view = self.stack.currentWidget()
        assert isinstance(view, View)
        return view

    def show_view(self, key: str) -> None:
        self.nav.setCurrentRow(VIEW_KEYS.index(key))

    def first_frame_lists_only(self, only: bool) -> None:
        """While `only`, the record beside each list is left out of the window: Application.start() shows the
        lists first, and the records a frame later (RecordPane.hold)."""
        for pane in self.findChildren(RecordPane):
            if only:
                pane.hold()
            else:
                pane.release()

    def _view_changed(self, row: int) -> None:
        if row < 0:
            return
        view = self.view(VIEW_KEYS[row])
        self.stack.setCurrentWidget(view)
        self.search.blockSignals(True)
        self.search.setText(view.search_text)
        self.search.blockSignals(False)
        self.search.setEnabled(view.searchable)
        self.search.setPlaceholderText(self.tr("Search %1… (Ctrl+F)").replace("%1", view.title().lower())
                                       if view.searchable else "")
        view.focus_main()
        self._update_view_badge()

    def _export_list(self) -> None:
        pane = self.current_view.list_pane()
        if pane is not None:
            pane.export_dialog()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(str)
    def _search_changed(self, text: str) -> None:
        self.current_view.set_search(text.strip())

    @Slot()
    def reload_views(self) -> None:
        for view in self.views.values():
            view.reload()
        self._dirty_tables.clear()
        self.update_status()

    def _reload_dirty(self) -> None:
        dirty, self._dirty_tables = self._dirty_tables, set()
        for view in self.views.values():
            if dirty.intersection(view.tables):
                view.reload()

    # --- sync -----------------------------------------------------------------------------------------------

    def _sync_started(self, full: bool) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(self.tr("Full resync…") if full else self.tr("Syncing…"))
        self.sync_action.setText(self.tr("Syncing…"))
        self._cycle_rows = {}
        self._first_sync = None
        self._show_first_sync()
        self.update_status()

    def _show_first_sync(self) -> None:
        for view in self.views.values():
            view.show_first_sync(self._cycle_rows)

    def _sync_progress(self, event: ev.Event) -> None:
        if isinstance(event, ev.SyncPlanned):
            self._first_sync = SyncProgress(event.expected_rows)
            self.progress.setRange(0, max(self._first_sync.total, 1))
            self.progress.setValue(0)
        elif isinstance(event, ev.PageApplied) and (plan := self._first_sync) is not None and \
                event.table in plan.expected:
            plan.page(event.table, event.table_rows)
            self.progress.setRange(0, max(plan.total, 1))
            self.progress.setValue(plan.done)
            self.progress_label.setText(plan.text(table_title(event.table)))
            self._page_applied(event)
        elif isinstance(event, ev.PageApplied):
            if event.expected_rows:
                self.progress.setRange(0, event.expected_rows)
                self.progress.setValue(min(event.table_rows, event.expected_rows))
            self.progress_label.setText(self.tr("Syncing %1: %2 rows").replace("%1", table_title(event.table))
                                        .replace("%2", formatting.number(event.table_rows)))
            self._page_applied(event)
        elif isinstance(event, ev.TableFinished):
            if event.rows:
                self._dirty_tables.add(event.table)
                self._reload_dirty()
            self._show_first_sync()  # a table synced once no longer waits for its first rows
            self._update_view_badge()
        elif isinstance(event, ev.FilesWritten):
            self.progress.setRange(0, max(event.total, 1))
            self.progress.setValue(event.done)
            self.progress_label.setText(self.tr("Writing files: %1 of %2").replace("%1", formatting.number(event.done))
                                        .replace("%2", formatting.number(event.total)))

    def _page_applied(self, event: ev.PageApplied) -> None:
        """The lists of the page's table fill in (at most once a second), and an empty one says how far it is."""
        self._dirty_tables.add(event.table)
        if not self._page_reload.isActive():
            self._page_reload.start()
        if self._cycle_rows is not None:
            self._cycle_rows[event.table] = event.table_rows
            self._show_first_sync()

    def _sync_finished(self, report: ev.CycleReport) -> None:
        self.progress.hide()
        self.progress_label.clear()
        self.sync_action.setText(self.tr("Sync now"))
        self._page_reload.stop()
        self._cycle_rows = None
        self._first_sync = None
        self._show_first_sync()
        if report.rows or report.files or report.pictures or report.uploaded.sent:
            self.reload_views()  # what was sent may have been refused, or met a conflict: the badges say so
        if report.ok:
            self.banner.hide()
            if notice := cycle_notice(report.uploaded):  # conflicts or refusals: said, never a dialog by itself
                self.banner.show_message(NOTICE, *notice)
        elif report.status == Status.KEPT:
            # Why nothing was removed is the whole message: shown, not folded under Details.
            self.banner.show_message(Status.KEPT, self.tr("Nothing was removed from this computer.") + "\n"
                                     + report.message, self.tr("Remove local data…"))
        elif report.status not in (Status.BUSY, Status.CANCELLED):
            kind = report.status if report.status in (Status.OFFLINE, Status.SIGNED_OUT) else Status.ERROR
            action = self.tr("Sign in…") if kind == Status.SIGNED_OUT else self.tr("Retry")
            self.banner.show_message(kind, problems.sync_headline(report.status, report.reason), action,
                                     report.message)
        self.update_status()

    def _banner_action(self) -> None:
        if self.banner.kind == Status.SIGNED_OUT:
            self.signInRequested.emit()
        elif self.banner.kind == Status.KEPT:
            self.removeDataRequested.emit()
        elif self.banner.kind == NOTICE:
            self.banner.hide()
            self.pending_link.open_page()
        else:
            self.banner.hide()
            self.sync.sync_now()

    # --- status ---------------------------------------------------------------------------------------------

    @Slot()
    def update_status(self) -> None:
        state = self.sync.connection
        text = {Connection.ONLINE: self.tr("● Online"), Connection.OFFLINE: self.tr("● Offline"),
                Connection.SIGNED_OUT: self.tr("● Signed out"), Connection.UNKNOWN: self.tr("● Connecting…")}[state]
        wait = self.sync.next_try_in()
        if wait is not None and state == Connection.OFFLINE:
            text = self.tr("● Offline · next try in %1 s").replace("%1", str(round(wait)))
        elif wait is not None:
            text += self.tr(" · next try in %1 s").replace("%1", str(round(wait)))
        if wait is None:
            self._countdown.stop()
        elif not self._countdown.isActive():
            self._countdown.start()
        self.connection_label.setText(text)
        stylesheet.restyle(self.connection_label, "connection", state)
        self._update_live()
        now = self.ctx.server_now()
        synced = badges.oldest_sync(self.ctx.freshness(), ALL_TABLES)
        if synced is None:
            self.synced_label.setText(self.tr("Never synced"))
        else:
            age = formatting.ago((now - synced).total_seconds(), self.ctx.settings.language)
            self.synced_label.setText(self.tr("Last synced %1").replace("%1", age))
        self.set_aside.refresh()
        self.pending_link.refresh()
        self._update_view_badge()

    def _update_live(self) -> None:
        live = self.sync.live_state
        self.live_label.setText(self.tr("Live") if live == Live.LIVE else self.tr("Not live"))
        why = {
            Live.LIVE: self.tr("Changes on the server appear here within a second."),
            Live.OFF: self.tr("Live updates are off (Settings) or nobody is signed in: the app syncs on its "
                              "schedule."),
            Live.CONNECTING: self.tr("Connecting for live updates…"),
            Live.RECONNECTING: self.tr("Live updates interrupted, reconnecting: %1"),
            Live.UNAVAILABLE: self.tr("Live updates unavailable: %1. The app syncs on its schedule and tries "
                                      "again later."),
            Live.SIGNED_OUT: self.tr("Live updates ended: the session has ended."),
        }[live]
        self.live_label.setToolTip(why.replace("%1", self.sync.live_reason))
        stylesheet.restyle(self.live_label, "live", live)

    def _update_view_badge(self) -> None:
        if self.stack.count():
            state, text = self.current_view.badge()
            self.view_badge.show_state(state, text)

    # --- state ----------------------------------------------------------------------------------------------

    def _restore(self) -> None:
        s = self.window_settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        splitter = s.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last = s.value("window/view")
        self.show_view(last if last in VIEW_KEYS else VIEW_KEYS[0])

    def save_state(self) -> None:
        s = self.window_settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/view", self.current_view.key)
        for view in self.views.values():
            view.save_state(s)
        s.sync()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc in a view that had no use for it (lists, the profile, closed drop-downs pass it up) goes back to the
        search box. Not a shortcut: one would take Esc from the search box and from open pop-ups first."""
        focused = QApplication.focusWidget()
        if event.key() == Qt.Key.Key_Escape and focused is not None and self.stack.isAncestorOf(focused):
            self._focus_search()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

