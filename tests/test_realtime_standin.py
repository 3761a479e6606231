"""The stand-in's Realtime on the wire (reference §9): the Phoenix frames, the JWT checks on join and renewal, the
changes the database announces, RLS per subscriber, and the publication deciding what is streamed."""

from __future__ import annotations

import time
import uuid

import httpx
import psycopg
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from devserver.changefeed import Column, SubscribeError, TableView, parse_filter
from tests.conftest import make_user
from tests.phoenix import access_token, customers_binding, phoenix, websocket_url

TOPIC = "realtime:crm"


def new_id() -> str:
    return f"TVS-CUS-RT-{uuid.uuid4().hex[:12]}"


def insert_customer(db, customer_id: str, **columns: str) -> None:
    names = ["id", "full_name", "source", *columns]
    db.execute(f"insert into customers ({', '.join(names)}) values ({', '.join(['%s'] * len(names))})",
               [customer_id, "Realtime Test", "LN", *columns.values()])


def test_filters_compare_as_the_column_type_compares():
    view = TableView("public", "orders", (Column("id", "text", "text"), Column("total_thb", "numeric", "numeric"),
                                          Column("paid", "bool", "boolean")), (Column("id", "text", "text"),))

    def admitted(text: str, record: dict) -> bool:
        return all(f.admits(record, view) for f in parse_filter(text))

    assert admitted("total_thb=gt.99.5", {"total_thb": 100})
    assert not admitted("total_thb=gt.100", {"total_thb": 100.0})
    assert admitted("id=in.(A,B),total_thb=lte.10", {"id": "B", "total_thb": 10})
    assert not admitted("id=in.(A,B),total_thb=lte.10", {"id": "C", "total_thb": 1})
    assert admitted("paid=eq.true", {"paid": True}) and not admitted("paid=eq.true", {"paid": False})
    assert not admitted("id=neq.A", {"id": None})  # NULL matches nothing, as in SQL
    assert admitted("total_thb=gt.5", {"id": "A"})  # a delete's key-only record passes a filter on other columns
    assert parse_filter("  ") == ()
    for bad in ("undefined", "id=eq", "id=like.x", "id=in.A,B"):
        with pytest.raises(SubscribeError, match="Error parsing `filter` params"):
            parse_filter(bad)


@pytest.fixture
def user_token(staff, keys):
    return access_token(keys, staff)


@pytest.mark.parametrize("vsn", ["1.0.0", "2.0.0"])
def test_heartbeat_is_answered(standin, keys, vsn):
    with phoenix(standin.url, keys.anon_key, vsn) as socket:
        ref = socket.send("phoenix", "heartbeat", {})
        reply = socket.reply_to(ref)
    assert reply["topic"] == "phoenix"
    assert reply["payload"] == {"status": "ok", "response": {}}
    if vsn == "1.0.0":
        assert set(reply) == {"topic", "event", "payload", "ref"}  # Phoenix's V1 serializer sends no join_ref


def test_api_key_is_checked_before_the_upgrade(standin, keys):
    for apikey, message in [(None, "No API key found in request"), ("not-the-key", "Invalid API key")]:
        with pytest.raises(InvalidStatus) as refused, phoenix(standin.url, apikey):
            pass
        assert refused.value.response.status_code == 401
        assert message.encode() in refused.value.response.body


def test_an_unknown_protocol_version_is_refused_clearly(standin, keys):
    with pytest.raises(InvalidStatus) as refused, phoenix(standin.url, keys.anon_key, "3.0.0"):
        pass
    assert refused.value.response.status_code == 403
    assert b"1.0.0 and 2.0.0" in refused.value.response.body


