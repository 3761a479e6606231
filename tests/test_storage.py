"""Storage downloads: the three routes, validators for revalidation (ETag, Last-Modified) and byte ranges."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from tests.test_rls import sign_in

NAME = "course/TVS-CRS-TEST.png"
CONTENT = bytes(range(256)) * 4


@pytest.fixture
def picture(db):
    db.execute("delete from storage.objects where bucket_id = 'product-pictures' and name = %s", (NAME,))
    (object_id,) = db.execute(
        "insert into storage.objects (bucket_id, name, metadata) values ('product-pictures', %s, %s) returning id",
        (NAME, '{"mimetype": "image/png", "cacheControl": "max-age=3600"}'),
    ).fetchone()
    db.execute("insert into storage.blobs (object_id, content) values (%s, %s)", (object_id, CONTENT))
    db.execute("insert into storage.buckets (id, name, public) values ('private-docs', 'private-docs', false) "
               "on conflict do nothing")
    yield
    db.execute("delete from storage.objects where bucket_id = 'product-pictures' and name = %s", (NAME,))


def test_public_route(standin, picture):
    r = httpx.get(f"{standin.url}/storage/v1/object/public/product-pictures/{NAME}")
    assert r.status_code == 200 and r.content == CONTENT
    assert r.headers["content-type"] == "image/png"
    assert r.headers["content-length"] == str(len(CONTENT))
    assert r.headers["etag"] == f'"{hashlib.md5(CONTENT).hexdigest()}"'
    assert r.headers["cache-control"] == "max-age=3600"
    assert r.headers["accept-ranges"] == "bytes"
    assert r.headers["last-modified"].endswith(" GMT")


def test_revalidation(standin, picture):
    url = f"{standin.url}/storage/v1/object/public/product-pictures/{NAME}"
    first = httpx.get(url)
    r = httpx.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert (r.status_code, r.content, r.headers["etag"]) == (304, b"", first.headers["etag"])
    r = httpx.get(url, headers={"If-None-Match": '"something-else"'})
    assert r.status_code == 200
    r = httpx.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert r.status_code == 304
    r = httpx.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert r.status_code == 200


@pytest.mark.parametrize(("header", "start", "end"), [("bytes=0-9", 0, 9), ("bytes=1000-", 1000, 1023),
                                                      ("bytes=-24", 1000, 1023)])
def test_ranges(standin, picture, header, start, end):
    r = httpx.get(f"{standin.url}/storage/v1/object/public/product-pictures/{NAME}", headers={"Range": header})
    assert r.status_code == 206
    assert r.content == CONTENT[start:end + 1]
    assert r.headers["content-range"] == f"bytes {start}-{end}/{len(CONTENT)}"


def test_unsatisfiable_range(standin, picture):
    r = httpx.get(f"{standin.url}/storage/v1/object/public/product-pictures/{NAME}",
                  headers={"Range": "bytes=5000-6000"})
    assert r.status_code == 416


def test_authenticated_routes_follow_rls(standin, keys, db, staff, picture):
    token = sign_in(standin, keys, staff)
    for route in ("authenticated/product-pictures", "product-pictures"):
        url = f"{standin.url}/storage/v1/object/{route}/{NAME}"
        assert httpx.get(url, headers={"Authorization": f"Bearer {token}"}).content == CONTENT
        r = httpx.get(url, headers={"Authorization": f"Bearer {keys.anon_key}"})
        assert r.status_code == 400
        assert r.json() == {"statusCode": "404", "code": "NoSuchKey", "error": "not_found",
                            "message": "Object not found"}
        r = httpx.get(url)
        assert r.status_code == 400 and r.json()["statusCode"] == "403"
        r = httpx.get(url, headers={"Authorization": "Bearer nonsense"})
        assert r.status_code == 400 and r.json()["code"] == "InvalidJWT"


def test_missing_objects_and_buckets(standin, picture):
    base = f"{standin.url}/storage/v1/object/public"
    r = httpx.get(f"{base}/product-pictures/course/none.png")
    assert (r.status_code, r.json()["code"]) == (400, "NoSuchKey")
    r = httpx.get(f"{base}/no-bucket/x.png")
    assert (r.status_code, r.json()["code"]) == (400, "NoSuchBucket")
    r = httpx.get(f"{base}/private-docs/x.png")  # not public: the public route does not serve it
    assert (r.status_code, r.json()["code"]) == (400, "NoSuchBucket")
