"""The first sync's progress over all its tables, and the time left it shows once the pace has settled."""

from __future__ import annotations

from desktop.sync_progress import SyncProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rows_add_up_over_the_tables_and_the_time_left_follows_the_pace(qapp):
    clock = Clock()
    progress = SyncProgress({"customers": 1_000, "orders": 9_000}, clock)
    assert progress.total == 10_000
    progress.page("customers", 100)
    clock.now += 1
    assert progress.seconds_left() is None  # too early to tell
    assert progress.text("customers") == "Syncing customers: 100 of 10,000 rows"
    progress.page("customers", 1_000)
    progress.page("orders", 1_500)
    progress.page("ad_notes", 50)  # a table the plan did not count (a resumed pass) adds nothing
    clock.now += 9  # 2,500 rows in 10 s: 7,500 more take 30 s
    assert progress.done == 2_500
    assert progress.seconds_left() == 30
    assert progress.text("orders") == "Syncing orders: 2,500 of 10,000 rows — less than a minute left"
    progress.page("orders", 1_600)
    clock.now += 590  # 2,600 rows in 600 s: 7,400 more take about 28 min
    assert progress.text("orders").endswith("— about 28 min left")


def test_a_table_sending_more_than_counted_never_goes_past_the_end(qapp):
    progress = SyncProgress({"customers": 10}, Clock())
    progress.page("customers", 12)  # rows committed after the count
    assert progress.done == progress.total == 10
