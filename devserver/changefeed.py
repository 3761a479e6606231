"""The changes Realtime streams, as the database announces them: the `standin_realtime` notices that
bootstrap.sql's trigger sends from every table in the `supabase_realtime` publication, read on a connection of
their own, and turned into one `postgres_changes` message per change and subscription.

A notice names the table, the kind of change, the primary key and the commit time. The record is read
afterwards by each subscriber as itself (its role and JWT claims, as PostgREST runs a request), so row-level
security decides who gets it, as Supabase's Realtime does when it checks each change against each subscriber.
The record is the row as it is when read, a few milliseconds after the commit, not as the change left it;
a row no longer there, or not visible to the subscriber, sends nothing. Deletes are not checked against RLS
and carry only the primary key (Supabase's rule, since the row is gone). Notices that arrive while a batch is
being read are read together in the next one: one query per table and subscriber for a whole burst.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool

from devserver.gateway import Caller
from devserver.transactions import as_caller

log = logging.getLogger(__name__)

PUBLICATION = "supabase_realtime"
CHANNEL = "standin_realtime"
EVENTS = ("INSERT", "UPDATE", "DELETE")
_NUMERIC_TYPES = frozenset({"int2", "int4", "int8", "numeric", "float4", "float8", "oid"})
_FILTER_OPERATORS = ("eq", "neq", "lt", "lte", "gt", "gte", "in")
_RETRY_SECONDS = 1.0


# Sends one postgres_changes message (its `data` and the ids of the bindings it satisfies) to a channel.
Deliver = Callable[[dict[str, Any], list[int]], None]


class SubscribeError(Exception):
    """A postgres_changes binding the stand-in cannot serve; the message is Supabase's."""


@dataclass(frozen=True)
class Column:
    name: str
    type_name: str  # pg_type.typname, as Realtime's `columns` gives it (`_text` for text[])
    formatted: str  # format_type(), to read a key of this type back


@dataclass(frozen=True)
class TableView:
    """A published table as one role sees it: the columns it may select, in table order, and the key."""

    schema: str
    name: str
    columns: tuple[Column, ...]
    key: tuple[Column, ...]

    def columns_json(self) -> list[dict[str, str]]:
        return [{"name": c.name, "type": c.type_name} for c in self.columns]


@dataclass(frozen=True)
class Filter:
    column: str
    operator: str
    value: str | tuple[str, ...]

    def admits(self, record: dict[str, Any], table: TableView) -> bool:
        """Realtime skips a condition on a column the record lacks: a delete's key-only record passes it."""
        if self.column not in record:
            return True
        kind = next((c.type_name for c in table.columns if c.name == self.column), "text")
        actual = _comparable(record[self.column], kind)
        if self.operator == "in":
            assert isinstance(self.value, tuple)
            return actual is not None and actual in {_comparable(v, kind) for v in self.value}
        wanted = _comparable(self.value, kind)
        if actual is None:  # NULL compares as unknown in SQL: never a match, not even for neq
            return False
        try:
            return {
                "eq": actual == wanted, "neq": actual != wanted, "lt": actual < wanted, "lte": actual <= wanted,
                "gt": actual > wanted, "gte": actual >= wanted,
            }[self.operator]
        except TypeError:  # a number compared with a word: never a match, as a cast error is not
            return False


def _comparable(value: Any, type_name: str) -> Any:
    """A record's JSON value or a filter's text, made comparable as the column's type compares."""
    if value is None:
        return None
    if type_name in _NUMERIC_TYPES:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return str(value)
    if type_name == "bool":
        return str(value).lower() in ("true", "t")
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def parse_filter(text: str) -> tuple[Filter, ...]:
    """`id=eq.X`, `segment=in.(lead,new)`, several joined by commas (all must hold)."""
    filters = []
    for part in _split_top_level(text.strip()) if text.strip() else []:
        column, sep, rest = part.partition("=")
        operator, dot, value = rest.partition(".")
        if not sep or not dot or not column or operator not in _FILTER_OPERATORS:
            raise SubscribeError(f"Error parsing `filter` params: {_listed(rest.split('.', 1) if sep else [part])}")
        if operator == "in":
            if not (value.startswith("(") and value.endswith(")")):
                raise SubscribeError(f"Error parsing `filter` params: {_listed([operator, value])}")
            filters.append(Filter(column, operator, tuple(v.strip() for v in value[1:-1].split(","))))
        else:
            filters.append(Filter(column, operator, value))
    return tuple(filters)


def _listed(pieces: list[str]) -> str:
    """A list as Realtime's messages print it (Elixir's inspect): ["foo", "hey"]."""
    return "[" + ", ".join(orjson.dumps(p).decode() for p in pieces) + "]"


