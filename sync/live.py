"""The live connection of DESIGN.md §8: one Supabase Realtime socket per signed-in account, on its own thread,
subscribed to the changes of every synced table. It only says *that* a table changed (ChangeSeen) and whether
it is subscribed (LiveState): the delta pull stays the data path, since Realtime does not promise delivery.

The access token comes from the account's Session, which renews it when it is about to expire; the renewed
token goes out on the socket as an `access_token` message before the old one runs out, so there is one refresh
path for the engine and the socket alike. A session the server ended ends the connection (SIGNED_OUT). A
socket that cannot be had at all (a proxy refusing the upgrade, a server without Realtime) is reported as
UNAVAILABLE with the reason and tried again rarely: the schedule keeps the cache current meanwhile.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import orjson
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection, connect

from sync.errors import SignedOutError, SyncError
from sync.session import Session
from sync.status import Live

log = logging.getLogger(__name__)

VSN = "1.0.0"
TOPIC = "realtime:vschool-crm"
HEARTBEAT_S = 25.0  # Phoenix closes a socket silent for 60 s; supabase-js beats every 25 s
RECONNECT_FIRST_S = 1.0
RECONNECT_MAX_S = 60.0
UNAVAILABLE_RETRY_S = 600.0  # a socket refused outright is asked for again this rarely
OPEN_TIMEOUT_S = 10.0
JOIN_TIMEOUT_S = 10.0
RENEW_MARGIN_S = 60.0  # the renewed token goes out this long before the old one expires (less for short ones)


@dataclass(frozen=True)
class ChangeSeen:
    table: str


@dataclass(frozen=True)
class LiveState:
    state: Live
    reason: str = ""


LiveEvent = ChangeSeen | LiveState
LiveListener = Callable[[LiveEvent], None]


class _Unavailable(Exception):
    """The server will not give this client a subscription: no use retrying soon."""


class _Reconnect(Exception):
    """The socket or the channel ended: connect again after the backoff."""


def websocket_url(url: str, anon_key: str) -> str:
    base = "wss://" + url.removeprefix("https://") if url.startswith("https://") else \
        "ws://" + url.removeprefix("http://")
    return f"{base}/realtime/v1/websocket?" + urlencode({"apikey": anon_key, "vsn": VSN})


class LiveConnection:
    def __init__(self, url: str, anon_key: str, session: Session, tables: Iterable[str], listener: LiveListener,
                 *, heartbeat: float = HEARTBEAT_S) -> None:
        self.url = websocket_url(url, anon_key)
        self.session = session
        self.tables = tuple(tables)
        self.listener = listener
        self.heartbeat = heartbeat
        self.state = Live.OFF
        self.heartbeats = 0  # sent, for the idle-cost figures
        self._stop = threading.Event()
        self._wake = threading.Event()  # ends a reconnection's wait early
        self._socket: ClientConnection | None = None
        self._lock = threading.Lock()
        self._ref = 0
        self._join_ref: str | None = None
        self._thread = threading.Thread(target=self._run, name="live", daemon=True)

    # --- the caller's side ---------------------------------------------------------------------------------

    def start(self) -> LiveConnection:
        self._thread.start()
        return self

    def stop(self, timeout: float | None = None) -> bool:
        """End the connection: the socket is closed under its thread, and a token renewal in flight makes no
        further attempt. Waits for the thread at most `timeout` seconds (None: until it ends), so that no one
        waits on the network; whether it has ended (`join` waits for the rest)."""
        self._stop.set()
        self._wake.set()
        with self._lock:
            socket = self._socket
        if socket is not None:
            with contextlib.suppress(Exception):
                socket.close()
        return self.join(timeout)

    def join(self, timeout: float | None = None) -> bool:
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def nudge(self) -> None:
        """The server answers again (a sync just worked): a reconnection waiting out its backoff tries now."""
        if self.state == Live.RECONNECTING:
            self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # --- the connection's thread ---------------------------------------------------------------------------

    def _say(self, state: Live, reason: str = "") -> None:
        if state != self.state or reason:
            self.state = state
            self.listener(LiveState(state, reason))

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._say(Live.CONNECTING)
            try:
                self._session_once()
                failures = 0  # a socket that was live and then dropped starts the backoff over
                wait = RECONNECT_FIRST_S * random.uniform(0.5, 1.0)
            except SignedOutError as exc:
                self._say(Live.SIGNED_OUT, str(exc))
                return
            except _Unavailable as exc:
                self._say(Live.UNAVAILABLE, str(exc))
                wait = UNAVAILABLE_RETRY_S
            except (_Reconnect, SyncError, OSError, WebSocketException) as exc:
                failures += 1
                if not self._stop.is_set():
                    self._say(Live.RECONNECTING, _reason(exc))
                # "Full jitter" as the HTTP retries have it: many laptops never reconnect in step.
                wait = min(RECONNECT_MAX_S, RECONNECT_FIRST_S * 2 ** failures) * random.uniform(0.5, 1.0)
            self._wake.wait(wait)
            self._wake.clear()
        self.state = Live.OFF

    def _session_once(self) -> None:
        """One socket from connect to its end; returns when stopped, raises why it ended otherwise."""
        token, left = self.session.fresh_token(stop=self._stop)
        try:
            socket = connect(self.url, open_timeout=OPEN_TIMEOUT_S, ping_interval=None, close_timeout=2,
                             user_agent_header="vschool-crm")
        except InvalidStatus as exc:
            status = exc.response.status_code
            if status in (401, 403, 404, 426) or 400 <= status < 500:
                raise _Unavailable(f"the server refused the websocket (HTTP {status})") from exc
            raise _Reconnect(f"the server could not open a websocket (HTTP {status})") from exc
        except InvalidHandshake as exc:
            raise _Unavailable(f"the server does not speak websockets here ({exc})") from exc
        with self._lock:
            self._socket = socket
        try:
            if self._stop.is_set():
                return
            self._join(socket, token)
            self._listen(socket, token, left)
        except ConnectionClosed as exc:
            if self._stop.is_set():
                return
            raise _Reconnect("the connection was closed") from exc
        finally:
            with self._lock:
                self._socket = None
            with contextlib.suppress(Exception):
                socket.close()

    def _send(self, socket: ClientConnection, topic: str, event: str, payload: dict[str, Any]) -> str:
        self._ref += 1
        ref = str(self._ref)
        socket.send(orjson.dumps({"topic": topic, "event": event, "payload": payload, "ref": ref,
                                  "join_ref": self._join_ref}).decode())
        return ref

    def _join(self, socket: ClientConnection, token: str) -> None:
        self._join_ref = None
        changes = [{"event": "*", "schema": "public", "table": t} for t in self.tables]
        self._join_ref = ref = self._send(socket, TOPIC, "phx_join", {
            "config": {"broadcast": {"self": False}, "presence": {"key": ""}, "postgres_changes": changes},
            "access_token": token})
        deadline = time.monotonic() + JOIN_TIMEOUT_S
        replied = False
        while True:
            frame = _frame(socket.recv(timeout=max(0.0, deadline - time.monotonic())))
            if frame.get("topic") != TOPIC:
                continue
            payload = frame.get("payload") or {}
            if frame.get("event") == "phx_reply" and frame.get("ref") == ref:
                if payload.get("status") != "ok":
                    reason = (payload.get("response") or {}).get("reason") or "the channel was refused"
                    if "token" in str(reason).lower() or "jwt" in str(reason).lower():
                        raise _Reconnect(f"the channel refused the access token: {reason}")
                    raise _Unavailable(str(reason))
                replied = True
            elif frame.get("event") == "system" and replied:
                if payload.get("extension") == "postgres_changes":
                    if payload.get("status") == "ok":
                        self._say(Live.LIVE)
                        return
                    raise _Unavailable(str(payload.get("message") or "the subscription failed"))
            elif frame.get("event") == "phx_close":
                raise _Reconnect("the channel was closed while joining")

    def _listen(self, socket: ClientConnection, token: str, left: float) -> None:
        now = time.monotonic()
        next_beat = now + self.heartbeat
        renew_at = now + _renew_after(left)
        waiting: str | None = None  # the heartbeat whose reply has not come yet
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= next_beat:
                if waiting is not None:
                    raise _Reconnect("the server stopped answering heartbeats")
                waiting = self._send(socket, "phoenix", "heartbeat", {})
                self.heartbeats += 1
                next_beat = now + self.heartbeat
            if now >= renew_at:
                token, left = self.session.fresh_token(stop=self._stop)
                self._send(socket, TOPIC, "access_token", {"access_token": token})
                renew_at = time.monotonic() + _renew_after(left)
            try:
                raw = socket.recv(timeout=max(0.0, min(next_beat, renew_at) - time.monotonic()))
            except TimeoutError:
                continue
            frame = _frame(raw)
            event, payload = frame.get("event"), frame.get("payload") or {}
            if frame.get("topic") == "phoenix":
                if event == "phx_reply" and frame.get("ref") == waiting:
                    waiting = None
            elif frame.get("topic") != TOPIC:
                continue
            elif event == "postgres_changes":
                table = (payload.get("data") or {}).get("table")
                if table in self.tables:
                    self.listener(ChangeSeen(str(table)))
            elif event == "system" and payload.get("status") == "error":
                # The channel's token expired or was refused: a new socket starts with a fresh one.
                raise _Reconnect(str(payload.get("message") or "the channel ended"))
            elif event in ("phx_close", "phx_error"):
                raise _Reconnect("the server closed the channel")


def _renew_after(left: float) -> float:
    """Seconds until the token is renewed on the socket: a minute before it expires, or halfway for short ones."""
    return max(1.0, left - min(RENEW_MARGIN_S, left / 2))


def _frame(raw: str | bytes) -> dict[str, Any]:
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise _Reconnect("the server sent a frame that is not JSON") from exc
    if not isinstance(body, dict):
        raise _Reconnect("the server sent a frame this client does not read")
    return body


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "the server did not answer in time"
    if isinstance(exc, ConnectionRefusedError):
        return "the server refused the connection"
    return str(exc) or type(exc).__name__
