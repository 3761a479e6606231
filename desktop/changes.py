"""The rep's waiting changes (cache/outbox.py) in the window's words: what each one does to which customer,
its state, its fields' names and values. The Pending changes page, the conflict dialog and the sign-out
questions all speak of them the same way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cache import outbox
from cache.outbox import CONFLICT, DONE, PENDING, REJECTED, SENDING, Entry
from desktop import formatting
from desktop.context import AppContext
from desktop.views.labels import date_of, datetime_of, fill, label_of, segment_text, source_text

CONTEXT = "Changes"

FIELDS = {
    "full_name": QT_TRANSLATE_NOOP("Changes", "Name"),
    "nickname": QT_TRANSLATE_NOOP("Changes", "Nickname"),
    "phone": QT_TRANSLATE_NOOP("Changes", "Phone"),
    "email": QT_TRANSLATE_NOOP("Changes", "Email"),
    "line_id": QT_TRANSLATE_NOOP("Changes", "LINE ID"),
    "source": QT_TRANSLATE_NOOP("Changes", "Source"),
    "segment": QT_TRANSLATE_NOOP("Changes", "Segment"),
    "tags": QT_TRANSLATE_NOOP("Changes", "Tags"),
    "assigned_employee_id": QT_TRANSLATE_NOOP("Changes", "Assigned to"),
    "acquired_campaign_id": QT_TRANSLATE_NOOP("Changes", "Acquired by campaign"),
    "birthday": QT_TRANSLATE_NOOP("Changes", "Birthday"),
    "notes": QT_TRANSLATE_NOOP("Changes", "Notes"),
    "kind": QT_TRANSLATE_NOOP("Changes", "Kind"),
    "body": QT_TRANSLATE_NOOP("Changes", "What happened"),
    "outcome": QT_TRANSLATE_NOOP("Changes", "Outcome"),
    "follow_up_at": QT_TRANSLATE_NOOP("Changes", "Follow-up"),
    "done_at": QT_TRANSLATE_NOOP("Changes", "Follow-up done"),
}
KINDS = {
    "call": QT_TRANSLATE_NOOP("ActivityKind", "Call"),
    "line": QT_TRANSLATE_NOOP("ActivityKind", "LINE"),
    "visit": QT_TRANSLATE_NOOP("ActivityKind", "Visit"),
    "email": QT_TRANSLATE_NOOP("ActivityKind", "E-mail"),
    "note": QT_TRANSLATE_NOOP("ActivityKind", "Note"),
}
STATES = {
    PENDING: QT_TRANSLATE_NOOP("Changes", "Waiting to send"),
    SENDING: QT_TRANSLATE_NOOP("Changes", "Sending…"),
    DONE: QT_TRANSLATE_NOOP("Changes", "Sent – waiting for the server's copy"),
    CONFLICT: QT_TRANSLATE_NOOP("Changes", "Conflict"),
    REJECTED: QT_TRANSLATE_NOOP("Changes", "Refused"),
}
NEEDS_THE_REP = (CONFLICT, REJECTED)


def _tr(text: object) -> str:
    """`text` a QT_TRANSLATE_NOOP source string (typed object by PySide, str at run time)."""
    return QCoreApplication.translate(CONTEXT, str(text))


def field_label(name: str) -> str:
    return label_of(CONTEXT, FIELDS, name)


def kind_text(code: str | None) -> str:
    return label_of("ActivityKind", KINDS, code)


def state_text(state: str, *, syncing: bool) -> str:
    """An entry marked sending while no sync runs was cut off before its answer came: it goes again (at most
    once, the server sees to that), so to the rep it is waiting."""
    if state == SENDING and not syncing:
        return _tr(QT_TRANSLATE_NOOP("Changes", "Waiting to send again"))
    return label_of(CONTEXT, STATES, state)


def value_text(ctx: AppContext, name: str, value: Any) -> str:
    """A field's value as the profile would show it."""
    if value is None or value == "" or value == []:
        return formatting.DASH
    if name == "segment":
        return segment_text(str(value))
    if name == "source":
        return source_text(str(value))
    if name == "kind":
        return kind_text(str(value))
    if name == "tags" and isinstance(value, list):
        return ", ".join(str(t) for t in value)
    if name == "assigned_employee_id":
        return str(ctx.names("employees", "full_name", [str(value)]).get(str(value)) or value)
    if name == "acquired_campaign_id":
        return str(ctx.names("campaigns", "name", [str(value)]).get(str(value)) or value)
    if name == "birthday":
        return date_of(ctx, str(value))
    if name in ("follow_up_at", "done_at"):
        return datetime_of(ctx, str(value))
    return formatting.clip(str(value), formatting.SHORT_TEXT)


