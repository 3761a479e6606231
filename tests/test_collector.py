"""Qt objects caught in reference cycles are freed on the GUI thread, however busy the other threads are."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from desktop.collector import GuiThreadCollector


class _Cyclic(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self, interval=60_000)
        self.timer.start()  # a running timer stopped from another thread is what Qt warns about
        self.me = self


def test_a_cycle_left_by_the_gui_is_collected_on_the_gui_thread_while_a_thread_allocates(qtbot):
    collector = GuiThreadCollector(QCoreApplication.instance(), interval_ms=10)
    freed_on: list[threading.Thread] = []
    done = threading.Event()

    def allocate() -> None:
        # Enough container allocations to pass every generation's threshold many times over: the automatic
        # collector would run here, on this thread.
        while not done.is_set():
            _ = [[] for _ in range(2_000)]

    try:
        garbage = _Cyclic()
        weakref.finalize(garbage, lambda: freed_on.append(threading.current_thread()))
        del garbage
        worker = threading.Thread(target=allocate)
        worker.start()
        try:
            qtbot.waitUntil(lambda: bool(freed_on), timeout=10_000)
        finally:
            done.set()
            worker.join()
        assert freed_on == [threading.main_thread()]
        assert not gc.isenabled()
    finally:
        collector.stop()
    assert gc.isenabled()
