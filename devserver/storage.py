"""`/storage/v1/object`: downloads from Storage buckets with the validators clients revalidate with (ETag,
Last-Modified) and byte ranges. Object rows are read as the caller's role, so storage RLS applies."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import orjson
import psycopg
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request
from starlette.responses import Response

from devserver.errors import JSON_TYPE
from devserver.gateway import Caller, bearer_token
from devserver.keys import ProjectKeys, TokenError
from devserver.transactions import as_caller


class StorageError(Exception):
    """Storage answers HTTP 400 and puts the logical status in the body."""

    def __init__(self, status: str, code: str, error: str, message: str) -> None:
        super().__init__(message)
        self.body = {"statusCode": status, "code": code, "error": error, "message": message}

    def response(self) -> Response:
        return Response(orjson.dumps(self.body), 400, media_type=JSON_TYPE)


NOT_FOUND = ("404", "NoSuchKey", "not_found", "Object not found")


def _etag(meta: dict[str, Any], content: bytes) -> str:
    tag = meta.get("eTag") or f'"{hashlib.md5(content).hexdigest()}"'
    return tag if tag.startswith(('"', "W/")) else f'"{tag}"'


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == bare for candidate in header.split(","))


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """`bytes=a-b`, `bytes=a-` or `bytes=-n` → inclusive (start, end); None if it cannot be satisfied."""
    match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", header)
    if not match or (not match[1] and not match[2]):
        return None
    if not match[1]:
        length = int(match[2])
        return (max(size - length, 0), size - 1) if length and size else None
    start = int(match[1])
    end = min(int(match[2]), size - 1) if match[2] else size - 1
    return (start, end) if start <= end else None


class StorageApi:
    def __init__(self, pool: AsyncConnectionPool, keys: ProjectKeys,
                 role_settings: dict[str, list[tuple[str, str]]]) -> None:
        self.pool = pool
        self.keys = keys
        self.role_settings = role_settings

    def _caller(self, request: Request, public: bool) -> Caller:
        if public:
            # Public buckets are served without a token; the service role reads them, as Storage does.
            return Caller("service_role", {"role": "service_role"}, "")
        token = bearer_token(request) or request.headers.get("apikey")
        if not token:
            raise StorageError("403", "Unauthorized", "Unauthorized",
                               "headers must have required property 'authorization'")
        try:
            claims = self.keys.decode(token)
        except TokenError as exc:
            raise StorageError("403", "InvalidJWT", "Unauthorized", str(exc).lower()) from exc
        return Caller(str(claims.get("role", "anon")), claims, token)

    async def handle_object(self, request: Request) -> Response:
        path = request.path_params["path"]
        public = False
        for prefix in ("public/", "authenticated/"):
            if path.startswith(prefix):
                public = prefix == "public/"
                path = path[len(prefix):]
                break
        bucket, _, name = path.partition("/")
        try:
            if not name:
                raise StorageError(*NOT_FOUND)
            caller = self._caller(request, public)
            found = await self._fetch(request, caller, bucket, name, public)
            return self._answer(request, *found)
        except StorageError as exc:
            return exc.response()

    async def _fetch(self, request: Request, caller: Caller, bucket: str, name: str,
                     public: bool) -> tuple[dict[str, Any], datetime, bytes]:
        try:
            async with as_caller(self.pool, self.role_settings, caller, request, read_only=True) as conn:
                cur = conn.cursor(row_factory=dict_row)
                found = await (await cur.execute("select public from storage.buckets where id = %s", (bucket,))
                               ).fetchone()
                if found is None or (public and not found["public"]):
                    raise StorageError("404", "NoSuchBucket", "Bucket not found", "Bucket not found")
                row = await (await cur.execute(
                    "select o.metadata, o.updated_at, b.content from storage.objects o "
                    "join storage.blobs b on b.object_id = o.id where o.bucket_id = %s and o.name = %s",
                    (bucket, name),
                )).fetchone()
        except psycopg.Error as exc:
            raise StorageError("500", "DatabaseError", "internal", exc.diag.message_primary or "error") from exc
        if row is None:
            raise StorageError(*NOT_FOUND)
        return row["metadata"] or {}, row["updated_at"], bytes(row["content"])

    @staticmethod
    def _answer(request: Request, meta: dict[str, Any], modified: datetime, content: bytes) -> Response:
        etag = _etag(meta, content)
        last_modified = format_datetime(modified.replace(microsecond=0), usegmt=True)
        headers = {
            "ETag": etag,
            "Last-Modified": last_modified,
            "Cache-Control": meta.get("cacheControl") or "no-cache",
            "Accept-Ranges": "bytes",
        }
        media = meta.get("mimetype") or "application/octet-stream"
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None:
            if _etag_matches(if_none_match, etag):
                return Response(b"", 304, headers=headers)
        elif since := request.headers.get("if-modified-since"):
            try:
                if modified.replace(microsecond=0) <= parsedate_to_datetime(since):
                    return Response(b"", 304, headers=headers)
            except (TypeError, ValueError):
                pass  # an unreadable date is ignored, as HTTP says
        if range_header := request.headers.get("range"):
            span = _byte_range(range_header, len(content))
            if span is None:
                return Response(b"", 416, headers={**headers, "Content-Range": f"bytes */{len(content)}"})
            start, end = span
            headers["Content-Range"] = f"bytes {start}-{end}/{len(content)}"
            return Response(content[start:end + 1], 206, headers=headers, media_type=media)
        # For HEAD the server drops the body but keeps its Content-Length, as clients expect.
        return Response(content, 200, headers=headers, media_type=media)