@pytest.mark.parametrize("vsn", ["1.0.0", "2.0.0"])
def test_join_reply_ids_system_message_and_an_insert_update_delete(standin, db, keys, user_token, vsn):
    customer = new_id()
    with phoenix(standin.url, keys.anon_key, vsn) as socket:
        _, reply = socket.join(TOPIC, user_token, [customers_binding()])
        assert reply["payload"]["status"] == "ok"
        (binding,) = reply["payload"]["response"]["postgres_changes"]
        assert {k: binding[k] for k in ("event", "schema", "table")} == customers_binding()
        assert isinstance(binding["id"], int) and binding["id"] > 0
        system = socket.expect(lambda f: f["event"] == "system")
        assert system["payload"] == {"status": "ok", "extension": "postgres_changes",
                                     "message": "Subscribed to PostgreSQL", "channel": "crm"}
        assert system["ref"] is None

        # Each change waits for the previous one's message: a record is read as the subscriber after the commit,
        # and a row already gone by then sends nothing (Realtime checks RLS on the live row too).
        insert_customer(db, customer, phone="0812345678")
        inserted = socket.change(TOPIC, customer, "INSERT")
        assert inserted["ref"] is None and inserted.get("join_ref") is None  # sent as Realtime's fastlane sends it
        assert inserted["payload"]["ids"] == [binding["id"]]
        data = inserted["payload"]["data"]
        assert set(data) == {"schema", "table", "commit_timestamp", "type", "columns", "record", "errors"}
        assert (data["schema"], data["table"], data["errors"]) == ("public", "customers", None)
        assert data["record"]["phone"] == "0812345678" and data["record"]["tags"] == []
        assert time.strptime(data["commit_timestamp"], "%Y-%m-%dT%H:%M:%S.%fZ")
        columns = {c["name"]: c["type"] for c in data["columns"]}
        assert list(columns)[:2] == ["id", "full_name"]  # table order
        assert (columns["tags"], columns["updated_at"], columns["txid"]) == ("_text", "timestamptz", "int8")

        db.execute("update customers set segment = 'vip' where id = %s", (customer,))
        updated = socket.change(TOPIC, customer, "UPDATE")["payload"]["data"]
        assert updated["record"]["segment"] == "vip"
        assert updated["old_record"] == {"id": customer}

        db.execute("delete from customers where id = %s", (customer,))
        deleted = socket.change(TOPIC, customer, "DELETE")["payload"]["data"]
        assert deleted["old_record"] == {"id": customer}
        assert "record" not in deleted


def test_a_soft_delete_is_an_update_with_deleted_at(standin, db, keys, user_token):
    customer = new_id()
    insert_customer(db, customer)
    with phoenix(standin.url, keys.anon_key) as socket:
        socket.subscribed(TOPIC, user_token, [customers_binding(event="UPDATE")])
        db.execute("update customers set deleted_at = now() where id = %s", (customer,))
        data = socket.change(TOPIC, customer, "UPDATE")["payload"]["data"]
    assert data["record"]["deleted_at"] is not None  # tombstones stay readable under RLS


def test_event_and_filter_select_what_is_sent(standin, db, keys, user_token):
    watched, other = new_id(), new_id()
    with phoenix(standin.url, keys.anon_key) as socket:
        _, (binding_id,) = socket.subscribed(TOPIC, user_token,
                                             [customers_binding(event="UPDATE", filter=f"id=eq.{watched}")])
        insert_customer(db, other)
        insert_customer(db, watched)
        db.execute("update customers set notes = 'x' where id = any(%s)", ([other, watched],))
        got = socket.change(TOPIC, watched, "UPDATE")
        assert got["payload"]["ids"] == [binding_id]
        assert socket.about(other) == []  # committed before the watched row's update, so it would have come first
        assert [f["payload"]["data"]["type"] for f in socket.about(watched)] == ["UPDATE"]  # no INSERT


def test_one_message_names_every_binding_of_the_channel_it_satisfies(standin, db, keys, user_token):
    customer = new_id()
    with phoenix(standin.url, keys.anon_key) as socket:
        _, (every, inserts) = socket.subscribed(TOPIC, user_token, [customers_binding(),
                                                                    customers_binding(event="INSERT")])
        assert every != inserts
        insert_customer(db, customer)
        assert sorted(socket.change(TOPIC, customer, "INSERT")["payload"]["ids"]) == sorted([every, inserts])
        db.execute("delete from customers where id = %s", (customer,))
        assert socket.change(TOPIC, customer, "DELETE")["payload"]["ids"] == [every]
        assert len(socket.about(customer)) == 2


