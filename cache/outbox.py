"""The rep's changes waiting for the server (DESIGN.md §7): new leads, customer edits, activities.

Every local write goes in ONE SQLite transaction with the rows it shows: the mirror row gets the rep's value
and the outbox gets the entry. The mirror is the server's row with the entries still on their way laid on top:
each pull stores the server's row as it is, then lays the active entries (pending, sending, done but not yet
pulled back) on it again in the same transaction, so a pull never flickers a rep's value back to the old one.
Each entry remembers the server's value of the fields it touches (refreshed by every pull of its row), so when
an entry leaves (retired, rejected, in conflict, discarded) the row is put back to exactly the server's values:
with no entry left, the mirror is the server's row, column for column. (An overlay at read time would keep
the tables pure too, but every list, search index and JSON file would then have to merge two sources.)

An entry is retired only when a pulled row has a txid at or after the one its upload produced.

A lead created offline lives under `local:<client key>` until its create is answered; then its business id
replaces the local one everywhere (row, activities, files, entries) in one transaction.

For a view (the desktop's forms, the command line):

    box = Outbox(store, employee_id)
    ident = box.create_customer({"full_name": ..., "source": "FB", "phone": ...})
    box.edit_customer(ident, {"segment": "vip"}, add_tags=["fair"], remove_tags=[])
    box.log_activity(ident, "call", "asked about the Thai curry course", follow_up_at="2026-12-03")
    box.mark_done(activity_id)
    box.entries()            # what `pending` shows: Entry objects with state, message, conflicts
    box.resolve(seq, mine=True, field="phone")    # or mine=False: take the server's value
    box.discard(seq)

sync/upload.py sends the entries and records the answers through the functions below it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from cache.store import CacheStore

PENDING, SENDING, DONE, CONFLICT, REJECTED = "pending", "sending", "done", "conflict", "rejected"
ACTIVE = (PENDING, SENDING, DONE)  # laid on the mirror row
LOCAL_PREFIX = "local:"
CUSTOMER_FIELDS = ("full_name", "nickname", "phone", "email", "line_id", "segment", "assigned_employee_id",
                   "acquired_campaign_id", "birthday", "notes")
ACTIVITY_FIELDS = ("kind", "body", "outcome", "follow_up_at", "done_at")
SOURCES = ("FB", "IG", "LN", "TT", "GG", "WI", "RF", "WB")
SEGMENTS = ("lead", "new", "active", "vip", "dormant")
CONTACT_FIELDS = ("phone", "line_id", "email")  # a lead needs one of them
KINDS = ("call", "line", "visit", "email", "note")
ENTITIES = ("customers", "customer_activities")
_URGENCY = {PENDING: 0, SENDING: 0, CONFLICT: 1, REJECTED: 2}  # which state a record's badge shows
_MAX_BOUND = 500  # ids bound in one IN (...): well below SQLite's limit on variables
# A follow-up given as a day alone is due at nine in the morning of that day, Bangkok time.
FOLLOW_UP_TIME = dt.time(9)


class OutboxError(ValueError):
    """A change the outbox cannot take (unknown record, invalid value): nothing was written."""


@dataclass(frozen=True)
class Entry:
    seq: int
    entity: str
    ident: str
    op: str
    fields: dict[str, Any]
    base: dict[str, Any]
    server: dict[str, Any]
    base_txid: int | None
    add_tags: list[str]
    remove_tags: list[str]
    client_key: str | None
    state: str
    attempts: int
    error_code: str | None
    last_error: str | None
    conflicts: dict[str, dict[str, Any]]
    result_txid: int | None
    created_at: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _entry(row: Any) -> Entry:
    d = dict(row)
    for key in ("fields", "base", "server", "add_tags", "remove_tags"):
        d[key] = orjson.loads(d[key])
    d["conflicts"] = orjson.loads(d["conflicts"]) if d["conflicts"] else {}
    return Entry(**d)


def waiting(conn: Any) -> int:
    """Changes not yet accepted by the server (what a status bar counts)."""
    return int(conn.execute("SELECT count(*) FROM outbox WHERE state != 'done'").fetchone()[0])


def counts(conn: Any) -> dict[str, int]:
    """Entries per state: the status bar's count and whether some wait for the rep."""
    return {state: int(n) for state, n in conn.execute("SELECT state, count(*) FROM outbox GROUP BY state")}


