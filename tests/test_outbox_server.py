"""The server side of offline writes (docs/outbox-server.md) through the stand-in on the real database: who
may write what, the business ids the database allocates, idempotent creates and conditional edits."""

from __future__ import annotations

import datetime
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devserver.datagen.times import BANGKOK
from supabase import ClientOptions, create_client
from tests.conftest import make_user
from tests.test_rls import sign_in

YY = f"{datetime.datetime.now(BANGKOK).year % 100:02d}"


class Api:
    """One signed-in caller of /rest/v1."""

    def __init__(self, standin, keys, token: str) -> None:
        self.http = httpx.Client(base_url=f"{standin.url}/rest/v1",
                                 headers={"apikey": keys.anon_key, "Authorization": f"Bearer {token}"})

    def rpc(self, name: str, **args) -> httpx.Response:
        return self.http.post(f"/rpc/{name}", json=args)

    def ok(self, name: str, **args):
        r = self.rpc(name, **args)
        assert r.status_code == 200, r.text
        return r.json()

    def create(self, key: uuid.UUID | None = None, **fields) -> dict:
        return self.ok("create_customer", p_client_key=str(key or uuid.uuid4()),
                       p_customer={"full_name": "Test Lead", "source": "RF", **fields})

    def log(self, customer_id: str, **fields) -> dict:
        return self.ok("log_activity", p_activity={"id": str(uuid.uuid4()), "customer_id": customer_id,
                                                  "kind": "call", **fields})


@pytest.fixture(scope="module", autouse=True)
def leave_no_customers(database):
    """The customers (and their activities) these tests create go again: other modules share the database."""
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        (started,) = conn.execute("select clock_timestamp()").fetchone()
    yield
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from customers where created_at >= %s", (started,))


@pytest.fixture
def as_user(standin, keys):
    clients: list[httpx.Client] = []

    def connect(user) -> Api:
        api = Api(standin, keys, sign_in(standin, keys, user))
        clients.append(api.http)
        return api

    yield connect
    for c in clients:
        c.close()


@pytest.fixture
def rep(db, as_user):
    user = make_user(db)
    return user, as_user(user)


def refused(r: httpx.Response, status: int, code: str, message: str = "") -> None:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"code", "message", "details", "hint"}
    assert body["code"] == code and message in body["message"], body


def test_new_customer_gets_the_next_business_id(rep, db):
    _, api = rep
    prefix = f"TVS-CUS-WI-{YY}-"
    # The next number: after the counter, or after the ids already there when the year's counter is new.
    (top,) = db.execute("""
        select greatest((select max(substr(id, 15)::int) from customers where id like %(prefix)s),
                        (select last from private.customer_numbers where source = 'WI' and yy = %(yy)s), 0)""",
                        {"prefix": prefix + "%", "yy": int(YY)}).fetchone()
    # A number the back office took meanwhile is skipped, never reused.
    db.execute("insert into customers (id, full_name, source) values (%s, 'Back office', 'WI')",
               (f"{prefix}{top + 1:04d}",))
    row = api.create(source="WI", tags=["fair", "fair", "vegan"], phone="081-234-5678")
    assert row["id"] == f"{prefix}{top + 2:04d}"
    assert re.fullmatch(r"TVS-CUS-WI-\d{2}-\d{4,}", row["id"])
    assert (row["segment"], row["tags"], row["phone"]) == ("lead", ["fair", "vegan"], "081-234-5678")
    assert row["txid"] == db.execute("select txid from customers where id = %s", (row["id"],)).fetchone()[0]


def test_the_same_key_twice_is_one_customer(rep, db):
    _, api = rep
    key = uuid.uuid4()
    first = api.create(key, full_name="Khun Somchai")
    # The answer was lost and the client sends again (even with the rep's later edit folded in).
    again = api.create(key, full_name="Khun Somchai Jaidee")
    assert again == first
    assert db.execute("select count(*) from customers where client_key = %s", (key,)).fetchone()[0] == 1


