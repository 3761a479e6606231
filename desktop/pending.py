"""The rep's changes waiting for the server, as the window shows them (DESIGN.md §7, Salesforce's pattern): a
count in the status bar, "3 changes waiting", that opens the Pending changes page, where each change is told
in words with its state and, when the server refused it, the server's message; conflicts open the conflict
dialog, refused changes are edited or sent again, and a change not on its way to the server can be discarded,
after saying what goes with it.

The count and the banner's words are here; the page and its Edit dialog are desktop/pending_page.py, imported
when first opened (the window's first frame needs none of the dialogs' classes, and Qt builds a class's enums
when it is first named). Everything reads the cache's read-only connection and writes through
`AppContext.write`, so every open view and the sync controller hear of a decision at once. Nothing opens by
itself: after a cycle that produced conflicts or refusals the window's banner says so and offers the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QPushButton, QStyle, QWidget

from cache.outbox import CONFLICT, DONE, REJECTED
from desktop import changes, formatting, stylesheet
from desktop.context import AppContext
from desktop.views.labels import fill
from desktop.worker import SyncController
from sync.events import UploadReport

if TYPE_CHECKING:
    from desktop.pending_page import PendingPage

NOTICE = "changes"  # the banner's kind while it tells of conflicts and refusals


def _tr(text: object) -> str:
    return QCoreApplication.translate("PendingChanges", str(text))


def cycle_notice(uploaded: UploadReport) -> tuple[str, str] | None:
    """What the banner says after a cycle whose upload left changes for the rep: (text, action), or None."""
    conflicts, refused = uploaded.conflicts, uploaded.rejected
    if not conflicts and not refused:
        return None
    if conflicts and refused:
        text = fill(_tr(QT_TRANSLATE_NOOP("PendingChanges", "%1 of your changes need you: in conflict with edits made "
                                                            "on the server: %2; refused by the server: %3.")),
                    *(formatting.number(n) for n in (conflicts + refused, conflicts, refused)))
    elif conflicts == 1:
        text = _tr(QT_TRANSLATE_NOOP("PendingChanges", "One of your changes conflicts with an edit made on the server: "
                                                       "choose which value to keep."))
    elif conflicts:
        text = fill(_tr(QT_TRANSLATE_NOOP("PendingChanges", "%1 of your changes conflict with edits made on the "
                                                            "server: choose which values to keep.")),
                    formatting.number(conflicts))
    elif refused == 1:
        text = _tr(QT_TRANSLATE_NOOP("PendingChanges", "The server refused one of your changes: see why, then edit "
                                                       "or discard it."))
    else:
        text = fill(_tr(QT_TRANSLATE_NOOP("PendingChanges", "The server refused %1 of your changes: see why, then "
                                                            "edit or discard them.")), formatting.number(refused))
    action = _tr(QT_TRANSLATE_NOOP("PendingChanges", "Resolve…")) if conflicts else \
        _tr(QT_TRANSLATE_NOOP("PendingChanges", "Review…"))
    return text, action


class PendingLink(QPushButton):
    """The status bar's count of changes waiting, hidden at none; with a warning icon and look while some
    wait for the rep (a conflict, a refusal). A flat button: Tab reaches it, Space opens the page, and so does
    the window's shortcut."""

    SHORTCUT = "Ctrl+Shift+P"

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.sync = sync
        self.page: PendingPage | None = None
        self._attention = ""
        self.setObjectName("pendingChanges")
        self.setFlat(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self.open_page)
        self.hide()

    def refresh(self) -> None:
        counts = self.ctx.change_counts()
        waiting = sum(n for state, n in counts.items() if state != DONE)
        conflicts, refused = counts.get(CONFLICT, 0), counts.get(REJECTED, 0)
        attention = "true" if conflicts or refused else "false"
        if attention != self._attention:
            self._attention = attention
            stylesheet.restyle(self, "attention", attention)
            pixmap = QStyle.StandardPixmap
            self.setIcon(self.style().standardIcon(pixmap.SP_MessageBoxWarning if attention == "true"
                                                   else pixmap.SP_ArrowUp))
        self.setText(changes.waiting_text(waiting))
        tip = fill(self.tr("Waiting to be sent: %1 · in conflict: %2 · refused: %3"),
                   *(formatting.number(n) for n in (waiting - conflicts - refused, conflicts, refused)))
        self.setToolTip(tip + "\n" + fill(self.tr("Open Pending changes (%1)"), self.SHORTCUT))
        self.setVisible(waiting > 0)

    def open_page(self) -> None:
        """The page, shown beside the window (not modal: the rep may look up a customer meanwhile)."""
        if self.page is None:
            from desktop.pending_page import PendingPage

            self.page = PendingPage(self.ctx, self.sync, self.window())
        self.page.refresh()
        if self.page.isVisible():
            self.page.raise_()  # behind the window, perhaps
        self.page.show()
        self.page.activateWindow()
        self.page.table.setFocus()
