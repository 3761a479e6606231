"""The fault proxy itself: transparent when no fault fires, and each fault reaching an httpx client the way the sync
client will meet it."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import psycopg
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.faultproxy import Fault, FaultProxy, Seen
from tests.phoenix import access_token, customers_binding, phoenix

PREFIX = "TVS-EMP-FP-"
ROWS = 1000
PAGE = f"/employees?select=*&id=like.{PREFIX}*&order=id"


@pytest.fixture(scope="module")
def employees(database) -> Iterator[None]:
    """A thousand rows, so that a page is a body of several hundred KB, as in a real sync."""
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from employees where id like %s", (PREFIX + "%",))
        with conn.cursor() as cur:
            cur.executemany("insert into employees (id, full_name, role) values (%s, %s, 'sales')",
                            [(f"{PREFIX}{i:04d}", f"Employee {i} " + "x" * 500) for i in range(ROWS)])
    yield
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from employees where id like %s", (PREFIX + "%",))


@pytest.fixture
def proxy(standin) -> Iterator[FaultProxy]:
    with FaultProxy(standin.url) as running:
        yield running


def rest_client(base: str, service_key: str) -> httpx.Client:
    return httpx.Client(base_url=base + "/rest/v1", headers={"apikey": service_key}, timeout=10)


@pytest.fixture
def client(proxy, keys) -> Iterator[httpx.Client]:
    with rest_client(proxy.url, keys.service_key) as http:
        yield http


@pytest.fixture
def direct(standin, keys) -> Iterator[httpx.Client]:
    with rest_client(standin.url, keys.service_key) as http:
        yield http


def proxy_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "faultproxy"]


def test_pass_through_equals_direct(client, direct, employees):
    for target in (PAGE, "/employees?select=id&limit=5", "/rpc/sync_state"):
        via, expected = client.get(target), direct.get(target)
        assert (via.status_code, via.headers.get("content-range"), via.headers["content-type"]) == \
               (expected.status_code, expected.headers.get("content-range"), expected.headers["content-type"])
        assert via.content == expected.content
    assert len(client.get(PAGE).content) > 500_000
    # The upstream's Content-Range under HEAD, with no body and the Content-Length of the body not sent.
    head = client.head(PAGE, headers={"Prefer": "count=exact"})
    assert (head.status_code, head.headers["content-range"], head.content) == (200, f"0-{ROWS - 1}/{ROWS}", b"")


def test_request_bodies_and_empty_responses_pass_through(client, direct, db):
    employee = f"{PREFIX}POST"
    db.execute("delete from employees where id = %s", (employee,))
    try:
        created = client.post("/employees", json={"id": employee, "full_name": "Posted", "role": "sales"},
                              headers={"Prefer": "return=representation"})
        assert (created.status_code, created.json()[0]["full_name"]) == (201, "Posted")
        patched = client.patch(f"/employees?id=eq.{employee}", json={"full_name": "Patched"})
        assert (patched.status_code, patched.content) == (204, b"")
        assert direct.get(f"/employees?select=full_name&id=eq.{employee}").json() == [{"full_name": "Patched"}]
    finally:
        db.execute("delete from employees where id = %s", (employee,))


def test_keep_alive_carries_many_requests_on_one_connection(client, proxy):
    ports = set()
    for _ in range(300):
        response = client.get("/rpc/sync_watermark")
        assert response.status_code == 200
        ports.add(response.extensions["network_stream"].get_extra_info("client_addr")[1])
    assert len(ports) == 1
    assert len(proxy.requests) == 300


def test_chunked_upstream_is_rechunked_by_length(keys):
    """The stand-in frames every body by length, so a chunked answer comes from a server of our own."""
    body = json.dumps([{"n": i} for i in range(5000)]).encode()

    class Chunked(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 7000):
                chunk = body[start:start + 7000]
                self.wfile.write(b"%x;ext=1\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\nX-Trailer: ignored\r\n\r\n")

        def log_message(self, *args: object) -> None:
            """Quiet: the test output is not the place for an access log."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Chunked)
    serving = threading.Thread(target=server.serve_forever, name="chunked-upstream")
    serving.start()
    try:
        with FaultProxy(f"http://127.0.0.1:{server.server_address[1]}") as proxy, httpx.Client() as http:
            response = http.get(proxy.url + "/anything")
            assert (response.status_code, response.content) == (200, body)
            assert response.headers["content-length"] == str(len(body))
            assert "transfer-encoding" not in response.headers
    finally:
        server.shutdown()
        server.server_close()
        serving.join()


