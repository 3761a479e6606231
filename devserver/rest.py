"""`/rest/v1`: PostgREST's reads, writes and RPC over the real database.

Response bodies are built by PostgreSQL (`json_agg`), so rows are never decoded into Python objects on the way
through; that is what lets one stand-in process serve full keyset pages fast enough for sync benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
import psycopg
from psycopg import sql
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request
from starlette.responses import Response

from devserver import postgrest_sql as q
from devserver.errors import JSON_TYPE, ApiError, from_database, rest_error
from devserver.gateway import Caller, rest_caller
from devserver.keys import ProjectKeys
from devserver.postgrest_query import Query, parse_query_string, parse_range_header
from devserver.schema_cache import SchemaCache, Table, check_column
from devserver.transactions import as_caller

OBJECT_TYPE = "application/vnd.pgrst.object+json"


@dataclass
class RestSettings:
    max_rows: int | None = 1000  # hosted Supabase caps every response at 1000 rows, silently


def _prefer(request: Request) -> dict[str, str]:
    """`Prefer: return=representation, count=exact` → {"return": "representation", "count": "exact"}."""
    out: dict[str, str] = {}
    for header in request.headers.getlist("prefer"):
        for part in header.split(","):
            key, _, value = part.strip().partition("=")
            if key:
                out[key.lower()] = value.strip()
    return out


def _wants_object(request: Request) -> bool:
    return OBJECT_TYPE in request.headers.get("accept", "")


def _singular_error(rows: int) -> ApiError:
    return rest_error(406, "PGRST116", "Cannot coerce the result to a single JSON object",
                      f"The result contains {rows} rows")


def _content_range(lower: int, rows: int, total: int | None) -> str:
    upper = lower + rows - 1
    shown = f"{lower}-{upper}" if total != 0 and lower <= upper else "*"
    return f"{shown}/{'*' if total is None else total}"


class RestApi:
    def __init__(self, pool: AsyncConnectionPool, schema: SchemaCache, keys: ProjectKeys,
                 role_settings: dict[str, list[tuple[str, str]]], settings: RestSettings) -> None:
        self.pool = pool
        self.schema = schema
        self.keys = keys
        self.role_settings = role_settings
        self.settings = settings

    async def handle_table(self, request: Request) -> Response:
        try:
            caller = rest_caller(request, self.keys)
            table = self.schema.table(request.path_params["name"])
            query = parse_query_string(request.url.query)
            method = request.method
            if method in ("GET", "HEAD"):
                return await self._read(request, caller, table, query)
            if method == "POST":
                return await self._insert(request, caller, table, query)
            if method == "PATCH":
                return await self._update(request, caller, table, query)
            if method == "DELETE":
                return await self._delete(request, caller, table, query)
            raise rest_error(405, "PGRST117", f"Unsupported HTTP method: {method}")
        except ApiError as exc:
            return exc.response()

    async def handle_rpc(self, request: Request) -> Response:
        try:
            caller = rest_caller(request, self.keys)
            return await self._rpc(request, caller, request.path_params["name"])
        except ApiError as exc:
            return exc.response()

    # --- reads ----------------------------------------------------------------------------------------------

    def _page(self, request: Request, query: Query) -> tuple[int, int | None]:
        """Offset and limit after intersecting the Range header, limit/offset and the server's row cap."""
        lower, limit = query.offset, query.limit
        header = parse_range_header(request.headers.get("range")) if request.method in ("GET", "HEAD") else None
        if header:
            start, end = header
            upper = None if limit is None else lower + limit - 1
            if end is not None:
                upper = end if upper is None else min(upper, end)
            lower = max(lower, start)
            limit = None if upper is None else max(upper - lower + 1, 0)
        if self.settings.max_rows is not None:
            limit = self.settings.max_rows if limit is None else min(limit, self.settings.max_rows)
        return lower, limit

    async def _count(self, conn: psycopg.AsyncConnection, kind: str, source: sql.Composable,
                     where: sql.Composable, params: list[str | None]) -> int:
        if kind in ("planned", "estimated"):
            plan_sql = sql.SQL("EXPLAIN (FORMAT JSON) SELECT 1 FROM {}{}").format(source, where)
            plan = await (await conn.execute(plan_sql, params)).fetchone()
            assert plan is not None
            planned = int(plan[0][0]["Plan"]["Plan Rows"])
            if kind == "planned" or (self.settings.max_rows and planned > self.settings.max_rows):
                return planned
        row = await (await conn.execute(sql.SQL("SELECT count(*) FROM {}{}").format(source, where), params)
                     ).fetchone()
        assert row is not None
        return int(row[0])

    async def _read(self, request: Request, caller: Caller, table: Table, query: Query) -> Response:
        prefer = _prefer(request)
        offset, limit = self._page(request, query)
        params = q.Params()
        select = q.select_list(table, query.select)
        where = q.where_clause(table, query.filters, params)
        filter_params = list(params.values)
        body_sql = sql.SQL("SELECT {} FROM {}{}{}").format(select, q.qualified(table), where,
                                                          q.order_clause(table, query.order))
        body_sql += q.limit_clause(limit, offset, params)
        statement = self._wrap(body_sql, _wants_object(request))
        try:
            async with as_caller(self.pool, self.role_settings, caller, request, read_only=True) as conn:
                total = None
                if prefer.get("count") in ("exact", "planned", "estimated"):
                    total = await self._count(conn, prefer["count"], q.qualified(table), where, filter_params)
                    if offset > total:
                        raise rest_error(416, "PGRST103", "Requested range not satisfiable",
                                         f"An offset of {offset} was requested, but there are only {total} rows.",
                                         headers={"Content-Range": f"*/{total}"})
                row = await (await conn.execute(statement, params.values)).fetchone()
        except psycopg.Error as exc:
            raise from_database(exc, caller.role) from exc
        assert row is not None
        body, rows = row
        if _wants_object(request) and rows != 1:
            raise _singular_error(rows)
        headers = {"Content-Range": _content_range(offset, rows, total),
                   "Content-Location": request.url.path + (f"?{request.url.query}" if request.url.query else "")}
        status = 200
        if total is not None:
            headers["Preference-Applied"] = f"count={prefer['count']}"
            if rows < total:
                status = 206
        return self._respond(request, body, status, headers)

    @staticmethod
    def _wrap(inner: sql.Composable, single: bool) -> sql.Composed:
        """Let PostgreSQL build the JSON: the page as an array, or its only row as an object."""
        if single:
            return sql.SQL("SELECT CASE WHEN count(*) = 1 THEN (json_agg(_r) -> 0)::text END, count(*)::int "
                           "FROM ({}) _r").format(inner)
        return sql.SQL("SELECT coalesce(json_agg(_r), '[]')::text, count(*)::int FROM ({}) _r").format(inner)

    @staticmethod
    def _respond(request: Request, body: str | None, status: int, headers: dict[str, str]) -> Response:
        media = f"{OBJECT_TYPE}; charset=utf-8" if _wants_object(request) else JSON_TYPE
        content = b"" if request.method == "HEAD" or body is None else body.encode()
        return Response(content, status, headers=headers, media_type=media)

    # --- writes ---------------------------------------------------------------------------------------------

    async def _json_body(self, request: Request) -> Any:
        raw = await request.body()
        try:
            return orjson.loads(raw) if raw.strip() else None
        except orjson.JSONDecodeError as exc:
            raise rest_error(400, "PGRST102", "Empty or invalid json", str(exc)) from exc

    @staticmethod
    def _payload_columns(table: Table, rows: list[Any], query: Query) -> list[str]:
        if not rows or not all(isinstance(r, dict) for r in rows):
            raise rest_error(400, "PGRST102", "Empty or invalid json")
        keys = list(query.columns) if query.columns else list(rows[0].keys())
        if not query.columns and any(set(r.keys()) != set(keys) for r in rows[1:]):
            raise rest_error(400, "PGRST102", "All object keys must match")
        for key in keys:
            if key not in table.columns:
                raise rest_error(400, "PGRST204", f"Could not find the '{key}' column of '{table.name}' in the "
                                                  "schema cache")
        return keys

    async def _write(self, request: Request, caller: Caller, table: Table, query: Query,
                     statement: sql.Composable, params: list[str | None], success: int) -> Response:
        """Run a data-modifying statement whose RETURNING gives whole rows (`_w.row`) and an `_inserted` flag,
        and answer with the representation, the count or nothing, as `Prefer: return=` asks."""
        prefer = _prefer(request)
        returning = prefer.get("return", "minimal")
        single = _wants_object(request)
        outer = sql.SQL(
            "WITH _w AS ({}) SELECT (SELECT coalesce(json_agg(_r), '[]') FROM (SELECT {} FROM "
            "(SELECT (_w.row).* FROM _w) AS {}) _r)::text, (SELECT count(*)::int FROM _w), "
            "(SELECT coalesce(bool_or(_inserted), false) FROM _w)"
        ).format(statement, q.select_list(table, query.select), sql.Identifier(table.name))
        try:
            async with as_caller(self.pool, self.role_settings, caller, request, read_only=False) as conn:
                row = await (await conn.execute(outer, params)).fetchone()
                assert row is not None
                body, rows, inserted = row
                if single and rows != 1:
                    raise _singular_error(rows)  # raised inside the transaction: it rolls back
        except psycopg.Error as exc:
            raise from_database(exc, caller.role) from exc
        total = rows if prefer.get("count") == "exact" else None
        headers = {"Content-Range": _content_range(0, rows, total) if request.method != "POST"
                   else f"*/{'*' if total is None else total}"}
        if request.method == "POST" and success == 201 and not inserted and rows:
            success = 200  # an upsert that only merged into existing rows
        if returning == "representation":
            if single:
                body = orjson.dumps(orjson.loads(body)[0]).decode()
            return self._respond(request, body, success if request.method == "POST" else 200, headers)
        if returning == "headers-only" and request.method == "POST" and rows == 1 and len(table.primary_key) == 1:
            key = table.primary_key[0]
            value = orjson.loads(body)[0].get(key)
            if value is not None:
                headers["Location"] = f"/{table.name}?{key}=eq.{value}"
        status = success if request.method == "POST" else 204
        return Response(b"", status, headers=headers)

    async def _insert(self, request: Request, caller: Caller, table: Table, query: Query) -> Response:
        payload = await self._json_body(request)
        rows = payload if isinstance(payload, list) else [payload]
        columns = self._payload_columns(table, rows, query)
        prefer = _prefer(request)
        ident = sql.Identifier(table.name)
        column_list = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
        statement = sql.SQL(
            "INSERT INTO {} AS {} ({}) SELECT {} FROM json_populate_recordset(null::{}, %s::json) _src"
        ).format(q.qualified(table), ident, column_list, column_list, q.qualified(table))
        resolution = prefer.get("resolution")
        if resolution in ("merge-duplicates", "ignore-duplicates"):
            target = query.on_conflict or list(table.primary_key)
            for column in target:
                check_column(table, column)
            target_sql = sql.SQL(", ").join(sql.Identifier(c) for c in target)
            if resolution == "ignore-duplicates":
                statement += sql.SQL(" ON CONFLICT ({}) DO NOTHING").format(target_sql)
            else:
                updates = [c for c in columns if c not in target] or columns
                statement += sql.SQL(" ON CONFLICT ({}) DO UPDATE SET {}").format(
                    target_sql,
                    sql.SQL(", ").join(sql.SQL("{} = EXCLUDED.{}").format(sql.Identifier(c), sql.Identifier(c))
                                       for c in updates),
                )
        statement += sql.SQL(" RETURNING {} AS row, ({}.xmax = 0) AS _inserted").format(ident, ident)
        return await self._write(request, caller, table, query, statement, [orjson.dumps(rows).decode()], 201)

    @staticmethod
    def _require_filters(query: Query, verb: str) -> None:
        if not query.filters:
            raise rest_error(400, "21000", f"{verb} requires a WHERE clause")

    async def _update(self, request: Request, caller: Caller, table: Table, query: Query) -> Response:
        payload = await self._json_body(request)
        if not isinstance(payload, dict):
            raise rest_error(400, "PGRST102", "Empty or invalid json")
        columns = self._payload_columns(table, [payload], query)
        self._require_filters(query, "UPDATE")
        params = q.Params()
        body_param = params.add(orjson.dumps(payload).decode())
        ident = sql.Identifier(table.name)
        statement = sql.SQL("UPDATE {} AS {} SET {} FROM json_populate_record(null::{}, {}::json) _src").format(
            q.qualified(table), ident,
            sql.SQL(", ").join(sql.SQL("{} = _src.{}").format(sql.Identifier(c), sql.Identifier(c))
                               for c in columns),
            q.qualified(table), body_param,
        )
        statement += q.where_clause(table, query.filters, params)
        statement += sql.SQL(" RETURNING {} AS row, false AS _inserted").format(ident)
        return await self._write(request, caller, table, query, statement, params.values, 200)

    async def _delete(self, request: Request, caller: Caller, table: Table, query: Query) -> Response:
        self._require_filters(query, "DELETE")
        params = q.Params()
        ident = sql.Identifier(table.name)
        statement = sql.SQL("DELETE FROM {} AS {}").format(q.qualified(table), ident)
        statement += q.where_clause(table, query.filters, params)
        statement += sql.SQL(" RETURNING {} AS row, false AS _inserted").format(ident)
        return await self._write(request, caller, table, query, statement, params.values, 200)

    # --- rpc ------------------------------------------------------------------------------------------------

    async def _rpc(self, request: Request, caller: Caller, name: str) -> Response:
        candidates = self.schema.functions.get(name, [])
        arg_names = {a for f in candidates for a in f.arg_names}
        query = parse_query_string(request.url.query, keep_as_extra=arg_names)
        if request.method == "POST":
            body = await self._json_body(request)
            if body is not None and not isinstance(body, dict):
                raise rest_error(400, "PGRST102", "Empty or invalid json")
            args: dict[str, Any] = body or {}
        else:
            args = dict(query.extra)
        function = self.schema.function(name, set(args))
        result = function.as_table()
        params = q.Params()
        used = [(n, t) for n, t in zip(function.arg_names, function.arg_types, strict=True) if n in args]
        # Arguments go in as one JSON parameter, typed by json_to_record with the function's own types.
        args_param = params.add(orjson.dumps(args).decode()) if used else sql.SQL("")
        record = sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t)) for n, t in used)
        call_args = sql.SQL(", ").join(sql.SQL("{} => _args.{}").format(sql.Identifier(n), sql.Identifier(n))
                                       for n, _ in used)
        call = sql.SQL("public.{}({})").format(sql.Identifier(name), call_args)
        source = (sql.SQL("json_to_record({}::json) AS _args({}), LATERAL ").format(args_param, record)
                  if used else sql.SQL(""))
        offset, limit = self._page(request, query)
        if function.returns_set or function.returns_row:
            inner = sql.SQL("SELECT {} FROM {}{} AS {}{}{}").format(
                q.select_list(result, query.select), source, call, sql.Identifier(name),
                q.where_clause(result, query.filters, params), q.order_clause(result, query.order))
            if function.returns_set:
                inner += q.limit_clause(limit, offset, params)
                statement = self._wrap(inner, _wants_object(request))
            else:
                statement = sql.SQL("SELECT (SELECT to_json(_r) FROM ({}) _r)::text, 1").format(inner)
        elif used:
            statement = sql.SQL("SELECT to_json({})::text, 1 FROM json_to_record({}::json) AS _args({})").format(
                call, args_param, record)
        else:
            statement = sql.SQL("SELECT to_json({})::text, 1").format(call)
        read_only = request.method in ("GET", "HEAD") or not function.volatile
        try:
            async with as_caller(self.pool, self.role_settings, caller, request, read_only=read_only) as conn:
                row = await (await conn.execute(statement, params.values)).fetchone()
        except psycopg.Error as exc:
            raise from_database(exc, caller.role) from exc
        assert row is not None
        body, rows = row
        headers = {}
        if function.returns_set:
            if _wants_object(request) and rows != 1:
                raise _singular_error(rows)
            headers["Content-Range"] = _content_range(offset, rows, None)
        return self._respond(request, body if body is not None else "null", 200, headers)
