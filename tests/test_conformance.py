"""The official Python client, unchanged, against the stand-in: if it works here it works on Supabase, and the
other way round."""

from __future__ import annotations

import hashlib

import pytest
from postgrest.exceptions import APIError
from supabase_auth.errors import AuthApiError

from supabase import ClientOptions, create_client

PREFIX = "TVS-CUS-WB-90-"


def client(standin, key):
    # No auto-refresh: it would start a timer thread that outlives the test.
    return create_client(standin.url, key, ClientOptions(auto_refresh_token=False, persist_session=False))


@pytest.fixture(scope="module")
def customers(database):
    """Ten known customers for the read tests; ids share a prefix no generated data uses."""
    import psycopg

    rows = []
    for n in range(10):
        rows.append((
            f"{PREFIX}{n:04d}",
            f"ลูกค้า ทดสอบ {n}" if n % 2 else f"Test Customer {n}",
            ["vip", "lead", "new", "active", "dormant"][n % 5],
            ["tourist"] if n < 3 else ["vegetarian", "family"] if n < 6 else [],
            f"08{n}-000-000{n}" if n != 9 else None,
        ))
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from customers where id like %s", (PREFIX + "%",))
        with conn.cursor() as cur:
            cur.executemany(
                "insert into customers (id, full_name, source, segment, tags, phone) values (%s, %s, 'WB', %s, %s, %s)",
                rows,
            )
    yield rows
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from customers where id like %s", (PREFIX + "%",))


@pytest.fixture
def service(standin, keys):
    return client(standin, keys.service_key)


@pytest.fixture
def signed_in(standin, keys, staff):
    sb = client(standin, keys.anon_key)
    sb.auth.sign_in_with_password({"email": staff.email, "password": staff.password})
    return sb


def ours(builder):
    return builder.like("id", PREFIX + "*")


def test_select_with_filters_order_and_limit(signed_in, customers):
    result = ours(signed_in.table("customers").select("id, segment")).eq("segment", "vip").order("id").execute()
    assert [r["id"] for r in result.data] == [f"{PREFIX}0000", f"{PREFIX}0005"]
    result = ours(signed_in.table("customers").select("id")).order("id", desc=True).limit(3).execute()
    assert [r["id"] for r in result.data] == [f"{PREFIX}0009", f"{PREFIX}0008", f"{PREFIX}0007"]


def test_or_filters_and_operators(signed_in, customers):
    result = ours(signed_in.table("customers").select("id")).or_("segment.eq.lead,phone.is.null").order("id").execute()
    assert [r["id"][-4:] for r in result.data] == ["0001", "0006", "0009"]
    result = ours(signed_in.table("customers").select("id")).in_("segment", ["new", "active"]).order("id").execute()
    assert [r["id"][-4:] for r in result.data] == ["0002", "0003", "0007", "0008"]
    result = ours(signed_in.table("customers").select("id")).contains("tags", ["family"]).order("id").execute()
    assert [r["id"][-4:] for r in result.data] == ["0003", "0004", "0005"]
    result = ours(signed_in.table("customers").select("id")).ilike("full_name", "%ทดสอบ%").execute()
    assert len(result.data) == 5
    result = ours(signed_in.table("customers").select("id")).not_.is_("phone", "null").execute()
    assert len(result.data) == 9


def test_count_exact_and_head(signed_in, customers):
    result = ours(signed_in.table("customers").select("id", count="exact")).limit(4).execute()
    assert result.count == 10
    assert len(result.data) == 4
    head = ours(signed_in.table("customers").select("*", count="exact", head=True)).execute()
    assert head.count == 10
    assert not head.data


def test_single(signed_in, customers):
    row = signed_in.table("customers").select("id, full_name").eq("id", f"{PREFIX}0002").single().execute()
    assert row.data == {"id": f"{PREFIX}0002", "full_name": "Test Customer 2"}
    with pytest.raises(APIError) as caught:
        signed_in.table("customers").select("id").eq("id", "no-such-id").single().execute()
    assert caught.value.code == "PGRST116"
    assert caught.value.details == "The result contains 0 rows"


def test_insert_upsert_update_delete(service, db):
    ident = PREFIX + "W001"
    db.execute("delete from customers where id = %s", (ident,))
    created = service.table("customers").insert({"id": ident, "full_name": "Nok", "source": "LN"}).execute()
    assert created.data[0]["id"] == ident
    assert created.data[0]["segment"] == "lead"  # the column default applied
    upserted = service.table("customers").upsert({"id": ident, "full_name": "Nok", "source": "LN",
                                                   "segment": "new"}).execute()
    assert upserted.data[0]["segment"] == "new"
    updated = service.table("customers").update({"nickname": "นก"}).eq("id", ident).execute()
    assert updated.data[0]["nickname"] == "นก"
    row = db.execute("select nickname, segment, txid from customers where id = %s", (ident,)).fetchone()
    assert row[:2] == ("นก", "new") and row[2] > 0
    deleted = service.table("customers").delete().eq("id", ident).execute()
    assert [r["id"] for r in deleted.data] == [ident]
    assert db.execute("select count(*) from customers where id = %s", (ident,)).fetchone()[0] == 0


def test_rpc(signed_in, db):
    watermark = signed_in.rpc("sync_watermark").execute().data
    assert isinstance(watermark["watermark"], int)
    assert watermark["server_time"].endswith("+00:00")
    state = signed_in.rpc("sync_state").execute().data
    assert {r["table_name"] for r in state} >= {"customers", "orders", "ad_hourly_stats"}
    (orders,) = signed_in.rpc("sync_state").eq("table_name", "orders").execute().data
    assert orders["max_txid"] == db.execute("select max(txid) from orders").fetchone()[0]


def test_auth_round_trip(standin, keys, staff):
    sb = client(standin, keys.anon_key)
    with pytest.raises(AuthApiError) as caught:
        sb.auth.sign_in_with_password({"email": staff.email, "password": "wrong"})
    assert caught.value.code == "invalid_credentials"
    signed = sb.auth.sign_in_with_password({"email": staff.email, "password": staff.password})
    assert signed.user.email == staff.email
    first_refresh = signed.session.refresh_token
    refreshed = sb.auth.refresh_session()
    assert refreshed.session.refresh_token != first_refresh
    assert sb.auth.get_user().user.id == staff.user_id
    sb.auth.sign_out()
    with pytest.raises(AuthApiError) as caught:
        sb.auth.refresh_session(refreshed.session.refresh_token)
    assert caught.value.code == "refresh_token_not_found"


def test_storage_download(signed_in, db):
    content = b"\x89PNG\r\n\x1a\n test picture"
    name = "tests/conformance.png"
    db.execute("delete from storage.objects where bucket_id = 'product-pictures' and name = %s", (name,))
    (object_id,) = db.execute(
        "insert into storage.objects (bucket_id, name, metadata) values ('product-pictures', %s, %s) returning id",
        (name, '{"mimetype": "image/png"}'),
    ).fetchone()
    db.execute("insert into storage.blobs (object_id, content) values (%s, %s)", (object_id, content))
    assert signed_in.storage.from_("product-pictures").download(name) == content
    assert hashlib.md5(content).hexdigest()  # the ETag the stand-in derives; checked in test_storage
