"""A raw Phoenix-channel client for the stand-in's Realtime: frames sent and read as they are on the wire, so
tests can assert on the protocol itself (the official clients are tested in test_realtime_clients.py)."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from devserver.keys import ProjectKeys, sign
from tests.conftest import User

Frame = dict[str, Any]


def websocket_url(base: str, apikey: str | None, vsn: str = "1.0.0") -> str:
    query = {"vsn": vsn} if apikey is None else {"apikey": apikey, "vsn": vsn}
    return base.replace("http://", "ws://") + "/realtime/v1/websocket?" + urlencode(query)


def access_token(keys: ProjectKeys, user: User, ttl: float = 3600) -> str:
    """An access token as the stand-in's Auth issues it, with a lifetime of the test's choosing."""
    now = int(time.time())
    return sign({"sub": user.user_id, "role": "authenticated", "aud": "authenticated", "email": user.email,
                 "iat": now, "exp": int(now + ttl), "session_id": "00000000-0000-0000-0000-000000000000"},
                keys.jwt_secret)


def customers_binding(**extra: str) -> dict[str, str]:
    return {"event": "*", "schema": "public", "table": "customers", **extra}


class PhoenixSocket:
    def __init__(self, conn: ClientConnection, vsn: str) -> None:
        self.conn = conn
        self.vsn = vsn
        self._ref = 0
        self.seen: list[Frame] = []

    def send(self, topic: str, event: str, payload: dict[str, Any], *, join_ref: str | None = None) -> str:
        self._ref += 1
        ref = str(self._ref)
        if self.vsn == "2.0.0":
            self.conn.send(json.dumps([join_ref, ref, topic, event, payload]))
        else:
            self.conn.send(json.dumps({"topic": topic, "event": event, "payload": payload, "ref": ref,
                                       "join_ref": join_ref}))
        return ref

    def recv(self, timeout: float = 10) -> Frame:
        raw = self.conn.recv(timeout=timeout)
        body = json.loads(raw)
        if self.vsn == "2.0.0":
            join_ref, ref, topic, event, payload = body
            body = {"join_ref": join_ref, "ref": ref, "topic": topic, "event": event, "payload": payload}
        self.seen.append(body)
        return body

    def expect(self, predicate: Callable[[Frame], bool], timeout: float = 10) -> Frame:
        """The next frame that satisfies `predicate`; TimeoutError (with what came instead) after `timeout`."""
        deadline = time.monotonic() + timeout
        skipped = []
        while (left := deadline - time.monotonic()) > 0:
            try:
                frame = self.recv(left)
            except TimeoutError:
                break
            if predicate(frame):
                return frame
            skipped.append(frame)
        raise TimeoutError(f"no matching frame within {timeout} s; got instead: {skipped!r}")

    def reply_to(self, ref: str, timeout: float = 10) -> Frame:
        return self.expect(lambda f: f["event"] == "phx_reply" and f["ref"] == ref, timeout)

    def join(self, topic: str, token: str | None, bindings: list[dict[str, str]]) -> tuple[str, Frame]:
        payload: dict[str, Any] = {"config": {"broadcast": {"ack": False, "self": False},
                                              "presence": {"enabled": False}, "private": False,
                                              "postgres_changes": bindings}}
        if token is not None:
            payload["access_token"] = token
        ref = self.send(topic, "phx_join", payload, join_ref=str(self._ref + 1))
        return ref, self.reply_to(ref)

    def subscribed(self, topic: str, token: str | None, bindings: list[dict[str, str]]) -> tuple[str, list[int]]:
        """Join and wait until the subscription is live; the join's ref and the ids of its bindings."""
        ref, reply = self.join(topic, token, bindings)
        assert reply["payload"]["status"] == "ok", reply
        system = self.expect(lambda f: f["event"] == "system" and f["topic"] == topic)
        assert system["payload"] == {"status": "ok", "extension": "postgres_changes",
                                     "message": "Subscribed to PostgreSQL", "channel": topic.split(":", 1)[1]}
        return ref, [b["id"] for b in reply["payload"]["response"]["postgres_changes"]]

    def change(self, topic: str, record_id: str, kind: str, timeout: float = 10) -> Frame:
        """The next postgres_changes of `kind` on the row `record_id` (other rows' changes are skipped)."""
        def matches(frame: Frame) -> bool:
            if frame["event"] != "postgres_changes" or frame["topic"] != topic:
                return False
            data = frame["payload"]["data"]
            row = data.get("record") or data.get("old_record") or {}
            return bool(data["type"] == kind and row.get("id") == record_id)
        return self.expect(matches, timeout)

    def about(self, record_id: str) -> list[Frame]:
        """Every postgres_changes frame read so far that concerns the row `record_id`."""
        return [f for f in self.seen if f["event"] == "postgres_changes" and record_id in json.dumps(f["payload"])]


@contextlib.contextmanager
def phoenix(base: str, apikey: str | None, vsn: str = "1.0.0") -> Iterator[PhoenixSocket]:
    with connect(websocket_url(base, apikey, vsn), open_timeout=10) as conn:
        yield PhoenixSocket(conn, vsn)


__all__ = ["ConnectionClosed", "PhoenixSocket", "access_token", "customers_binding", "phoenix", "websocket_url"]
