"""The sync worker's job queue (sync/jobs.py) on its own: what coalesces with what, in which order jobs come out,
and how long a cycle of changes waits, alone and in a burst. No Qt, no server: time is a clock moved by hand."""

from __future__ import annotations

import itertools
import threading

import pytest

from sync.jobs import (
    BURST_WAIT_MAX_S,
    CHANGES_QUIET_S,
    Cycle,
    JobQueue,
    Probe,
    Refresh,
    Rewrite,
    SignIn,
    SignOut,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def jobs(clock) -> JobQueue:
    return JobQueue(clock)


def ready(jobs: JobQueue) -> list:
    """Every job that may run now, in the order the worker gets them (each one done at once)."""
    out = []
    while (job := jobs.take(timeout=0)) is not None:
        out.append(job)
        jobs.done()
    return out


def changes(*tables: str) -> Cycle:
    return Cycle.of_changes(tables)


def test_cycles_of_tables_merge_and_a_cycle_of_every_table_absorbs_them(jobs, clock):
    assert jobs.put(changes("customers"))
    assert jobs.put(changes("orders"))
    assert jobs.put(changes("customers"))
    assert jobs.pending() == [Cycle(tables=frozenset({"customers", "orders"}), changes=True)]
    assert ready(jobs) == []  # waiting for the rest of the changes

    assert jobs.put(Cycle())
    assert ready(jobs) == [Cycle()]  # every table, and at once: Sync now does not wait

    jobs.put(changes("customers"))
    jobs.put(Cycle(full=True))
    assert jobs.pending() == [Cycle(full=True)]


def test_a_press_joins_the_running_cycle_but_changes_never_do(jobs, clock):
    jobs.put(Cycle())
    assert jobs.take(timeout=0) == Cycle()  # running now
    assert not jobs.put(Cycle())  # Sync now pressed during it: joins it
    assert jobs.pending() == []
    assert jobs.put(changes("customers"))  # a change during it needs a cycle that starts after it
    assert jobs.put(Cycle(full=True))  # a full resync is more than the running cycle brings
    assert jobs.pending() == [Cycle(full=True)]
    jobs.done()


def test_a_cycle_of_a_few_tables_running_does_not_answer_sync_now(jobs, clock):
    jobs.put(changes("customers"))
    clock.now += CHANGES_QUIET_S
    assert jobs.take(timeout=0) == changes("customers")
    assert jobs.put(Cycle())
    jobs.done()
    assert ready(jobs) == [Cycle()]


def test_a_record_refresh_rides_on_the_queued_cycle_of_its_table(jobs, clock):
    jobs.put(changes("customers"))
    assert jobs.put(Refresh("customers", "TVS-CUS-1"))
    assert jobs.put(Refresh("employees", "E-1"))  # no cycle of its table: a job of its own
    assert not jobs.put(Refresh("employees", "E-1"))  # the same record twice is one job
    cycle = Cycle(tables=frozenset({"customers"}), changes=True, answers=frozenset({("customers", "TVS-CUS-1")}))
    assert jobs.pending() == [cycle, Refresh("employees", "E-1")]
    # Someone looks at the record: the cycle that answers it goes now, without waiting for more changes.
    assert ready(jobs) == [cycle, Refresh("employees", "E-1")]


def test_a_refresh_during_the_cycle_of_its_table_is_kept_once(jobs, clock):
    jobs.put(Cycle())
    jobs.take(timeout=0)
    assert jobs.put(Refresh("customers", "TVS-CUS-1"))  # the running pass may be past that row already
    assert not jobs.put(Refresh("customers", "TVS-CUS-1"))
    jobs.done()
    assert ready(jobs) == [Refresh("customers", "TVS-CUS-1")]


def test_rewrites_merge_a_probe_is_asked_once_and_sign_ins_are_each_their_own(jobs):
    assert jobs.put(Rewrite(frozenset({"customer/A.json"})))
    assert jobs.put(Probe())
    assert not jobs.put(Probe())
    assert jobs.put(Rewrite(frozenset({"customer/B.json"})))
    jobs.put(SignIn("a@x", "one"))
    jobs.put(SignIn("a@x", "two"))
    jobs.put(SignOut(remove_data=False, reach_server=True))
    assert ready(jobs) == [Rewrite(frozenset({"customer/A.json", "customer/B.json"})), Probe(), SignIn("a@x", "one"),
                           SignIn("a@x", "two"), SignOut(remove_data=False, reach_server=True)]
    assert "one" not in repr(SignIn("a@x", "one"))  # a password never reaches a log line


def test_jobs_come_in_order_and_a_waiting_cycle_lets_the_ready_ones_go_first(jobs, clock):
    jobs.put(changes("customers"))
    jobs.put(Refresh("employees", "E-1"))
    jobs.put(Probe())
    assert ready(jobs) == [Refresh("employees", "E-1"), Probe()]
    clock.now += CHANGES_QUIET_S
    assert ready(jobs) == [changes("customers")]


def test_a_lone_change_waits_a_quarter_second_and_each_change_after_it_a_little_more(jobs, clock):
    jobs.put(changes("customers"))
    clock.now += CHANGES_QUIET_S - 0.01
    assert ready(jobs) == []
    jobs.put(changes("customers"))  # the wait restarts, within what a first cycle may wait
    clock.now += 0.01
    assert ready(jobs) == [changes("customers")]  # but no later than a quarter second after the first change
    clock.now += 5
    jobs.put(changes("orders"))
    clock.now += CHANGES_QUIET_S
    assert ready(jobs) == [changes("orders")]  # after a quiet moment, a lone change waits as little as ever


def _cycles_of_a_burst(events: list[float], cycle_s: float) -> list[float]:
    """When the cycles start for change events at these times (seconds), each cycle taking `cycle_s`, with the
    worker taking a job as soon as one is ready: time moved a millisecond at a time."""
    clock = Clock()
    clock.now = 0.0
    jobs = JobQueue(clock)
    starts: list[float] = []
    busy_until: float | None = None
    pending = list(events)
    for ms in range(int((max(events) + 10) * 1000)):
        clock.now = ms / 1000
        while pending and pending[0] <= clock.now:
            jobs.put(changes("customers"))
            pending.pop(0)
        if busy_until is not None and clock.now >= busy_until:
            jobs.done()
            busy_until = None
        if busy_until is None and jobs.take(timeout=0) is not None:
            starts.append(clock.now)
            busy_until = clock.now + cycle_s
    return starts


@pytest.mark.parametrize("cycle_s", [0.05, 0.3, 1.0])
def test_a_burst_of_a_thousand_changes_in_ten_seconds_costs_a_handful_of_cycles(cycle_s):
    events = [10 * n / 1000 for n in range(1000)]
    starts = _cycles_of_a_burst(events, cycle_s)
    assert len(starts) <= 4, starts
    # The last change is in a cycle that starts a quarter second after it (the burst has paused by then).
    assert events[-1] < starts[-1] <= events[-1] + CHANGES_QUIET_S + cycle_s + 0.01, starts
    assert starts[0] == pytest.approx(CHANGES_QUIET_S)  # the first change of a burst waits as a lone one does


def test_a_change_in_an_endless_stream_waits_a_few_seconds_at_most():
    events = [n / 50 for n in range(50 * 60)]  # fifty changes a second for a minute
    starts = _cycles_of_a_burst(events, 0.2)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert max(gaps) <= BURST_WAIT_MAX_S + 0.2 + 0.01, gaps
    assert len(starts) <= 60 / BURST_WAIT_MAX_S + 5


def test_after_a_burst_a_lone_change_waits_as_little_as_ever():
    burst = [n / 100 for n in range(300)]
    lone = 10.0
    starts = _cycles_of_a_burst([*burst, lone], 0.1)
    assert starts[-1] == pytest.approx(lone + CHANGES_QUIET_S)


def test_pause_holds_the_queue_and_says_whether_a_job_runs(jobs):
    jobs.put(Probe())
    assert jobs.pause() is None  # nothing running
    assert ready(jobs) == []
    jobs.resume()
    assert jobs.take(timeout=0) == Probe()
    assert jobs.pause() == Probe()  # the probe runs
    jobs.done()
    assert jobs.running is None
    jobs.resume()


def test_cancel_stops_the_running_job_only_and_close_ends_the_worker(jobs):
    jobs.put(Cycle())
    jobs.put(Probe())
    jobs.take(timeout=0)
    running = jobs.cancelled
    jobs.cancel()
    assert running.is_set()
    jobs.done()
    assert jobs.take(timeout=0) == Probe()
    assert not jobs.cancelled.is_set()  # the next job has its own
    jobs.done()
    jobs.put(Cycle())
    jobs.close()
    assert jobs.take() is None
    assert not jobs.put(Cycle())


def test_remove_takes_back_the_jobs_of_some_kinds(jobs):
    jobs.put(changes("customers"))
    jobs.put(Refresh("employees", "E-1"))
    jobs.put(SignOut(remove_data=True, reach_server=False))
    assert jobs.remove(Cycle, Refresh) == [changes("customers"), Refresh("employees", "E-1")]
    assert jobs.pending() == [SignOut(remove_data=True, reach_server=False)]


def test_a_put_from_another_thread_wakes_the_waiting_worker():
    jobs = JobQueue()
    got: list[object] = []
    worker = threading.Thread(target=lambda: got.append(jobs.take(timeout=30)))
    worker.start()
    jobs.put(Probe())
    worker.join(30)
    assert got == [Probe()]
