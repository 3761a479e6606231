"""PostgREST's wire behaviour, byte for byte where clients depend on it (reference §1–§4), over raw HTTP."""

from __future__ import annotations

import time

import httpx
import pytest

from devserver.app import StandInConfig
from devserver.keys import sign
from devserver.rest import RestSettings
from devserver.server import StandIn

PREFIX = "TVS-CUS-RF-91-"


@pytest.fixture(scope="module")
def rows(database):
    import psycopg

    data = [
        # id suffix, full name, segment, tags, nickname, birthday
        ("0001", "Somchai Jaidee", "lead", ["a"], None, "1990-01-01"),
        ("0002", "Suda, Bangkok", "new", ["a", "b"], "Da", None),
        ("0003", "Anna Müller", "vip", [], "Anna", "1985-05-05"),
        ("0004", "สมศรี ใจงาม", "active", ["b"], "ศรี", None),
        ("0005", "John (Jack) Smith", "dormant", ["c"], None, "2000-12-31"),
    ]
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from customers where id like %s", (PREFIX + "%",))
        for suffix, name, segment, tags, nick, birthday in data:
            conn.execute(
                "insert into customers (id, full_name, source, segment, tags, nickname, birthday) "
                "values (%s, %s, 'RF', %s, %s, %s, %s)",
                (PREFIX + suffix, name, segment, tags, nick, birthday),
            )
    yield data
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from customers where id like %s", (PREFIX + "%",))


@pytest.fixture
def http(standin, keys):
    with httpx.Client(base_url=standin.url + "/rest/v1", headers={"apikey": keys.service_key}) as client:
        yield client


def ids(response):
    return [r["id"].removeprefix(PREFIX) for r in response.json()]


MINE = f"id=like.{PREFIX}*"


def test_content_range_and_status(http, rows):
    r = http.get(f"/customers?select=id&{MINE}&order=id&limit=3")
    assert (r.status_code, r.headers["content-range"]) == (200, "0-2/*")
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    r = http.get(f"/customers?select=id&{MINE}&segment=eq.nobody")
    assert (r.status_code, r.headers["content-range"], r.json()) == (200, "*/*", [])
    r = http.get(f"/customers?select=id&{MINE}&segment=eq.nobody", headers={"Prefer": "count=exact"})
    assert (r.status_code, r.headers["content-range"]) == (200, "*/0")
    r = http.get(f"/customers?select=id&{MINE}&order=id&limit=2", headers={"Prefer": "count=exact"})
    assert (r.status_code, r.headers["content-range"]) == (206, "0-1/5")
    assert r.headers["preference-applied"] == "count=exact"
    r = http.get(f"/customers?select=id&{MINE}&order=id&limit=5", headers={"Prefer": "count=exact"})
    assert (r.status_code, r.headers["content-range"]) == (200, "0-4/5")
    r = http.get(f"/customers?select=id&{MINE}&order=id&offset=3&limit=5")
    assert (r.status_code, r.headers["content-range"], ids(r)) == (200, "3-4/*", ["0004", "0005"])
    assert r.headers["content-location"].startswith("/rest/v1/customers?select=id")


def test_offset_beyond_total_is_416(http, rows):
    r = http.get(f"/customers?select=id&{MINE}&offset=10", headers={"Prefer": "count=exact"})
    assert r.status_code == 416
    assert r.json() == {"code": "PGRST103", "message": "Requested range not satisfiable",
                        "details": "An offset of 10 was requested, but there are only 5 rows.", "hint": None}
    assert r.headers["content-range"] == "*/5"


def test_range_header_intersects_limit_and_offset(http, rows):
    r = http.get(f"/customers?select=id&{MINE}&order=id", headers={"Range": "1-3"})
    assert (ids(r), r.headers["content-range"]) == (["0002", "0003", "0004"], "1-3/*")
    # limit/offset select rows 0-1, the header 1-3: only their intersection, row 1, comes back
    r = http.get(f"/customers?select=id&{MINE}&order=id&limit=2", headers={"Range": "1-3"})
    assert (ids(r), r.headers["content-range"]) == (["0002"], "1-1/*")
    r = http.get(f"/customers?select=id&{MINE}&order=id&offset=1&limit=9", headers={"Range": "0-2"})
    assert ids(r) == ["0002", "0003"]


def test_head_has_headers_and_no_body(http, rows):
    r = http.head(f"/customers?select=*&{MINE}", headers={"Prefer": "count=exact"})
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-range"] == "0-4/5"


