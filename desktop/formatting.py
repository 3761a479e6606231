"""Money, numbers, dates and ages as the UI shows them, in English or Thai.

Independent of the operating system's locale, since a laptop set to English may run the UI in Thai and the
reverse; and neither Qt nor Babel has the Buddhist era (year + 543). Pure Python, so it is tested without Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from cache.documents import BANGKOK

DASH = "—"  # a missing value, distinct from a real zero
MINUS = "−"  # the typographic minus: as wide as a digit, so columns of amounts stay aligned
ELLIPSIS = "…"
SHORT_TEXT = 300  # the longest a name, a code or a list's cell shows (see clip)


@dataclass(frozen=True)
class _Words:
    months: tuple[str, ...]
    era_suffix: str  # after a Buddhist-era year
    just_now: str
    minutes_ago: str
    hours_ago: str
    day_ago: str
    days_ago: str


_WORDS = {
    "en": _Words(
        months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        era_suffix=" BE",
        just_now="just now",
        minutes_ago="{} min ago",
        hours_ago="{} h ago",
        day_ago="{} day ago",
        days_ago="{} days ago",
    ),
    "th": _Words(
        months=("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."),
        era_suffix="",  # Thai readers take a year in the 2500s as Buddhist era without a marker
        just_now="เมื่อสักครู่",
        minutes_ago="{} นาทีที่แล้ว",
        hours_ago="{} ชั่วโมงที่แล้ว",
        day_ago="{} วันที่แล้ว",
        days_ago="{} วันที่แล้ว",
    ),
}
BUDDHIST_ERA_OFFSET = 543


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, an ellipsis marking the cut: a label lays out every character it is given,
    and a field of megabytes (notes pasted from a chat history) would hold the window for as many seconds."""
    return text if len(text) <= limit else text[:limit].rstrip() + ELLIPSIS


def _fixed(value: float | Decimal, places: int) -> str:
    # Half up, as people round money (Python's own formatting rounds half to even: 1234.5 -> "1,234"); repr
    # gives the shortest decimal that reads back as the float, so 2.675 rounds to 2.68 as it reads.
    exact = Decimal(repr(value) if isinstance(value, float) else value)
    if not exact.is_finite():
        return DASH
    with localcontext() as context:
        # Enough digits for any amount: the default 28 cannot hold 1e30 to two places.
        context.prec = max(context.prec, exact.adjusted() + places + 2)
        rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(rounded):,.{places}f}"
    return MINUS + text if rounded < 0 else text


def thb(amount: float | Decimal | None, *, decimals: bool = True) -> str:
    if amount is None:
        return DASH
    text = _fixed(amount, 2 if decimals else 0)
    return MINUS + "฿" + text[1:] if text.startswith(MINUS) else "฿" + text


def number(n: float | Decimal | None, decimals: int = 0) -> str:
    return DASH if n is None else _fixed(n, decimals)


def percent(ratio: float | None, decimals: int = 2) -> str:
    return DASH if ratio is None else _fixed(ratio * 100, decimals) + "%"


def _bangkok(value: str | dt.date | dt.datetime) -> dt.date | dt.datetime:
    """A date stays a date; a moment becomes Bangkok wall-clock time. Naive moments are taken as UTC, the
    server's convention, never as the laptop's own time zone."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # not a plain date, so it must be a moment
            value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        try:
            return aware.astimezone(BANGKOK)
        except OverflowError:
            # Within hours of the calendar's ends (9999-12-31 20:00 UTC is already the year 10000 in Bangkok):
            # shown in the zone it was written in rather than not at all.
            return aware
    return value


def _year(day: dt.date, buddhist_era: bool, words: _Words) -> str:
    return f"{day.year + BUDDHIST_ERA_OFFSET}{words.era_suffix}" if buddhist_era else str(day.year)


def _day(day: dt.date, buddhist_era: bool, words: _Words) -> str:
    return f"{day.day} {words.months[day.month - 1]} {_year(day, buddhist_era, words)}"


def date_text(value: str | dt.date | dt.datetime | None, *, buddhist_era: bool, language: str) -> str:
    """"26 Nov 2026", "26 Nov 2569 BE", "26 พ.ย. 2569". Raises ValueError for a string that is not ISO 8601."""
    if value is None:
        return DASH
    return _day(_bangkok(value), buddhist_era, _WORDS[language])


def day_month_text(day: dt.date, language: str) -> str:
    """"26 Nov", "26 พ.ย.": a day on a chart whose range the title gives, so without its year."""
    return f"{day.day} {_WORDS[language].months[day.month - 1]}"


def month_text(day: dt.date, *, buddhist_era: bool, language: str) -> str:
    """"Nov 2026", "Nov 2569 BE", "พ.ย. 2569": the month of `day`."""
    words = _WORDS[language]
    return f"{words.months[day.month - 1]} {_year(day, buddhist_era, words)}"


def datetime_text(value: str | dt.date | dt.datetime | None, *, buddhist_era: bool, language: str) -> str:
    """The date followed by the Bangkok time, "26 Nov 2026 14:05"; a plain date has no time to add."""
    if value is None:
        return DASH
    moment = _bangkok(value)
    text = _day(moment, buddhist_era, _WORDS[language])
    return f"{text} {moment:%H:%M}" if isinstance(moment, dt.datetime) else text


def ago(seconds: float, language: str) -> str:
    """How long ago, coarsely: "just now", "5 min ago", "3 h ago", "2 days ago". A moment in the future (the
    laptop's clock behind the server's) is "just now"."""
    words = _WORDS[language]
    if seconds < 60:
        return words.just_now
    if seconds < 3600:
        return words.minutes_ago.format(int(seconds // 60))
    if seconds < 86400:
        return words.hours_ago.format(int(seconds // 3600))
    days = int(seconds // 86400)
    return (words.day_ago if days == 1 else words.days_ago).format(days)