def changed_fields(entry: Entry) -> list[str]:
    """The fields an entry sets, tags included, in the order the rep reads them."""
    names = [k for k in entry.fields if k != "customer_id"]
    if entry.add_tags or entry.remove_tags:
        names.append("tags")
    return names


def customer_names(ctx: AppContext, entries: Iterable[Entry]) -> dict[int, str]:
    """Each entry's customer's name by the entry's number, in one query for a page of them."""
    conn = ctx.conn
    if conn is None:
        return {}
    customers = {e.seq: outbox.customer_of(conn, e) for e in entries}
    names = ctx.names("customers", "full_name", {c for c in customers.values() if c})
    gone = _tr(QT_TRANSLATE_NOOP("Changes", "a customer no longer on this computer"))
    return {seq: str(names.get(c) or c) if c else gone for seq, c in customers.items()}


def describe(entry: Entry, name: str) -> str:
    """The change in a few words: "New lead: สมชาย ใจดี", "Edit of สมชาย ใจดี: Segment, Phone"."""
    fields = ", ".join(field_label(f) for f in changed_fields(entry))
    if entry.op == "create_customer":
        return fill(_tr(QT_TRANSLATE_NOOP("Changes", "New lead: %1")), str(entry.fields.get("full_name") or name))
    if entry.op == "update_customer":
        return fill(_tr(QT_TRANSLATE_NOOP("Changes", "Edit of %1: %2")), name, fields)
    if entry.op == "log_activity":
        return fill(_tr(QT_TRANSLATE_NOOP("Changes", "Activity for %1: %2")), name,
                    kind_text(entry.fields.get("kind")))
    if set(entry.fields) == {"done_at"}:
        return fill(_tr(QT_TRANSLATE_NOOP("Changes", "Follow-up done for %1")), name)
    return fill(_tr(QT_TRANSLATE_NOOP("Changes", "Edit of an activity for %1: %2")), name, fields)


def details(ctx: AppContext, entry: Entry) -> str:
    """Every value the change sets, one a line (the page's tooltip)."""
    lines = [f"{field_label(k)}: {value_text(ctx, k, v)}" for k, v in entry.fields.items() if k != "customer_id"]
    lines += [f"{field_label('tags')}: +{t}" for t in entry.add_tags]
    lines += [f"{field_label('tags')}: {formatting.MINUS}{t}" for t in entry.remove_tags]
    return "\n".join(lines)


def loss(ctx: AppContext, entry: Entry, name: str) -> str:
    """What discarding the change loses, said before it is done."""
    if entry.op == "create_customer" and outbox.is_local(entry.ident):
        activities = len(outbox.goes_with(ctx.conn, entry)) if ctx.conn is not None else 0
        if activities == 1:
            text = _tr(QT_TRANSLATE_NOOP("Changes", "The new lead %1 never reached the server: it is removed from "
                                                    "this computer, with the activity logged on it."))
        elif activities:
            text = _tr(QT_TRANSLATE_NOOP("Changes", "The new lead %1 never reached the server: it is removed from "
                                                    "this computer, with the %2 activities logged on it."))
        else:
            text = _tr(QT_TRANSLATE_NOOP("Changes", "The new lead %1 never reached the server: it is removed from "
                                                    "this computer."))
        return fill(text, name, formatting.number(activities))
    if entry.op == "log_activity":
        return fill(_tr(QT_TRANSLATE_NOOP("Changes", "The activity for %1 never reached the server: it is removed "
                                                     "from this computer.")), name)
    return fill(_tr(QT_TRANSLATE_NOOP("Changes", "Your changes to %1 (%2) are lost: the record shows the server's "
                                                 "values again.")),
                name, ", ".join(field_label(f) for f in changed_fields(entry)))


def waiting_text(count: int) -> str:
    """"3 changes waiting"."""
    if count == 1:
        return _tr(QT_TRANSLATE_NOOP("Changes", "1 change waiting"))
    return fill(_tr(QT_TRANSLATE_NOOP("Changes", "%1 changes waiting")), formatting.number(count))