def test_concurrent_creates_get_distinct_numbers(standin, keys, db, rep):
    user, _ = rep
    token = sign_in(standin, keys, user)
    shared_key = uuid.uuid4()

    def create(key: uuid.UUID) -> str:
        with httpx.Client(base_url=f"{standin.url}/rest/v1",
                          headers={"apikey": keys.anon_key, "Authorization": f"Bearer {token}"}) as http:
            r = http.post("/rpc/create_customer", json={"p_client_key": str(key),
                                                        "p_customer": {"full_name": "Rush", "source": "TT"}})
            assert r.status_code == 200, r.text
            return r.json()["id"]

    with ThreadPoolExecutor(8) as pool:
        distinct = list(pool.map(create, [uuid.uuid4() for _ in range(12)]))
        same = list(pool.map(create, [shared_key] * 6))
    assert len(set(distinct)) == 12
    numbers = sorted(int(i.rsplit("-", 1)[1]) for i in distinct)
    assert numbers == list(range(numbers[0], numbers[0] + 12))  # no gaps, no repeats
    assert len(set(same)) == 1 and not set(same) & set(distinct)
    assert db.execute("select count(*) from customers where client_key = %s", (shared_key,)).fetchone()[0] == 1


@pytest.mark.parametrize(("fields", "message"), [
    ({"segment": "gold"}, "invalid segment 'gold': expected one of lead, new, active, vip, dormant"),
    ({"source": "XX"}, "invalid source 'XX'"),
    ({"full_name": "  "}, "full_name must not be empty"),
    ({"id": "TVS-CUS-FB-26-0001"}, "id cannot be set here"),
    ({"txid": 1}, "txid cannot be set here"),
])
def test_invalid_new_customer_is_refused_with_the_reason(rep, db, fields, message):
    _, api = rep
    key = str(uuid.uuid4())
    r = api.rpc("create_customer", p_client_key=key, p_customer={"full_name": "Bad", "source": "FB", **fields})
    refused(r, 400, "P0001", message)
    assert db.execute("select count(*) from customers where client_key = %s", (key,)).fetchone()[0] == 0


def test_only_active_employees_create(db, as_user, standin, keys):
    former = as_user(make_user(db, active=False))
    refused(former.rpc("create_customer", p_client_key=str(uuid.uuid4()),
                       p_customer={"full_name": "x", "source": "FB"}), 403, "42501")
    refused(former.http.post("/customers", json={"full_name": "x", "source": "FB"}), 403, "42501")
    anon = httpx.post(f"{standin.url}/rest/v1/rpc/create_customer", headers={"apikey": keys.anon_key},
                      json={"p_client_key": str(uuid.uuid4()), "p_customer": {"full_name": "x", "source": "FB"}})
    refused(anon, 401, "42501", "permission denied for function create_customer")


def test_conditional_edit_applies_on_the_base(rep, db):
    _, api = rep
    row = api.create(notes="met at the fair")
    out = api.ok("update_customer", p_id=row["id"], p_base_txid=row["txid"],
                 p_set={"segment": "new", "notes": None, "nickname": "Ploy"})
    assert out["status"] == "applied"
    assert (out["row"]["segment"], out["row"]["notes"], out["row"]["nickname"]) == ("new", None, "Ploy")
    assert out["row"]["txid"] > row["txid"]
    assert db.execute("select segment, txid from customers where id = %s", (row["id"],)).fetchone() == (
        "new", out["row"]["txid"])


def test_conditional_edit_reports_a_change_made_meanwhile(rep, db):
    _, api = rep
    row = api.create(tags=["tourist"])
    db.execute("update customers set notes = 'called by the office', tags = tags || '{family}' where id = %s",
               (row["id"],))
    out = api.ok("update_customer", p_id=row["id"], p_base_txid=row["txid"], p_set={"notes": "mine"},
                 p_add_tags=["vip-prospect"])
    assert out["status"] == "conflict"
    assert out["row"]["notes"] == "called by the office" and out["row"]["tags"] == ["tourist", "family"]
    assert db.execute("select notes from customers where id = %s", (row["id"],)).fetchone()[0] == (
        "called by the office")  # never overwritten
    # The client merges and retries on the row it was shown; tags merge with the server's.
    out = api.ok("update_customer", p_id=row["id"], p_base_txid=out["row"]["txid"], p_set={"nickname": "Nan"},
                 p_add_tags=["vip-prospect", "family"], p_remove_tags=["tourist"])
    assert out["status"] == "applied"
    assert out["row"]["tags"] == ["family", "vip-prospect"] and out["row"]["notes"] == "called by the office"


