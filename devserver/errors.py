"""Errors in the shapes Supabase's services answer with, so clients parse them exactly as in production."""

from __future__ import annotations

from typing import Any

import orjson
import psycopg
from starlette.responses import Response

JSON_TYPE = "application/json; charset=utf-8"


class ApiError(Exception):
    """An answer that ends a request early: an HTTP status, a JSON body and extra headers."""

    def __init__(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        super().__init__(body.get("message") or body.get("msg") or str(body))
        self.status = status
        self.body = body
        self.headers = headers or {}

    def response(self) -> Response:
        return Response(orjson.dumps(self.body), self.status, headers=self.headers, media_type=JSON_TYPE)


def rest_error(status: int, code: str, message: str, details: str | None = None, hint: str | None = None,
               headers: dict[str, str] | None = None) -> ApiError:
    """PostgREST's error: always the four keys, and a Proxy-Status header naming the code."""
    all_headers = {"Proxy-Status": f"PostgREST; error={code}", **(headers or {})}
    return ApiError(status, {"code": code, "details": details, "hint": hint, "message": message}, all_headers)


def parse_error(message: str, details: str | None = None) -> ApiError:
    return rest_error(400, "PGRST100", message, details)


def gateway_error(message: str, hint: str) -> ApiError:
    """The API gateway's own refusal (before PostgREST or Auth see the request)."""
    return ApiError(401, {"message": message, "hint": hint})


def _status_for_sqlstate(code: str, role: str) -> int:
    if code == "42501":
        # PostgREST answers 401 to an anonymous caller so that clients know signing in may help.
        return 401 if role == "anon" else 403
    exact = {"23503": 409, "23505": 409, "25006": 405, "P0001": 400, "42883": 404, "42P01": 404, "57014": 500}
    if code in exact:
        return exact[code]
    prefix = code[:2]
    by_class = {"08": 503, "09": 500, "0L": 403, "0P": 403, "28": 403, "25": 500, "2D": 500, "38": 500,
                "39": 500, "3B": 500, "40": 500, "53": 503, "54": 500, "55": 500, "57": 500, "58": 500,
                "F0": 500, "HV": 500, "P0": 500, "XX": 500}
    return by_class.get(prefix, 400)


def from_database(exc: psycopg.Error, role: str) -> ApiError:
    """Map a PostgreSQL error to PostgREST's status and body."""
    diag = exc.diag
    code = diag.sqlstate or "XX000"
    status = _status_for_sqlstate(code, role)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return rest_error(status, code, diag.message_primary or str(exc), diag.message_detail, diag.message_hint,
                      headers)
