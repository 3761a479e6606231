"""Python's cycle collector run on the GUI thread only.

Left to itself, the collector runs in whichever thread happens to allocate: the sync worker's, the live socket's,
the file watcher's. A widget or a timer caught in a reference cycle would then be destroyed on that thread, which
Qt warns about at best ("Timers cannot be stopped from another thread") and crashes on at worst. The automatic
collector is turned off and the same thresholds are checked from a timer on the GUI thread instead."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500  # cycles wait at most this long to be freed; objects without cycles are freed at once as ever


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, as the automatic collector would."""
        counts = gc.get_count()
        if counts[0] <= self._thresholds[0]:
            return
        generation = 0
        for older in (1, 2):
            if counts[older] > self._thresholds[older]:
                generation = older
        gc.collect(generation)

    def stop(self) -> None:
        """Hand collection back to Python (the application is closing, its threads ended). What is pending is
        collected first, here: left to the first allocation, that could fall inside a Qt destructor's call into
        Python as the application is torn down, and the objects it frees there deadlock on the mutex the
        destructor holds."""
        self._timer.stop()
        gc.collect()
        gc.enable()
