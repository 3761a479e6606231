"""Supabase Auth's password and refresh grants, rotation and reuse detection, sign-out scopes and errors."""

from __future__ import annotations

import uuid

import httpx
import jwt
import pytest

from devserver.app import StandInConfig
from devserver.auth import AuthSettings
from devserver.server import StandIn
from tests.conftest import make_user

VERSION = {"X-Supabase-Api-Version": "2024-01-01"}


class AuthClient:
    def __init__(self, url, keys):
        self.http = httpx.Client(base_url=url + "/auth/v1", headers={"apikey": keys.anon_key, **VERSION})

    def password(self, email, password, **extra):
        return self.http.post("/token?grant_type=password", json={"email": email, "password": password},
                              **extra)

    def refresh(self, token):
        return self.http.post("/token?grant_type=refresh_token", json={"refresh_token": token})

    def user(self, access):
        return self.http.get("/user", headers={"Authorization": f"Bearer {access}"})

    def logout(self, access, scope="global"):
        return self.http.post(f"/logout?scope={scope}", headers={"Authorization": f"Bearer {access}"})


@pytest.fixture
def auth(standin, keys):
    client = AuthClient(standin.url, keys)
    yield client
    client.http.close()


@pytest.fixture
def strict(database, keys):
    """A stand-in that allows no refresh-token reuse at all, and one that allows a minute of it."""
    with StandIn(StandInConfig(database, keys, auth=AuthSettings(refresh_reuse_interval=0))) as server:
        client = AuthClient(server.url, keys)
        yield client
        client.http.close()


@pytest.fixture
def lenient(database, keys):
    with StandIn(StandInConfig(database, keys, auth=AuthSettings(refresh_reuse_interval=60,
                                                                 access_token_ttl=120))) as server:
        client = AuthClient(server.url, keys)
        yield client
        client.http.close()


def test_password_grant_session_shape(auth, keys, staff):
    r = auth.password(staff.email, staff.password)
    assert r.status_code == 200
    assert r.headers["x-supabase-api-version"] == "2024-01-01"
    session = r.json()
    assert session["token_type"] == "bearer" and session["expires_in"] == 3600
    assert len(session["refresh_token"]) >= 12
    user = session["user"]
    assert (user["id"], user["email"], user["aud"], user["role"]) == (
        staff.user_id, staff.email, "authenticated", "authenticated")
    assert user["app_metadata"] == {"provider": "email", "providers": ["email"]}
    claims = jwt.decode(session["access_token"], keys.jwt_secret, algorithms=["HS256"], audience="authenticated")
    assert claims["sub"] == staff.user_id and claims["role"] == "authenticated"
    assert claims["exp"] - claims["iat"] == 3600 and claims["exp"] == session["expires_at"]
    assert claims["iss"].endswith("/auth/v1") and claims["session_id"]


def test_access_token_lifetime_is_configurable(lenient, staff):
    session = lenient.password(staff.email, staff.password).json()
    assert session["expires_in"] == 120


@pytest.mark.parametrize(("email", "password", "code", "message"), [
    ("nobody@vschool.example", "x", "invalid_credentials", "Invalid login credentials"),
    (None, "x", "validation_failed", "missing email or phone"),
])
def test_sign_in_errors(auth, email, password, code, message):
    r = auth.password(email, password)
    assert r.status_code == 400
    assert r.json() == {"code": code, "message": message}
    assert r.headers["x-sb-error-code"] == code


def test_legacy_error_shape_without_version_header(standin, keys):
    r = httpx.post(f"{standin.url}/auth/v1/token?grant_type=password", headers={"apikey": keys.anon_key},
                   json={"email": "nobody@vschool.example", "password": "x"})
    assert r.json() == {"code": 400, "error_code": "invalid_credentials", "msg": "Invalid login credentials"}


def test_unconfirmed_email(auth, db, staff):
    db.execute("update auth.users set email_confirmed_at = null where id = %s", (staff.user_id,))
    r = auth.password(staff.email, staff.password)
    assert (r.status_code, r.json()["code"]) == (400, "email_not_confirmed")


