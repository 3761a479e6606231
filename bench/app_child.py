"""The application as `vschool-crm app --no-sync` builds it, for the benchmarks that drive it in-process; run
as a script, bench/app_bench.py's timed child: it says `painted` as the customer list's first paint begins, then
quits. A file of its own so that the timed process imports what the application does and nothing of the
benchmark's (statistics, subprocess, tempfile, random: about 15 ms of a 0.35 s start).

    python bench/app_child.py CONFIG_DIR CACHE_DIR
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAINTED = "painted"


def application(config: Path, cache: Path):  # type: ignore[no-untyped-def]
    """The application as `vschool-crm app --no-sync` builds it (desktop/app.py run())."""
    gc.disable()  # as desktop/cli.py does before the window's imports
    from desktop.cli import load_qt

    load_qt()
    from PySide6.QtWidgets import QApplication

    from desktop.app import Application, dress
    from desktop.collector import GuiThreadCollector
    from desktop.context import AppContext

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    GuiThreadCollector(qapp)  # as run() has it (its parent keeps it)
    dress(qapp)
    app = Application(AppContext(config, cache), auto_sync=False)
    return qapp, app


def main(config: Path, cache: Path) -> None:
    """Say when the customer list paints for the first time, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    qapp, app = application(config, cache)
    viewport = app.window.views["customers"].list.table.viewport()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                # Said as the paint begins (its 200 rows take a few ms more): a timer from here would run after
                # what the window itself started at its first paint (Application.begin()), which the list does
                # not wait for.
                viewport.removeEventFilter(self)
                print(PAINTED, flush=True)
                QTimer.singleShot(0, qapp.quit)
            return False

    viewport.installEventFilter(watcher := FirstPaint())
    app.window.show_view("customers")
    app.start()
    qapp.exec()
    del watcher
    app.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
