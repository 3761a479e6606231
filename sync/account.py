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
from cache.tables import TABLES
from sync import events as ev
from sync.api import Api
from sync.credentials import CredentialStore
from sync.engine import SyncEngine
from sync.errors import BusyError, CredentialsError, NotSignedInError, SyncError
from sync.http import RetryPolicy, SupabaseClient
from sync.live import LiveConnection, LiveListener
from sync.lock import SyncLock, request_stop, withdraw_stop
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
# How long removing the local data waits for a sync in another process (the app, a scheduled `vschool-crm sync`),
# asked to stop, to end: it stops at its next page or chunk, at the deadline of its request at the latest.
WIPE_WAIT = 150.0


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
        if self._store is not None and self._store.needs_reopen:
            self._store.close()
            self._store = None
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

    def live(self, listener: LiveListener, **options: float) -> LiveConnection:
        """The live connection for this account's tables (not started), renewing its token through the session."""
        return LiveConnection(self.client.url, self.client.anon_key, self.session, (t.name for t in TABLES),
                              listener, **options)

    def sign_in(self, email: str, password: str, *, remember: bool = True) -> User:
        """Sign in; the account's settings are then replaced by ones naming this user (the caller saves them)."""
        self.session.account = Session.account_for(self.client.url, email)
        user = self.session.sign_in(email, password, remember=remember)
        # The row-level security shows such a user nothing at all: say so now rather than sync an empty cache.
        if not self.api.is_active_employee():
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
        # The account goes from the settings whatever is left on disk: nothing may sync into the folder again.
        self.settings = dataclasses.replace(self.settings, user_id="", email="")
        if not folder.exists():
            return None
        # Another process's sync would write files while they are being removed: it is stopped first.
        request_stop(folder)
        try:
            with SyncLock(folder, wait=WIPE_WAIT):
                shutil.rmtree(folder, ignore_errors=True)  # what could not go is listed below
        except BusyError:
            return f"another sync kept running for over {WIPE_WAIT:.0f} s, so nothing was removed"
        finally:
            if folder.exists():
                withdraw_stop(folder)
        return _what_remains(folder)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self.client.close()


def _what_remains(folder: Path) -> str | None:
    """None when `folder` is gone, else what is left of it, in words."""
    if not folder.exists():
        return None
    left = [p for p in folder.rglob("*") if not p.is_dir()]
    if not left:
        return f"the empty folder {folder} remains"
    return f"{len(left):,} files remain, e.g. {left[0]}"