def test_order_options_and_first_order_key_wins(http, rows):
    r = http.get(f"/customers?select=id&{MINE}&order=nickname.desc.nullslast,id")
    assert ids(r) == ["0004", "0002", "0003", "0001", "0005"]
    r = http.get(f"/customers?select=id&{MINE}&order=nickname.asc.nullsfirst,id.desc")
    assert ids(r)[:2] == ["0005", "0001"]
    r = http.get(f"/customers?select=id&{MINE}&order=id.desc&order=id.asc")
    assert ids(r) == ["0005", "0004", "0003", "0002", "0001"]


@pytest.mark.parametrize(("query", "expected"), [
    ('segment=in.(lead,"vip")', ["0001", "0003"]),
    ('full_name=in.("Suda, Bangkok","John (Jack) Smith")', ["0002", "0005"]),
    ("full_name=eq.Anna+Müller", ["0003"]),
    ("full_name=like.*Jai*", ["0001"]),
    ("full_name=ilike.*SMITH", ["0005"]),
    ("full_name=match.^S", ["0001", "0002"]),
    ("nickname=is.null", ["0001", "0005"]),
    ("nickname=not.is.null", ["0002", "0003", "0004"]),
    ("nickname=isdistinct.Anna", ["0001", "0002", "0004", "0005"]),
    ("segment=neq.lead&segment=neq.vip", ["0002", "0004", "0005"]),
    ("segment=eq(any).{lead,new}", ["0001", "0002"]),
    ("full_name=like(any).{Anna*,John*}", ["0003", "0005"]),
    ("full_name=like(all).{*n*,*a*}", ["0002", "0003", "0005"]),
    ("tags=cs.{a}", ["0001", "0002"]),
    ("tags=cd.{a,b}", ["0001", "0002", "0003", "0004"]),
    ("tags=ov.(b,c)", ["0002", "0004", "0005"]),
    ("birthday=gte.1990-01-01&birthday=lt.2001-01-01", ["0001", "0005"]),
    ("full_name=fts.Anna", ["0003"]),
    ("full_name=wfts(simple).jack smith", ["0005"]),
    ("or=(segment.eq.lead,nickname.eq.Da)", ["0001", "0002"]),
    ('or=(full_name.eq."Suda, Bangkok",and(segment.eq.vip,birthday.lt.1986-01-01))', ["0002", "0003"]),
    ("or=(segment.eq.lead,not.and(nickname.not.is.null,birthday.is.null))", ["0001", "0003", "0005"]),
    ("not.or=(segment.eq.lead,segment.eq.new)", ["0003", "0004", "0005"]),
    ('and=(tags.cs.{b},or(segment.eq.new,segment.eq.active))', ["0002", "0004"]),
    ("segment=in.()", []),
])
def test_filters(http, rows, query, expected):
    r = http.get(f"/customers?select=id&{MINE}&{query}&order=id")
    assert r.status_code == 200, r.text
    assert ids(r) == expected


def test_select_aliases_and_casts(http, rows):
    r = http.get(f"/customers?select=key:id,name:full_name,birthday::text,tags&id=eq.{PREFIX}0003")
    assert r.json() == [{"key": PREFIX + "0003", "name": "Anna Müller", "birthday": "1985-05-05", "tags": []}]


def test_timestamps_render_like_postgres_json(http, rows):
    (row,) = http.get(f"/customers?select=created_at&id=eq.{PREFIX}0001").json()
    assert row["created_at"][10] == "T" and row["created_at"].endswith("+00:00")


