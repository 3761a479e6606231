"""The rep's writes from the command line: `customers add | edit | import`, `activity add | done`, `pending`,
`resolve`, `discard`. Each writes to the cache and its outbox at once, offline too; `vschool-crm sync` sends
them (cache/outbox.py, sync/upload.py).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from cache.location import cache_root
from cache.outbox import (
    CONFLICT,
    KINDS,
    REJECTED,
    SEGMENTS,
    SOURCES,
    Entry,
    Outbox,
    OutboxError,
    follow_up_at,
    validate_customer,
)
from sync.account import Account
from sync.credentials import CredentialStore
from sync.settings import config_dir, load_settings

OK, FAILED, USAGE, SIGNED_OUT = 0, 1, 2, 4

# Sign-up sheet headers (lower case, spaces as typed) → fields; English and Thai.
HEADERS = {
    "full_name": ("name", "full name", "full_name", "customer", "ชื่อ", "ชื่อ-นามสกุล", "ชื่อ นามสกุล", "ชื่อ-สกุล",
                  "ชื่อเต็ม", "ชื่อลูกค้า"),
    "nickname": ("nickname", "nick name", "ชื่อเล่น"),
    "phone": ("phone", "tel", "telephone", "mobile", "phone number", "เบอร์", "เบอร์โทร", "เบอร์โทรศัพท์", "โทรศัพท์",
              "มือถือ"),
    "email": ("email", "e-mail", "mail", "อีเมล", "อีเมล์"),
    "line_id": ("line", "line id", "line_id", "lineid", "ไลน์", "ไอดีไลน์", "ไลน์ไอดี"),
    "source": ("source", "channel", "ที่มา", "แหล่งที่มา", "ช่องทาง"),
    "segment": ("segment", "กลุ่ม", "กลุ่มลูกค้า"),
    "tags": ("tags", "tag", "แท็ก", "ป้าย"),
    "notes": ("notes", "note", "remark", "remarks", "หมายเหตุ", "บันทึก"),
    "birthday": ("birthday", "birth date", "date of birth", "วันเกิด"),
}
_BY_HEADER = {name: field for field, names in HEADERS.items() for name in names}


def add_commands(commands: argparse._SubParsersAction, common: argparse.ArgumentParser,
                 sync_parser: argparse.ArgumentParser) -> None:
    customers = commands.add_parser("customers", help="add or edit customers (sent at the next sync)")
    actions = customers.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[common], help="a new lead")
    add.add_argument("--name", required=True, dest="full_name")
    add.add_argument("--nickname")
    add.add_argument("--phone")
    add.add_argument("--line", dest="line_id")
    add.add_argument("--email")
    add.add_argument("--source", required=True, choices=SOURCES)
    add.add_argument("--segment", default="lead", choices=SEGMENTS)
    add.add_argument("--notes")
    add.add_argument("--tag", action="append", default=[], dest="tags")
    add.set_defaults(run=_customers_add)

    edit = actions.add_parser("edit", parents=[common], help="change a customer's fields or tags")
    edit.add_argument("ident", metavar="ID")
    for option in ("segment", "phone", "email", "notes", "nickname", "name", "line", "birthday"):
        edit.add_argument(f"--{option}", choices=SEGMENTS if option == "segment" else None)
    edit.add_argument("--add-tag", action="append", default=[])
    edit.add_argument("--remove-tag", action="append", default=[])
    edit.set_defaults(run=_customers_edit)

    sheet = actions.add_parser("import", parents=[common], help="new leads from a sign-up sheet (CSV, UTF-8)")
    sheet.add_argument("file", type=Path, metavar="FILE.csv")
    sheet.add_argument("--source", choices=SOURCES, help="for rows that do not say")
    sheet.add_argument("--segment", choices=SEGMENTS, default="lead", help="for rows that do not say")
    sheet.add_argument("--tag", action="append", default=[], help="added to every lead")
    sheet.set_defaults(run=_customers_import)

    activity = commands.add_parser("activity", help="log what happened with a customer")
    steps = activity.add_subparsers(dest="action", metavar="ACTION", required=True)
    log = steps.add_parser("add", parents=[common], help="a call, LINE chat, visit, e-mail or note")
    log.add_argument("customer", metavar="CUSTOMER_ID")
    log.add_argument("--kind", required=True, choices=KINDS)
    log.add_argument("--text", required=True)
    log.add_argument("--outcome")
    log.add_argument("--follow-up", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    log.set_defaults(run=_activity_add)
    done = steps.add_parser("done", parents=[common], help="mark a follow-up done")
    done.add_argument("ident", metavar="ID")
    done.set_defaults(run=_activity_done)

    pending = commands.add_parser("pending", parents=[common], help="changes waiting for the server")
    pending.set_defaults(run=_pending)
    resolve = commands.add_parser("resolve", parents=[common], help="decide a conflict")
    resolve.add_argument("seq", type=int, metavar="ENTRY")
    side = resolve.add_mutually_exclusive_group(required=True)
    side.add_argument("--mine", action="store_true", help="keep my value (sent again)")
    side.add_argument("--theirs", action="store_true", help="take the server's value")
    resolve.add_argument("--field", help="only this field (default: every field in conflict)")
    resolve.set_defaults(run=_resolve)
    discard = commands.add_parser("discard", parents=[common], help="drop a waiting change")
    discard.add_argument("seq", type=int, metavar="ENTRY")
    discard.set_defaults(run=_discard)


def _with_outbox(args: argparse.Namespace, work: Callable[[Outbox], int]) -> int:
    settings = load_settings(config_dir(args.config_dir))
    if not settings.configured or not settings.user_id:
        print("error: not signed in on this computer: run `vschool-crm login` first", file=sys.stderr)
        return SIGNED_OUT
    account = Account(settings, cache_root(args.cache_dir), CredentialStore())
    try:
        return work(account.outbox())
    except OutboxError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return FAILED
    finally:
        account.close()


def _queued() -> str:
    return " It goes to the server at the next `vschool-crm sync`."


def _warn_duplicates(box: Outbox, values: dict[str, Any], prefix: str = "") -> None:
    for ident, name, which in box.duplicates(values):
        print(f"{prefix}warning: same {which.replace('_', ' ')} as {ident} ({name})")


def _customers_add(args: argparse.Namespace) -> int:
    values = {k: getattr(args, k) for k in ("full_name", "nickname", "phone", "line_id", "email", "source",
                                            "segment", "notes", "tags")}

    def work(box: Outbox) -> int:
        _warn_duplicates(box, values)
        print(f"Added {box.create_customer(values)}.{_queued()}")
        return OK
    return _with_outbox(args, work)


def _customers_edit(args: argparse.Namespace) -> int:
    names = {"name": "full_name", "line": "line_id"}
    changes = {names.get(k, k): getattr(args, k) for k in ("segment", "phone", "email", "notes", "nickname", "name",
                                                             "line", "birthday") if getattr(args, k) is not None}
    if not changes and not args.add_tag and not args.remove_tag:
        print("error: nothing to change: give a field or --add-tag/--remove-tag", file=sys.stderr)
        return USAGE

    def work(box: Outbox) -> int:
        box.edit_customer(args.ident, changes, add_tags=args.add_tag, remove_tags=args.remove_tag)
        print(f"Changed {args.ident}.{_queued()}")
        return OK
    return _with_outbox(args, work)


def read_sheet(path: Path) -> tuple[list[str | None], list[list[str]]]:
    """The sheet's columns as fields (None for a column it does not know) and its rows. UTF-8 with or without
    a BOM; comma, semicolon or tab as csv.Sniffer finds them."""
    text = path.read_text(encoding="utf-8-sig")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv.reader(text.splitlines(), dialect) if any(c.strip() for c in r)]
    if not rows:
        return [], []
    fields = [_BY_HEADER.get(" ".join(h.strip().lower().split())) for h in rows[0]]
    return fields, rows[1:]


def _customers_import(args: argparse.Namespace) -> int:
    try:
        fields, rows = read_sheet(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {args.file} cannot be read as a UTF-8 CSV file: {exc}", file=sys.stderr)
        return FAILED
    if "full_name" not in fields:
        print(f"error: {args.file} has no name column (expected one of: {', '.join(HEADERS['full_name'])})",
              file=sys.stderr)
        return FAILED

    def work(box: Outbox) -> int:
        added = refused = 0
        for number, row in enumerate(rows, start=2):  # the header is line 1
            values: dict[str, Any] = {"source": args.source, "segment": args.segment, "tags": list(args.tag)}
            for field, cell in zip(fields, row, strict=False):
                if field is None or not cell.strip():
                    continue
                if field == "tags":
                    values["tags"] += [t.strip() for t in cell.replace(";", ",").split(",") if t.strip()]
                elif field in ("source", "segment"):
                    values[field] = cell.strip().upper() if field == "source" else cell.strip().lower()
                else:
                    values[field] = cell.strip()
            if problems := validate_customer(values):
                refused += 1
                print(f"row {number}: refused: {'; '.join(problems)}")
                continue
            _warn_duplicates(box, values, f"row {number}: ")
            print(f"row {number}: added {box.create_customer(values)} ({values['full_name']})")
            added += 1
        print(f"{added} lead{'s' if added != 1 else ''} added, {refused} refused.{_queued() if added else ''}")
        return OK if not refused else FAILED
    return _with_outbox(args, work)


def _activity_add(args: argparse.Namespace) -> int:
    follow_up = None if args.follow_up is None else follow_up_at(args.follow_up)

    def work(box: Outbox) -> int:
        ident = box.log_activity(args.customer, args.kind, args.text, outcome=args.outcome, follow_up_at=follow_up)
        print(f"Logged {ident}.{_queued()}")
        return OK
    return _with_outbox(args, work)


def _activity_done(args: argparse.Namespace) -> int:
    def work(box: Outbox) -> int:
        box.mark_done(args.ident)
        print(f"Done: {args.ident}.{_queued()}")
        return OK
    return _with_outbox(args, work)


def describe(entry: Entry) -> str:
    """An entry's change in one line, as `pending` lists it."""
    if entry.op == "create_customer":
        return f"new lead {entry.fields.get('full_name')}"
    if entry.op == "log_activity":
        return f"{entry.fields.get('kind')}: {entry.fields.get('body') or ''}"
    parts = [f"{k} = {v!r}" for k, v in entry.fields.items() if k not in entry.conflicts]
    parts += [f"+{t}" for t in entry.add_tags] + [f"-{t}" for t in entry.remove_tags]
    parts += [f"{k}: base {c['base']!r}, theirs {c['theirs']!r}, mine {c['mine']!r}"
              for k, c in entry.conflicts.items()]
    return "; ".join(parts)