def test_refresh_rotates(auth, staff):
    first = auth.password(staff.email, staff.password).json()
    second = auth.refresh(first["refresh_token"]).json()
    assert second["refresh_token"] != first["refresh_token"]
    third = auth.refresh(second["refresh_token"]).json()
    assert third["refresh_token"] not in (first["refresh_token"], second["refresh_token"])
    assert auth.user(third["access_token"]).json()["id"] == staff.user_id


def test_parent_of_active_token_returns_the_active_one(strict, staff):
    """A client that crashed before storing its new token may present the old one again."""
    first = strict.password(staff.email, staff.password).json()
    second = strict.refresh(first["refresh_token"]).json()
    again = strict.refresh(first["refresh_token"])
    assert again.status_code == 200
    assert again.json()["refresh_token"] == second["refresh_token"]


def test_reuse_within_interval_is_allowed(lenient, staff):
    first = lenient.password(staff.email, staff.password).json()
    second = lenient.refresh(first["refresh_token"]).json()
    lenient.refresh(second["refresh_token"])  # now the first token is two generations old
    assert lenient.refresh(first["refresh_token"]).status_code == 200


def test_reuse_outside_interval_revokes_the_family(strict, staff):
    first = strict.password(staff.email, staff.password).json()
    second = strict.refresh(first["refresh_token"]).json()
    third = strict.refresh(second["refresh_token"]).json()
    r = strict.refresh(first["refresh_token"])
    assert (r.status_code, r.json()) == (400, {"code": "refresh_token_already_used",
                                               "message": "Invalid Refresh Token: Already Used"})
    r = strict.refresh(third["refresh_token"])  # the newest token died with its family
    assert (r.status_code, r.json()["code"]) == (400, "refresh_token_not_found")


def test_unknown_refresh_token(auth):
    r = auth.refresh("not-a-token-anyone-issued")
    assert (r.status_code, r.json()) == (400, {"code": "refresh_token_not_found",
                                               "message": "Invalid Refresh Token: Refresh Token Not Found"})


def test_user_endpoint_errors(auth, keys):
    r = auth.http.get("/user")
    assert (r.status_code, r.json()["code"]) == (401, "no_authorization")
    r = auth.user("garbage")
    assert (r.status_code, r.json()["code"]) == (403, "bad_jwt")


@pytest.mark.parametrize(("scope", "survivors"), [("local", {1, 2}), ("others", {0}), ("global", set())])
def test_logout_scopes(auth, db, scope, survivors):
    user = make_user(db)
    sessions = [auth.password(user.email, user.password).json() for _ in range(3)]
    assert auth.logout(sessions[0]["access_token"], scope).status_code == 204
    alive = {i for i, s in enumerate(sessions) if auth.refresh(s["refresh_token"]).status_code == 200}
    assert alive == survivors
    if 0 not in survivors:
        r = auth.user(sessions[0]["access_token"])
        assert (r.status_code, r.json()["code"]) == (403, "session_not_found")


def test_auth_needs_the_api_key(standin):
    r = httpx.post(f"{standin.url}/auth/v1/token?grant_type=password", json={"email": "a", "password": "b"})
    assert r.status_code == 401 and r.json()["message"] == "No API key found in request"


def test_admin_creates_users(standin, keys, auth):
    email = f"new.hire.{uuid.uuid4().hex[:8]}@vschool.example"
    admin = httpx.Client(base_url=standin.url + "/auth/v1",
                         headers={"apikey": keys.service_key, "Authorization": f"Bearer {keys.service_key}"})
    r = admin.post("/admin/users", json={"email": email, "password": "pw-123456",
                                         "email_confirm": True})
    assert r.status_code == 200, r.text
    assert auth.password(email, "pw-123456").status_code == 200
    assert admin.post("/admin/users", json={"email": email,
                                            "password": "x"}).json()["error_code"] == "email_exists"
    r = auth.http.post("/admin/users", headers={"Authorization": f"Bearer {keys.anon_key}"},
                       json={"email": "x@vschool.example", "password": "y"})
    assert r.status_code == 403
    admin.close()