def test_a_bad_filter_is_reported_in_a_system_message(standin, keys, user_token):
    with phoenix(standin.url, keys.anon_key) as socket:
        _, reply = socket.join(TOPIC, user_token, [customers_binding(filter="id=like.x")])
        assert reply["payload"]["status"] == "ok"
        system = socket.expect(lambda f: f["event"] == "system")
    assert system["payload"]["status"] == "error"
    assert system["payload"]["message"] == 'Error parsing `filter` params: ["like", "x"]'


@pytest.mark.parametrize(("make_token", "reason"), [
    (lambda keys, user: "garbage", "MalformedJWT: The token provided is not a valid JWT"),
    (lambda keys, user: access_token(keys, user)[:-4] + "AAAA", "JwtSignatureError: Failed to validate JWT signature"),
    (lambda keys, user: access_token(keys, user, ttl=-5), "InvalidJWTToken: Token has expired"),
])
def test_a_bad_jwt_is_refused_on_join(standin, keys, staff, make_token, reason):
    with phoenix(standin.url, keys.anon_key) as socket:
        _, reply = socket.join(TOPIC, make_token(keys, staff), [customers_binding()])
        assert reply["payload"]["status"] == "error"
        assert reply["payload"]["response"]["reason"].startswith(reason)
        # the socket stays usable, and the channel was never joined
        ref = socket.send(TOPIC, "access_token", {"access_token": access_token(keys, staff)})
        assert socket.reply_to(ref)["payload"] == {"status": "error", "response": {"reason": "unmatched topic"}}


def test_a_token_that_expires_while_joined_closes_the_channel(standin, db, keys, staff):
    with phoenix(standin.url, keys.anon_key) as socket:
        join_ref, _ = socket.subscribed(TOPIC, access_token(keys, staff, ttl=2), [customers_binding()])
        system = socket.expect(lambda f: f["event"] == "system", timeout=10)
        assert system["payload"]["status"] == "error"
        assert system["payload"]["extension"] == "system"
        assert system["payload"]["message"].startswith("Token has expired")
        closed = socket.expect(lambda f: f["event"] == "phx_close")
        assert (closed["topic"], closed["ref"]) == (TOPIC, join_ref)
        # nothing more on the channel: a change is not sent, and the topic is no longer joined
        customer = new_id()
        insert_customer(db, customer)
        ref = socket.send("phoenix", "heartbeat", {})
        socket.reply_to(ref)
        ref = socket.send(TOPIC, "phx_leave", {})
        assert socket.reply_to(ref)["payload"]["status"] == "error"
        assert socket.about(customer) == []


def test_access_token_renews_the_channel_and_a_bad_one_closes_it(standin, db, keys, staff):
    customer = new_id()
    with phoenix(standin.url, keys.anon_key) as socket:
        first = access_token(keys, staff, ttl=4)
        join_ref, _ = socket.subscribed(TOPIC, first, [customers_binding()])
        socket.send(TOPIC, "access_token", {"access_token": access_token(keys, staff, ttl=600)}, join_ref=join_ref)
        expired_at = keys.decode(first)["exp"] + 0.5
        while time.time() < expired_at:  # heartbeats until the first token is past its expiry
            socket.reply_to(socket.send("phoenix", "heartbeat", {}))
        insert_customer(db, customer)
        socket.change(TOPIC, customer, "INSERT")
        assert not [f for f in socket.seen if f["event"] == "phx_close" or f["payload"].get("status") == "error"]

        socket.send(TOPIC, "access_token", {"access_token": "garbage"}, join_ref=join_ref)
        system = socket.expect(lambda f: f["event"] == "system")
        assert system["payload"] == {"status": "error", "extension": "system", "channel": "crm",
                                     "message": "The token provided is not a valid JWT"}
        socket.expect(lambda f: f["event"] == "phx_close")
    db.execute("delete from customers where id = %s", (customer,))


