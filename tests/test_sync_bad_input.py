"""Bad input gets a clear message and never loses what is cached: wrong URL, wrong key, wrong password, a
damaged cache.db, damaged or deleted JSON files, a damaged settings file."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cache.store import CacheStore
from sync.account import Account
from sync.credentials import CredentialStore
from sync.errors import CredentialsError, ServerError
from sync.http import normalise_url
from sync.settings import Settings, load_settings, save_settings
from tests.cachecheck import assert_cache_equals_server, assert_files_agree, local_rows
from tests.keyrings import MemoryKeyring
from tests.syncing import FAST_RETRY, signed_in


def account_at(url, key, tmp_path):
    return Account(Settings(supabase_url=url, anon_key=key), tmp_path / "cache", CredentialStore(MemoryKeyring()),
                   retry=FAST_RETRY)


def test_wrong_password(project, keys, tmp_path):
    account = account_at(project.url, keys.anon_key, tmp_path)
    with pytest.raises(CredentialsError, match="Wrong email or password"):
        account.sign_in("sales@vschool.example", "not-the-password")
    account.close()


def test_a_user_who_is_not_an_active_employee_is_told_so(project, keys, tmp_path):
    import psycopg

    from tests.conftest import make_user

    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        stranger = make_user(conn, employee=False)
    keyring = MemoryKeyring()
    account = Account(Settings(supabase_url=project.url, anon_key=keys.anon_key), tmp_path / "cache",
                      CredentialStore(keyring), retry=FAST_RETRY)
    with pytest.raises(CredentialsError, match="not an active VSchool employee"):
        account.sign_in(stranger.email, stranger.password)
    assert not keyring.secrets  # no session is kept for them
    account.close()


def test_wrong_anon_key(project, tmp_path):
    account = account_at(project.url, "not-a-key", tmp_path)
    with pytest.raises(ServerError, match="anon key was refused"):
        account.sign_in("sales@vschool.example", "x")
    account.close()


class _NotSupabase(BaseHTTPRequestHandler):
    def do_POST(self):
        body = b"<html><body>Welcome to some other website</body></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_a_url_that_is_not_a_supabase_project(tmp_path, keys):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotSupabase)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        account = account_at(f"http://127.0.0.1:{server.server_port}", keys.anon_key, tmp_path)
        with pytest.raises(ServerError, match="answers like a Supabase project"):
            account.sign_in("sales@vschool.example", "x")
        account.close()
    finally:
        server.shutdown()
        thread.join()


@pytest.mark.parametrize("url", ["", "vschool", "ftp://example.com", "http://"])
def test_malformed_urls(url):
    with pytest.raises(ValueError, match="not a web address"):
        normalise_url(url)


def test_urls_are_tidied():
    assert normalise_url(" https://abc.supabase.co/rest/v1/ ") == "https://abc.supabase.co"


@pytest.mark.expected_log("cache database unreadable", logger="cache.database")
def test_a_damaged_cache_database_is_set_aside_and_rebuilt(project, keys, tmp_path):
    account = signed_in(project.url, keys, tmp_path / "cache")
    assert account.engine().run_cycle().ok
    folder = account.folder
    account.close()
    (folder / "cache.db").write_bytes(b"this is not a database" * 100)
    (folder / "customer" / "TVS-STALE-0001.json").write_bytes(b"{}")  # a file no row will produce

    store = CacheStore(folder)
    assert store.set_aside is not None and store.set_aside.exists()  # kept for recovery by hand
    assert local_rows(store, "customers") == {}
    store.close()
    account = signed_in(project.url, keys, tmp_path / "cache")
    report = account.engine().run_cycle()
    assert report.ok
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)  # the stale file was swept
    account.close()


@pytest.mark.expected_log("damaged cache file", logger="cache.store")
@pytest.mark.expected_log("damaged cache file", logger="cache.documents")
def test_damaged_and_deleted_json_files_are_rebuilt_from_the_rows(project, keys, tmp_path):
    account = signed_in(project.url, keys, tmp_path / "cache")
    assert account.engine().run_cycle().ok
    store = account.store
    first, second = sorted(local_rows(store, "customers"))[:2]
    expected = store.document(f"customer/{first}.json")
    store.tree.path(f"customer/{first}.json").write_bytes(b'{"id": "TVS-CUS-')  # cut off
    store.tree.path(f"customer/{second}.json").unlink()
    assert store.document(f"customer/{first}.json") == expected
    assert store.document(f"customer/{second}.json")["id"] == second
    assert store.pending_files() == 2  # queued for the next write of the tree
    assert account.engine().run_cycle().ok
    assert_files_agree(store)
    account.close()


@pytest.mark.expected_log("holds another record", logger="cache.documents")
def test_a_json_file_holding_another_record_is_rebuilt_from_the_rows(project, keys, tmp_path):
    account = signed_in(project.url, keys, tmp_path / "cache")
    assert account.engine().run_cycle().ok
    store = account.store
    first, second = sorted(local_rows(store, "customers"))[:2]
    expected = store.document(f"customer/{first}.json")
    store.tree.path(f"customer/{first}.json").write_bytes(store.tree.path(f"customer/{second}.json").read_bytes())
    assert store.document(f"customer/{first}.json") == expected
    assert store.pending_files() == 1
    store.drain_journal()
    assert store.tree.read(f"customer/{first}.json") == expected
    account.close()


@pytest.mark.expected_log("settings file was damaged", logger="sync.settings")
def test_a_damaged_settings_file_falls_back_to_defaults(tmp_path):
    save_settings(tmp_path, Settings(supabase_url="https://x.supabase.co", anon_key="k", email="a@b"))
    assert load_settings(tmp_path).email == "a@b"
    (tmp_path / "settings.json").write_bytes(b"\x00\x01 not json")
    assert load_settings(tmp_path) == Settings()
    assert (tmp_path / "settings.json.damaged").exists()


@pytest.mark.expected_log("could not record the sync outcome", logger="sync.engine")
def test_a_cache_that_cannot_be_written_is_a_clear_error_and_keeps_what_it_has(project, keys, tmp_path):
    account = signed_in(project.url, keys, tmp_path / "cache")
    assert account.engine().run_cycle().ok
    before = local_rows(account.store, "customers")
    locker = CacheStore(account.folder)
    locker.conn.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    account.store.conn.execute("PRAGMA busy_timeout = 100")
    import psycopg

    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("update customers set notes = 'x' where id in (select id from customers limit 2)")
    report = account.engine().run_cycle()
    locker.conn.rollback()
    locker.close()
    assert report.status == "error"
    assert "could not be written" in report.message and "locked" in report.message
    assert local_rows(account.store, "customers") == before
    assert account.engine().run_cycle().ok
    account.close()