def all_entries(conn: Any, states: Sequence[str] | None = None) -> list[Entry]:
    """Every entry in order (of those in `states`), on any connection: the window lists them on its read-only
    one."""
    found = [_entry(r) for r in conn.execute("SELECT * FROM outbox ORDER BY seq")]
    return [e for e in found if states is None or e.state in states]


def customer_of(conn: Any, entry: Entry) -> str | None:
    """The customer an entry is about: the record itself, or the one an activity is logged on."""
    if entry.entity == "customers":
        return entry.ident
    if entry.fields.get("customer_id"):
        return str(entry.fields["customer_id"])
    found = conn.execute("SELECT customer_id FROM customer_activities WHERE id = ?", (entry.ident,)).fetchone()
    return None if found is None else found[0]


def goes_with(conn: Any, entry: Entry) -> list[str]:
    """The activities discarding `entry` removes with it: those logged on a lead that never reached the
    server."""
    if entry.op != "create_customer" or not is_local(entry.ident):
        return []
    return [r[0] for r in conn.execute("SELECT id FROM customer_activities WHERE customer_id = ?", (entry.ident,))]


def is_local(ident: str) -> bool:
    return ident.startswith(LOCAL_PREFIX)


def waiting_states(conn: Any, entity: str, idents: Collection[str]) -> dict[str, str]:
    """For the records of `idents` with changes the server has not accepted: the state the rep most needs to
    see (refused, then in conflict, then on its way: pending or sending). One look-up per record in the outbox's
    (entity, ident) index, so a list page of customers costs a fraction of a millisecond; an accepted change
    (done, waiting only to be pulled back) shows nothing."""
    wanted = list(idents)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), _MAX_BOUND):
        chunk = wanted[start:start + _MAX_BOUND]
        marks = ",".join("?" * len(chunk))
        for ident, state in conn.execute(
                f"SELECT ident, state FROM outbox WHERE entity = ? AND ident IN ({marks}) AND state != 'done'",
                (entity, *chunk)):
            if _URGENCY.get(state, 0) > _URGENCY.get(found.get(ident, ""), -1):
                found[ident] = state
    return found


def adopted_id(conn: Any, local_id: str) -> str | None:
    """The business id a lead shown under `local_id` was given by the server (see `adopt`), once the lead has
    left its local id. (The client key has no index: the look-up reads the table, once per lead adopted.)"""
    if not is_local(local_id) or conn.execute("SELECT 1 FROM customers WHERE id = ?", (local_id,)).fetchone():
        return None
    found = conn.execute("SELECT id FROM customers WHERE client_key = ? AND deleted_at IS NULL",
                         (local_id.removeprefix(LOCAL_PREFIX),)).fetchone()
    return None if found is None else str(found[0])


def entries_of(conn: Any, entity: str, ident: str) -> list[Entry]:
    return [_entry(r) for r in conn.execute("SELECT * FROM outbox WHERE entity = ? AND ident = ? ORDER BY seq",
                                            (entity, ident))]


def entries_for(conn: Any, entity: str, idents: Sequence[str]) -> dict[str, list[Entry]]:
    """The entries of many records in one query (a profile's timeline): id → its entries, oldest first; records
    with none are left out."""
    found: dict[str, list[Entry]] = {}
    if not idents:
        return found
    marks = ",".join("?" * len(idents))
    for row in conn.execute(f"SELECT * FROM outbox WHERE entity = ? AND ident IN ({marks}) ORDER BY seq",
                            (entity, *idents)):
        entry = _entry(row)
        found.setdefault(entry.ident, []).append(entry)
    return found


def follow_up_at(day: dt.date, at: dt.time = FOLLOW_UP_TIME) -> str:
    """A follow-up's moment as the server stores it (UTC, ISO 8601), from the day and the Bangkok wall-clock time
    the rep gave."""
    from cache.documents import BANGKOK

    return dt.datetime.combine(day, at, BANGKOK).astimezone(dt.UTC).isoformat()


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def _lay(row: dict[str, Any], entry: Entry) -> None:
    """The entry's values on a row (decoded: tags a list)."""
    for name, value in entry.fields.items():
        if name in row:
            row[name] = value
    if entry.add_tags or entry.remove_tags:
        tags = [t for t in (row.get("tags") or []) if t not in entry.remove_tags]
        row["tags"] = tags + [t for t in entry.add_tags if t not in tags]