def test_edit_of_a_deleted_customer_is_gone(rep, db):
    _, api = rep
    row = api.create()
    db.execute("update customers set deleted_at = now() where id = %s", (row["id"],))
    out = api.ok("update_customer", p_id=row["id"], p_base_txid=row["txid"], p_set={"notes": "x"})
    assert out["status"] == "gone" and out["row"]["id"] == row["id"] and out["row"]["deleted_at"]
    out = api.ok("update_customer", p_id="TVS-CUS-FB-00-9999", p_base_txid=1, p_set={})
    assert out == {"status": "gone", "row": None}


def test_invalid_edit_is_refused_with_the_reason(rep):
    _, api = rep
    row = api.create()
    r = api.rpc("update_customer", p_id=row["id"], p_base_txid=row["txid"], p_set={"segment": "gold"})
    refused(r, 400, "P0001", "invalid segment 'gold'")
    r = api.rpc("update_customer", p_id=row["id"], p_base_txid=row["txid"], p_set={"source": "FB"})
    refused(r, 400, "P0001", "source cannot be set here")
    r = api.rpc("update_customer", p_id=row["id"], p_base_txid=None, p_set={"notes": "unconditional"})
    refused(r, 400, "P0001", "p_base_txid is required")
    r = api.rpc("update_customer", p_id=row["id"], p_base_txid=row["txid"],
                p_set={"acquired_campaign_id": "TVS-CMP-FB-00-999"})
    refused(r, 409, "23503")


def test_sales_edit_their_own_or_unassigned_customers(db, as_user):
    mine, other = make_user(db), make_user(db)
    manager = make_user(db, role="manager")
    api, other_api, manager_api = as_user(mine), as_user(other), as_user(manager)
    row = api.create(assigned_employee_id=other.employee_id)
    # Another rep's customer: the RPC says why, a direct PATCH finds nothing to update (RLS), as PostgREST does.
    refused(api.rpc("update_customer", p_id=row["id"], p_base_txid=row["txid"], p_set={"notes": "x"}),
            403, "42501", "assigned to another employee")
    r = api.http.patch(f"/customers?id=eq.{row['id']}", json={"notes": "x"},
                       headers={"Prefer": "return=representation"})
    assert (r.status_code, r.json()) == (200, [])
    out = other_api.ok("update_customer", p_id=row["id"], p_base_txid=row["txid"], p_set={"notes": "theirs"})
    assert out["status"] == "applied"
    out = manager_api.ok("update_customer", p_id=row["id"], p_base_txid=out["row"]["txid"],
                         p_set={"assigned_employee_id": None})
    assert out["status"] == "applied"
    # Unassigned: any rep may take it, but not hand it to someone else.
    refused(api.rpc("update_customer", p_id=row["id"], p_base_txid=out["row"]["txid"],
                    p_set={"assigned_employee_id": other.employee_id}), 403, "42501")
    out = api.ok("update_customer", p_id=row["id"], p_base_txid=out["row"]["txid"],
                 p_set={"assigned_employee_id": mine.employee_id})
    assert out["status"] == "applied" and out["row"]["assigned_employee_id"] == mine.employee_id
    marketing = as_user(make_user(db, role="marketing"))
    refused(marketing.rpc("update_customer", p_id=row["id"], p_base_txid=out["row"]["txid"], p_set={}),
            403, "42501")


def test_clients_cannot_write_bookkeeping_or_delete(rep, db):
    _, api = rep
    row = api.create()
    for field in ({"txid": 1}, {"id": "TVS-CUS-FB-00-0001"}, {"created_at": "2020-01-01"},
                  {"deleted_at": "2020-01-01"}, {"client_key": str(uuid.uuid4())}):
        r = api.http.patch(f"/customers?id=eq.{row['id']}", json=field)
        refused(r, 403, "42501", "permission denied")
    refused(api.http.post("/customers", json={"id": "TVS-CUS-FB-00-0001", "full_name": "x", "source": "FB"}),
            403, "42501")
    refused(api.http.delete(f"/customers?id=eq.{row['id']}"), 403, "42501")
    activity = api.log(row["id"])
    refused(api.http.delete(f"/customer_activities?id=eq.{activity['id']}"), 403, "42501")
    refused(api.http.patch(f"/customer_activities?id=eq.{activity['id']}", json={"deleted_at": "2020-01-01"}),
            403, "42501")
    assert db.execute("select count(*) from customer_activities where id = %s and deleted_at is null",
                      (activity["id"],)).fetchone()[0] == 1


