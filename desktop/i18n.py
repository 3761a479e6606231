"""The UI language. English is the source language of every string in the code; Thai comes from
`resources/translations/vschool_th.qm`, compiled from the checked-in `.ts` by `tools/translations.py build`."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resource_files import resource_path

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "th": "ไทย"}
SOURCE_LANGUAGE = "en"
# Our translators are children of the application under this name, so that switching language finds and
# replaces them without module state, and the parent keeps them alive while installed.
_TRANSLATOR_NAME = "vschool-translator"


def translation_file(language: str) -> Path:
    return resource_path("translations", f"vschool_{language}.qm")


def install_translator(app: QCoreApplication, language: str) -> None:
    """Switch the application's strings to `language`, replacing the language installed before.

    A missing or unreadable translation leaves the UI in English with a warning: the application must start
    even from a build that forgot its .qm files."""
    for old in app.findChildren(QTranslator, _TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)  # the Python wrapper now owns it and frees it
    if language == SOURCE_LANGUAGE:
        return
    if language not in LANGUAGES:
        log.warning("Unknown UI language %r; using English", language)
        return
    ours = _translator(app)
    path = translation_file(language)
    if not ours.load(str(path)):
        log.warning("No usable translation for %s at %s; using English", LANGUAGES[language], path)
        ours.setParent(None)
        return
    app.installTranslator(ours)
    # Qt's own strings (standard buttons, context menus). Qt ships no Thai catalogue today; load it if one appears.
    qt = _translator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    else:
        qt.setParent(None)


# Qt ships no Thai catalogue, so the standard buttons' words are translated in ours, under Qt's own context.
QT_BUTTONS = (QT_TRANSLATE_NOOP("QPlatformTheme", "OK"), QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
              QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"), QT_TRANSLATE_NOOP("QPlatformTheme", "&No"),
              QT_TRANSLATE_NOOP("QPlatformTheme", "Close"), QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
              QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
              QT_TRANSLATE_NOOP("QPlatformTheme", "Save"))


def _translator(app: QCoreApplication) -> QTranslator:
    translator = QTranslator(app)
    translator.setObjectName(_TRANSLATOR_NAME)
    return translator
