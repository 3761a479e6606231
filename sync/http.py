"""One pooled HTTP client for a Supabase project, with the retry policy of DESIGN.md §3: timeouts, connection
errors, cut-off or unreadable answers, 5xx and 429 are retried with capped exponential backoff and jitter,
honouring Retry-After; anything else is answered at once with a message a person can act on."""

from __future__ import annotations

import email.utils
import errno
import random
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import orjson

from sync.errors import BadResponseError, CancelledError, DeadlineError, OfflineError, ServerError
from sync.status import Reason

USER_AGENT = "vschool-crm"
# The longest one request may take, its body included: the read timeout only bounds each gap between bytes, so a
# server trickling a byte a second would otherwise hold a sync (and its lock) for as long as it likes.
REQUEST_DEADLINE = 120.0


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 300.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        # "Full jitter" between half and all of the exponential step keeps many laptops from retrying in step.
        backoff = min(self.max_delay, self.base_delay * 2 ** attempt) * random.uniform(0.5, 1.0)
        if retry_after is not None:
            return max(backoff, min(retry_after, self.max_retry_after))
        return backoff


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def normalise_url(url: str) -> str:
    """The project URL as the client uses it, or ValueError saying what is wrong with it."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"“{url}” is not a web address: it should look like https://<project>.supabase.co")
    for suffix in ("/rest/v1", "/auth/v1"):
        url = url.removesuffix(suffix)
    return url


def _os_error(exc: BaseException) -> OSError | None:
    """The socket error under an httpx error (httpx raises its own from httpcore's, from the OSError)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, OSError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


# getaddrinfo's "no such name" against "could not ask at all" (no network, no DNS server answering).
_NO_SUCH_HOST = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)}
_NO_ROUTE = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL}


def describe_transport_error(exc: Exception, url: str) -> tuple[Reason, str]:
    """What a failed connection means, and the technical detail a person can pass on."""
    host = urlsplit(url).netloc
    if isinstance(exc, httpx.ConnectTimeout):
        return Reason.NO_ANSWER, f"{host} did not answer in time (connect timeout)"
    if isinstance(exc, httpx.ConnectError):
        cause = _os_error(exc)
        detail = str(cause or exc) or "connection failed"
        if isinstance(cause, socket.gaierror):
            if cause.errno in _NO_SUCH_HOST:
                return Reason.UNKNOWN_HOST, f"No host is called {urlsplit(url).hostname} ({detail})"
            return Reason.NO_NETWORK, f"Cannot look up {urlsplit(url).hostname} ({detail})"
        if cause is not None and cause.errno in _NO_ROUTE:
            return Reason.NO_NETWORK, f"No route to {host} ({detail})"
        if isinstance(cause, ConnectionRefusedError):
            return Reason.NO_ANSWER, f"{host} refused the connection: nothing is listening there ({detail})"
        return Reason.NO_ANSWER, f"Cannot connect to {host} ({detail})"
    if isinstance(exc, httpx.TimeoutException):
        return Reason.NO_ANSWER, f"{host} stopped answering (timeout)"
    return Reason.NO_ANSWER, f"The connection to {host} broke off ({type(exc).__name__})"


def parse_json(response: httpx.Response) -> Any:
    try:
        return orjson.loads(response.content)
    except orjson.JSONDecodeError as exc:
        kind = response.headers.get("content-type", "no content type").split(";")[0]
        if "json" not in kind:
            raise BadResponseError(
                f"The server answered with {kind} instead of Supabase's JSON: is the project URL right, or is a "
                "network sign-in page in the way?", reason=Reason.NOT_SUPABASE,
            ) from exc
        raise BadResponseError("The server's answer was cut off or damaged (invalid JSON)") from exc


