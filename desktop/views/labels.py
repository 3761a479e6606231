"""How the views show codes and values the cache holds: the server's codes in the reader's language, dates in
their calendar, a related row by its name, and Qt's placeholders filled in."""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop import formatting
from desktop.context import AppContext

# Codes the server stores, as people read them. A code missing here (a new one) is shown as it is.
_SEGMENTS = {"lead": QT_TRANSLATE_NOOP("Segment", "Lead"), "new": QT_TRANSLATE_NOOP("Segment", "New"),
             "active": QT_TRANSLATE_NOOP("Segment", "Active"), "vip": QT_TRANSLATE_NOOP("Segment", "VIP"),
             "dormant": QT_TRANSLATE_NOOP("Segment", "Dormant")}
_SOURCES = {"FB": QT_TRANSLATE_NOOP("Source", "Facebook"), "IG": QT_TRANSLATE_NOOP("Source", "Instagram"),
            "LN": QT_TRANSLATE_NOOP("Source", "LINE"), "TT": QT_TRANSLATE_NOOP("Source", "TikTok"),
            "GG": QT_TRANSLATE_NOOP("Source", "Google"), "WI": QT_TRANSLATE_NOOP("Source", "Walk-in"),
            "RF": QT_TRANSLATE_NOOP("Source", "Referral"), "WB": QT_TRANSLATE_NOOP("Source", "Website")}
_STATUSES = {"pending": QT_TRANSLATE_NOOP("OrderStatus", "Pending"), "paid": QT_TRANSLATE_NOOP("OrderStatus", "Paid"),
             "refunded": QT_TRANSLATE_NOOP("OrderStatus", "Refunded"),
             "cancelled": QT_TRANSLATE_NOOP("OrderStatus", "Cancelled")}
_CHANNELS = {"walk_in": QT_TRANSLATE_NOOP("Channel", "Walk-in"), "line": QT_TRANSLATE_NOOP("Channel", "LINE"),
             "facebook": QT_TRANSLATE_NOOP("Channel", "Facebook"),
             "instagram": QT_TRANSLATE_NOOP("Channel", "Instagram"),
             "website": QT_TRANSLATE_NOOP("Channel", "Website"), "phone": QT_TRANSLATE_NOOP("Channel", "Phone")}

# The state of the rep's changes a record still waits on (cache/outbox.py), as its badge says it.
_CHANGES = {"pending": QT_TRANSLATE_NOOP("ChangeState", "Waiting to send"),
            "sending": QT_TRANSLATE_NOOP("ChangeState", "Waiting to send"),
            "conflict": QT_TRANSLATE_NOOP("ChangeState", "Conflict"),
            "rejected": QT_TRANSLATE_NOOP("ChangeState", "Refused")}
_KINDS = {"call": QT_TRANSLATE_NOOP("ActivityKind", "Call"), "line": QT_TRANSLATE_NOOP("ActivityKind", "LINE"),
          "visit": QT_TRANSLATE_NOOP("ActivityKind", "Visit"), "email": QT_TRANSLATE_NOOP("ActivityKind", "E-mail"),
          "note": QT_TRANSLATE_NOOP("ActivityKind", "Note")}
# The outcomes the Log activity dialog suggests, stored as these words whatever the rep's language (so that they
# read in each rep's own); anything else is the rep's text, shown as typed.
OUTCOMES = {"interested": QT_TRANSLATE_NOOP("ActivityOutcome", "interested"),
            "booked": QT_TRANSLATE_NOOP("ActivityOutcome", "booked"),
            "call back": QT_TRANSLATE_NOOP("ActivityOutcome", "call back"),
            "no answer": QT_TRANSLATE_NOOP("ActivityOutcome", "no answer"),
            "not now": QT_TRANSLATE_NOOP("ActivityOutcome", "not now")}


def label_of(context: str, names: Mapping[str, object], code: str | None) -> str:
    """`names` maps codes to QT_TRANSLATE_NOOP source strings (typed object by PySide, str at run time)."""
    if code is None:
        return formatting.DASH
    return QCoreApplication.translate(context, str(names[code])) if code in names else code


def segment_text(code: str | None) -> str:
    return label_of("Segment", _SEGMENTS, code)


def source_text(code: str | None) -> str:
    return label_of("Source", _SOURCES, code)


def status_text(code: str | None) -> str:
    return label_of("OrderStatus", _STATUSES, code)


def channel_text(code: str | None) -> str:
    return label_of("Channel", _CHANNELS, code)


def change_text(state: str | None) -> str:
    return label_of("ChangeState", _CHANGES, state)
def kind_text(code: str | None) -> str:
    return label_of("ActivityKind", _KINDS, code)


def outcome_text(outcome: str | None) -> str:
    return label_of("ActivityOutcome", OUTCOMES, outcome)


def date_of(ctx: AppContext, value: str | None) -> str:
    """A date in the reader's calendar; what the server sent, as it is, when it is no date ("infinity")."""
    try:
        return formatting.date_text(value, buddhist_era=ctx.settings.buddhist_era, language=ctx.settings.language)
    except ValueError:
        return formatting.clip(str(value), formatting.SHORT_TEXT)


def datetime_of(ctx: AppContext, value: str | None) -> str:
    """The date and Bangkok time; like date_of for what is no date."""
    try:
        return formatting.datetime_text(value, buddhist_era=ctx.settings.buddhist_era,
                                        language=ctx.settings.language)
    except ValueError:
        return formatting.clip(str(value), formatting.SHORT_TEXT)


def name_of(ctx: AppContext, table: str, column: str, ident: str | None) -> str:
    """A related row's name (the assigned employee, a campaign); its id when that row is not in the cache."""
    if ident is None:
        return formatting.DASH
    row = ctx.get(table, ident)
    return formatting.clip(str(row[column]) if row and row.get(column) else ident, formatting.SHORT_TEXT)


PLATFORMS = {"facebook": "Facebook", "instagram": "Instagram", "line": "LINE", "google": "Google", "tiktok": "TikTok"}


def fill(template: str, *values: str) -> str:
    """Qt's %1, %2... placeholders, replaced in one pass: a value holding "%" (a percentage) is never read as
    a placeholder itself."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


def platform_name(platform: str | None) -> str:
    return PLATFORMS.get(platform or "", platform or "")
