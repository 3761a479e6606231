"""Password hashes for the stand-in's auth.users.

Supabase keeps bcrypt hashes; the stand-in's embedded PostgreSQL has no pgcrypto, so it uses PBKDF2 from the
standard library instead. The format is self-describing so the cost can change without breaking old rows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# Low on purpose: this guards demo and test accounts on loopback, and sign-in sits on the tests' hot path.
_ITERATIONS = 20_000


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _ITERATIONS)
    return f"$pbkdf2-sha256${_ITERATIONS}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    try:
        _, scheme, iterations, salt_b64, digest_b64 = stored.split("$")
        if scheme != "pbkdf2-sha256":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)
