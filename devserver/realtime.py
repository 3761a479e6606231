"""`/realtime/v1/websocket`: the part of Supabase Realtime the clients use — Phoenix channels carrying Postgres
changes (supabase/realtime's RealtimeChannel, its replies, system messages and reasons).

Both serializers Realtime offers are spoken: `vsn=1.0.0` frames are JSON objects, `vsn=2.0.0` (supabase-js's
default since 2.8x) JSON arrays `[join_ref, ref, topic, event, payload]`; binary frames (2.0.0's broadcasts) are
ignored, as Broadcast and Presence are not served. The API key is checked before the upgrade, the user's JWT
when a channel is joined and whenever `access_token` renews it; a channel whose token expires is closed with a
`system` message and `phx_close`, as Realtime does. The changes themselves come from changefeed.ChangeFeed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Any

import jwt
import orjson
from starlette.responses import JSONResponse
from starlette.websockets import WebSocket, WebSocketDisconnect

from devserver.changefeed import Binding, ChangeFeed, SubscribeError, Subscription
from devserver.errors import ApiError
from devserver.gateway import API_ROLES, Caller, require_api_key
from devserver.keys import ProjectKeys, TokenError

log = logging.getLogger(__name__)

VERSIONS = ("1.0.0", "2.0.0")
PHOENIX = "phoenix"
TOPIC_PREFIX = "realtime:"
# Frames waiting for a client that reads too slowly; past this the socket is closed rather than grow without end.
_OUTBOX_LIMIT = 10_000


@dataclass
class RealtimeSettings:
    # Phoenix closes a socket that has sent nothing (not even a heartbeat) for this long.
    idle_timeout: float = 60.0


@dataclass(frozen=True)
class Frame:
    topic: str
    event: str
    payload: Any
    ref: str | None = None
    join_ref: str | None = None


def decode(vsn: str, text: str) -> Frame:
    """ValueError for anything that is not a frame of the version."""
    try:
        body = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from exc
    if vsn == "2.0.0":
        if not isinstance(body, list) or len(body) != 5:
            raise ValueError("a 2.0.0 frame is [join_ref, ref, topic, event, payload]")
        join_ref, ref, topic, event, payload = body
    else:
        if not isinstance(body, dict):
            raise ValueError("a 1.0.0 frame is an object")
        join_ref, ref, topic, event, payload = (body.get(k) for k in ("join_ref", "ref", "topic", "event", "payload"))
    if not isinstance(topic, str) or not isinstance(event, str):
        raise ValueError("a frame needs a topic and an event")
    return Frame(topic, event, payload if isinstance(payload, dict) else {},
                 None if ref is None else str(ref), None if join_ref is None else str(join_ref))


def encode(vsn: str, frame: Frame) -> str:
    """1.0.0 sends the fields Phoenix's V1 serializer sends (no join_ref); 2.0.0 the array."""
    if vsn == "2.0.0":
        body: Any = [frame.join_ref, frame.ref, frame.topic, frame.event, frame.payload]
    else:
        body = {"topic": frame.topic, "event": frame.event, "payload": frame.payload, "ref": frame.ref}
    return orjson.dumps(body).decode()