def test_unreachable_upstream_is_502():
    with socket.socket() as placeholder:
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    with FaultProxy(f"http://127.0.0.1:{port}") as proxy, httpx.Client() as http:
        response = http.get(proxy.url + "/rest/v1/rpc/sync_watermark")
        assert response.status_code == 502
        assert proxy.requests == [Seen("GET", "/rest/v1/rpc/sync_watermark", 502, None)]


def test_latency_delays_the_answer(client, proxy):
    fault = proxy.add(Fault("latency", path="sync_watermark", delay=0.3))
    began = time.monotonic()
    assert client.get("/rpc/sync_watermark").status_code == 200
    assert time.monotonic() - began >= 0.3
    assert fault.hits == 1
    assert proxy.requests[-1] == Seen("GET", "/rest/v1/rpc/sync_watermark", 200, "latency")


def test_status_honours_after_times_and_method(client, proxy):
    proxy.add(Fault("status", path="sync_watermark", method="POST", times=None))  # never matches a GET
    fault = proxy.add(Fault("status", path=r"/rpc/sync_watermark$", status=503, retry_after="7", times=2, after=1))
    statuses = [client.get("/rpc/sync_watermark") for _ in range(4)]
    assert [r.status_code for r in statuses] == [200, 503, 503, 200]
    assert statuses[1].headers["retry-after"] == "7"
    assert statuses[1].json() == {"message": "injected"}
    assert statuses[1].headers["content-type"].startswith("application/json")
    assert fault.hits == 2
    # The path regex is searched in path and query: another path is let through and not counted.
    assert client.get("/employees?select=id&limit=1").status_code == 200
    assert fault.hits == 2
    assert [(s.status, s.fault) for s in proxy.requests] == [(200, None), (503, "status"), (503, "status"),
                                                             (200, None), (200, None)]


def test_reset_cuts_the_body_then_service_resumes(client, proxy, employees):
    fault = proxy.add(Fault("reset", path="employees", fraction=0.3))
    received = bytearray()
    with client.stream("GET", PAGE) as response:
        # The head, with the whole body's length, arrives, then 30 % of the body, then the RST: a read error.
        assert response.status_code == 200
        full_length = int(response.headers["content-length"])
        with pytest.raises(httpx.ReadError):
            for chunk in response.iter_raw():
                received += chunk
    assert len(received) == int(full_length * 0.3)
    assert fault.hits == 1
    assert proxy.requests[-1] == Seen("GET", "/rest/v1" + PAGE, 200, "reset")
    again = client.get(PAGE)
    # The length on the wire: the stand-in gzips the page, as hosted Supabase does.
    assert (again.status_code, again.num_bytes_downloaded, len(again.json())) == (200, full_length, ROWS)


def test_reset_raises_from_a_plain_get(client, proxy, employees):
    proxy.add(Fault("reset", path="employees"))
    with pytest.raises(httpx.ReadError):
        client.get(PAGE)
    assert client.get(PAGE).status_code == 200


