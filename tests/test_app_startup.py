"""The window's start: its import path leaves out what only the command line or the network needs, and the
filter counts, made off the GUI thread, still arrive (and the newest ones win)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.views.customers import CustomersView
from tests.gui import scalar

pytestmark = pytest.mark.usefixtures("no_thread_left")

# Only the command line (rich, sync/cli.py), the network (httpx, the keyring), a schema change (sqlite-utils) or
# a dialog (pending changes, printing) need these; the first frame waits for every module imported before it.
NOT_BEFORE_THE_FIRST_FRAME = ("rich", "sync.cli", "httpx", "keyring", "sqlite_utils", "watchdog", "sync.account",
                              "importlib.metadata", "desktop.views.dashboard", "desktop.pending_page",
                              "PySide6.QtPrintSupport")


def test_the_window_imports_nothing_only_the_command_line_or_the_network_needs(sealed, synced_cache, tmp_path):
    from tests.gui import home_with_cache

    config, cache = home_with_cache(sealed, synced_cache)
    probe = ("import sys; from PySide6.QtWidgets import QApplication; q = QApplication([]);"
             "import desktop.cli;"
             "from desktop.app import Application; from desktop.context import AppContext; from pathlib import Path;"
             f"a = Application(AppContext(Path({str(config)!r}), Path({str(cache)!r})), auto_sync=False);"
             "a.window.show_view('customers'); a.window.show(); q.processEvents();"
             f"print(' '.join(m for m in {NOT_BEFORE_THE_FIRST_FRAME!r} if m in sys.modules)); a.shutdown()")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1:] in ([], [""]), result.stdout


def test_the_window_imports_its_modules_without_pyside_reading_their_sources():
    """desktop/cli.py's load_qt() takes PySide6's `__feature__` import hook out, which read the source of every
    module imported after PySide6; `import *` of a Qt module (PySide's lazy classes) still works."""
    probe = ("import builtins; from desktop.cli import load_qt; load_qt();"
             "from PySide6.QtWidgets import *; import desktop.app; from PySide6.support import feature;"
             "print(builtins.__import__.__name__, 'desktop.app' in feature.pyside_feature_dict, QTableView.__name__)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    hook, read, star = result.stdout.split()
    assert hook != "__feature_import__"
    assert read == "False"  # the hook would have read desktop/app.py to decide
    assert star == "QTableView"


def test_the_filter_counts_arrive_from_off_the_gui_thread(filled_ctx, controller, qtbot):
    view = CustomersView(filled_ctx, controller)
    qtbot.addWidget(view)
    segment = view.facets["segment"][1]
    total = scalar(filled_ctx, "SELECT count(*) FROM customers")
    qtbot.waitUntil(lambda: segment.count() > 1)
    counted = sum(int(segment.itemText(n).rsplit("(", 1)[1].rstrip(")").replace(",", ""))
                  for n in range(1, segment.count()))
    assert counted == total
    tags = view.facets["tag"][1]
    assert tags.count() - 1 == scalar(filled_ctx, "SELECT count(DISTINCT value) FROM customers, json_each(tags)")


def test_only_the_newest_counts_are_delivered(filled_ctx, qtbot):
    from PySide6.QtCore import QObject

    receiver = QObject()
    got: list[str] = []
    filled_ctx.count_facets(receiver, "customers", ["segment"], lambda counts: got.append("old"))
    filled_ctx.count_facets(receiver, "customers", ["segment"], lambda counts: got.append("new"))
    qtbot.waitUntil(lambda: got == ["new"])
    filled_ctx.close_cache()  # waits for any count in flight; nothing more arrives
    qtbot.wait(0)
    assert got == ["new"]
