"""The application's plumbing: the paged model over the cache, and the sync worker thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from cache.queries import ListQuery
from desktop.listmodel import Column, QueryModel

pytestmark = pytest.mark.usefixtures("no_thread_left")


def test_the_model_pages_rows_from_sql(filled_ctx, qtbot):
    model = QueryModel(filled_ctx, [Column("full_name", "Name"), Column("phone", "Phone")], ListQuery("customers"),
                       page_rows=50)
    total = filled_ctx.count(ListQuery("customers"))
    assert model.rowCount() == total > 50
    last = model.row(total - 1)
    assert last == filled_ctx.page(ListQuery("customers"), total - 1, 1)[0]
    assert len(model._pages) == 1  # one page read, not the whole list
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.query.descending and model.row(0) == last


def test_sync_now_runs_on_the_worker_and_a_second_press_joins(online_ctx, qtbot):
    from desktop.worker import SyncController

    sync = SyncController(online_ctx)
    try:
        with qtbot.waitSignal(sync.finished, timeout=60_000) as finished:
            assert sync.sync_now()
            assert not sync.sync_now()  # joins the running cycle
            assert sync.running and sync.updating
        assert finished.args[0].ok
        assert sync.connection == "online" and not sync.updating
    finally:
        sync.shutdown()
    assert not sync.thread_running()


def test_bools_through_signals_keep_their_references(qtbot):
    """PySide6 6.12.0 lost a reference to True with every emit of a bool, until the interpreter aborted."""
    import sys

    from PySide6.QtCore import QObject, Signal, Slot

    class Sender(QObject):
        flag = Signal(bool)

    class Receiver(QObject):
        @Slot(bool)
        def take(self, value: bool) -> None:
            pass

    sender, receiver = Sender(), Receiver()
    sender.flag.connect(receiver.take)
    before = sys.getrefcount(True)
    for _ in range(1000):
        sender.flag.emit(True)
    # The bug loses one reference an emit; other threads of the run (a watcher, a stand-in) take and drop a few of
    # their own meanwhile, so the count is compared with room for those, far less than the 1,000 the bug loses.
    assert sys.getrefcount(True) > before - 100