def test_phx_leave_is_answered_then_the_channel_closes(standin, db, keys, user_token):
    customer = new_id()
    with phoenix(standin.url, keys.anon_key) as socket:
        join_ref, _ = socket.subscribed(TOPIC, user_token, [customers_binding()])
        socket.subscribed("realtime:other", user_token, [customers_binding(event="DELETE")])
        ref = socket.send(TOPIC, "phx_leave", {}, join_ref=join_ref)
        assert socket.reply_to(ref)["payload"] == {"status": "ok", "response": {}}
        closed = socket.expect(lambda f: f["event"] == "phx_close")
        assert (closed["topic"], closed["ref"]) == (TOPIC, join_ref)
        insert_customer(db, customer)
        db.execute("delete from customers where id = %s", (customer,))
        socket.change("realtime:other", customer, "DELETE")  # the other channel still delivers
        assert [f["topic"] for f in socket.about(customer)] == ["realtime:other"]


def test_rls_a_user_who_is_not_an_active_employee_receives_no_records(standin, db, keys, user_token):
    inactive, outsider = make_user(db, active=False), make_user(db, employee=False)
    customer = new_id()
    with phoenix(standin.url, keys.anon_key) as staff_socket, \
            phoenix(standin.url, keys.anon_key) as inactive_socket, \
            phoenix(standin.url, keys.anon_key) as outsider_socket, \
            phoenix(standin.url, keys.anon_key) as anon_socket:
        staff_socket.subscribed(TOPIC, user_token, [customers_binding()])
        inactive_socket.subscribed(TOPIC, access_token(keys, inactive), [customers_binding()])
        outsider_socket.subscribed(TOPIC, access_token(keys, outsider), [customers_binding()])
        anon_socket.subscribed(TOPIC, None, [customers_binding()])  # the anon key as the token
        insert_customer(db, customer)
        assert staff_socket.change(TOPIC, customer, "INSERT")["payload"]["data"]["record"]["id"] == customer
        db.execute("update customers set notes = 'private' where id = %s", (customer,))
        assert staff_socket.change(TOPIC, customer, "UPDATE")["payload"]["data"]["record"]["notes"] == "private"
        db.execute("delete from customers where id = %s", (customer,))
        for socket in (inactive_socket, outsider_socket, anon_socket):
            # Deletes are not checked against RLS (Realtime's rule): the key alone arrives, after nothing else.
            deleted = socket.change(TOPIC, customer, "DELETE")["payload"]["data"]
            assert deleted["old_record"] == {"id": customer}
            assert socket.about(customer) == [socket.seen[-1]]


def test_a_table_not_in_the_publication_sends_nothing(standin, db, keys, user_token):
    db.execute("create table if not exists public.rt_unpublished (id text primary key, note text)")
    db.execute("grant select on public.rt_unpublished to authenticated")
    row, customer = new_id(), new_id()
    with phoenix(standin.url, keys.anon_key) as socket:
        _, reply = socket.join(TOPIC, user_token, [{"event": "*", "schema": "public", "table": "rt_unpublished"}])
        assert reply["payload"]["status"] == "ok"
        system = socket.expect(lambda f: f["event"] == "system")
        assert system["payload"]["status"] == "error"
        assert "Unable to subscribe to changes with given parameters" in system["payload"]["message"]
        socket.subscribed("realtime:everything", user_token, [{"event": "*", "schema": "public"}])
        db.execute("insert into public.rt_unpublished values (%s, 'x')", (row,))
        insert_customer(db, customer)
        socket.change("realtime:everything", customer, "INSERT")
        assert socket.about(row) == []


