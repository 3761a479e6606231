"""Sending the outbox (cache/outbox.py) before each pull, on the caller's thread: the app's one sync worker, or
the command line directly.

Entries go in their order, per record, in `upload_changes` calls of up to 500 (one round trip instead of 500;
see docs/outbox-server.md). A record's next entry waits for the answer to the one before (an edit needs the
txid its predecessor produced; an edit of a lead needs its business id), so a round sends at most one entry
per record, and rounds follow until nothing more can go. Every call is safe to repeat: an entry marked sending
when a crash or a lost answer hit is simply sent again (creates by their key, edits answer `applied`).

Answers, per entry:
- applied: the server's row is stored as it is (a lead's business id replaces its local id everywhere) and the
  entry retires once a stored row is at or after its txid;
- conflict: merged field by field against the base (DESIGN.md §7): fields the server did not change go again on
  the server's txid, tag additions and removals always go, a field both sides changed becomes a conflict entry
  (base, theirs, mine) for the rep to resolve;
- gone: kept as rejected, "deleted on the server";
- rejected (a constraint, RLS, validation): kept with the server's code and message, to be edited or discarded.

Network trouble, 5xx and 429 are retried by sync/http.py; when they last, the call fails, the entries stay, and
the next cycle sends them again. Nothing queued, nothing sent: a quiet cycle costs no request.
"""

from __future__ import annotations

import threading
from typing import Any

from cache import outbox
from cache.outbox import CONFLICT, PENDING, REJECTED, SENDING, Entry
from cache.store import CacheStore
from sync.api import Api
from sync.errors import BadResponseError, CancelledError
from sync.events import UploadReport

BATCH = 500  # upload_changes takes at most this many
ROUNDS = 50  # a record's chain of entries longer than this goes on at the next cycle
GONE_MESSAGE = "deleted on the server"


def _change(entry: Entry) -> dict[str, Any]:
    if entry.op == "create_customer":
        return {"op": entry.op, "args": {"p_client_key": entry.client_key, "p_customer": entry.fields}}
    if entry.op == "log_activity":
        activity = {k: v for k, v in entry.fields.items() if k != "customer_id"}
        customer = str(entry.fields["customer_id"])
        if outbox.is_local(customer):
            activity["customer_key"] = customer.removeprefix(outbox.LOCAL_PREFIX)
        else:
            activity["customer_id"] = customer
        return {"op": entry.op, "args": {"p_activity": {"id": entry.ident, **activity}}}
    args: dict[str, Any] = {"p_id": entry.ident, "p_base_txid": entry.base_txid or 0, "p_set": entry.fields}
    if entry.op == "update_customer":
        args |= {"p_add_tags": entry.add_tags, "p_remove_tags": entry.remove_tags}
    return {"op": entry.op, "args": args}


def _round(store: CacheStore) -> list[Entry]:
    """The entries that can go now: the first waiting one of each record, in outbox order."""
    batch: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    creating: set[str] = set()
    unsent_creates = {e.ident for e in outbox.Outbox(store).entries((PENDING, SENDING, CONFLICT, REJECTED))
                      if e.op == "create_customer"}
    for entry in outbox.Outbox(store).entries((PENDING, SENDING)):
        record = (entry.entity, entry.ident)
        if record in seen:
            continue
        if entry.state not in (PENDING, SENDING):
            continue  # done, or set aside for the rep: the record's later entries go on
        seen.add(record)
        if entry.op in ("update_customer", "update_activity") and outbox.is_local(entry.ident):
            continue  # its lead has no business id yet
        if entry.op == "log_activity":
            customer = str(entry.fields.get("customer_id"))
            if outbox.is_local(customer) and customer in unsent_creates and customer not in creating:
                continue  # after its lead's create, in this call or the next
        if entry.op == "create_customer":
            creating.add(entry.ident)
        batch.append(entry)
        if len(batch) == BATCH:
            break
    return batch


