"""The dashboard's place in the window. Its KPI cards and charts come with the analytics work (pre-computed
summaries in analytics/*.json); until then the page says so instead of showing numbers it cannot stand by."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.context import AppContext
from desktop.views.base import View
from desktop.worker import SyncController


class DashboardView(View):
    key = "dashboard"
    tables = ("orders", "ad_daily_stats")
    searchable = False

    def __init__(self, ctx: AppContext, sync: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, sync, parent)
        self.note = QLabel(self.tr("Revenue, ROAS and the other KPIs will appear here, computed on this computer "
                                   "from the synced orders and ad figures."), self)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #6b7280; font-size: 15px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)

