"""The toolkit's floor for bench/app_bench.py: the least a PySide6 program does to show 200 of the cache's
customers in a QTableView and write a screenshot of it (or, with PICTURE `-`, say `painted` as the table's first
paint begins and quit, as bench/app_bench.py's child of the application does). Imports nothing of the application.

    python bench/bare_qt.py CACHE_DB PICTURE
"""

from __future__ import annotations

import os
import sqlite3
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("painted", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main(database: str, picture: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    qapp = QApplication(sys.argv[:1])
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    cursor = conn.execute("SELECT id, full_name, phone, segment, source, updated_at FROM customers "
                          "ORDER BY full_name LIMIT 200")
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels([column[0] for column in cursor.description])
    for row in cursor:
        model.appendRow([QStandardItem("" if value is None else str(value)) for value in row])
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    if picture == "-":
        view.viewport().installEventFilter(watcher := FirstPaint(qapp))
        view.show()
        qapp.exec()
        del watcher
        return
    view.show()
    qapp.processEvents()
    if not view.grab().save(picture, "PNG"):
        raise SystemExit(f"could not write {picture}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
