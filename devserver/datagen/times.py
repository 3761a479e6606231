"""Time in the school's zone, kept as integer epoch seconds while generating (compact for 100k customers and
fast to format). Thailand has kept UTC+7 without daylight saving since 1920, so a fixed offset is exact."""

from __future__ import annotations

import datetime
import functools

BANGKOK = datetime.timezone(datetime.timedelta(hours=7), "Asia/Bangkok")
DAY = 86_400
HOUR = 3_600
MINUTE = 60
_OFFSET = 7 * HOUR
_EPOCH_DAY = datetime.date(1970, 1, 1).toordinal()


def today() -> datetime.date:
    return datetime.datetime.now(BANGKOK).date()


def midnight(day: datetime.date) -> int:
    """Epoch seconds of 00:00 Bangkok time on `day`."""
    return (day.toordinal() - _EPOCH_DAY) * DAY - _OFFSET


def day_of(epoch: int) -> datetime.date:
    return datetime.date.fromordinal((epoch + _OFFSET) // DAY + _EPOCH_DAY)


@functools.lru_cache(maxsize=4096)
def _day_text(day_number: int) -> str:
    return datetime.date.fromordinal(day_number + _EPOCH_DAY).isoformat()


def stamp(epoch: int) -> str:
    """A timestamptz literal in Bangkok time, e.g. 2026-03-04 10:12:33+07."""
    local = epoch + _OFFSET
    seconds = local % DAY
    return (f"{_day_text(local // DAY)} {seconds // HOUR:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}+07")


def utc(epoch: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(epoch, datetime.UTC)