def test_log_activity_is_idempotent_on_its_id(rep, db):
    user, api = rep
    customer = api.create()
    activity = {"id": str(uuid.uuid4()), "customer_id": customer["id"], "kind": "line",
                "body": "asked about the Saturday class", "follow_up_at": "2026-12-03T10:00:00+07:00"}
    first = api.ok("log_activity", p_activity=activity)
    assert first["employee_id"] == user.employee_id and first["done_at"] is None
    assert first["follow_up_at"] == "2026-12-03T03:00:00+00:00"
    assert api.ok("log_activity", p_activity=activity) == first
    assert db.execute("select count(*) from customer_activities where id = %s", (activity["id"],)
                      ).fetchone()[0] == 1


@pytest.mark.parametrize(("fields", "status", "code", "message"), [
    ({"id": "TVS-ACT-1"}, 400, "P0001", "invalid id 'TVS-ACT-1'"),
    ({"kind": "fax"}, 400, "P0001", "invalid kind 'fax'"),
    ({"customer_id": "TVS-CUS-FB-00-9999"}, 409, "23503", "customer TVS-CUS-FB-00-9999 does not exist"),
    ({"employee_id": "TVS-EMP-0001"}, 400, "P0001", "employee_id cannot be set here"),
])
def test_invalid_activity_is_refused(rep, fields, status, code, message):
    _, api = rep
    customer = api.create()
    activity = {"id": str(uuid.uuid4()), "customer_id": customer["id"], "kind": "note", **fields}
    refused(api.rpc("log_activity", p_activity=activity), status, code, message)


def test_activity_edited_by_its_author_only(db, as_user, rep):
    _, author = rep
    someone = as_user(make_user(db))
    activity = author.log(author.create()["id"], follow_up_at="2026-12-02T09:00:00+00:00")
    refused(someone.rpc("update_activity", p_id=activity["id"], p_base_txid=activity["txid"],
                        p_set={"body": "not mine"}), 403, "42501", "only its author")
    r = someone.http.patch(f"/customer_activities?id=eq.{activity['id']}", json={"body": "x"},
                           headers={"Prefer": "return=representation"})
    assert (r.status_code, r.json()) == (200, [])
    # Someone else logging as the author is refused by the insert policy.
    refused(someone.http.post("/customer_activities", json={
        "id": str(uuid.uuid4()), "customer_id": activity["customer_id"], "kind": "note",
        "employee_id": activity["employee_id"]}), 403, "42501")
    done = author.ok("update_activity", p_id=activity["id"], p_base_txid=activity["txid"],
                     p_set={"done_at": "2026-12-02T10:00:00+00:00", "outcome": "booked"})
    assert done["status"] == "applied"
    assert (done["row"]["done_at"], done["row"]["outcome"]) == ("2026-12-02T10:00:00+00:00", "booked")
    stale = author.ok("update_activity", p_id=activity["id"], p_base_txid=activity["txid"], p_set={"body": "b"})
    assert stale == {"status": "conflict", "row": done["row"]}
    db.execute("update customer_activities set deleted_at = now() where id = %s", (activity["id"],))
    gone = author.ok("update_activity", p_id=activity["id"], p_base_txid=done["row"]["txid"], p_set={})
    assert gone["status"] == "gone" and gone["row"]["deleted_at"]


def test_activities_sync_like_every_table(rep, db):
    _, api = rep
    activity = api.log(api.create()["id"])
    state = {r["table_name"]: r["max_txid"] for r in api.ok("sync_state")}
    assert list(state).index("customer_activities") == list(state).index("customers") + 1
    assert state["customer_activities"] == db.execute("select max(txid) from customer_activities").fetchone()[0]
    assert state["customer_activities"] >= activity["txid"]
    assert db.execute("select count(*) from pg_publication_tables where pubname = 'supabase_realtime' "
                      "and tablename = 'customer_activities'").fetchone()[0] == 1


