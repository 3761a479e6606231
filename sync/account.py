"""One configured project and user, put together: the HTTP client, the session, the cache and the engine.
The command line and the desktop application both start from here."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import shutil
from pathlib import Path

from cache.location import account_folder
from cache.outbox import Outbox
from cache.private import make_private
from cache.store import CacheStore
from sync import events as ev
from sync.api import Api
from sync.credentials import CredentialStore
from sync.engine import SyncEngine
from sync.errors import CredentialsError, NotSignedInError, SyncError
from sync.http import RetryPolicy, SupabaseClient
from sync.session import Session, User
from sync.settings import Settings

log = logging.getLogger(__name__)

# The local stand-in of `make demo`: its keys derive from Supabase's public local-development secret, and its
# generated data has a demo sales user (tests check these agree with devserver/datagen).
DEMO_URL = "http://127.0.0.1:54321"
DEMO_ANON_KEY = ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJpYXQiOjE3Nj"
                 "cyMjU2MDAsImV4cCI6MjM5ODM3NzYwMH0.KmEOfKxB7olQ9Ttb-CFRvY6etQqUg_M7uVS8E1Ka5cs")
DEMO_EMAIL = "sales@vschool.example"
DEMO_PASSWORD = "vschool-demo"


class Account:
    def __init__(self, settings: Settings, cache_root: Path, credentials: CredentialStore, *,
                 retry: RetryPolicy | None = None) -> None:
        self.settings = settings
        self.cache_root = cache_root
        self.client = SupabaseClient(settings.supabase_url, settings.anon_key, retry=retry)
        self.session = Session(self.client, credentials, Session.account_for(self.client.url, settings.email))
        self.session.remember = settings.remember
        self.api = Api(self.client, self.session)
        self._store: CacheStore | None = None

    @property
    def folder(self) -> Path:
        if not self.settings.user_id:
            raise NotSignedInError("Not signed in yet: sign in once so this computer knows whose data to keep")
        return account_folder(self.cache_root, self.client.url, self.settings.user_id)

    @property
    def store(self) -> CacheStore:
        if self._store is None:
            folder = self.folder
            # Folders an earlier version left readable to others (their files are tightened as rewritten).
            for above in (self.cache_root, folder.parent, folder):
                make_private(above)
            self._store = CacheStore(folder)
        return self._store

    def outbox(self) -> Outbox:
        """The signed-in rep's writes (cache/outbox.py), authored as their employee row in the cache."""
        found = self.store.conn.execute("SELECT id FROM employees WHERE auth_user_id = ?",
                                        (self.settings.user_id,)).fetchone()
        return Outbox(self.store, found[0] if found else None)

    def engine(self, listener: ev.Listener | None = None, *, pictures: bool = True) -> SyncEngine:
        return SyncEngine(self.api, self.store, listener=listener, pictures=pictures)

    def sign_in(self, email: str, password: str, *, remember: bool = True) -> User:
        """Sign in; the account's settings are then replaced by ones naming this user (the caller saves them)."""
        self.session.account = Session.account_for(self.client.url, email)
        user = self.session.sign_in(email, password, remember=remember)
        # The row-level security shows such a user nothing at all: say so now rather than sync an empty cache.
        staff, _ = self.api.rows("employees", {"select": "id", "auth_user_id": f"eq.{user.id}", "limit": "1"})
        if not staff:
            self.session.sign_out()
            raise CredentialsError("Signed in, but this account is not an active VSchool employee, so there is no "
                                   "data to show: ask the school's administrator to add or reactivate it")
        if self._store is not None and user.id != self.settings.user_id:
            self._store.close()
            self._store = None
        self.settings = dataclasses.replace(self.settings, email=user.email or email, user_id=user.id,
                                            remember=remember)
        return user

    def sign_out(self, *, remove_data: bool = False, reach_server: bool = True) -> str | None:
        """Sign out on this computer: the session is revoked on the server when it can be reached (offline, or
        not `reach_server`, it simply expires there) and leaves the keyring in any case; with `remove_data`
        this user's cache folder goes and the settings forget the user (the caller saves them). Returns why
        the folder could not be removed completely, or None. The command line and the desktop worker both
        sign out here."""
        folder = None
        with contextlib.suppress(NotSignedInError):
            folder = self.folder
        if reach_server:
            # An access token to revoke the session with: a new process has none until it renews the session.
            with contextlib.suppress(SyncError):
                if self.client.access_token is None and self.session.has_refresh_token:
                    self.session.refresh()
            self.session.sign_out()
        else:
            self.session.end()
        if not remove_data or folder is None:
            return None
        if self._store is not None:  # no connection may hold the files being removed
            self._store.close()
            self._store = None
        self.settings = dataclasses.replace(self.settings, user_id="")
        try:
            shutil.rmtree(folder)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("could not remove %s: %s", folder, exc)
            return exc.strerror or str(exc)
        return None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self.client.close()
