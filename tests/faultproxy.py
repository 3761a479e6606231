"""A fault-injecting HTTP/1.1 reverse proxy: the sync client talks to it instead of the stand-in, and a test makes the
network between them misbehave — slow, failing with a status, reset mid-body, truncated, rewritten (a server that
ignores part of a query), replaced by a captive portal's page, trickled a byte at a time, or gone altogether. A
websocket upgrade is passed through (bytes both ways once the upstream has switched protocols) until either side
closes, `cut_websockets()` resets it, or the proxy goes offline; a status fault on its path refuses it, as a proxy
that blocks websockets does.

It runs its own asyncio loop on a background thread, so tests and the code under test call it from any thread.
Messages are read whole into memory: a few MB is the most it carries, and holding the whole upstream body is what
lets it cut a body at a fraction of its real length. Each forwarded request gets its own upstream connection, so an
idle upstream connection that the server has timed out can never swallow a request."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import fcntl
import json
import re
import socket
import struct
import termios
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Literal, TypeVar, get_args
from urllib.parse import urlsplit

FaultKind = Literal["latency", "status", "reset", "truncate", "garbage", "rewrite", "trickle"]
LOOPBACK = "127.0.0.1"
# The longest header block or chunk-size line accepted; bodies are read by length and are not bound by it.
_STREAM_LIMIT = 1 << 20
# How long a caller waits for the loop thread to carry out start, stop or a switch of `offline`.
_CONTROL_TIMEOUT = 10.0
# How long a reset waits for the client to take in the part of the body it is to get before the connection dies.
_DELIVERY_TIMEOUT = 5.0
# Connection-scoped headers (RFC 9110 §7.6.1): each side's framing and keep-alive is the proxy's own business.
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
                         "upgrade"})
_DEFAULT_BODIES: dict[str, bytes] = {
    "status": b'{"message":"injected"}',
    "garbage": b"<html><body><h1>Sign in to the Wi-Fi to continue</h1></body></html>",
}
_T = TypeVar("_T")

Headers = list[tuple[str, str]]


@dataclass(eq=False)
class Fault:
    """One rule: which requests it catches and what it does to them. Compared by identity, so two alike faults
    added twice count their requests separately."""

    kind: FaultKind
    path: str = ""  # a regex searched in the request target (path and query); "" matches every request
    method: str | None = None
    times: int | None = 1  # how many requests it fires on; None for no limit
    after: int = 0  # matching requests let through untouched before it starts firing
    delay: float = 0.0  # latency: seconds between the upstream's answer and the client getting it; trickle: per byte
    status: int = 503  # status: the canned status code
    retry_after: str | None = None  # status: the Retry-After header
    body: bytes | None = None  # status/garbage: the canned body; None for a JSON message or a captive portal's HTML
    fraction: float = 0.5  # reset/truncate: the share of the upstream body the client gets
    rewrite: Callable[[bytes], bytes] | None = None  # rewrite: the upstream body → the body the client gets
    _hits: int = field(default=0, init=False, repr=False)
    _matched: int = field(default=0, init=False, repr=False)
    _pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in get_args(FaultKind):
            raise ValueError(f"unknown fault kind {self.kind!r}")
        if (self.kind == "rewrite") != (self.rewrite is not None):
            raise ValueError("a rewrite fault, and only one, takes a rewrite function")
        if not 0.0 <= self.fraction <= 1.0:
            raise ValueError(f"fraction must be within [0, 1], not {self.fraction}")
        self._pattern = re.compile(self.path)

    @property
    def hits(self) -> int:
        """How many requests this fault has fired on."""
        return self._hits

    def _fires(self, method: str, target: str) -> bool:
        """Count a request against the rule; True if the fault applies to it. Called under the proxy's lock."""
        if self.times is not None and self._hits >= self.times:
            return False
        if self.method is not None and self.method.upper() != method:
            return False
        if not self._pattern.search(target):
            return False
        self._matched += 1
        if self._matched <= self.after:
            return False
        self._hits += 1
        return True

    def _canned(self) -> _Response:
        """The answer a status or garbage fault gives instead of asking the upstream."""
        body = self.body if self.body is not None else _DEFAULT_BODIES[self.kind]
        if self.kind == "garbage":
            return _Response(200, "OK", [("Content-Type", "text/html; charset=utf-8")], body)
        headers = [("Content-Type", "application/json; charset=utf-8")]
        if self.retry_after is not None:
            headers.append(("Retry-After", self.retry_after))
        return _Response(self.status, _reason(self.status), headers, body)