def test_official_client_writes(standin, keys, staff):
    sb = create_client(standin.url, keys.anon_key, ClientOptions(auto_refresh_token=False, persist_session=False))
    sb.auth.sign_in_with_password({"email": staff.email, "password": staff.password})
    inserted = sb.table("customers").insert({"full_name": "Walk-in", "source": "WI"}).execute().data[0]
    assert re.fullmatch(rf"TVS-CUS-WI-{YY}-\d{{4,}}", inserted["id"])
    updated = (sb.table("customers").update({"segment": "new"}).eq("id", inserted["id"])
               .eq("txid", inserted["txid"]).execute().data)
    assert [r["segment"] for r in updated] == ["new"]
    stale = sb.table("customers").update({"segment": "vip"}).eq("id", inserted["id"]).eq(
        "txid", inserted["txid"]).execute().data
    assert stale == []  # changed meanwhile: the conditional PATCH matched nothing
    created = sb.rpc("create_customer", {"p_client_key": str(uuid.uuid4()),
                                         "p_customer": {"full_name": "RPC", "source": "LN"}}).execute().data
    assert created["id"].startswith(f"TVS-CUS-LN-{YY}-")
    out = sb.rpc("update_customer", {"p_id": created["id"], "p_base_txid": created["txid"],
                                     "p_set": {"notes": "hi"}, "p_add_tags": ["fair"]}).execute().data
    assert out["status"] == "applied" and out["row"]["tags"] == ["fair"]
    activity = sb.table("customer_activities").insert({"id": str(uuid.uuid4()), "customer_id": created["id"],
                                                       "kind": "visit"}).execute().data[0]
    assert activity["employee_id"] == staff.employee_id
    # A retried direct insert of the same activity: nothing new, no error.
    again = sb.table("customer_activities").upsert(
        {"id": activity["id"], "customer_id": created["id"], "kind": "visit"}, on_conflict="id",
        ignore_duplicates=True).execute().data
    assert again == []
    logged = sb.rpc("log_activity", {"p_activity": {"id": str(uuid.uuid4()), "customer_id": created["id"],
                                                    "kind": "email"}}).execute().data
    assert logged["kind"] == "email"
    done = sb.table("customer_activities").update({"done_at": "2026-12-01T12:00:00+00:00"}).eq(
        "id", activity["id"]).execute().data
    assert done[0]["done_at"] == "2026-12-01T12:00:00+00:00"


def test_direct_writes_are_refused_like_postgrest(rep):
    _, api = rep
    row = api.create()
    refused(api.http.patch(f"/customers?id=eq.{row['id']}", json={"segment": "gold"}), 400, "23514",
            'violates check constraint "customers_segment_check"')
    refused(api.http.patch(f"/customers?id=eq.{row['id']}", json={"birthday": "next week"}), 400, "22007",
            "invalid input syntax for type date")
    refused(api.http.post("/customers", json={"source": "FB"}), 400, "23502", '"full_name"')
    refused(api.http.post("/customers", json={"full_name": "Twin", "source": "FB", "client_key": row["client_key"]}),
            409, "23505", "customers_client_key_key")
    refused(api.http.post("/customer_activities", json={"id": "TVS-ACT-1", "customer_id": row["id"],
                                                        "kind": "note"}),
            400, "23514", "customer_activities_id_format")
    refused(api.http.patch("/customer_activities", json={"body": "x"}), 400, "21000")


def test_an_edit_sent_again_after_a_lost_answer_is_applied_not_a_conflict(rep, db):
    _, api = rep
    row = api.create(tags=["tourist"])
    edit = {"p_id": row["id"], "p_base_txid": row["txid"], "p_set": {"notes": "vegetarian", "birthday": "1990-05-01"},
            "p_add_tags": ["fair"]}
    first = api.ok("update_customer", **edit)
    again = api.ok("update_customer", **edit)  # the same base: the row has moved on, but holds exactly this
    assert first["status"] == again["status"] == "applied" and again["row"] == first["row"]
    db.execute("update customers set notes = 'changed by the office' where id = %s", (row["id"],))
    assert api.ok("update_customer", **edit)["status"] == "conflict"


def test_activities_of_a_customer_created_offline_name_it_by_its_key(rep):
    _, api = rep
    key = uuid.uuid4()
    customer = api.create(key)
    activity = api.ok("log_activity", p_activity={"id": str(uuid.uuid4()), "customer_key": str(key),
                                                  "kind": "note", "body": "met at the fair"})
    assert activity["customer_id"] == customer["id"]
    refused(api.rpc("log_activity", p_activity={"id": str(uuid.uuid4()), "customer_key": str(uuid.uuid4()),
                                                "kind": "note"}), 409, "23503", "no customer was created with key")