def upload(api: Api, store: CacheStore, cancel: threading.Event | None = None) -> UploadReport:
    report = UploadReport()
    conn = store.conn
    if conn.execute("SELECT 1 FROM outbox WHERE state IN ('pending', 'sending') LIMIT 1").fetchone() is None:
        return report
    for _ in range(ROUNDS):
        batch = _round(store)
        if not batch:
            break
        if cancel is not None and cancel.is_set():
            raise CancelledError("Sync cancelled")
        with conn:
            conn.executemany("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE seq = ?",
                             [(e.seq,) for e in batch])
        results = api.call("upload_changes", {"p_changes": [_change(e) for e in batch]}, cancel=cancel)
        report.calls += 1
        if not isinstance(results, list) or len(results) != len(batch) or \
                not all(isinstance(r, dict) for r in results):
            raise BadResponseError("The server's upload_changes answer is not one result per change")
        with conn:
            for entry, result in zip(batch, results, strict=True):
                report.sent += 1
                _settle(store, entry, result, report)
    return report


def _settle(store: CacheStore, entry: Entry, result: dict[str, Any], report: UploadReport) -> None:
    conn = store.conn
    status, row = result.get("status"), result.get("row")
    if status == "applied" and isinstance(row, dict) and isinstance(row.get("txid"), int):
        report.applied += 1
        conn.execute("UPDATE outbox SET state = 'done', result_txid = ?, error_code = NULL, last_error = NULL "
                     "WHERE seq = ?", (row["txid"], entry.seq))
        store.put_rows(entry.entity, [row])  # adopts a lead (its client key), retires what the row holds
    elif status == "conflict" and isinstance(row, dict) and isinstance(row.get("txid"), int):
        _merge(store, entry, row, report)
        store.put_rows(entry.entity, [row])
    elif status == "gone":
        report.rejected += 1
        conn.execute("UPDATE outbox SET state = 'rejected', error_code = 'gone', last_error = ? WHERE seq = ?",
                     (GONE_MESSAGE, entry.seq))
        if isinstance(row, dict) and "id" in row:
            store.put_rows(entry.entity, [row])
        else:
            outbox.rebuild(store, entry.entity, entry.ident)
    else:
        report.rejected += 1
        message = str(result.get("message") or f"the server answered {status!r}")
        details = result.get("details")
        conn.execute("UPDATE outbox SET state = 'rejected', error_code = ?, last_error = ? WHERE seq = ?",
                     (str(result.get("code") or status), f"{message} ({details})" if details else message,
                      entry.seq))
        outbox.rebuild(store, entry.entity, entry.ident)


def _merge(store: CacheStore, entry: Entry, row: dict[str, Any], report: UploadReport) -> None:
    """Field by field against the base: what the server did not change goes again on its txid."""
    conn = store.conn
    again: dict[str, Any] = {}
    conflicts: dict[str, dict[str, Any]] = {}
    for name, mine in entry.fields.items():
        theirs, base = row.get(name), entry.base.get(name)
        if theirs == mine:
            continue
        if theirs == base:
            again[name] = mine
        else:
            conflicts[name] = {"base": base, "theirs": theirs, "mine": mine}
    tags = bool(entry.add_tags or entry.remove_tags)
    dumps = outbox.dumps
    if again or tags:
        conn.execute("UPDATE outbox SET state = 'pending', fields = ?, base = ?, base_txid = ? WHERE seq = ?",
                     (dumps(again), dumps({k: row.get(k) for k in again}), row["txid"], entry.seq))
        if conflicts:
            conn.execute(
                "INSERT INTO outbox (entity, ident, op, fields, base, server, base_txid, state, conflicts, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'conflict', ?, ?)",
                (entry.entity, entry.ident, entry.op, dumps({k: v["mine"] for k, v in conflicts.items()}),
                 dumps({k: v["base"] for k, v in conflicts.items()}), dumps({k: row.get(k) for k in conflicts}),
                 row["txid"], dumps(conflicts), entry.created_at))
    elif conflicts:
        conn.execute("UPDATE outbox SET state = 'conflict', fields = ?, base = ?, base_txid = ?, conflicts = ? "
                     "WHERE seq = ?", (dumps({k: v["mine"] for k, v in conflicts.items()}),
                                       dumps({k: v["base"] for k, v in conflicts.items()}), row["txid"],
                                       dumps(conflicts), entry.seq))
    else:
        conn.execute("DELETE FROM outbox WHERE seq = ?", (entry.seq,))  # the server already holds all of it
    if conflicts:
        report.conflicts += 1