def test_the_publication_is_followed_as_migrations_change_it(standin, db, keys, user_token):
    db.execute("create table if not exists public.rt_later (id text primary key, note text)")
    db.execute("grant select on public.rt_later to authenticated")
    db.execute("alter table public.rt_later enable row level security")
    db.execute("drop policy if exists everyone on public.rt_later")
    db.execute("create policy everyone on public.rt_later for select to authenticated using (true)")
    first, second, marker = new_id(), new_id(), new_id()
    db.execute("alter publication supabase_realtime add table public.rt_later")
    try:
        with phoenix(standin.url, keys.anon_key) as socket:
            socket.subscribed(TOPIC, user_token, [{"event": "INSERT", "schema": "public", "table": "rt_later"},
                                                  customers_binding(event="INSERT")])
            db.execute("insert into public.rt_later values (%s, 'x')", (first,))
            record = socket.change(TOPIC, first, "INSERT")["payload"]["data"]["record"]
            assert record == {"id": first, "note": "x"}
            db.execute("alter publication supabase_realtime drop table public.rt_later")
            db.execute("insert into public.rt_later values (%s, 'y')", (second,))
            insert_customer(db, marker)
            socket.change(TOPIC, marker, "INSERT")
            assert socket.about(second) == []
    finally:
        db.execute("drop table public.rt_later")


def test_a_thousand_changes_in_a_burst_all_arrive_in_commit_order_and_rest_keeps_answering(
        standin, db, keys, user_token):
    ids = [new_id() for _ in range(1000)]
    with phoenix(standin.url, keys.anon_key) as socket, \
            httpx.Client(base_url=standin.url, headers={"apikey": keys.anon_key}) as rest:
        socket.subscribed(TOPIC, user_token, [customers_binding(event="INSERT")])
        for customer in ids:  # one transaction each, as a busy back office writes
            insert_customer(db, customer)
        started = time.monotonic()
        assert rest.get("/rest/v1/customers?select=id&limit=1",
                        headers={"Authorization": f"Bearer {user_token}"}).status_code == 200
        assert time.monotonic() - started < 2
        for customer in ids:
            socket.change(TOPIC, customer, "INSERT", timeout=20)
    db.execute("delete from customers where id = any(%s)", (ids,))


def test_idle_sockets_are_closed(database, keys):
    from devserver.app import StandInConfig
    from devserver.realtime import RealtimeSettings
    from devserver.server import StandIn

    with StandIn(StandInConfig(database, keys, realtime=RealtimeSettings(idle_timeout=0.5))) as server, \
            phoenix(server.url, keys.anon_key) as socket, pytest.raises(ConnectionClosed):
        socket.recv(timeout=10)


def test_websocket_url_of_the_reference(standin, keys):
    assert websocket_url(standin.url, keys.anon_key).endswith(f"/realtime/v1/websocket?apikey={keys.anon_key}"
                                                              "&vsn=1.0.0")


def test_a_change_before_the_system_message_is_not_sent_though_the_join_was_answered(
        standin, database, db, keys, user_token):
    """The join's reply comes before the subscription is made, as Realtime's does: only the `system` message says
    changes flow. The clients report SUBSCRIBED on the reply (realtime-js #525), so a write made on that word
    alone may go unseen — what test_realtime_clients hit when its writes raced the subscription. The window is
    held open here by locking the publication's catalog that the subscription reads."""
    early, late = new_id(), new_id()
    with phoenix(standin.url, keys.anon_key) as watcher, phoenix(standin.url, keys.anon_key) as socket, \
            psycopg.connect(database.superuser_url) as catalog:
        watcher.subscribed("realtime:watcher", user_token, [customers_binding(event="INSERT")])
        catalog.execute("lock table pg_catalog.pg_publication in access exclusive mode")
        _, reply = socket.join(TOPIC, user_token, [customers_binding(event="INSERT")])
        assert reply["payload"]["status"] == "ok"
        insert_customer(db, early)
        watcher.change("realtime:watcher", early, "INSERT")  # the feed has dispatched it, to the live channel only
        catalog.rollback()
        system = socket.expect(lambda f: f["event"] == "system")
        assert system["payload"]["message"] == "Subscribed to PostgreSQL"
        insert_customer(db, late)
        socket.change(TOPIC, late, "INSERT")
        assert socket.about(early) == []
    db.execute("delete from customers where id = any(%s)", ([early, late],))