@dataclass(frozen=True)
class Seen:
    """A request the proxy handled and what came of it."""

    method: str
    path: str  # the request target: path and query
    status: int | None  # the status sent to the client; None when the connection was cut before any answer
    fault: str | None  # the kind of fault applied, "offline" if going offline cut the request off, else None


@dataclass
class _Request:
    method: str
    target: str
    version: str
    headers: Headers
    body: bytes | None  # None when the request has no body framing at all (a GET), b"" for an empty body

    @property
    def upgrade(self) -> bool:
        return (_header(self.headers, "upgrade") or "").lower() == "websocket"

    @property
    def keep_alive(self) -> bool:
        tokens = {t.strip().lower() for t in (_header(self.headers, "connection") or "").split(",")}
        return "close" not in tokens if self.version == "HTTP/1.1" else "keep-alive" in tokens

    def encode_for(self, host: str) -> bytes:
        """The request as sent upstream: Host rewritten, body re-framed by Content-Length, and the upstream told to
        close after answering, which is how the proxy knows the connection is finished with."""
        lines = [f"{self.method} {self.target} HTTP/1.1", f"Host: {host}"]
        lines += [f"{k}: {v}" for k, v in self.headers
                  if k.lower() not in _HOP_BY_HOP and k.lower() not in ("host", "content-length")]
        if self.body is not None:
            lines.append(f"Content-Length: {len(self.body)}")
        lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (self.body or b"")

    def encode_upgrade_for(self, host: str) -> bytes:
        """A websocket handshake as sent upstream: only Host rewritten, Connection and Upgrade kept."""
        lines = [f"{self.method} {self.target} HTTP/1.1", f"Host: {host}"]
        lines += [f"{k}: {v}" for k, v in self.headers if k.lower() != "host"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


@dataclass
class _Response:
    status: int
    reason: str
    headers: Headers  # without hop-by-hop headers, and without Content-Length unless `bodiless`
    body: bytes
    bodiless: bool = False  # a HEAD, 204 or 304 answer: any Content-Length describes a body never sent, so keep it

    def head(self, *, length: int | None, close: bool) -> bytes:
        lines = [f"HTTP/1.1 {self.status} {self.reason}", *(f"{k}: {v}" for k, v in self.headers)]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        if close:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


class FaultProxy:
    """A reverse proxy in front of `upstream` (http://host:port) on an ephemeral loopback port."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname or parts.path not in ("", "/"):
            raise ValueError(f"upstream must be http://host:port, not {upstream!r}")
        self._upstream = (parts.hostname, parts.port or 80)
        self._upstream_host = parts.netloc
        self.url = ""
        # Guards the fault list, the fault counters and the log; waited on by wait_for.
        self._state = threading.Condition()
        self._faults: list[Fault] = []
        self._seen: list[Seen] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        # Touched only on the loop thread (`offline` is read anywhere: a bool is safe to read).
        self._offline = False
        self._port = 0
        self._server: asyncio.Server | None = None
        self._connections: dict[asyncio.Task[Any], asyncio.StreamWriter] = {}
        self._tunnels: set[tuple[asyncio.StreamWriter, asyncio.StreamWriter]] = set()  # (client, upstream)

    # -- lifecycle ----------------------------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        if self._thread is not None:
            raise RuntimeError("the proxy is already running")
        sock = _listening_socket(0)
        self._port = sock.getsockname()[1]
        self.url = f"http://{LOOPBACK}:{self._port}"
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=_run_loop, args=(loop,), name="faultproxy", daemon=True)
        self._thread.start()
        try:
            self._call(self._listen, sock)
        except BaseException:
            sock.close()
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Drop every connection and join the loop thread; a no-op when not running."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            self._call(self._shutdown)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(_CONTROL_TIMEOUT)
            self._loop = self._thread = None
        if thread.is_alive():
            raise RuntimeError("the fault proxy's thread did not stop")

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- faults and the log -------------------------------------------------------------------------------------

    def add(self, fault: Fault) -> Fault:
        """Append a fault; faults are consulted in the order added and the first that fires wins."""
        with self._state:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault; the log is kept."""
        with self._state:
            self._faults.clear()

    @property
    def requests(self) -> list[Seen]:
        """A snapshot of every request handled so far, in the order they were answered (or cut off)."""
        with self._state:
            return list(self._seen)

    def wait_for(self, predicate: Callable[[list[Seen]], bool], timeout: float = 10) -> None:
        """Block until `predicate(requests)` holds; TimeoutError after `timeout` seconds. The predicate is checked
        whenever a request is logged or a fault fires, so it may also watch `Fault.hits`: a latency fault's hit
        means its request has arrived and is being held."""
        with self._state:
            if not self._state.wait_for(lambda: predicate(list(self._seen)), timeout):
                raise TimeoutError(f"not met within {timeout} s; last requests seen: {self._seen[-5:]!r}")

    def cut_websockets(self) -> int:
        """Reset every websocket passing through (both sides, as a dropped network does); how many there were.
        New upgrades still pass: only a fault or going offline stops those."""
        return self._call(self._cut_tunnels)

    @property
    def offline(self) -> bool:
        return self._offline

    @offline.setter
    def offline(self, value: bool) -> None:
        """Going offline refuses new connections and resets every open one, idle or mid-request, as a lost network
        does; going back online listens on the same port again. Takes effect before the setter returns."""
        self._call(self._set_offline, value)

    # -- the loop thread ----------------------------------------------------------------------------------------

    def _call(self, fn: Callable[..., Coroutine[Any, Any, _T]], *args: object) -> _T:
        """Run a coroutine on the loop thread and wait for its result."""
        if self._loop is None:
            raise RuntimeError("the proxy is not running")
        return asyncio.run_coroutine_threadsafe(fn(*args), self._loop).result(_CONTROL_TIMEOUT)

    async def _listen(self, sock: socket.socket) -> None:
        self._server = await asyncio.start_server(self._serve, sock=sock, limit=_STREAM_LIMIT)

    async def _set_offline(self, value: bool) -> None:
        if value == self._offline:
            return
        self._offline = value
        if value:
            self._stop_listening()
            for task, writer in self._connections.items():
                _reset(writer)
                task.cancel()
            # Their requests cut off are logged by the time the setter returns.
            await asyncio.gather(*self._connections, return_exceptions=True)
        else:
            await self._listen(_listening_socket(self._port))

    async def _cut_tunnels(self) -> int:
        tunnels = list(self._tunnels)
        for client, upstream in tunnels:
            _reset(client)
            _reset(upstream)
        return len(tunnels)

    async def _shutdown(self) -> None:
        self._stop_listening()
        for task, writer in self._connections.items():
            writer.transport.abort()
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    def _stop_listening(self) -> None:
        # Server.close() closes the listening socket at once, so connects are refused from here on.
        if self._server is not None:
            self._server.close()
            self._server = None

    def _take(self, request: _Request) -> Fault | None:
        with self._state:
            fault = next((f for f in self._faults if f._fires(request.method, request.target)), None)
            if fault is not None:
                self._state.notify_all()  # a waiter may be watching Fault.hits to know a request is in flight
            return fault

    def _record(self, seen: Seen) -> None:
        with self._state:
            self._seen.append(seen)
            self._state.notify_all()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """One client connection: requests answered one after another while the client keeps it alive."""
        if self._offline:  # accepted just before the listener closed
            _reset(writer)
            return
        # asyncio turns Nagle's algorithm off only for sockets whose proto is IPPROTO_TCP, and accepted ones have 0:
        # left on, the body written after the head waits for the client's delayed ACK, 40 ms a response.
        writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        task = asyncio.current_task()
        assert task is not None
        self._connections[task] = writer
        try:
            while (request := await _read_request(reader)) is not None:
                if not await self._answer(request, reader, writer):
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass  # the client went away or sent something that is not HTTP/1.1: drop it, as a server would
        except asyncio.CancelledError:
            # Stopping (or going offline) cancels the connection: its normal end. Left to end cancelled, the
            # task is logged as an error by Python 3.11's stream callback (it asks a cancelled task for its
            # exception).
            pass
        finally:
            del self._connections[task]
            await _close(writer)

    async def _answer(self, request: _Request, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Answer one request, through its fault if one fires; False when the connection is finished."""
        fault = self._take(request)
        kind = fault.kind if fault is not None else None
        if fault is not None and fault.kind in ("status", "garbage"):
            response = fault._canned()
        elif request.upgrade:
            await self._tunnel(request, reader, writer)
            return False
        else:
            if fault is not None and fault.rewrite is not None:
                # The rewrite reads and changes the body as the server wrote it: ask for it uncompressed.
                request = dataclasses.replace(request, headers=[
                    (k, v) for k, v in request.headers if k.lower() != "accept-encoding"])
            try:
                response = await self._forward(request)
                if fault is not None and fault.kind == "latency":
                    await asyncio.sleep(fault.delay)
            except asyncio.CancelledError:
                if self._offline:  # cut off while waiting for the upstream or held back by latency
                    self._record(Seen(request.method, request.target, None, "offline"))
                raise
        body = response.body
        if fault is not None and fault.kind in ("reset", "truncate"):
            body = body[:int(len(body) * fault.fraction)]
        elif fault is not None and fault.rewrite is not None:
            body = fault.rewrite(body)
        # A reset announces the whole body so that the client is left waiting for the rest when the connection dies.
        length = None if response.bodiless else len(response.body if kind == "reset" else body)
        close = not request.keep_alive
        # Logged before it is sent, so that a client holding the answer always finds it in the log.
        self._record(Seen(request.method, request.target, response.status, kind))
        writer.write(response.head(length=length, close=close))
        if fault is not None and kind == "trickle":
            for at in range(len(body)):
                writer.write(body[at:at + 1])
                await writer.drain()
                await asyncio.sleep(fault.delay)
        else:
            writer.write(body)
        if kind == "reset":
            # Drain to empty, not to the usual high-water mark: abort() discards whatever is still buffered.
            writer.transport.set_write_buffer_limits(high=0)
            await writer.drain()
            await _delivered(writer)
            _reset(writer)
            return False
        await writer.drain()
        return not close

    async def _forward(self, request: _Request) -> _Response:
        """The upstream's answer, or a 502 when it cannot be had (the stand-in stopped, or answered nonsense)."""
        try:
            reader, writer = await asyncio.open_connection(*self._upstream, limit=_STREAM_LIMIT)
        except OSError as exc:
            return _bad_gateway(exc)
        try:
            writer.write(request.encode_for(self._upstream_host))
            await writer.drain()
            return await _read_response(reader, request.method)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            return _bad_gateway(exc)
        finally:
            await _close(writer)


    async def _tunnel(self, request: _Request, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """A websocket upgrade: the handshake forwarded, and once the upstream switches protocols, bytes copied both
        ways until either side closes or the tunnel is cut. A refused handshake is passed back as it came."""
        try:
            up_reader, up_writer = await asyncio.open_connection(*self._upstream, limit=_STREAM_LIMIT)
        except OSError as exc:
            response = _bad_gateway(exc)
            self._record(Seen(request.method, request.target, response.status, None))
            writer.write(response.head(length=len(response.body), close=True) + response.body)
            await writer.drain()
            return
        try:
            up_writer.write(request.encode_upgrade_for(self._upstream_host))
            await up_writer.drain()
            head = await up_reader.readuntil(b"\r\n\r\n")
            start, headers = _parse_head(head)
            status = int(start.split(" ")[1])
            if status != 101:
                body = await _read_body(up_reader, headers) or b""
                kept = [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP and k.lower() != "content-length"]
                refused = _Response(status, start.partition(" ")[2].partition(" ")[2], kept, body)
                self._record(Seen(request.method, request.target, status, None))
                writer.write(refused.head(length=len(body), close=True) + body)
                await writer.drain()
                return
            self._record(Seen(request.method, request.target, status, None))
            writer.write(head)
            await writer.drain()
            tunnel = (writer, up_writer)
            self._tunnels.add(tunnel)
            try:
                copies = [asyncio.create_task(_copy(reader, up_writer)), asyncio.create_task(_copy(up_reader, writer))]
                try:
                    await asyncio.wait(copies, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for copy in copies:
                        copy.cancel()
                    await asyncio.gather(*copies, return_exceptions=True)
            finally:
                self._tunnels.discard(tunnel)
        finally:
            await _close(up_writer)


async def _copy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """One direction of a tunnel, until its reader ends or either side is reset."""
    with contextlib.suppress(ConnectionError, OSError):
        while data := await reader.read(1 << 16):
            writer.write(data)
            await writer.drain()


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    """The proxy thread: serve until stopped, then tidy up as asyncio.run would."""
    try:
        loop.run_forever()
    finally:
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


def _listening_socket(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Coming back online rebinds the port while the connections just reset may still linger in TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
        sock.listen(512)
    except OSError:
        sock.close()
        raise
    return sock


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP RST rather than a FIN: zero linger makes close() abortive."""
    transport = writer.transport
    if not transport.is_closing():
        transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def _delivered(writer: asyncio.StreamWriter) -> None:
    """Wait until the kernel has handed every byte written to the peer, or a few seconds if the peer stops reading.
    A RST throws away what is still queued on the sending side (what the peer has received it can still read), so
    without this the client would lose an unpredictable part of the head and body it was meant to get before the
    reset. The kernel has no event for it, hence the polling."""
    fd = writer.get_extra_info("socket").fileno()
    deadline = asyncio.get_running_loop().time() + _DELIVERY_TIMEOUT
    while struct.unpack("i", fcntl.ioctl(fd, termios.TIOCOUTQ, bytes(4)))[0]:  # bytes not yet acknowledged
        if asyncio.get_running_loop().time() > deadline:
            return
        await asyncio.sleep(0.001)


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close and wait until the socket is really closed, so that none is left for the garbage collector to find
    open (a ResourceWarning there fails the test run)."""
    writer.close()
    with contextlib.suppress(OSError):  # it was reset: closed all the same
        await writer.wait_closed()


def _header(headers: Headers, name: str) -> str | None:
    return next((v for k, v in headers if k.lower() == name), None)


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _bad_gateway(exc: BaseException) -> _Response:
    body = json.dumps({"message": f"fault proxy: no answer from upstream: {exc!r}"}).encode()
    return _Response(502, "Bad Gateway", [("Content-Type", "application/json; charset=utf-8")], body)


def _parse_head(head: bytes) -> tuple[str, Headers]:
    """The start line and headers of a message head ending in a blank line; ValueError for a malformed one."""
    start, *lines = head[:-4].decode("latin-1").split("\r\n")
    headers: Headers = []
    for line in lines:
        name, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"malformed header line {line!r}")
        headers.append((name.strip(), value.strip()))
    return start, headers


async def _read_body(reader: asyncio.StreamReader, headers: Headers) -> bytes | None:
    """The body framed by chunked encoding or Content-Length; None when the headers frame no body."""
    if "chunked" in (_header(headers, "transfer-encoding") or "").lower():
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)  # the CRLF after each chunk
        while await reader.readuntil(b"\r\n") != b"\r\n":
            pass  # trailer fields: dropped, as nothing downstream needs them
        return b"".join(parts)
    length = _header(headers, "content-length")
    return None if length is None else await reader.readexactly(int(length))


async def _read_request(reader: asyncio.StreamReader) -> _Request | None:
    """The next request on a connection; None when the client closed it cleanly between requests."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        if exc.partial:
            raise
        return None
    start, headers = _parse_head(head)
    method, target, version = start.split(" ")
    return _Request(method, target, version, headers, await _read_body(reader, headers))


async def _read_response(reader: asyncio.StreamReader, method: str) -> _Response:
    start, headers = _parse_head(await reader.readuntil(b"\r\n\r\n"))
    status_text, _, reason = start.partition(" ")[2].partition(" ")  # the reason phrase may be empty
    status = int(status_text)
    bodiless = method == "HEAD" or status in (204, 304)
    kept = [(k, v) for k, v in headers if k.lower() not in _HOP_BY_HOP and (bodiless or k.lower() != "content-length")]
    if bodiless:
        return _Response(status, reason, kept, b"", bodiless=True)
    body = await _read_body(reader, headers)
    # Without framing the body runs to the end of the connection, which the upstream closes as asked.
    return _Response(status, reason, kept, body if body is not None else await reader.read())
