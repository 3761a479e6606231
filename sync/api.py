"""Authorised calls to the project's REST API: the session is refreshed ahead of expiry, and once more when the
server rejects the token (a clock that drifted, a token revoked early)."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from sync.errors import BadResponseError
from sync.http import SupabaseClient, error_message, refuse
from sync.session import Session

TOKEN_REJECTED = {"PGRST301", "PGRST302", "PGRST303"}


def content_range_total(response: httpx.Response) -> int | None:
    total = response.headers.get("content-range", "").rpartition("/")[2]
    return int(total) if total.isdigit() else None


class Api:
    def __init__(self, client: SupabaseClient, session: Session) -> None:
        self.client = client
        self.session = session

    def get(self, path: str, params: Any = None, *, headers: dict[str, str] | None = None,
            cancel: threading.Event | None = None, doing: str = "the request") -> tuple[httpx.Response, Any]:
        self.session.ensure_fresh(cancel)  # a cancel ends a renewal's retries, not its exchange
        response, body = self.client.request("GET", path, params=params, headers=headers, cancel=cancel)
        if response.status_code == 401 and error_message(response, body)[0] in TOKEN_REJECTED:
            self.session.refresh(cancel)
            response, body = self.client.request("GET", path, params=params, headers=headers, cancel=cancel)
        if response.status_code >= 400:
            raise refuse(response, body, doing)
        return response, body

    def call(self, name: str, args: dict[str, Any], *, cancel: threading.Event | None = None) -> Any:
        """POST an RPC with named arguments (the writes of DESIGN.md §7); retried like every request, the
        session renewed once if the server rejects the token."""
        self.session.ensure_fresh(cancel)
        path = f"/rest/v1/rpc/{name}"
        response, body = self.client.request("POST", path, json=args, cancel=cancel)
        if response.status_code == 401 and error_message(response, body)[0] in TOKEN_REJECTED:
            self.session.refresh(cancel)
            response, body = self.client.request("POST", path, json=args, cancel=cancel)
        if response.status_code >= 400:
            raise refuse(response, body, f"calling {name}")
        return body

    def rows(self, table: str, params: Any, *, count: bool = False,
             cancel: threading.Event | None = None) -> tuple[list[dict[str, Any]], int | None]:
        headers = {"Prefer": "count=exact"} if count else None
        response, body = self.get(f"/rest/v1/{table}", params, headers=headers, cancel=cancel,
                                  doing=f"reading {table}")
        if not isinstance(body, list) or any(not isinstance(r, dict) or "id" not in r for r in body):
            raise BadResponseError(f"The server's answer for {table} is not a list of rows")
        return body, content_range_total(response)

    def is_active_employee(self, cancel: threading.Event | None = None) -> bool:
        """Whether the row-level security still lets the signed-in user read: it shows an inactive employee, or a
        user who is none, nothing at all, not even their own employees row."""
        user = self.session.user
        if user is None or not user.id:
            self.session.refresh()  # the session names its user once it has been renewed in this process
            user = self.session.user
        assert user is not None
        staff, _ = self.rows("employees", {"select": "id", "auth_user_id": f"eq.{user.id}", "limit": "1"},
                             cancel=cancel)
        return bool(staff)

    def rpc(self, name: str, *, cancel: threading.Event | None = None) -> Any:
        return self.get(f"/rest/v1/rpc/{name}", cancel=cancel, doing=f"calling {name}")[1]
