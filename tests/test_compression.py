"""The stand-in's gzip, as hosted Supabase's gateway applies it: by Accept-Encoding, for JSON and text of 100 bytes
or more, never for Storage's objects (they carry an ETag); and the sync client asks for it and reads it."""

from __future__ import annotations

import gzip

import httpx
import orjson
import pytest

from sync.http import SupabaseClient
from tests.test_rls import sign_in

PREFIX = "TVS-CRS-GZ-"
PAGE = f"/rest/v1/products?select=*&id=like.{PREFIX}*&order=id&limit=50"
SVG = "course/TVS-CRS-GZIP.svg"
SVG_CONTENT = b'<svg xmlns="http://www.w3.org/2000/svg">' + b'<rect width="1" height="1"/>' * 40 + b"</svg>"


@pytest.fixture(scope="module")
def products(database):
    import psycopg

    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        for n in range(60):
            conn.execute("insert into products (id, category, name_th, name_en, price_thb) "
                         "values (%s, 'course', %s, %s, 1500) on conflict do nothing",
                         (f"{PREFIX}{n:03}", f"คอร์สทำอาหารไทย {n}", f"Thai cooking course {n}"))
    yield
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        conn.execute("delete from products where id like %s", (PREFIX + "%",))


@pytest.fixture
def headers(standin, keys, staff, products):
    return {"apikey": keys.anon_key, "Authorization": f"Bearer {sign_in(standin, keys, staff)}"}


def raw_get(url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """The answer and its body exactly as they crossed the wire; without an Accept-Encoding in `headers`, the
    request has none (httpx would add its own)."""
    with httpx.Client() as client:
        request = client.build_request("GET", url, headers=headers)
        if not any(name.lower() == "accept-encoding" for name in headers):
            del request.headers["accept-encoding"]
        response = client.send(request, stream=True)
        try:
            return response, b"".join(response.iter_raw())
        finally:
            response.close()


def test_gzip_when_asked(standin, headers):
    plain, plain_body = raw_get(standin.url + PAGE, {**headers, "Accept-Encoding": "identity"})
    packed, packed_body = raw_get(standin.url + PAGE, {**headers, "Accept-Encoding": "br, gzip;q=0.8"})
    assert plain.status_code == packed.status_code == 200
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.headers["content-length"] == str(len(packed_body))
    assert gzip.decompress(packed_body) == plain_body
    assert len(orjson.loads(plain_body)) == 50
    assert len(packed_body) * 3 < len(plain_body)
    for response in (plain, packed):
        assert "accept-encoding" in response.headers["vary"].lower()
        assert response.headers["content-range"] == "0-49/*"


@pytest.mark.parametrize("accept", [None, "identity", "gzip;q=0", "deflate, br;q=1.0"])
def test_no_gzip_unless_asked(standin, headers, accept):
    sent = dict(headers)
    if accept is not None:
        sent["Accept-Encoding"] = accept
    response, body = raw_get(standin.url + PAGE, sent)
    assert response.status_code == 200 and "content-encoding" not in response.headers
    assert len(orjson.loads(body)) == 50


def test_small_answers_stay_plain(standin, headers):
    response, body = raw_get(standin.url + "/rest/v1/products?select=id&id=eq.nothing",
                             {**headers, "Accept-Encoding": "gzip"})
    assert (response.status_code, body) == (200, b"[]")
    assert "content-encoding" not in response.headers


def test_errors_are_compressed_like_answers(standin, headers):
    response, body = raw_get(standin.url + "/rest/v1/products?select=nope,nope2,nope3,nope4,nope5,nope6",
                             {**headers, "Accept-Encoding": "gzip"})
    assert response.status_code == 400
    text = gzip.decompress(body) if response.headers.get("content-encoding") == "gzip" else body
    assert orjson.loads(text)["code"].startswith("42")


@pytest.fixture
def svg(db):
    db.execute("delete from storage.objects where bucket_id = 'product-pictures' and name = %s", (SVG,))
    (object_id,) = db.execute(
        "insert into storage.objects (bucket_id, name, metadata) values ('product-pictures', %s, %s) returning id",
        (SVG, '{"mimetype": "image/svg+xml"}'),
    ).fetchone()
    db.execute("insert into storage.blobs (object_id, content) values (%s, %s)", (object_id, SVG_CONTENT))
    yield
    db.execute("delete from storage.objects where bucket_id = 'product-pictures' and name = %s", (SVG,))


def test_storage_objects_stay_as_stored(standin, svg):
    """A compressible type, but an object with an ETag is sent as stored, so ranges and validators hold."""
    url = f"{standin.url}/storage/v1/object/public/product-pictures/{SVG}"
    response, body = raw_get(url, {"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and body == SVG_CONTENT
    assert "content-encoding" not in response.headers and response.headers["etag"]
    response, body = raw_get(url, {"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
    assert (response.status_code, body) == (206, SVG_CONTENT[:10])
    again = httpx.get(url, headers={"Accept-Encoding": "gzip", "If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_sign_in_and_refresh_through_gzip(standin, keys, staff):
    r = httpx.post(f"{standin.url}/auth/v1/token?grant_type=password",
                   headers={"apikey": keys.anon_key, "Accept-Encoding": "gzip"},
                   json={"email": staff.email, "password": staff.password})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    r = httpx.post(f"{standin.url}/auth/v1/token?grant_type=refresh_token",
                   headers={"apikey": keys.anon_key, "Accept-Encoding": "gzip"},
                   json={"refresh_token": r.json()["refresh_token"]})
    assert r.status_code == 200 and r.json()["access_token"]


def test_sync_client_asks_for_gzip_and_reads_it(standin, keys, staff, products):
    client = SupabaseClient(standin.url, keys.anon_key)
    try:
        client.access_token = sign_in(standin, keys, staff)
        response, rows = client.request("GET", PAGE)
        assert "gzip" in response.request.headers["accept-encoding"]
        assert response.headers["content-encoding"] == "gzip"
        assert len(rows) == 50 and all(row["id"] for row in rows)
        assert response.num_bytes_downloaded * 3 < len(response.content)
    finally:
        client.close()
