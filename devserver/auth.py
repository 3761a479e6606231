"""`/auth/v1`: the part of Supabase Auth (GoTrue) the clients use — password sign-in, rotating refresh tokens
with reuse detection, sign-out by scope, the current user, and an admin call to create users.

It works on the `auth` schema directly with a privileged connection, as GoTrue does with its own role.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
import psycopg
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool
from starlette.requests import Request
from starlette.responses import Response

from devserver.errors import JSON_TYPE, ApiError
from devserver.gateway import bearer_token, require_api_key
from devserver.keys import ProjectKeys, TokenError, sign
from devserver.passwords import hash_password, verify_password

API_VERSION_HEADER = "X-Supabase-Api-Version"


@dataclass
class AuthSettings:
    access_token_ttl: int = 3600
    refresh_reuse_interval: float = 10.0


class AuthError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self, request: Request) -> Response:
        """Newer clients (API version header) get {code, message}; older ones GoTrue's legacy shape."""
        version = request.headers.get(API_VERSION_HEADER)
        if version:
            body: dict[str, Any] = {"code": self.code, "message": self.message}
        else:
            body = {"code": self.status, "error_code": self.code, "msg": self.message}
        headers = {"x-sb-error-code": self.code}
        if version:
            headers[API_VERSION_HEADER] = version
        return Response(orjson.dumps(body), self.status, headers=headers, media_type=JSON_TYPE)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def user_json(user: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(user["id"]),
        "aud": user["aud"],
        "role": user["role"],
        "email": user["email"],
        "email_confirmed_at": _iso(user["email_confirmed_at"]),
        "phone": "",
        "confirmed_at": _iso(user["email_confirmed_at"]),
        "last_sign_in_at": _iso(user["last_sign_in_at"]),
        "app_metadata": user["raw_app_meta_data"],
        "user_metadata": user["raw_user_meta_data"],
        "identities": [],
        "created_at": _iso(user["created_at"]),
        "updated_at": _iso(user["updated_at"]),
        "is_anonymous": False,
    }


