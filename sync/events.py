"""Progress of a sync as plain objects, handed to one callback: the command line prints them, the desktop's
adapter turns them into Qt signals (the engine itself knows nothing of either)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sync.status import Reason, Status


@dataclass(frozen=True)
class CycleStarted:
    full: bool


@dataclass(frozen=True)
class SyncPlanned:
    """The rows each table will send in a cycle that fills tables from empty (a first sync, a full resync), told
    before the first page so that the window can show the whole sync's progress and the time left."""
    expected_rows: dict[str, int]


@dataclass(frozen=True)
class TableStarted:
    table: str
    expected_rows: int | None  # rows the server has to send in this pass, when it said


@dataclass(frozen=True)
class PageApplied:
    table: str
    rows: int  # in this page
    table_rows: int  # in this pass so far
    expected_rows: int | None


@dataclass(frozen=True)
class TableFinished:
    table: str
    rows: int
    skipped: bool  # nothing new on the server: no page was asked for


@dataclass(frozen=True)
class FilesWritten:
    done: int
    total: int


@dataclass(frozen=True)
class SyncFailed:
    kind: Status
    message: str
    table: str | None = None


@dataclass
class TableReport:
    table: str
    rows: int = 0
    pages: int = 0
    skipped: bool = False
    removed: int = 0  # dropped by reconciliation


@dataclass
class UploadReport:
    """What the outbox sent before a cycle's pull (sync/upload.py)."""

    sent: int = 0
    applied: int = 0
    conflicts: int = 0
    rejected: int = 0
    calls: int = 0


@dataclass
class CycleReport:
    status: Status = Status.OK
    message: str = ""
    reason: Reason = Reason.UNKNOWN  # what the failure means (sync/status.py), beside its kind in `status`
    full: bool = False
    reconciled: bool = False
    server_time: str | None = None
    seconds: float = 0.0
    requests: int = 0
    files: int = 0
    pictures: int = 0
    analytics_days: int = 0  # days whose KPIs were recomputed
    set_aside: int = 0  # records that could not be stored or written (cache/quarantine.py), after the cycle
    tables: list[TableReport] = field(default_factory=list)
    uploaded: UploadReport = field(default_factory=UploadReport)  # the outbox sent before the pull

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def ok(self) -> bool:
        return self.status == Status.OK


@dataclass(frozen=True)
class CycleFinished:
    report: CycleReport


Event = (CycleStarted | SyncPlanned | TableStarted | PageApplied | TableFinished | FilesWritten | SyncFailed
         | CycleFinished)
Listener = Callable[[Event], None]
