"""Where the refresh token lives, and the order in which a session keeps it: stored before the new access
token is used, so a crash between the two cannot leave only a spent token behind."""

from __future__ import annotations

import keyring.backends.fail
from keyring.errors import KeyringError

from devserver import datagen
from sync.credentials import SESSION_ONLY_NOTICE, CredentialStore, choose_backend
from sync.session import Session
from tests.keyrings import MemoryKeyring
from tests.syncing import new_project, signed_in


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise KeyringError("the keyring daemon went away")


def test_no_usable_backend_means_session_only(monkeypatch, caplog):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    assert choose_backend() is None
    store = CredentialStore()
    assert not store.persistent
    assert SESSION_ONLY_NOTICE in caplog.text
    store.set("a", "secret")
    assert store.get("a") == "secret"


def test_the_environment_chooses_the_backend():
    assert isinstance(choose_backend(), type(CredentialStore().backend))
    assert not isinstance(choose_backend(), keyring.backends.fail.Keyring)


def test_a_failing_keyring_falls_back_to_memory_visibly(caplog):
    store = CredentialStore(BrokenKeyring())
    store.set("a", "secret")
    assert store.get("a") == "secret"
    assert not store.persistent
    assert "keeping the sign-in in memory" in caplog.text


class WatchingKeyring(MemoryKeyring):
    """Records which access token the client held when each refresh token was stored."""

    def __init__(self):
        super().__init__()
        self.client = None
        self.seen = []

    def set_password(self, service, username, password):
        self.seen.append((password, self.client.access_token if self.client else None))
        super().set_password(service, username, password)


def test_refresh_token_is_stored_before_the_new_access_token_is_used(cluster, keys, tmp_path):
    project = new_project(cluster, keys)
    watching = WatchingKeyring()
    try:
        account = signed_in(project.url, keys, tmp_path, keyring=watching)
        watching.client = account.client
        previous = watching.get_password("vschool-crm", account.session.account)
        account.client.access_token = "the-old-access-token"
        account.session.refresh()
        stored, access_at_the_time = watching.seen[-1]
        assert stored != previous
        assert access_at_the_time == "the-old-access-token"  # the new access token was not in use yet
        assert account.client.access_token.count(".") == 2  # and now it is
        assert watching.get_password("vschool-crm", account.session.account) == stored
        account.close()
    finally:
        project.server.stop()


def test_not_remembered_sign_in_stays_out_of_the_keyring(cluster, keys, tmp_path):
    project = new_project(cluster, keys)
    ring = MemoryKeyring()
    try:
        account = signed_in(project.url, keys, tmp_path, keyring=ring)
        account.session.end()
        account.sign_in(datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD, remember=False)
        assert not ring.secrets
        account.session.refresh()  # still works, from memory
        assert not ring.secrets
        assert Session.account_for(project.url, " Sales@VSchool.example ") == Session.account_for(
            project.url, "sales@vschool.example")
        account.close()
    finally:
        project.server.stop()
