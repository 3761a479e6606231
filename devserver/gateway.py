"""What Supabase's API gateway and PostgREST check before a request reaches the database: the project's API
key, then the bearer token that decides the database role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import HTTPConnection, Request

from devserver.errors import gateway_error, rest_error
from devserver.keys import ProjectKeys, TokenError

API_ROLES = ("anon", "authenticated", "service_role")


@dataclass(frozen=True)
class Caller:
    role: str
    claims: dict[str, Any]
    token: str

    @property
    def user_id(self) -> str | None:
        sub = self.claims.get("sub")
        return sub if isinstance(sub, str) else None


def api_key(request: HTTPConnection) -> str | None:
    return request.headers.get("apikey") or request.query_params.get("apikey")


def require_api_key(request: HTTPConnection, keys: ProjectKeys) -> str:
    key = api_key(request)
    if not key:
        raise gateway_error("No API key found in request", "No `apikey` request header or url param was found.")
    if not keys.is_api_key(key):
        raise gateway_error("Invalid API key", "Double check your Supabase `anon` or `service_role` API key.")
    return key


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


def rest_caller(request: Request, keys: ProjectKeys) -> Caller:
    """The caller as PostgREST sees it; without an Authorization header the API key is the token."""
    key = require_api_key(request, keys)
    token = bearer_token(request) or key
    try:
        claims = keys.decode(token)
    except TokenError as exc:
        code = "PGRST303" if exc.expired else "PGRST301"
        description = str(exc).replace('"', "'")
        raise rest_error(401, code, str(exc), headers={
            "WWW-Authenticate": f'Bearer error="invalid_token", error_description="{description}"',
        }) from exc
    role = claims.get("role", "anon")
    if role not in API_ROLES:
        raise rest_error(401, "PGRST301", f'role "{role}" is not allowed here', headers={
            "WWW-Authenticate": 'Bearer error="invalid_token", error_description="unknown role"',
        })
    return Caller(role, claims, token)

