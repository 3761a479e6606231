"""The project's JWT secret and the two API keys derived from it, as a Supabase project has them.

Legacy Supabase keys are long-lived HS256 JWTs signed with the project's JWT secret; the same secret signs the
access tokens that Auth issues, and PostgREST verifies both the same way.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import jwt

# Clock skew PostgREST tolerates on exp/iat/nbf.
LEEWAY_SECONDS = 30

# The well-known secret of Supabase's local development stack: the demo is not a secret, and a fixed value
# keeps the printed anon key the same from one `make demo` to the next.
DEMO_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long"

# Fixed issue and expiry times make the keys a pure function of the secret, so a restarted stand-in keeps
# the keys that clients already saved.
_KEYS_ISSUED_AT = 1_767_225_600  # 2026-01-01T00:00:00Z
_KEYS_EXPIRE_AT = 2_398_377_600  # 2046-01-01T00:00:00Z


class TokenError(Exception):
    """A bearer token that cannot be used; `expired` tells PostgREST's PGRST303 from PGRST301."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


@dataclass(frozen=True)
class ProjectKeys:
    jwt_secret: str
    anon_key: str
    service_key: str

    @classmethod
    def from_secret(cls, secret: str) -> ProjectKeys:
        if len(secret) < 32:
            raise ValueError("the JWT secret must be at least 32 characters long")
        def key(role: str) -> str:
            claims = {"iss": "supabase-demo", "role": role, "iat": _KEYS_ISSUED_AT, "exp": _KEYS_EXPIRE_AT}
            return sign(claims, secret)

        return cls(jwt_secret=secret, anon_key=key("anon"), service_key=key("service_role"))

    @classmethod
    def generate(cls) -> ProjectKeys:
        return cls.from_secret(secrets.token_urlsafe(40))

    def is_api_key(self, value: str) -> bool:
        return secrets.compare_digest(value, self.anon_key) or secrets.compare_digest(value, self.service_key)

    def decode(self, token: str, *, leeway: int = LEEWAY_SECONDS) -> dict[str, Any]:
        """Verify an HS256 token as PostgREST does; raise TokenError with PostgREST's wording. Realtime allows
        no clock skew (leeway 0)."""
        try:
            claims = jwt.decode(
                token,
                self.jwt_secret,
                algorithms=["HS256"],
                leeway=leeway,
                options={"verify_aud": False, "require": []},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenError("JWT expired", expired=True) from exc
        except jwt.InvalidSignatureError as exc:
            raise TokenError("JWSError JWSInvalidSignature") from exc
        except jwt.DecodeError as exc:
            parts = token.count(".") + 1
            if parts != 3:
                raise TokenError(
                    f"JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got {parts})"
                ) from exc
            raise TokenError("JWSError JWSInvalidSignature") from exc
        except jwt.InvalidTokenError as exc:
            raise TokenError(f"JWT invalid: {exc}") from exc
        if not isinstance(claims, dict):
            raise TokenError("JWT claims must be an object")
        return claims


def sign(claims: dict[str, Any], secret: str) -> str:
    return jwt.encode(claims, secret, algorithm="HS256")