def _touched(entry: Entry) -> list[str]:
    return [*entry.fields, *(["tags"] if entry.add_tags or entry.remove_tags else [])]


def rebuild(store: CacheStore, entity: str, ident: str, server_row: dict[str, Any] | None = None) -> None:
    """The mirror row again as the server's values (`server_row`, else what the entries remember) with the
    active entries on top; retires the done entries the server's row has caught up with. In the caller's
    transaction; files and search index follow through the store."""
    conn = store.conn
    from cache import documents
    found = conn.execute(f"SELECT * FROM {entity} WHERE id = ?", (ident,)).fetchone()
    if found is None:
        return
    row = documents.DECODERS[entity](found)
    entries = entries_of(conn, entity, ident)
    if server_row is None:
        for entry in reversed(entries):  # the earliest entry's memory of a field wins
            row.update({k: v for k, v in entry.server.items() if k in row})
    else:
        row.update({k: v for k, v in server_row.items() if k in row})
    for entry in entries:
        if server_row is not None and not is_local(ident):
            conn.execute("UPDATE outbox SET server = ? WHERE seq = ?",
                         (dumps({k: server_row.get(k) for k in _touched(entry)}), entry.seq))
        txid = (server_row or {}).get("txid")
        if entry.state == DONE and entry.result_txid is not None and isinstance(txid, int) \
                and txid >= entry.result_txid:
            conn.execute("DELETE FROM outbox WHERE seq = ?", (entry.seq,))
            continue
        if entry.state in ACTIVE:
            _lay(row, entry)
    store.write_row(entity, row)


