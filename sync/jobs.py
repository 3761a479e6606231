"""The one queue of work in front of the one sync worker (DESIGN.md §8), and the one place where work coalesces.

Everything the worker does is a job here: a cycle (Sync now, the schedule, a live change event, a rep's write),
the refresh of one record (a profile just opened), the rewrite of a file that could not be used, the recovery
probe, sign-in and sign-out. Producers on any thread `put`; the worker's thread `take`s them in the order they
were asked for, except that a job still waiting out its delay lets the ready ones behind it go first. So the
GUI thread never waits on the network, and `vschool-crm sync --watch` drains the same kind of queue.

Duplicates coalesce as they are put, so a burst of a thousand change events costs a handful of cycles:

- There is at most one queued cycle: a cycle of tables merges with it (the tables joined), a cycle of every
  table absorbs it, a full resync makes it full.
- A cycle asked for because something changed (`changes`) must start after the change, so it is queued even
  while a cycle runs; it waits CHANGES_QUIET_S for the changes that follow it, and while changes keep coming
  it is let wait longer each time (BURST_GROWTH), at most BURST_WAIT_MAX_S after its first change, so a
  sustained stream still reaches the cache every few seconds. The first quiet moment resets the wait.
- A cycle asked for by a person or the clock (Sync now, the schedule) is due at once, and is answered by a
  running cycle that covers it: a press during a sync joins it.
- A record refresh while a cycle of its table is queued is answered by that cycle (which then goes at once),
  since its delta pull brings the row with the rest; the same record asked for twice is one job. A refresh is
  never answered by a cycle already running: its pass over the table may be behind it.
- Rewrites of files merge into one job; a probe already queued answers the next.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace

CHANGES_QUIET_S = 0.25  # a change waits this long for the ones that come with it (a lone change: its latency)
BURST_GROWTH = 4  # while changes keep coming, each cycle waits this many times longer than the one before…
BURST_WAIT_MAX_S = 5.0  # …but never longer than this after the first change it brings


@dataclass(frozen=True)
class Cycle:
    tables: frozenset[str] | None = None  # None: every table
    full: bool = False
    # Asked for because something changed (a live change event, the rep's write): never answered by the cycle
    # already running, and let wait for the rest of a burst.
    changes: bool = False
    answers: frozenset[tuple[str, str]] = frozenset()  # (table, id) of the record refreshes it answers

    @classmethod
    def of_changes(cls, tables: Collection[str]) -> Cycle:
        return cls(tables=frozenset(tables), changes=True)

    def covers(self, table: str) -> bool:
        return self.tables is None or table in self.tables

    def answers_for(self, other: Cycle) -> bool:
        """Whether this cycle, running, brings all `other` asks for (a Sync now pressed during it)."""
        return not other.changes and self.tables is None and (self.full or not other.full)

    def merged(self, other: Cycle) -> Cycle:
        tables = None if self.tables is None or other.tables is None else self.tables | other.tables
        return Cycle(tables=tables, full=self.full or other.full, changes=self.changes and other.changes,
                     answers=self.answers | other.answers)


@dataclass(frozen=True)
class Refresh:
    table: str
    ident: str


@dataclass(frozen=True)
class Rewrite:
    paths: frozenset[str]  # relative to the account folder


@dataclass(frozen=True)
class Probe:
    pass


@dataclass(frozen=True)
class SignIn:
    email: str
    password: str = field(repr=False)
    remember: bool = True


@dataclass(frozen=True)
class SignOut:
    remove_data: bool
    reach_server: bool


Job = Cycle | Refresh | Rewrite | Probe | SignIn | SignOut


@dataclass
class _Entry:
    job: Job
    due: float  # monotonic time from which it may run
    first: float  # when it was first queued: a burst's wait is counted from here


class JobQueue:
    """Thread-safe. `clock` is for the tests, which move time by hand instead of sleeping."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._changed = threading.Condition()
        self._entries: list[_Entry] = []
        self._current: Job | None = None
        self._cancel = threading.Event()  # the running job's
        self._paused = 0
        self._closed = False
        self._last_change = float("-inf")  # when the last change event was put
        self._wait = CHANGES_QUIET_S  # how long the next cycle of changes may wait after its first change

    # --- producers ------------------------------------------------------------------------------------------

    def put(self, job: Job) -> bool:
        """Queue `job`, coalesced with what is queued; False when nothing more need run for it (a press joined
        the running cycle, a record already asked for, a probe already queued, the queue closed)."""
        with self._changed:
            if self._closed:
                return False
            now = self._clock()
            queued = self._put(job, now)
            if queued:
                self._changed.notify_all()
            return queued

    def _put(self, job: Job, now: float) -> bool:
        if isinstance(job, Cycle):
            return self._put_cycle(job, now)
        if isinstance(job, Refresh):
            cycle = self._queued(Cycle)
            if cycle is not None and isinstance(cycle.job, Cycle) and cycle.job.covers(job.table):
                cycle.job = replace(cycle.job, answers=cycle.job.answers | {(job.table, job.ident)})
                cycle.due = min(cycle.due, now)  # someone is looking at the record: the cycle goes now
                return True
            if any(entry.job == job for entry in self._entries):
                return False
        elif isinstance(job, Rewrite):
            rewrite = self._queued(Rewrite)
            if rewrite is not None and isinstance(rewrite.job, Rewrite):
                rewrite.job = Rewrite(rewrite.job.paths | job.paths)
                return True
        elif isinstance(job, Probe) and self._queued(Probe) is not None:
            return False
        self._entries.append(_Entry(job, now, now))
        return True

    def _put_cycle(self, cycle: Cycle, now: float) -> bool:
        if cycle.changes:
            self._last_change = now
        elif isinstance(self._current, Cycle) and self._current.answers_for(cycle):
            return False  # the press joins the running cycle
        entry = self._queued(Cycle)
        if entry is None:
            due = now + CHANGES_QUIET_S if cycle.changes else now
            self._entries.append(_Entry(cycle, due, now))
            return True
        assert isinstance(entry.job, Cycle)
        if not cycle.changes:
            entry.due = now  # a person or the clock asked: now, with the changes gathered so far
        elif entry.job.changes:
            # Another change of the burst: a moment more, within the wait the burst has earned.
            entry.due = min(now + CHANGES_QUIET_S, entry.first + self._wait)
        entry.job = entry.job.merged(cycle)
        return True

    def _queued(self, kind: type) -> _Entry | None:
        return next((entry for entry in self._entries if isinstance(entry.job, kind)), None)

    def remove(self, *kinds: type) -> list[Job]:
        """Take the queued jobs of these kinds out (a sign-out drops the sync work asked for before it); the
        caller answers them."""
        with self._changed:
            gone = [entry.job for entry in self._entries if isinstance(entry.job, kinds)]
            self._entries = [entry for entry in self._entries if not isinstance(entry.job, kinds)]
            return gone

    # --- the worker -----------------------------------------------------------------------------------------

    def take(self, timeout: float | None = None) -> Job | None:
        """The next job that may run, waiting for one at most `timeout` seconds (None: until there is one);
        None on timeout or once closed. Until `done()` it is the running job, cancelled by `cancel()`."""
        with self._changed:
            deadline = None if timeout is None else self._clock() + timeout
            while not self._closed:
                now = self._clock()
                if not self._paused:
                    ready = next((entry for entry in self._entries if entry.due <= now), None)
                    if ready is not None:
                        return self._start(ready, now)
                if deadline is not None and now >= deadline:
                    return None
                wake = [deadline] if deadline is not None else []
                if self._entries and not self._paused:
                    wake.append(min(entry.due for entry in self._entries))
                self._changed.wait(max(0.0, min(wake) - now) if wake else None)
            return None

    def _start(self, entry: _Entry, now: float) -> Job:
        self._entries.remove(entry)
        job = entry.job
        if isinstance(job, Cycle) and job.changes:
            # Still coming (the wait ran out before the changes paused): the next cycle may wait longer.
            still_coming = now < self._last_change + CHANGES_QUIET_S
            self._wait = min(BURST_WAIT_MAX_S, self._wait * BURST_GROWTH) if still_coming else CHANGES_QUIET_S
        self._current = job
        self._cancel = threading.Event()
        return job

    @property
    def cancelled(self) -> threading.Event:
        """Set when the running job is to stop (its cycle stops at the next page)."""
        with self._changed:
            return self._cancel

    def done(self) -> None:
        with self._changed:
            self._current = None
            self._changed.notify_all()

    # --- control --------------------------------------------------------------------------------------------

    @property
    def running(self) -> Job | None:
        with self._changed:
            return self._current

    def pending(self) -> list[Job]:
        with self._changed:
            return [entry.job for entry in self._entries]

    def cancel(self) -> None:
        """Stop the running job (a cycle, at its next page); the queued ones stay."""
        with self._changed:
            self._cancel.set()

    def pause(self) -> Job | None:
        """Start no job until `resume()` (as many times as paused); the one running now, if any."""
        with self._changed:
            self._paused += 1
            return self._current

    def resume(self) -> None:
        with self._changed:
            self._paused = max(0, self._paused - 1)
            self._changed.notify_all()

    def close(self) -> None:
        """No more jobs: the queued ones are dropped, the running one is cancelled, `take` answers None."""
        with self._changed:
            self._closed = True
            self._entries.clear()
            self._cancel.set()
            self._changed.notify_all()
