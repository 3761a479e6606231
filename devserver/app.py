"""The stand-in as one ASGI application: Supabase's gateway routes to REST, Auth, Storage and Realtime."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import psycopg
from psycopg_pool import AsyncConnectionPool
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from devserver import schema_cache
from devserver.auth import AuthApi, AuthSettings
from devserver.changefeed import ChangeFeed
from devserver.compression import GzipMiddleware
from devserver.keys import ProjectKeys
from devserver.postgres import Database
from devserver.realtime import RealtimeApi, RealtimeSettings
from devserver.rest import RestApi, RestSettings
from devserver.storage import StorageApi
from devserver.transactions import load_role_settings

_METHODS = ["GET", "HEAD", "POST", "PATCH", "DELETE"]


@dataclass
class StandInConfig:
    database: Database
    keys: ProjectKeys
    rest: RestSettings = field(default_factory=RestSettings)
    auth: AuthSettings = field(default_factory=AuthSettings)
    realtime: RealtimeSettings = field(default_factory=RealtimeSettings)
    pool_size: int = 8
    compress: bool = True  # gzip by Accept-Encoding, as the hosted gateway does


class _Services:
    """The handlers, built once the pools are open (in the lifespan), before the first request."""

    rest: RestApi
    auth: AuthApi
    storage: StorageApi
    realtime: RealtimeApi


def _pool(url: str, size: int, name: str) -> AsyncConnectionPool:
    # UTC so that timestamps render as Supabase renders them, whatever the server's own time zone.
    return AsyncConnectionPool(url, min_size=1, max_size=size, open=False, name=name,
                               kwargs={"options": "-c TimeZone=UTC"})


def create_app(config: StandInConfig, on_ready: Callable[[], None] | None = None) -> Starlette:
    api_pool = _pool(config.database.authenticator_url, config.pool_size, "api")
    # Auth works on the auth schema as GoTrue's own privileged role does.
    auth_pool = _pool(config.database.superuser_url, 4, "auth")
    # Realtime reads each change's record for its subscribers on connections of its own, so a burst of changes
    # never queues REST requests behind it.
    realtime_pool = _pool(config.database.authenticator_url, 2, "realtime")
    services = _Services()

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await api_pool.open(wait=True)
        await auth_pool.open(wait=True)
        await realtime_pool.open(wait=True)
        with psycopg.connect(config.database.superuser_url) as conn:
            cache = schema_cache.load(conn)
        role_settings = await load_role_settings(api_pool)
        services.rest = RestApi(api_pool, cache, config.keys, role_settings, config.rest)
        services.auth = AuthApi(auth_pool, config.keys, config.auth)
        services.storage = StorageApi(api_pool, config.keys, role_settings)
        feed = ChangeFeed(config.database.authenticator_url, realtime_pool, role_settings)
        await feed.start()
        services.realtime = RealtimeApi(feed, config.keys, config.realtime)
        if on_ready:
            on_ready()
        try:
            yield
        finally:
            await feed.stop()
            await realtime_pool.close()
            await api_pool.close()
            await auth_pool.close()

    async def rest_table(request: Request) -> Response:
        return await services.rest.handle_table(request)

    async def rest_rpc(request: Request) -> Response:
        return await services.rest.handle_rpc(request)

    async def auth(request: Request) -> Response:
        return await services.auth.handle(request)

    async def storage_object(request: Request) -> Response:
        return await services.storage.handle_object(request)

    async def realtime(websocket: WebSocket) -> None:
        await services.realtime.handle(websocket)

    async def health(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    routes = [
        Route("/rest/v1/rpc/{name}", rest_rpc, methods=["GET", "HEAD", "POST"]),
        Route("/rest/v1/{name}", rest_table, methods=_METHODS),
        Route("/auth/v1/{route:path}", auth, methods=["GET", "POST"]),
        Route("/storage/v1/object/{path:path}", storage_object, methods=["GET", "HEAD"]),
        WebSocketRoute("/realtime/v1/websocket", realtime),
        Route("/health", health),
    ]
    middleware = [Middleware(GzipMiddleware)] if config.compress else []
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
