"""The Thai translation: every message of the checked-in catalogue translated, with Qt's placeholders (%1, %2,
%n) carried over, and a main window built under the Thai translator reading Thai."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from shiboken6 import Shiboken

from desktop import i18n
from desktop.mainwindow import MainWindow
from tools import translations

pytestmark = pytest.mark.usefixtures("no_thread_left")

TS = translations.TRANSLATIONS / "vschool_th.ts"
PLACEHOLDER = re.compile(r"%(?:\d+|n)")
# Translations lupdate keeps for strings the code no longer has (or does not mark yet): not compiled, not shown.
NOT_SHOWN = {"vanished", "obsolete"}
THAI_TITLES = ["ลูกค้า", "ติดตามผล", "แคตตาล็อก", "การตลาด", "คำสั่งซื้อ", "พนักงาน", "แดชบอร์ด"]


def messages() -> list[tuple[str, str, ET.Element]]:
    """(context, source, translation element) of every message in the catalogue."""
    found = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: {message.findtext('source')!r} has no <translation>"
            found.append((name, message.findtext("source") or "", translation))
    return found


def texts(translation: ET.Element) -> list[str]:
    """The translated text, or each plural form's (Thai has one)."""
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_every_message_is_translated():
    shown = [(context, source, t) for context, source, t in messages() if t.get("type") not in NOT_SHOWN]
    assert len(shown) > 200, "the catalogue holds the application's strings (run tools/translations.py update)"
    unfinished = [f"{context}: {source!r}" for context, source, t in shown if t.get("type") == "unfinished"]
    assert not unfinished, "untranslated:\n" + "\n".join(unfinished)
    empty = [f"{context}: {source!r}" for context, source, t in shown if not all(s.strip() for s in texts(t))]
    assert not empty, "empty translations:\n" + "\n".join(empty)


def test_translations_keep_the_placeholders():
    wrong = [f"{context}: {source!r} -> {text!r}"
             for context, source, translation in messages()
             for text in texts(translation)
             if placeholders(text) != placeholders(source)]
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


@pytest.fixture
def thai(qapp) -> Iterator[None]:
    translations.build()
    i18n.install_translator(qapp, "th")
    yield
    i18n.install_translator(qapp, "en")  # the other tests read English


def test_the_window_reads_thai_under_the_thai_translator(thai, filled_ctx, controller, tmp_path, qtbot):
    window = MainWindow(filled_ctx, controller, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    try:
        assert [window.nav.item(row).text() for row in range(window.nav.count())] == THAI_TITLES
        assert window.sync_action.text() == "ซิงค์ตอนนี้"
        assert window.settings_action.text() == "ตั้งค่า"
        assert window.current_view.key == "customers"
        assert window.search.placeholderText() == "ค้นหาลูกค้า… (Ctrl+F)"
        window.show_view("orders")
        assert window.search.placeholderText() == "ค้นหาคำสั่งซื้อ… (Ctrl+F)"
    finally:
        # Now, not at the end of the test: the window's timers must not outlive the sync worker.
        window.close()
        Shiboken.delete(window)