class AuthApi:
    def __init__(self, pool: AsyncConnectionPool, keys: ProjectKeys, settings: AuthSettings) -> None:
        self.pool = pool
        self.keys = keys
        self.settings = settings

    def _answer(self, request: Request, body: Any, status: int = 200) -> Response:
        headers = {}
        if version := request.headers.get(API_VERSION_HEADER):
            headers[API_VERSION_HEADER] = version
        content = orjson.dumps(body) if body is not None else b""
        return Response(content, status, headers=headers, media_type=JSON_TYPE if body is not None else None)

    async def handle(self, request: Request) -> Response:
        try:
            require_api_key(request, self.keys)
            route = request.path_params["route"].strip("/")
            if route == "token" and request.method == "POST":
                grant = request.query_params.get("grant_type")
                if grant == "password":
                    return self._answer(request, await self._password_grant(request))
                if grant == "refresh_token":
                    return self._answer(request, await self._refresh_grant(request))
                raise AuthError(400, "validation_failed", "unsupported_grant_type")
            if route == "logout" and request.method == "POST":
                await self._logout(request)
                return self._answer(request, None, 204)
            if route == "user" and request.method == "GET":
                return self._answer(request, await self._current_user(request))
            if route == "admin/users" and request.method == "POST":
                return self._answer(request, await self._admin_create_user(request))
            if route == "health":
                return self._answer(request, {"name": "GoTrue", "description": "VSchool local stand-in"})
            if route == "settings":
                return self._answer(request, {"external": {"email": True}, "disable_signup": True,
                                              "mailer_autoconfirm": True})
            raise AuthError(404, "not_found", "Not Found")
        except AuthError as exc:
            return exc.response(request)
        except ApiError as exc:
            return exc.response()

    async def _body(self, request: Request) -> dict[str, Any]:
        try:
            body = orjson.loads(await request.body() or b"{}")
        except orjson.JSONDecodeError as exc:
            raise AuthError(400, "bad_json", "Could not parse request body as JSON") from exc
        if not isinstance(body, dict):
            raise AuthError(400, "bad_json", "Could not parse request body as JSON")
        return body

    # --- sessions -------------------------------------------------------------------------------------------

    def _access_token(self, request: Request, user: dict[str, Any], session_id: str) -> tuple[str, int]:
        now = int(time.time())
        expires_at = now + self.settings.access_token_ttl
        claims = {
            "iss": str(request.base_url).rstrip("/") + "/auth/v1",
            "sub": str(user["id"]),
            "aud": "authenticated",
            "exp": expires_at,
            "iat": now,
            "email": user["email"],
            "phone": "",
            "app_metadata": user["raw_app_meta_data"],
            "user_metadata": user["raw_user_meta_data"],
            "role": "authenticated",
            "aal": "aal1",
            "amr": [{"method": "password", "timestamp": now}],
            "session_id": session_id,
            "is_anonymous": False,
        }
        return sign(claims, self.keys.jwt_secret), expires_at

    def _session(self, request: Request, user: dict[str, Any], session_id: str, refresh: str) -> dict[str, Any]:
        token, expires_at = self._access_token(request, user, session_id)
        return {
            "access_token": token,
            "token_type": "bearer",
            "expires_in": self.settings.access_token_ttl,
            "expires_at": expires_at,
            "refresh_token": refresh,
            "user": user_json(user),
        }

    async def _password_grant(self, request: Request) -> dict[str, Any]:
        body = await self._body(request)
        email = str(body.get("email") or "").strip().lower()
        password = str(body.get("password") or "")
        if not email:
            raise AuthError(400, "validation_failed", "missing email or phone")
        async with self.pool.connection() as conn, conn.transaction():
            cur = conn.cursor(row_factory=dict_row)
            user = await (await cur.execute("select * from auth.users where lower(email) = %s", (email,))
                          ).fetchone()
            if user is None or not verify_password(password, user["encrypted_password"]):
                raise AuthError(400, "invalid_credentials", "Invalid login credentials")
            if user["email_confirmed_at"] is None:
                raise AuthError(400, "email_not_confirmed", "Email not confirmed")
            session = await (await cur.execute(
                "insert into auth.sessions (user_id) values (%s) returning id", (user["id"],))).fetchone()
            assert session is not None
            refresh = secrets.token_urlsafe(16)
            await cur.execute(
                "insert into auth.refresh_tokens (token, user_id, session_id) values (%s, %s, %s)",
                (refresh, user["id"], session["id"]),
            )
            user = await (await cur.execute(
                "update auth.users set last_sign_in_at = now() where id = %s returning *", (user["id"],))
            ).fetchone()
        assert user is not None
        return self._session(request, user, str(session["id"]), refresh)

    async def _refresh_grant(self, request: Request) -> dict[str, Any]:
        body = await self._body(request)
        presented = str(body.get("refresh_token") or "")
        if not presented:
            raise AuthError(400, "validation_failed", "Refresh Token is required")
        reused = False
        async with self.pool.connection() as conn, conn.transaction():
            cur = conn.cursor(row_factory=dict_row)
            # Lock the token so that two refreshes racing with one token cannot both rotate it.
            # Signing out deletes the session and, by cascade, its tokens: a missing token covers both cases.
            token = await (await cur.execute(
                "select * from auth.refresh_tokens where token = %s for update", (presented,))).fetchone()
            if token is None:
                raise AuthError(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found")
            issued: str | None = None
            if token["revoked"]:
                active = await (await cur.execute(
                    "select token, parent from auth.refresh_tokens where session_id = %s and not revoked "
                    "order by id desc limit 1", (token["session_id"],))).fetchone()
                if active is not None and active["parent"] == presented:
                    # The client lost the answer to its last refresh: hand it the token it never stored.
                    issued = active["token"]
                else:
                    age = await (await cur.execute("select extract(epoch from now() - %s)::float as age",
                                                   (token["updated_at"],))).fetchone()
                    assert age is not None
                    if age["age"] > self.settings.refresh_reuse_interval:
                        # Reuse outside the grace window looks like theft: end the session, and with it every
                        # token of the family (deleting it, rather than flagging tokens, leaves no token that a
                        # later reuse window could revive).
                        await cur.execute("delete from auth.sessions where id = %s", (token["session_id"],))
                        reused = True
            # On reuse the transaction still commits, so the revocation stands; the refusal follows below.
            if issued is None and not reused:
                issued = secrets.token_urlsafe(16)
                await cur.execute("update auth.refresh_tokens set revoked = true, updated_at = now() where id = %s",
                                  (token["id"],))
                await cur.execute(
                    "insert into auth.refresh_tokens (token, user_id, session_id, parent) values (%s, %s, %s, %s)",
                    (issued, token["user_id"], token["session_id"], presented),
                )
                await cur.execute("update auth.sessions set updated_at = now() where id = %s",
                                  (token["session_id"],))
            user = await (await cur.execute("select * from auth.users where id = %s", (token["user_id"],))
                          ).fetchone()
        if reused:
            raise AuthError(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used")
        assert user is not None and issued is not None
        return self._session(request, user, str(token["session_id"]), issued)

    # --- the signed-in user ---------------------------------------------------------------------------------

    def _claims(self, request: Request, *, user: bool = True) -> dict[str, Any]:
        token = bearer_token(request)
        if not token:
            raise AuthError(401, "no_authorization", "This endpoint requires a Bearer token")
        try:
            claims = self.keys.decode(token)
        except TokenError as exc:
            raise AuthError(403, "bad_jwt", f"invalid JWT: unable to parse or verify signature, {exc}") from exc
        if user and not claims.get("sub"):
            raise AuthError(403, "bad_jwt", "invalid claim: missing sub claim")
        return claims

    async def _current_user(self, request: Request) -> dict[str, Any]:
        claims = self._claims(request)
        async with self.pool.connection() as conn:
            cur = conn.cursor(row_factory=dict_row)
            if claims.get("session_id"):
                alive = await (await cur.execute("select 1 from auth.sessions where id = %s",
                                                 (claims["session_id"],))).fetchone()
                if alive is None:
                    raise AuthError(403, "session_not_found",
                                    "Session from session_id claim in JWT does not exist")
            user = await (await cur.execute("select * from auth.users where id = %s", (claims["sub"],))).fetchone()
        if user is None:
            raise AuthError(403, "user_not_found", "User from sub claim in JWT does not exist")
        return user_json(user)

    async def _logout(self, request: Request) -> None:
        claims = self._claims(request)
        scope = request.query_params.get("scope", "global")
        if scope not in ("global", "local", "others"):
            raise AuthError(400, "validation_failed", "Unsupported logout scope")
        session_id = claims.get("session_id")
        async with self.pool.connection() as conn:
            if scope == "global":
                await conn.execute("delete from auth.sessions where user_id = %s", (claims["sub"],))
            elif scope == "local":
                await conn.execute("delete from auth.sessions where id = %s", (session_id,))
            else:
                await conn.execute("delete from auth.sessions where user_id = %s and id is distinct from %s",
                                   (claims["sub"], session_id))

    async def _admin_create_user(self, request: Request) -> dict[str, Any]:
        claims = self._claims(request, user=False)
        if claims.get("role") != "service_role":
            raise AuthError(403, "not_admin", "User not allowed")
        body = await self._body(request)
        email = str(body.get("email") or "").strip().lower()
        password = str(body.get("password") or "")
        if not email or not password:
            raise AuthError(400, "validation_failed", "email and password are required")
        confirmed = bool(body.get("email_confirm"))
        try:
            async with self.pool.connection() as conn:
                cur = conn.cursor(row_factory=dict_row)
                user = await (await cur.execute(
                    "insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data) "
                    "values (%s, %s, case when %s then now() end, %s) returning *",
                    (email, hash_password(password), confirmed,
                     orjson.dumps(body.get("user_metadata") or {}).decode()),
                )).fetchone()
        except psycopg.errors.UniqueViolation as exc:
            raise AuthError(422, "email_exists",
                            "A user with this email address has already been registered") from exc
        assert user is not None
        return user_json(user)