def test_upload_changes_applies_each_in_order_and_reports_refusals(db, as_user, rep):
    user, api = rep
    other = make_user(db)
    theirs = as_user(other).create(assigned_employee_id=other.employee_id)
    key = uuid.uuid4()
    activity_id = str(uuid.uuid4())
    changes = [
        {"op": "create_customer", "args": {"p_client_key": str(key),
                                           "p_customer": {"full_name": "Fair lead", "source": "LN"}}},
        {"op": "log_activity", "args": {"p_activity": {"id": activity_id, "customer_key": str(key),
                                                       "kind": "visit", "follow_up_at": "2026-12-04T09:00:00Z"}}},
        {"op": "update_customer", "args": {"p_id": theirs["id"], "p_base_txid": theirs["txid"],
                                           "p_set": {"notes": "not mine"}}},
        {"op": "create_customer", "args": {"p_client_key": str(uuid.uuid4()),
                                           "p_customer": {"full_name": "Bad", "source": "LN", "segment": "gold"}}},
        {"op": "fax", "args": {}},
        {"op": "update_activity", "args": {"p_id": activity_id, "p_base_txid": 0,
                                           "p_set": {"done_at": "2026-12-04T10:00:00Z"}}},
    ]
    results = api.ok("upload_changes", p_changes=changes)
    assert [r["status"] for r in results] == ["applied", "applied", "rejected", "rejected", "rejected", "conflict"]
    created, logged = results[0]["row"], results[1]["row"]
    assert logged["customer_id"] == created["id"] and logged["employee_id"] == user.employee_id
    assert results[1]["row"]["txid"] == created["txid"]  # one transaction
    assert {k: results[2][k] for k in ("code", "details")} == {"code": "42501", "details": "assigned_employee_id"}
    assert results[3]["code"] == "P0001" and results[3]["message"].startswith("invalid segment 'gold'")
    assert results[4]["message"].startswith("unknown op 'fax'")
    assert results[5]["row"]["id"] == activity_id
    # The whole call sent again (its answer lost): the same rows, nothing twice.
    again = api.ok("upload_changes", p_changes=changes)
    assert again[0] == results[0] and again[1] == results[1]
    assert db.execute("select count(*) from customers where client_key = %s", (key,)).fetchone()[0] == 1
    refused(api.rpc("upload_changes", p_changes=[{"op": "fax"}] * 501), 400, "P0001", "at most 500 changes")


def test_concurrent_edits_on_one_base_apply_once(standin, keys, rep, db):
    user, api = rep
    row = api.create()
    token = sign_in(standin, keys, user)

    def edit(n: int) -> dict:
        with httpx.Client(base_url=f"{standin.url}/rest/v1",
                          headers={"apikey": keys.anon_key, "Authorization": f"Bearer {token}"}) as http:
            r = http.post("/rpc/update_customer", json={"p_id": row["id"], "p_base_txid": row["txid"],
                                                        "p_set": {"notes": f"edit {n}"}})
            assert r.status_code == 200, r.text
            return r.json()

    with ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(edit, range(6)))
    applied = [o for o in outcomes if o["status"] == "applied"]
    assert len(applied) == 1 and all(o["status"] == "conflict" for o in outcomes if o not in applied)
    winner = applied[0]["row"]
    assert all(o["row"] == winner for o in outcomes)  # the losers learn the winner's row
    assert db.execute("select notes, txid from customers where id = %s", (row["id"],)).fetchone() == (
        winner["notes"], winner["txid"])


tag = st.sampled_from(["vip", "tourist", "family", "vegan", "fair", "ครอบครัว", " ", ""])


@settings(max_examples=60, deadline=None)
@given(st.lists(tag, max_size=5), st.lists(tag, max_size=4), st.lists(tag, max_size=4))
def test_tags_merge_as_additions_and_removals(database, current, add, remove):
    expected: list[str] = []
    for t in [*current, *add]:
        if t.strip() and t not in remove and t not in expected:
            expected.append(t)
    with psycopg.connect(database.superuser_url) as conn:
        (merged,) = conn.execute("select private.merge_tags(%s::text[], %s::text[], %s::text[])",
                                 (current, add, remove)).fetchone()
    assert merged == expected