def overlay(store: CacheStore, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """After a page of server rows is stored: adopt leads of ours the pull brought by their client key, and
    lay the waiting entries on their rows again."""
    if table not in ENTITIES:
        return
    conn = store.conn
    if conn.execute("SELECT 1 FROM outbox LIMIT 1").fetchone() is None:
        return
    if table == "customers":
        for row in rows:
            key = row.get("client_key")
            if key and row.get("deleted_at") is None and conn.execute(
                    "SELECT 1 FROM customers WHERE id = ?", (LOCAL_PREFIX + str(key),)).fetchone():
                adopt(store, LOCAL_PREFIX + str(key), row["id"])
    ids = [r["id"] for r in rows if r.get("deleted_at") is None]
    marks = ",".join("?" * len(ids))
    waiting = {i for (i,) in conn.execute(
        f"SELECT DISTINCT ident FROM outbox WHERE entity = ? AND ident IN ({marks})", (table, *ids))} if ids else set()
    for row in rows:
        if row["id"] in waiting:
            rebuild(store, table, row["id"], row)


def adopt(store: CacheStore, local_id: str, real_id: str) -> None:
    """The business id replaces a lead's local one everywhere, in the caller's transaction. The server's row
    under `real_id` may already be stored (a pull) or not (an upload's answer, stored by the caller)."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM customers WHERE id = ?", (local_id,)).fetchone():
        store.drop_rows("customers", [local_id])
    moved = [r[0] for r in conn.execute("SELECT id FROM customer_activities WHERE customer_id = ?", (local_id,))]
    conn.execute("UPDATE outbox SET ident = ? WHERE entity = 'customers' AND ident = ?", (real_id, local_id))
    conn.execute("UPDATE outbox SET fields = json_set(fields, '$.customer_id', ?) "
                 "WHERE entity = 'customer_activities' AND json_extract(fields, '$.customer_id') = ?",
                 (real_id, local_id))
    if moved:
        from cache import documents
        marks = ",".join("?" * len(moved))
        rows = [documents.DECODERS["customer_activities"](r) for r in conn.execute(
            f"SELECT * FROM customer_activities WHERE id IN ({marks})", moved)]
        for row in rows:
            row["customer_id"] = real_id
            store.write_row("customer_activities", row)


class Outbox:
    """The rep's writes. `employee_id` is the signed-in employee (the author of their activities)."""

    def __init__(self, store: CacheStore, employee_id: str | None = None) -> None:
        self.store = store
        self.conn = store.conn
        self.employee_id = employee_id

    # --- writes ---------------------------------------------------------------------------------------------

    def create_customer(self, values: dict[str, Any]) -> str:
        """A new lead, shown at once under a local id, which this returns."""
        problems = validate_customer(values)
        if problems:
            raise OutboxError("; ".join(problems))
        key = str(uuid.uuid4())
        ident = LOCAL_PREFIX + key
        fields = {k: v for k, v in values.items() if k in (*CUSTOMER_FIELDS, "source", "tags") and v is not None}
        fields.setdefault("segment", "lead")
        fields["tags"] = list(dict.fromkeys(t for t in fields.get("tags") or [] if t.strip()))
        now = _now()
        row = {"id": ident, **{c: None for c in CUSTOMER_FIELDS}, **fields, "client_key": key, "created_at": now,
               "updated_at": now, "deleted_at": None, "txid": 0}
        with self.conn:
            self.conn.execute("INSERT INTO outbox (entity, ident, op, fields, client_key, created_at) "
                              "VALUES ('customers', ?, 'create_customer', ?, ?, ?)", (ident, dumps(fields), key, now))
            self.store.write_row("customers", row)
        return ident

    def edit_customer(self, ident: str, changes: dict[str, Any], *, add_tags: Iterable[str] = (),
                      remove_tags: Iterable[str] = ()) -> None:
        unknown = set(changes) - set(CUSTOMER_FIELDS)
        if unknown:
            raise OutboxError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
        if "segment" in changes and changes["segment"] not in SEGMENTS:
            raise OutboxError(f"invalid segment {changes['segment']!r}: expected one of {', '.join(SEGMENTS)}")
        self._edit("customers", "create_customer", "update_customer", ident, changes, list(add_tags),
                   list(remove_tags))

    def log_activity(self, customer_id: str, kind: str, body: str | None = None, *, outcome: str | None = None,
                     follow_up_at: str | None = None) -> str:
        if kind not in KINDS:
            raise OutboxError(f"invalid kind {kind!r}: expected one of {', '.join(KINDS)}")
        if self.conn.execute("SELECT 1 FROM customers WHERE id = ?", (customer_id,)).fetchone() is None:
            raise OutboxError(f"no customer {customer_id} in the cache")
        ident, now = str(uuid.uuid4()), _now()
        fields = {"customer_id": customer_id, "kind": kind, "body": body, "outcome": outcome,
                  "follow_up_at": follow_up_at, "done_at": None}
        row = {"id": ident, **fields, "employee_id": self.employee_id, "created_at": now, "updated_at": now,
               "deleted_at": None, "txid": 0}
        with self.conn:
            self.conn.execute("INSERT INTO outbox (entity, ident, op, fields, created_at) "
                              "VALUES ('customer_activities', ?, 'log_activity', ?, ?)", (ident, dumps(fields), now))
            self.store.write_row("customer_activities", row)
        return ident

    def edit_activity(self, ident: str, changes: dict[str, Any]) -> None:
        unknown = set(changes) - set(ACTIVITY_FIELDS)
        if unknown:
            raise OutboxError(f"these fields cannot be edited: {', '.join(sorted(unknown))}")
        if "kind" in changes and changes["kind"] not in KINDS:
            raise OutboxError(f"invalid kind {changes['kind']!r}: expected one of {', '.join(KINDS)}")
        self._edit("customer_activities", "log_activity", "update_activity", ident, changes, [], [])

    def mark_done(self, ident: str, when: str | None = None) -> None:
        self.edit_activity(ident, {"done_at": when or _now()})

    def _edit(self, entity: str, create_op: str, update_op: str, ident: str, changes: dict[str, Any],
              add: list[str], remove: list[str]) -> None:
        from cache import documents
        with self.conn:
            found = self.conn.execute(f"SELECT * FROM {entity} WHERE id = ?", (ident,)).fetchone()
            if found is None:
                raise OutboxError(f"no {'customer' if entity == 'customers' else 'activity'} {ident} in the cache")
            row = documents.DECODERS[entity](found)
            entries = entries_of(self.conn, entity, ident)
            unsent = [e for e in entries if e.state == PENDING and e.op in (create_op, update_op)]
            if unsent and unsent[-1] is entries[-1]:
                # Not sent yet: the edit joins it (a create never sent takes the new values itself).
                last = unsent[-1]
                fields = {**last.fields, **changes}
                if last.op == create_op and entity == "customers":
                    tags = [t for t in fields.get("tags") or [] if t not in remove]
                    fields["tags"] = tags + [t for t in add if t not in tags]
                    adds, removes = [], []
                else:
                    adds = [t for t in last.add_tags if t not in remove] + [t for t in add if t not in last.add_tags]
                    removes = [t for t in last.remove_tags if t not in add] + \
                        [t for t in remove if t not in last.remove_tags]
                base = {**{k: row.get(k) for k in changes if k not in last.base}, **last.base}
                base = {k: v for k, v in base.items() if k in fields} if last.op == update_op else {}
                server = {} if last.op == create_op else {**{k: row.get(k) for k in changes}, **last.server}
                self.conn.execute("UPDATE outbox SET fields = ?, base = ?, server = ?, add_tags = ?, remove_tags = ? "
                                  "WHERE seq = ?", (dumps(fields), dumps(base), dumps(server), dumps(adds),
                                                    dumps(removes), last.seq))
            else:
                remembered: dict[str, Any] = {}
                for entry in reversed(entries):
                    remembered.update(entry.server)
                touched = [*changes, *(["tags"] if add or remove else [])]
                server = {k: remembered.get(k, row.get(k)) for k in touched}
                # The base is what the server will hold once the entries before this one are through.
                base = {k: row.get(k) for k in changes}
                self.conn.execute(
                    "INSERT INTO outbox (entity, ident, op, fields, base, server, base_txid, add_tags, remove_tags, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (entity, ident, update_op, dumps(changes), dumps(base), dumps(server), row.get("txid"),
                     dumps(add), dumps(remove), _now()))
            rebuild(self.store, entity, ident)

    # --- what the rep sees and decides ----------------------------------------------------------------------

    def entries(self, states: Sequence[str] | None = None) -> list[Entry]:
        return all_entries(self.conn, states)

    def entry(self, seq: int) -> Entry:
        row = self.conn.execute("SELECT * FROM outbox WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            raise OutboxError(f"no change #{seq} is waiting")
        return _entry(row)

    def waiting(self) -> int:
        return waiting(self.conn)

    def resolve(self, seq: int, *, mine: bool, field: str | None = None) -> None:
        """A conflict decided: keep mine (sent again on the server's txid) or take theirs (that field dropped),
        for one field or all of them."""
        entry = self.entry(seq)
        if entry.state != CONFLICT:
            raise OutboxError(f"change #{seq} is not in conflict")
        if field is not None and field not in entry.conflicts:
            raise OutboxError(f"change #{seq} has no conflict on {field}: {', '.join(entry.conflicts)}")
        chosen = [field] if field else list(entry.conflicts)
        conflicts = {k: v for k, v in entry.conflicts.items() if k not in chosen}
        fields, base = dict(entry.fields), dict(entry.base)
        for name in chosen:
            if mine:
                base[name] = entry.conflicts[name]["theirs"]
            else:
                fields.pop(name, None)
                base.pop(name, None)
        with self.conn:
            if not fields and not entry.add_tags and not entry.remove_tags:
                self.conn.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
            else:
                self.conn.execute("UPDATE outbox SET fields = ?, base = ?, conflicts = ?, state = ?, "
                                  "error_code = NULL, last_error = NULL WHERE seq = ?",
                                  (dumps(fields), dumps(base), dumps(conflicts) if conflicts else None,
                                   CONFLICT if conflicts else PENDING, seq))
            rebuild(self.store, entry.entity, entry.ident)

    def retry(self, seq: int, changes: dict[str, Any] | None = None) -> None:
        """A rejected change edited (or as it was) and queued again."""
        entry = self.entry(seq)
        if entry.state not in (REJECTED, CONFLICT):
            raise OutboxError(f"change #{seq} is {entry.state}, not rejected")
        fields = {**entry.fields, **(changes or {})}
        if entry.op == "create_customer" and (problems := validate_customer(fields)):
            raise OutboxError("; ".join(problems))
        with self.conn:
            self.conn.execute("UPDATE outbox SET fields = ?, state = 'pending', error_code = NULL, last_error = NULL, "
                              "conflicts = NULL WHERE seq = ?", (dumps(fields), seq))
            rebuild(self.store, entry.entity, entry.ident)

    def discard(self, seq: int) -> None:
        """Drop a change: the record shows the server's values again; a lead never created goes, with the
        activities logged on it."""
        entry = self.entry(seq)
        with self.conn:
            self.conn.execute("DELETE FROM outbox WHERE seq = ?", (seq,))
            if entry.op == "create_customer" and is_local(entry.ident):
                activities = goes_with(self.conn, entry)
                if activities:
                    marks = ",".join("?" * len(activities))
                    self.conn.execute(f"DELETE FROM outbox WHERE entity = 'customer_activities' AND ident IN ({marks})",
                                      activities)
                    self.store.drop_rows("customer_activities", activities)
                self.conn.execute("DELETE FROM outbox WHERE entity = 'customers' AND ident = ?", (entry.ident,))
                self.store.drop_rows("customers", [entry.ident])
            elif entry.op == "log_activity" and entry.state != DONE:
                self.conn.execute("DELETE FROM outbox WHERE entity = 'customer_activities' AND ident = ?",
                                  (entry.ident,))
                self.store.drop_rows("customer_activities", [entry.ident])
            else:
                rebuild(self.store, entry.entity, entry.ident)

    # --- duplicates -----------------------------------------------------------------------------------------

    def duplicates(self, values: dict[str, Any]) -> list[tuple[str, str, str]]:
        """Cached customers with the same phone, LINE id or e-mail: (id, name, which). The candidates come from
        the trigram search index, as the list's search does: comparing every customer's phone number in its
        international form took a second over 100,000 customers, too long for a form that asks as the rep
        types. While a first sync is still filling the index, every row is compared."""
        from cache.phones import international, international_sql
        from cache.queries import MIN_TRIGRAM, fts_phrase
        deferred = self.conn.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = 'customers'"
                                     ).fetchone()
        indexed = not (deferred and deferred[0])
        # which, the SQL the value is compared with, the index column that holds it, the value
        wanted = [("phone", international_sql("phone"), "phone_intl", international(values.get("phone") or ""))]
        wanted += [(c, f"lower({c})", c, (values.get(c) or "").strip()) for c in ("line_id", "email")]
        found: list[tuple[str, str, str]] = []
        for which, expression, column, value in wanted:
            if not value:
                continue
            where, bound = f"{expression} = {'?' if which == 'phone' else 'lower(?)'}", [value]
            if indexed and len(value) >= MIN_TRIGRAM:
                where += " AND rowid IN (SELECT rowid FROM customers_search WHERE customers_search MATCH ?)"
                bound.append(f"{column} : {fts_phrase(value)}")
            found += [(i, n, which) for i, n in self.conn.execute(
                f"SELECT id, full_name FROM customers WHERE {where}", bound)]
        return found


def invalid_fields(values: dict[str, Any]) -> list[str]:
    """What the server would refuse in a new lead, by field: "full_name", "contact" (none of phone, LINE id,
    e-mail), "source", "segment". The window's form says each in the rep's language; `validate_customer`
    says them in English."""
    invalid = []
    if not str(values.get("full_name") or "").strip():
        invalid.append("full_name")
    if not any(str(values.get(k) or "").strip() for k in CONTACT_FIELDS):
        invalid.append("contact")
    if values.get("source") not in SOURCES:
        invalid.append("source")
    if values.get("segment") not in (None, *SEGMENTS):
        invalid.append("segment")
    return invalid


def validate_customer(values: dict[str, Any]) -> list[str]:
    """What the server would refuse in a new lead, said before it is queued."""
    said = {
        "full_name": "a name is required",
        "contact": "a phone number, LINE id or e-mail is required",
        "source": f"unknown source {values.get('source')!r}: expected one of {', '.join(SOURCES)}",
        "segment": f"unknown segment {values.get('segment')!r}: expected one of {', '.join(SEGMENTS)}",
    }
    return [said[name] for name in invalid_fields(values)]