class SupabaseClient:
    def __init__(self, url: str, anon_key: str, *, retry: RetryPolicy | None = None,
                 timeout: httpx.Timeout | None = None, transport: httpx.BaseTransport | None = None,
                 deadline: float = REQUEST_DEADLINE) -> None:
        self.url = normalise_url(url)
        self.anon_key = anon_key
        self.retry = retry or RetryPolicy()
        self.access_token: str | None = None
        self.deadline = deadline
        self.requests = 0  # counted for reports and benchmarks ("a cycle with nothing new costs one request")
        self._count_lock = threading.Lock()
        self.http = httpx.Client(
            base_url=self.url,
            headers={"apikey": anon_key, "User-Agent": USER_AGENT, "X-Supabase-Api-Version": "2024-01-01"},
            timeout=timeout or httpx.Timeout(30.0, connect=10.0),
            limits=httpx.Limits(max_connections=8, max_keepalive_connections=4),
            transport=transport,
        )

    def close(self) -> None:
        self.http.close()

    def _headers(self, extra: dict[str, str] | None, authorised: bool) -> dict[str, str]:
        token = self.access_token if authorised and self.access_token else self.anon_key
        return {"Authorization": f"Bearer {token}", **(extra or {})}

    def _send(self, method: str, path: str, params: Any, json: Any, headers: dict[str, str],
              cancel: threading.Event | None) -> httpx.Response:
        """One exchange, its body read chunk by chunk so that a cancel or the deadline ends it between any two
        chunks rather than after the whole body. The chunks are read as they come off the wire (a compressed body
        trickled a byte at a time decodes to nothing for a long while) and decoded once, by the response."""
        ends = time.monotonic() + self.deadline
        with self.http.stream(method, path, params=params, json=json, headers=headers) as response:
            body = bytearray()
            for chunk in response.iter_raw():
                body += chunk
                if cancel is not None and cancel.is_set():
                    raise CancelledError("Sync cancelled")
                if time.monotonic() > ends:
                    raise DeadlineError(f"{urlsplit(self.url).netloc} took over {self.deadline:.0f} s to send one "
                                        "answer (a very slow or failing connection): try again later")
        # Built from the raw bytes with the answer's own headers, so that it decodes them as the answer said.
        return httpx.Response(response.status_code, headers=response.headers.multi_items(), content=bytes(body),
                              request=response.request,
                              extensions={k: v for k, v in response.extensions.items() if k == "reason_phrase"})

    def answers(self) -> bool:
        """Whether the server answers at all, in one request and no retries: the recovery probe while offline.
        Any HTTP status counts; only a failed connection or a timeout does not."""
        if self.http.is_closed:
            return False
        with self._count_lock:
            self.requests += 1
        try:
            self.http.request("HEAD", "/rest/v1/", headers=self._headers(None, False))
        except httpx.TransportError:
            return False
        return True

    def request(self, method: str, path: str, *, params: Any = None, json: Any = None,
                headers: dict[str, str] | None = None, authorised: bool = True,
                cancel: threading.Event | None = None, stop: threading.Event | None = None,
                parse: bool = True) -> tuple[httpx.Response, Any]:
        """Send with retries; return the response and (with parse) its JSON. Non-retryable HTTP errors are
        returned as they are: the caller knows what a 400 or 401 means for its call. `cancel` ends the exchange
        between any two chunks of the answer and the wait before the next attempt; `stop` only ends the
        retries, for an exchange whose answer must not be lost (a renewal's rotated refresh token). A client
        closed under the request (the window closing) ends it as cancelled."""
        last_problem, reason = "", Reason.UNKNOWN
        for attempt in range(self.retry.attempts):
            retry_after = None
            if self.http.is_closed:
                raise CancelledError("The connection was closed")
            try:
                with self._count_lock:
                    self.requests += 1
                response = self._send(method, path, params, json, self._headers(headers, authorised), cancel)
            except httpx.TransportError as exc:
                reason, last_problem = describe_transport_error(exc, self.url)
                kind: type[Exception] = OfflineError
            else:
                if response.status_code == 429 or response.status_code >= 500:
                    retry_after = _retry_after(response)
                    last_problem = f"the server is busy or failing (HTTP {response.status_code})"
                    reason, kind = Reason.SERVER_FAILING, OfflineError
                elif not parse or response.status_code in (204, 304) or not response.content:
                    return response, None
                elif response.status_code >= 400:
                    # An error page need not be JSON (a proxy's, or a URL that is not Supabase at all):
                    # the caller words the refusal from the status alone then.
                    try:
                        return response, parse_json(response)
                    except BadResponseError:
                        return response, None
                else:
                    try:
                        return response, parse_json(response)
                    except BadResponseError as exc:
                        last_problem, reason = str(exc), exc.reason
                        kind = BadResponseError
            if attempt + 1 < self.retry.attempts:
                wait = self.retry.delay(attempt, retry_after)
                interrupt = cancel or stop
                if interrupt is not None and interrupt.wait(wait):
                    raise CancelledError("cancelled")
                if interrupt is None:
                    time.sleep(wait)
        if kind is BadResponseError:
            raise BadResponseError(last_problem, reason=reason)
        raise OfflineError(f"{last_problem[:1].upper()}{last_problem[1:]}", reason=reason)


def error_message(response: httpx.Response, body: Any) -> tuple[str, str]:
    """(code, message) from any Supabase service's error body."""
    if isinstance(body, dict):
        code = str(body.get("code") or body.get("error_code") or body.get("error") or response.status_code)
        message = str(body.get("message") or body.get("msg") or body.get("error_description") or "")
        return code, message
    return str(response.status_code), response.reason_phrase


def refuse(response: httpx.Response, body: Any, doing: str) -> ServerError:
    """A clear error for an answer we cannot use, e.g. a 404 from a URL that is not a Supabase project."""
    code, message = error_message(response, body)
    if response.status_code == 401 and "API key" in message:
        return ServerError("The project's anon key was refused: check it in Settings", reason=Reason.KEY_REFUSED)
    if response.status_code == 404 and code not in ("PGRST205", "PGRST202"):
        return ServerError(f"Nothing at {response.request.url.host} answers like a Supabase project while "
                           f"{doing} (HTTP 404 for {response.request.url.path}): check the project URL",
                           reason=Reason.NOT_SUPABASE)
    return ServerError(f"The server refused {doing} (HTTP {response.status_code} {code}): {message}".strip())