def test_single_object(http, rows):
    r = http.get(f"/customers?select=id&id=eq.{PREFIX}0001", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert r.json() == {"id": PREFIX + "0001"}
    assert r.headers["content-type"] == "application/vnd.pgrst.object+json; charset=utf-8"
    r = http.get(f"/customers?select=id&{MINE}", headers={"Accept": "application/vnd.pgrst.object+json"})
    assert r.status_code == 406
    assert r.json() == {"code": "PGRST116", "details": "The result contains 5 rows", "hint": None,
                        "message": "Cannot coerce the result to a single JSON object"}


def test_max_rows_caps_every_response(database, keys, rows):
    with StandIn(StandInConfig(database, keys, rest=RestSettings(max_rows=2))) as small, \
            httpx.Client(base_url=small.url + "/rest/v1", headers={"apikey": keys.service_key}) as http:
        r = http.get(f"/customers?select=id&{MINE}&order=id")
        assert (ids(r), r.headers["content-range"]) == (["0001", "0002"], "0-1/*")
        r = http.get(f"/customers?select=id&{MINE}&order=id&limit=10&offset=4")
        assert ids(r) == ["0005"]


def test_writes(http, db):
    ident = PREFIX + "9001"
    db.execute("delete from customers where id = %s", (ident,))
    body = {"id": ident, "full_name": "Write Test", "source": "RF"}
    r = http.post("/customers", json=body)
    assert (r.status_code, r.content) == (201, b"")
    r = http.post("/customers", json=body)
    assert r.status_code == 409 and r.json()["code"] == "23505"
    r = http.post("/customers", json=body, headers={"Prefer": "return=representation,resolution=merge-duplicates"})
    assert r.status_code == 200  # merged into the existing row, nothing new inserted
    r = http.post("/customers?on_conflict=id", json=[{**body, "id": PREFIX + "9002"}],
                  headers={"Prefer": "return=headers-only,resolution=ignore-duplicates"})
    assert r.status_code == 201
    assert r.headers["location"] == f"/customers?id=eq.{PREFIX}9002"
    r = http.patch(f"/customers?id=eq.{ident}", json={"segment": "vip"}, headers={"Prefer": "return=representation"})
    assert r.status_code == 200 and r.json()[0]["segment"] == "vip"
    r = http.patch(f"/customers?id=eq.{ident}", json={"segment": "new"})
    assert r.status_code == 204
    r = http.patch("/customers", json={"segment": "vip"})
    assert r.status_code == 400 and r.json()["code"] == "21000"
    r = http.delete("/customers")
    assert r.status_code == 400 and r.json()["code"] == "21000"
    r = http.post("/customers", json={"id": "x", "nope": 1})
    assert r.status_code == 400 and r.json()["code"] == "PGRST204"
    assert r.json()["message"] == "Could not find the 'nope' column of 'customers' in the schema cache"
    r = http.post("/customers", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["code"] == "PGRST102"
    r = http.post("/customers", json={"id": PREFIX + "9003"})
    assert r.status_code == 400 and r.json()["code"] == "23502"
    r = http.delete(f"/customers?id=in.({ident},{PREFIX}9002)", headers={"Prefer": "return=representation"})
    assert sorted(ids(r)) == ["9001", "9002"]


def test_error_shapes(http, standin, keys, rows):
    r = http.get("/customers?id=zz.1")
    assert r.status_code == 400
    assert r.json()["code"] == "PGRST100" and set(r.json()) == {"code", "message", "details", "hint"}
    assert r.headers["proxy-status"] == "PostgREST; error=PGRST100"
    r = http.get("/customers?or=(id.eq.1")
    assert r.status_code == 400 and r.json()["code"] == "PGRST100"
    r = http.get("/customers?limit=ten")
    assert r.status_code == 400 and r.json()["code"] == "PGRST100"
    r = http.get("/nowhere")
    assert r.status_code == 404
    assert r.json()["code"] == "PGRST205"
    assert r.json()["message"] == "Could not find the table 'public.nowhere' in the schema cache"
    r = http.get("/customers?select=nope")
    assert (r.status_code, r.json()["code"], r.json()["message"]) == (
        400, "42703", "column customers.nope does not exist")
    r = http.get("/customers?nope=eq.1")
    assert (r.status_code, r.json()["code"]) == (400, "42703")
    r = http.get("/customers?birthday=eq.not-a-date")
    assert (r.status_code, r.json()["code"]) == (400, "22007")

    url = standin.url + "/rest/v1/customers?select=id&limit=1"
    r = httpx.get(url)
    assert r.status_code == 401
    assert r.json() == {"message": "No API key found in request",
                        "hint": "No `apikey` request header or url param was found."}
    r = httpx.get(url, headers={"apikey": "wrong"})
    assert r.status_code == 401
    assert r.json() == {"message": "Invalid API key",
                        "hint": "Double check your Supabase `anon` or `service_role` API key."}
    assert httpx.get(url + f"&apikey={keys.anon_key}").status_code == 200

    forged = sign({"role": "service_role", "exp": int(time.time()) + 60}, "x" * 40)
    r = httpx.get(url, headers={"apikey": keys.anon_key, "Authorization": f"Bearer {forged}"})
    assert (r.status_code, r.json()["code"]) == (401, "PGRST301")
    assert r.headers["www-authenticate"].startswith('Bearer error="invalid_token"')
    expired = sign({"role": "authenticated", "sub": "00000000-0000-0000-0000-000000000000",
                    "exp": int(time.time()) - 120}, keys.jwt_secret)
    r = httpx.get(url, headers={"apikey": keys.anon_key, "Authorization": f"Bearer {expired}"})
    assert (r.status_code, r.json()["code"], r.json()["message"]) == (401, "PGRST303", "JWT expired")
    r = httpx.get(url, headers={"apikey": keys.anon_key, "Authorization": "Bearer garbage"})
    assert (r.status_code, r.json()["code"]) == (401, "PGRST301")