class _Refused(Exception):
    """A token Realtime does not accept: `reason` for a join's reply, `message` for a system message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.reason = f"{code}: {message}"
        self.message = message


def verify(keys: ProjectKeys, token: str) -> Caller:
    """The caller a token makes, checked as Realtime checks it: signature, no clock skew, `role` and `exp`."""
    try:
        claims = keys.decode(token, leeway=0)
    except TokenError as exc:
        if exc.expired:
            exp = jwt.decode(token, options={"verify_signature": False}).get("exp", 0)
            raise _Refused("InvalidJWTToken", f"Token has expired {int(time.time()) - int(exp)} seconds ago") from exc
        if "CompactDecodeError" in str(exc):
            raise _Refused("MalformedJWT", "The token provided is not a valid JWT") from exc
        raise _Refused("JwtSignatureError", "Failed to validate JWT signature") from exc
    if "role" not in claims or not isinstance(claims.get("exp"), int | float):
        raise _Refused("InvalidJWTToken", "Fields `role` and `exp` are required in JWT")
    if claims["role"] not in API_ROLES:
        raise _Refused("Unauthorized", f"role \"{claims['role']}\" is not allowed here")
    return Caller(claims["role"], claims, token)


class RealtimeApi:
    def __init__(self, feed: ChangeFeed, keys: ProjectKeys, settings: RealtimeSettings) -> None:
        self.feed = feed
        self.keys = keys
        self.settings = settings

    async def handle(self, websocket: WebSocket) -> None:
        try:
            api_key = require_api_key(websocket, self.keys)
        except ApiError as exc:
            await websocket.send_denial_response(exc.response())
            return
        vsn = websocket.query_params.get("vsn", "1.0.0")
        if vsn not in VERSIONS:
            await websocket.send_denial_response(JSONResponse(
                {"error": f"Unsupported protocol version {vsn!r}: this server speaks vsn 1.0.0 and 2.0.0"}, 403))
            return
        await websocket.accept()
        await _Connection(self, websocket, vsn, api_key).run()


class _Connection:
    """One client socket: its channels by topic, and one writer task so frames go out in the order made."""

    def __init__(self, api: RealtimeApi, websocket: WebSocket, vsn: str, api_key: str) -> None:
        self.api = api
        self.websocket = websocket
        self.vsn = vsn
        self.api_key = api_key
        self.channels: dict[str, _Channel] = {}
        self._outbox: asyncio.Queue[str | int] = asyncio.Queue(maxsize=_OUTBOX_LIMIT)
        self._closing = False

    async def run(self) -> None:
        writer = asyncio.create_task(self._write())
        try:
            while True:
                try:
                    message = await asyncio.wait_for(self.websocket.receive(), self.api.settings.idle_timeout)
                except TimeoutError:
                    self.close(1000)  # no heartbeat: the client is gone or stuck
                    continue
                if message["type"] == "websocket.disconnect":
                    break
                text = message.get("text")
                if text is None or self._closing:
                    continue
                try:
                    frame = decode(self.vsn, text)
                except ValueError as exc:
                    log.info("realtime: closing a socket that sent %s", exc)
                    self.close(1003)
                    continue
                await self._handle(frame)
        except WebSocketDisconnect:
            pass
        finally:
            for channel in list(self.channels.values()):
                channel.close(notify=False)
            writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await writer

    async def _write(self) -> None:
        with contextlib.suppress(WebSocketDisconnect, RuntimeError, OSError):  # the client went away meanwhile
            while True:
                item = await self._outbox.get()
                if isinstance(item, int):
                    await self.websocket.close(item)
                    return
                await self.websocket.send_text(item)

    def push(self, frame: Frame) -> None:
        if self._closing:
            return
        try:
            self._outbox.put_nowait(encode(self.vsn, frame))
        except asyncio.QueueFull:
            log.warning("realtime: closing a socket that does not read its messages")
            self._closing = True
            self._outbox = asyncio.Queue()
            self._outbox.put_nowait(1013)

    def close(self, code: int) -> None:
        if not self._closing:
            self._outbox.put_nowait(code)
            self._closing = True

    def reply(self, frame: Frame, status: str, response: dict[str, Any]) -> None:
        self.push(Frame(frame.topic, "phx_reply", {"status": status, "response": response}, frame.ref,
                        frame.join_ref))

    async def _handle(self, frame: Frame) -> None:
        if frame.topic == PHOENIX:
            if frame.event == "heartbeat":
                self.reply(frame, "ok", {})
            return
        if frame.event == "phx_join":
            await self._join(frame)
            return
        channel = self.channels.get(frame.topic)
        if channel is None:
            self.reply(frame, "error", {"reason": "unmatched topic"})
        elif frame.event == "phx_leave":
            self.reply(frame, "ok", {})
            channel.close()
        elif frame.event == "access_token":
            channel.renew(frame.payload.get("access_token"))
        # broadcast and presence are not served: Realtime would relay them to other clients; here there are none

    async def _join(self, frame: Frame) -> None:
        if not frame.topic.startswith(TOPIC_PREFIX):
            self.reply(frame, "error", {"reason": "unmatched topic"})
            return
        if frame.topic == TOPIC_PREFIX:
            self.reply(frame, "error", {"reason": "TopicNameRequired: You must provide a topic name"})
            return
        if (previous := self.channels.get(frame.topic)) is not None:
            previous.close()  # Phoenix closes a channel joined again on the same socket
        token = frame.payload.get("access_token") or frame.payload.get("user_token") or self.api_key
        try:
            caller = verify(self.api.keys, str(token))
        except _Refused as exc:
            self.reply(frame, "error", {"reason": exc.reason})
            return
        config = frame.payload.get("config")
        wanted = config.get("postgres_changes") if isinstance(config, dict) else None
        bindings = [p for p in wanted if p is not None] if isinstance(wanted, list) else []
        channel = _Channel(self, frame.topic, frame.join_ref, caller)
        self.channels[frame.topic] = channel
        ids = [{**p, "id": Binding.id_of(p)} if isinstance(p, dict) else p for p in bindings]
        self.reply(frame, "ok", {"postgres_changes": ids})
        if bindings:
            await channel.subscribe(bindings)


class _Channel:
    def __init__(self, connection: _Connection, topic: str, join_ref: str | None, caller: Caller) -> None:
        self.connection = connection
        self.topic = topic
        self.name = topic.removeprefix(TOPIC_PREFIX)
        self.join_ref = join_ref
        self.caller = caller
        self.subscriptions: list[Subscription] = []
        self.closed = False
        self._expiry: asyncio.TimerHandle | None = None
        self._schedule_expiry()

    async def subscribe(self, bindings: list[Any]) -> None:
        feed = self.connection.api.feed
        subscriptions: list[Subscription] = []
        try:
            for params in bindings:
                subscriptions.append(await feed.subscribe(Binding.parse(params), lambda: self.caller, self._deliver))
        except SubscribeError as exc:
            for subscription in subscriptions:
                feed.unsubscribe(subscription)
            self._system("postgres_changes", "error", str(exc))
            return
        if self.closed:  # left (or expired) while the publication was being read
            for subscription in subscriptions:
                feed.unsubscribe(subscription)
            return
        self.subscriptions = subscriptions
        self._system("postgres_changes", "ok", "Subscribed to PostgreSQL")

    def renew(self, token: Any) -> None:
        if not isinstance(token, str) or token == self.caller.token:
            return  # Realtime ignores a null token and the one it already has
        try:
            self.caller = verify(self.connection.api.keys, token)
        except _Refused as exc:
            self._shut_down(exc.message)
            return
        self._schedule_expiry()

    def close(self, *, notify: bool = True) -> None:
        if self.closed:
            return
        self.closed = True
        if self._expiry is not None:
            self._expiry.cancel()
        for subscription in self.subscriptions:
            self.connection.api.feed.unsubscribe(subscription)
        if self.connection.channels.get(self.topic) is self:
            del self.connection.channels[self.topic]
        if notify:
            self.connection.push(Frame(self.topic, "phx_close", {}, self.join_ref, self.join_ref))

    def _deliver(self, data: dict[str, Any], ids: list[int]) -> None:
        if not self.closed:
            self.connection.push(Frame(self.topic, "postgres_changes", {"ids": ids, "data": data}))

    def _system(self, extension: str, status: str, message: str) -> None:
        self.connection.push(Frame(self.topic, "system", {
            "extension": extension, "status": status, "message": message, "channel": self.name,
        }, None, self.join_ref))

    def _shut_down(self, message: str) -> None:
        self._system("system", "error", message)
        self.close()

    def _schedule_expiry(self) -> None:
        if self._expiry is not None:
            self._expiry.cancel()
        exp = float(self.caller.claims["exp"])
        self._expiry = asyncio.get_running_loop().call_later(max(exp - time.time(), 0) + 0.01, self._expire)

    def _expire(self) -> None:
        exp = int(self.caller.claims["exp"])
        self._shut_down(f"Token has expired {int(time.time()) - exp} seconds ago")
