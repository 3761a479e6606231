"""The bundled Noto fonts, so Thai renders on machines without a Thai font (DESIGN.md §5). Noto Sans Thai has
almost no Latin glyphs, hence Noto Sans first and Noto Sans Thai as the fallback for Thai text."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase

from desktop.resource_files import resource_path

log = logging.getLogger(__name__)

LATIN_FAMILY = "Noto Sans"
THAI_FAMILY = "Noto Sans Thai"


def register_fonts() -> list[str]:
    """Add every bundled font to the application's font database and return the families they provide.

    Needs the QGuiApplication to exist. Missing fonts are logged, not raised: the system fonts still work
    for Latin text, and Thai may still render where the system has a Thai font."""
    folder = resource_path("fonts")
    files = sorted(folder.glob("*.ttf"))
    if not files:
        log.warning("No bundled fonts in %s: Thai text renders only if the system has a Thai font", folder)
        return []
    families: list[str] = []
    for file in files:
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id == -1:
            log.warning("Qt could not load the bundled font %s", file.name)
            continue
        families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
    return families


def application_font(point_size: float | None = None) -> QFont:
    """The UI font: Qt picks, per character, the first family in the list that has the glyph, ending with the
    system's own font for scripts neither Noto file covers."""
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font = QFont(system)
    font.setFamilies([LATIN_FAMILY, THAI_FAMILY, system.family()])
    if point_size is not None:
        font.setPointSizeF(point_size)
    return font
