"""A signed-in session: the access token in memory, the rotating refresh token in the keyring.

Supabase refresh tokens are single-use. A new one is therefore stored *before* the access token that came
with it is used: a crash between the two would otherwise leave only a spent token and sign the user out.
A rejected refresh token ends the session but never touches the cache; a network failure ends nothing.
"""

from __future__ import annotations

import base64
import contextlib
import threading
import time
from dataclasses import dataclass
from typing import Any

import orjson

from sync.credentials import CredentialStore
from sync.errors import CredentialsError, NotSignedInError, SignedOutError, SyncError
from sync.http import SupabaseClient, error_message, refuse

# Refresh this long before the access token expires, so a page request never goes out with a dying token.
REFRESH_MARGIN = 60.0
SIGNED_OUT_CODES = {"refresh_token_already_used", "refresh_token_not_found", "session_not_found",
                    "session_expired", "user_not_found", "user_banned"}


@dataclass(frozen=True)
class User:
    id: str
    email: str


def _claims(token: str) -> dict[str, Any]:
    """The access token's payload, unverified: the client only reads its own expiry from it."""
    try:
        payload = token.split(".")[1]
        return dict(orjson.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
    except (IndexError, ValueError, orjson.JSONDecodeError):
        return {}


class Session:
    def __init__(self, client: SupabaseClient, credentials: CredentialStore, account: str) -> None:
        """`account` names the keyring entry: one per project and email."""
        self.client = client
        self.credentials = credentials
        self.account = account
        self.user: User | None = None
        self.remember = True
        self._memory_token: str | None = None  # the refresh token when the user chose not to be remembered
        self._expires_at = 0.0
        self._lock = threading.RLock()  # the worker and the live connection both renew through here

    @staticmethod
    def account_for(url: str, email: str) -> str:
        return f"{url.rstrip('/')}|{email.strip().lower()}"

    @property
    def has_refresh_token(self) -> bool:
        return self.credentials.get(self.account) is not None

    def _store(self, refresh_token: str) -> None:
        if self.remember:
            self.credentials.set(self.account, refresh_token)
        else:
            self.credentials.delete(self.account)
            self._memory_token = refresh_token

    def _refresh_token(self) -> str | None:
        if self.remember:
            return self.credentials.get(self.account)
        return self._memory_token

    def _adopt(self, body: dict[str, Any]) -> None:
        """Take a session answer from Auth: refresh token stored first, then the access token used."""
        try:
            refresh, access = str(body["refresh_token"]), str(body["access_token"])
            user = body.get("user") or {}
            expires_in = float(body.get("expires_in") or 3600)
        except (KeyError, TypeError, ValueError) as exc:
            raise CredentialsError("The sign-in answer from the server was incomplete") from exc
        self._store(refresh)
        self.client.access_token = access
        self._expires_at = time.monotonic() + expires_in
        claims = _claims(access)
        self.user = User(str(user.get("id") or claims.get("sub") or ""), str(user.get("email") or ""))

    def sign_in(self, email: str, password: str, *, remember: bool = True) -> User:
        self.remember = remember
        response, body = self.client.request("POST", "/auth/v1/token", params={"grant_type": "password"},
                                             json={"email": email, "password": password}, authorised=False)
        if response.status_code != 200:
            code, message = error_message(response, body)
            if code in ("invalid_credentials", "invalid_grant", "email_not_confirmed", "validation_failed"):
                raise CredentialsError({
                    "invalid_credentials": "Wrong email or password",
                    "invalid_grant": "Wrong email or password",
                    "email_not_confirmed": "This email address has not been confirmed yet",
                }.get(code, message or "Sign-in refused"))
            raise refuse(response, body, "the sign-in")
        self._adopt(body)
        assert self.user is not None
        return self.user

    def refresh(self, stop: threading.Event | None = None) -> None:
        """`stop` ends the retries, never the exchange under way: its answer holds the only valid refresh token."""
        with self._lock:
            token = self._refresh_token()
            if token is None:
                raise NotSignedInError("Not signed in: sign in to sync")
            response, body = self.client.request("POST", "/auth/v1/token",
                                                 params={"grant_type": "refresh_token"},
                                                 json={"refresh_token": token}, authorised=False, stop=stop)
            if response.status_code != 200:
                code, _ = error_message(response, body)
                if code in SIGNED_OUT_CODES:
                    self.end()
                    raise SignedOutError("Your session has ended (signed out elsewhere or expired): sign in "
                                         "again to sync. Everything already on this computer stays readable.")
                raise refuse(response, body, "renewing the session")
            self._adopt(body)

    def ensure_fresh(self, stop: threading.Event | None = None) -> None:
        """Refresh when there is no access token yet or it is about to expire (once, when two threads ask)."""
        with self._lock:
            if self.client.access_token is None or time.monotonic() > self._expires_at - REFRESH_MARGIN:
                self.refresh(stop)

    def fresh_token(self, stop: threading.Event | None = None) -> tuple[str, float]:
        """The access token, renewed first when about to expire, and the seconds it has left: the live
        connection sends it on its socket, so the engine and the socket share this one refresh path. `stop`
        (the connection's) ends a renewal's retries."""
        with self._lock:
            self.ensure_fresh(stop)
            token = self.client.access_token
            if token is None:
                raise NotSignedInError("Not signed in: sign in to sync")
            return token, self._expires_at - time.monotonic()

    def end(self) -> None:
        """Forget the session locally (the cache is not touched)."""
        self.credentials.delete(self.account)
        self._memory_token = None
        self.client.access_token = None
        self._expires_at = 0.0

    def sign_out(self) -> None:
        """Revoke the session on the server when reachable, and forget it here in any case."""
        # Offline, the server-side session simply expires; the local one ends all the same.
        with contextlib.suppress(SyncError):
            if self.client.access_token:
                self.client.request("POST", "/auth/v1/logout", params={"scope": "local"}, parse=False)
        self.end()