def test_truncate_sends_a_valid_response_with_half_the_json(client, direct, proxy, employees):
    plain = {"Accept-Encoding": "identity"}  # the cut is in the bytes sent: uncompressed, it halves the JSON
    full = direct.get(PAGE, headers=plain).content
    proxy.add(Fault("truncate", path="employees"))
    response = client.get(PAGE, headers=plain)
    assert response.status_code == 200
    assert response.content == full[:len(full) // 2]
    assert response.headers["content-length"] == str(len(full) // 2)
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert client.get(PAGE, headers=plain).content == full  # the connection was kept alive and is still good


def test_rewrite_changes_the_body_and_its_length(client, direct, proxy, employees):
    rows = direct.get(PAGE).json()
    proxy.add(Fault("rewrite", path="employees", rewrite=lambda body: json.dumps(json.loads(body)[::-1]).encode()))
    response = client.get(PAGE)
    assert response.json() == rows[::-1]
    assert response.headers["content-length"] == str(len(response.content))
    assert client.get(PAGE).json() == rows  # once
    with pytest.raises(ValueError, match="rewrite function"):
        Fault("rewrite")


def test_garbage_is_a_captive_portal_page(client, proxy):
    proxy.add(Fault("garbage"))
    response = client.get("/rpc/sync_watermark")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert proxy.requests == [Seen("GET", "/rest/v1/rpc/sync_watermark", 200, "garbage")]


def test_offline_refuses_resets_and_recovers(client, proxy, keys):
    assert client.get("/rpc/sync_watermark").status_code == 200  # a pooled keep-alive connection now exists
    proxy.offline = True
    with pytest.raises(httpx.ConnectError):
        client.get("/rpc/sync_watermark")  # the pooled connection was reset, and a new one is refused
    with rest_client(proxy.url, keys.service_key) as fresh, pytest.raises(httpx.ConnectError):
        fresh.get("/rpc/sync_watermark")
    proxy.offline = False
    assert client.get("/rpc/sync_watermark").status_code == 200
    assert [s.status for s in proxy.requests] == [200, 200]


def test_going_offline_resets_a_request_in_flight(client, proxy):
    stuck = proxy.add(Fault("latency", path="sync_watermark", delay=60))
    failures: list[Exception] = []

    def request() -> None:
        try:
            client.get("/rpc/sync_watermark")
        except httpx.TransportError as exc:
            failures.append(exc)

    in_flight = threading.Thread(target=request)
    in_flight.start()
    proxy.wait_for(lambda _: stuck.hits == 1)
    proxy.offline = True
    in_flight.join(10)
    assert not in_flight.is_alive()
    assert len(failures) == 1 and isinstance(failures[0], httpx.ReadError)  # reset while awaiting the head
    assert proxy.requests == [Seen("GET", "/rest/v1/rpc/sync_watermark", None, "offline")]
    proxy.offline = False
    proxy.clear()
    assert client.get("/rpc/sync_watermark").status_code == 200


def test_wait_for_times_out():
    with FaultProxy("http://127.0.0.1:9") as proxy, pytest.raises(TimeoutError):  # the upstream is never asked
        proxy.wait_for(lambda seen: len(seen) > 0, timeout=0.05)


def test_stop_leaves_no_thread_and_drops_connections(standin, keys):
    before = {t.ident for t in threading.enumerate()}
    proxy = FaultProxy(standin.url).start()
    stuck = proxy.add(Fault("latency", delay=60))
    errors: list[Exception] = []

    def request() -> None:
        with rest_client(proxy.url, keys.service_key) as http:
            try:
                http.get("/rpc/sync_watermark")
            except httpx.TransportError as exc:
                errors.append(exc)

    in_flight = threading.Thread(target=request)
    in_flight.start()
    proxy.wait_for(lambda _: stuck.hits == 1)
    assert len(proxy_threads()) == 1
    proxy.stop()
    in_flight.join(10)
    assert not in_flight.is_alive() and len(errors) == 1
    assert proxy_threads() == []
    assert {t.ident for t in threading.enumerate()} <= before
    proxy.stop()  # idempotent


# -- websockets (Realtime) ------------------------------------------------------------------------------------------

def test_a_websocket_passes_through_and_is_cut_on_demand(proxy, standin, keys, client, db, staff):
    customer = f"TVS-CUS-FP-{int(time.time() * 1e6)}"
    token = access_token(keys, staff)
    with phoenix(proxy.url, keys.anon_key) as socket:
        assert socket.reply_to(socket.send("phoenix", "heartbeat", {}))["payload"]["status"] == "ok"
        socket.subscribed("realtime:crm", token, [customers_binding(event="INSERT")])
        db.execute("insert into customers (id, full_name, source) values (%s, 'Via proxy', 'LN')", (customer,))
        socket.change("realtime:crm", customer, "INSERT")
        upgrade = next(s for s in proxy.requests if s.path.startswith("/realtime/v1/websocket"))
        assert (upgrade.method, upgrade.status, upgrade.fault) == ("GET", 101, None)

        assert proxy.cut_websockets() == 1
        with pytest.raises(ConnectionClosed):
            socket.recv(timeout=10)
    db.execute("delete from customers where id = %s", (customer,))
    assert client.get("/employees?select=id&limit=1").status_code == 200  # plain HTTP is untouched
    with phoenix(proxy.url, keys.anon_key) as again:  # and a new socket gets through
        assert again.reply_to(again.send("phoenix", "heartbeat", {}))["payload"]["status"] == "ok"


def test_a_proxy_that_blocks_websockets_refuses_the_upgrade(proxy, keys, client):
    blocked = proxy.add(Fault("status", path="^/realtime/", status=403, times=None))
    with pytest.raises(InvalidStatus) as refused, phoenix(proxy.url, keys.anon_key):
        pass
    assert refused.value.response.status_code == 403
    assert blocked.hits == 1
    assert client.get("/employees?select=id&limit=1").status_code == 200


def test_a_refused_handshake_comes_back_as_the_stand_in_sent_it(proxy):
    with pytest.raises(InvalidStatus) as refused, phoenix(proxy.url, "not-the-key"):
        pass
    assert refused.value.response.status_code == 401
    assert b"Invalid API key" in refused.value.response.body


def test_going_offline_drops_websockets_too(proxy, keys):
    with phoenix(proxy.url, keys.anon_key) as socket:
        socket.reply_to(socket.send("phoenix", "heartbeat", {}))
        proxy.offline = True
        with pytest.raises(ConnectionClosed):
            socket.recv(timeout=10)
    proxy.offline = False