def _pending(args: argparse.Namespace) -> int:
    def work(box: Outbox) -> int:
        entries = box.entries()
        if not entries:
            print("Nothing waiting: every change has reached the server.")
            return OK
        table = Table(title="Changes waiting for the server")
        for column in ("#", "state", "record", "change", "message"):
            table.add_column(column, overflow="fold")
        for e in entries:
            table.add_row(str(e.seq), e.state, e.ident, describe(e), e.last_error or "")
        Console().print(table)
        if any(e.state in (CONFLICT, REJECTED) for e in entries):
            print("Conflicts: `vschool-crm resolve ENTRY --mine|--theirs`; refused changes: fix the record and sync "
                  "again, or `vschool-crm discard ENTRY`.")
        return OK
    return _with_outbox(args, work)


def _resolve(args: argparse.Namespace) -> int:
    def work(box: Outbox) -> int:
        box.resolve(args.seq, mine=args.mine, field=args.field)
        print(f"Resolved #{args.seq}: {'mine is sent again' if args.mine else 'the server value kept'}.")
        return OK
    return _with_outbox(args, work)


def _discard(args: argparse.Namespace) -> int:
    def work(box: Outbox) -> int:
        box.discard(args.seq)
        print(f"Discarded #{args.seq}.")
        return OK
    return _with_outbox(args, work)
