"""Where the refresh token lives: the operating system's keyring, or (when no keyring works) memory only,
with a notice that the sign-in lasts for this session (Maestral and Vorta do the same).

Backends are imported explicitly: a frozen application loses the entry points keyring normally discovers
them through. `PYTHON_KEYRING_BACKEND` still chooses one, as keyring documents (the tests use it).
"""

from __future__ import annotations

import logging
import os
import sys
import threading

import keyring
import keyring.backend
import keyring.backends.fail
import keyring.core
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "vschool-crm"

SESSION_ONLY_NOTICE = ("No usable keyring (password store) was found on this computer, so the sign-in lasts "
                       "for this session only: you will be asked to sign in again next time.")


def _platform_backends() -> list[keyring.backend.KeyringBackend]:
    found: list[keyring.backend.KeyringBackend] = []
    try:
        if sys.platform == "darwin":
            import keyring.backends.macOS as mac

            found.append(mac.Keyring())
        elif sys.platform == "win32":
            import keyring.backends.Windows as windows

            found.append(windows.WinVaultKeyring())
        else:
            import keyring.backends.kwallet as kwallet
            import keyring.backends.SecretService as secret_service

            found += [secret_service.Keyring(), kwallet.DBusKeyring()]
    except Exception as exc:  # a backend whose own imports fail is simply not available here
        log.debug("keyring backend unavailable: %s", exc)
    return found


def _usable(backend: keyring.backend.KeyringBackend) -> bool:
    try:
        return float(backend.priority) > 0 and not isinstance(backend, keyring.backends.fail.Keyring)
    except Exception:
        return False


def choose_backend() -> keyring.backend.KeyringBackend | None:
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        chosen = keyring.core.load_env()
        return chosen if chosen is not None and _usable(chosen) else None
    for backend in _platform_backends():
        if _usable(backend):
            return backend
    return None


class CredentialStore:
    """get/set/delete of one secret per account, in the keyring if one works, else in memory."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None, *, discover: bool = True) -> None:
        self.backend = backend if backend is not None else (choose_backend() if discover else None)
        self._memory: dict[str, str] = {}
        self._lock = threading.Lock()
        if self.backend is None:
            log.warning(SESSION_ONLY_NOTICE)

    @property
    def persistent(self) -> bool:
        return self.backend is not None

    def _fall_back(self, exc: Exception) -> None:
        log.warning("the keyring failed (%s); keeping the sign-in in memory for this session", exc)
        self.backend = None

    def get(self, account: str) -> str | None:
        with self._lock:
            if self.backend is not None:
                try:
                    return self.backend.get_password(SERVICE, account)
                except keyring.errors.KeyringError as exc:
                    self._fall_back(exc)
            return self._memory.get(account)

    def set(self, account: str, secret: str) -> None:
        with self._lock:
            if self.backend is not None:
                try:
                    self.backend.set_password(SERVICE, account, secret)
                    return
                except keyring.errors.KeyringError as exc:
                    self._fall_back(exc)
            self._memory[account] = secret

    def delete(self, account: str) -> None:
        with self._lock:
            self._memory.pop(account, None)
            if self.backend is not None:
                try:
                    self.backend.delete_password(SERVICE, account)
                except keyring.errors.PasswordDeleteError:
                    pass  # nothing stored: already the state we want
                except keyring.errors.KeyringError as exc:
                    self._fall_back(exc)
