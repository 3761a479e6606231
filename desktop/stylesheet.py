"""The application's look: one Qt style sheet, resources/style.qss, applied once to the whole application.
Widgets carry an object name or a dynamic property (`role`, a badge's `state` …) that the sheet selects on,
never colours of their own (DESIGN.md §6, as Vorta does).

What the sheet cannot reach keeps its colours here: Qt's rich text (a QLabel's HTML takes inline CSS only) and
the chart's pens."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.resource_files import STYLE_SHEET, resource_path

RICH_MUTED = "color: #6b7280;"
RICH_TAG = "background:#eef2ff; color:#3730a3;"
REVENUE_COLOUR, SPEND_COLOUR = "#16a34a", "#ea580c"


def install(app: QApplication) -> None:
    app.setStyleSheet(resource_path(STYLE_SHEET).read_text(encoding="utf-8"))


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a property the sheet selects on. Qt matches the rules when it polishes a widget, so a change after
    that takes effect only once the widget is polished again; and a frame (a label) takes its new padding only
    from the style-change event that setStyleSheet would have sent."""
    # str(): a StrEnum member would be stored as a Python object, which the sheet's [name="value"] never matches.
    widget.setProperty(name, str(value))
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))
