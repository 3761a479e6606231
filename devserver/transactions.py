"""One database transaction per request, run as the caller's role with the caller's claims, as PostgREST does
it: row-level security then applies exactly as in production."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import orjson
import psycopg
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request

from devserver.gateway import Caller


async def load_role_settings(pool: AsyncConnectionPool) -> dict[str, list[tuple[str, str]]]:
    """The `ALTER ROLE … SET` values (statement_timeout for anon and authenticated); PostgREST applies them
    per request because switching role inside a transaction does not."""
    settings: dict[str, list[tuple[str, str]]] = {}
    async with pool.connection() as conn:
        rows = await conn.execute(
            """
            select r.rolname, s.setconfig
            from pg_db_role_setting s join pg_roles r on r.oid = s.setrole
            where s.setdatabase = 0 and r.rolname in ('anon', 'authenticated', 'service_role')
            """
        )
        async for rolname, config in rows:
            settings[rolname] = [(name, value) for name, _, value in (item.partition("=") for item in config)]
    return settings


@contextlib.asynccontextmanager
async def as_caller(pool: AsyncConnectionPool, role_settings: dict[str, list[tuple[str, str]]], caller: Caller,
                    request: Request | None, *, read_only: bool) -> AsyncIterator[psycopg.AsyncConnection]:
    """Without a request (Realtime reading a record for a subscriber) only the role and the claims are set, as
    Supabase's Realtime sets them."""
    async with pool.connection() as conn, conn.transaction():
        if read_only:
            await conn.execute("set transaction read only")
        names = ["role", "request.jwt.claims"]
        values = [caller.role, orjson.dumps(caller.claims).decode()]
        if request is not None:
            names += ["request.method", "request.path", "request.headers"]
            values += [
                request.method,
                request.url.path,
                orjson.dumps({k.lower(): v for k, v in request.headers.items()
                              if k.lower() != "authorization"}).decode(),
            ]
        for name, value in role_settings.get(caller.role, []):
            names.append(name)
            values.append(value)
        calls = ", ".join("set_config(%s, %s, true)" for _ in names)
        params = [item for pair in zip(names, values, strict=True) for item in pair]
        await conn.execute(f"select {calls}", params)  # only placeholders are interpolated here
        yield conn