def _split_top_level(text: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


@dataclass(frozen=True)
class Binding:
    """One entry of a join's `config.postgres_changes`, as the client sent it, and the id the reply gives it."""

    params: dict[str, Any]
    event: str
    schema: str
    table: str
    filters: tuple[Filter, ...]

    @classmethod
    def parse(cls, params: Any) -> Binding:
        if not isinstance(params, dict) or not ({"schema", "table"} & params.keys()):
            shown = orjson.dumps(params).decode()
            raise SubscribeError("No subscription params provided. Please provide at least a `schema` or `table` "
                                 f"to subscribe to: {shown}")
        event = str(params.get("event", "*")).upper()
        filter_text = params.get("filter")
        return cls(
            params=params,
            event=event if event in EVENTS else "*",
            schema=str(params.get("schema", "public")),
            table=str(params.get("table", "*")),
            filters=parse_filter(filter_text) if isinstance(filter_text, str) else (),
        )

    @property
    def id(self) -> int:
        return self.id_of(self.params)

    @staticmethod
    def id_of(params: Any) -> int:
        """The id a join's reply gives a binding: a hash of its params, as Realtime's is, so the same params get
        the same id; never 0, which clients take for none."""
        return zlib.crc32(orjson.dumps(params, option=orjson.OPT_SORT_KEYS)) % 134_217_727 + 1

    def describe(self) -> str:
        filters = ", ".join(f"{{{f.column}, {f.operator}, {f.value}}}" for f in self.filters)
        return f"event: {self.event}, schema: {self.schema}, table: {self.table}, filters: [{filters}]"


@dataclass(eq=False)
class Subscription:
    """A live binding of one channel. `caller` is read at every change, so a renewed token applies at once."""

    binding: Binding
    caller: Callable[[], Caller]
    deliver: Deliver
    tables: dict[tuple[str, str], TableView] = field(default_factory=dict)

    def wants(self, schema: str, table: str, kind: str) -> TableView | None:
        if self.binding.event not in ("*", kind):
            return None
        return self.tables.get((schema, table))


@dataclass
class _Change:
    schema: str
    table: str
    kind: str
    key: dict[str, Any] | None
    commit_timestamp: str

    @property
    def key_hash(self) -> bytes:
        return orjson.dumps(self.key, option=orjson.OPT_SORT_KEYS)


class ChangeFeed:
    def __init__(self, listen_url: str, pool: AsyncConnectionPool,
                 role_settings: dict[str, list[tuple[str, str]]]) -> None:
        self._listen_url = listen_url
        self._pool = pool
        self._role_settings = role_settings
        self._subscriptions: list[Subscription] = []
        self._notices: asyncio.Queue[str] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._listening = asyncio.Event()

    async def start(self) -> None:
        self._tasks = [asyncio.create_task(self._listen(), name="realtime-listen"),
                       asyncio.create_task(self._dispatch(), name="realtime-dispatch")]
        await self._listening.wait()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    async def subscribe(self, binding: Binding, caller: Callable[[], Caller],
                        deliver: Deliver) -> Subscription:
        """Resolve the binding against the publication as it is now, as Realtime does when it subscribes."""
        subscription = Subscription(binding, caller, deliver)
        role = caller().role
        async with self._pool.connection() as conn:
            rows = await (await conn.execute(
                """
                select p.schemaname, p.tablename, a.attname, t.typname, format_type(a.atttypid, a.atttypmod),
                       coalesce(a.attnum = any(i.indkey), false)
                from pg_publication_tables p
                join pg_class c on c.oid = format('%%I.%%I', p.schemaname, p.tablename)::regclass
                join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                join pg_type t on t.oid = a.atttypid
                left join pg_index i on i.indrelid = c.oid and i.indisprimary
                where p.pubname = %s
                  and p.schemaname like (case %s when '*' then '%%' else %s end) escape ''
                  and p.tablename like (case %s when '*' then '%%' else %s end) escape ''
                  and has_column_privilege(%s, c.oid, a.attname, 'SELECT')
                order by p.schemaname, p.tablename, a.attnum
                """,
                (PUBLICATION, binding.schema, binding.schema, binding.table, binding.table, role),
            )).fetchall()
        columns: dict[tuple[str, str], list[tuple[Column, bool]]] = {}
        for schema, table, name, type_name, formatted, in_key in rows:
            columns.setdefault((schema, table), []).append((Column(name, type_name, formatted), in_key))
        if not columns:
            raise SubscribeError("Unable to subscribe to changes with given parameters. Please check Realtime is "
                                 f"enabled for the given connect parameters: [{binding.describe()}]")
        for (schema, table), listed in columns.items():
            subscription.tables[(schema, table)] = TableView(
                schema, table, tuple(c for c, _ in listed), tuple(c for c, in_key in listed if in_key))
        self._subscriptions.append(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with contextlib.suppress(ValueError):
            self._subscriptions.remove(subscription)

    # -- the listening connection and the dispatcher --------------------------------------------------------------

    async def _listen(self) -> None:
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self._listen_url, autocommit=True) as conn:
                    await conn.execute(sql.SQL("listen {}").format(sql.Identifier(CHANNEL)))
                    self._listening.set()
                    async for notice in conn.notifies():
                        self._notices.put_nowait(notice.payload)
            except psycopg.OperationalError as exc:
                # Realtime's delivery is best effort: what happens while the database is away is not sent.
                log.warning("realtime lost its database connection (%s); retrying", exc)
                await asyncio.sleep(_RETRY_SECONDS)

    async def _dispatch(self) -> None:
        while True:
            batch = [await self._notices.get()]
            while not self._notices.empty():
                batch.append(self._notices.get_nowait())
            try:
                await self._send([_parse(notice) for notice in batch])
            except Exception:  # one bad batch must not stop the feed for everyone
                log.exception("realtime could not dispatch %d changes", len(batch))

    async def _send(self, changes: list[_Change]) -> None:
        wanted = [(change, sub, view) for change in changes for sub in list(self._subscriptions)
                  if (view := sub.wants(change.schema, change.table, change.kind)) is not None]
        records = await self._read_records(wanted)
        # One message per change and channel, naming every binding of the channel it satisfies, as Realtime's
        # dispatcher sends it.
        messages: dict[tuple[int, Deliver], tuple[dict[str, Any], list[int]]] = {}
        for change, sub, view in wanted:
            data: dict[str, Any] = {"schema": change.schema, "table": change.table,
                                    "commit_timestamp": change.commit_timestamp, "type": change.kind,
                                    "columns": view.columns_json(), "errors": None}
            if change.key is None:
                data["errors"] = ["Error 413: Payload Too Large"]
                data["record" if change.kind != "DELETE" else "old_record"] = {}
            elif change.kind == "DELETE":
                data["old_record"] = change.key
                if not all(f.admits(change.key, view) for f in sub.binding.filters):
                    continue
            else:
                record = records.get((_identity(sub.caller()), change.schema, change.table, change.key_hash))
                if record is None or not all(f.admits(record, view) for f in sub.binding.filters):
                    continue
                data["record"] = record
                if change.kind == "UPDATE":
                    data["old_record"] = change.key
            _, ids = messages.setdefault((id(change), sub.deliver), (data, []))
            if sub.binding.id not in ids:
                ids.append(sub.binding.id)
        for (_, deliver), (data, ids) in messages.items():
            deliver(data, ids)

    async def _read_records(self, wanted: list[tuple[_Change, Subscription, TableView]]
                            ) -> dict[tuple[bytes, str, str, bytes], dict[str, Any]]:
        """Each subscriber's view of the inserted and updated rows: one query per table and identity."""
        reads: dict[tuple[bytes, str, str], tuple[Caller, TableView, dict[bytes, dict[str, Any]]]] = {}
        for change, sub, view in wanted:
            if change.kind == "DELETE" or change.key is None:
                continue
            caller = sub.caller()
            entry = reads.setdefault((_identity(caller), change.schema, change.table), (caller, view, {}))
            entry[2][change.key_hash] = change.key
        found: dict[tuple[bytes, str, str, bytes], dict[str, Any]] = {}
        for (identity, schema, table), (caller, view, keys) in reads.items():
            if not view.key:
                continue
            query = sql.SQL("select to_jsonb(t) from {} t where ({}) in (select {} from jsonb_to_recordset(%s::jsonb) "
                            "as k({}))").format(
                sql.Identifier(schema, table),
                sql.SQL(", ").join(sql.SQL("t.{}").format(sql.Identifier(c.name)) for c in view.key),
                sql.SQL(", ").join(sql.SQL("k.{}").format(sql.Identifier(c.name)) for c in view.key),
                sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.formatted))
                                   for c in view.key),
            )
            try:
                async with as_caller(self._pool, self._role_settings, caller, None, read_only=True) as conn:
                    rows = await (await conn.execute(query, (orjson.dumps(list(keys.values())).decode(),))
                                  ).fetchall()
            except psycopg.Error as exc:  # e.g. a role without the privilege: it gets nothing, the others theirs
                log.warning("realtime could not read %s.%s as %s: %s", schema, table, caller.role, exc)
                continue
            for (record,) in rows:
                key = {c.name: record.get(c.name) for c in view.key}
                found[(identity, schema, table, orjson.dumps(key, option=orjson.OPT_SORT_KEYS))] = record
        return found


def _identity(caller: Caller) -> bytes:
    return orjson.dumps([caller.role, caller.claims], option=orjson.OPT_SORT_KEYS)


def _parse(notice: str) -> _Change:
    body = orjson.loads(notice)
    return _Change(body["schema"], body["table"], body["type"], body["key"], body["commit_timestamp"])
