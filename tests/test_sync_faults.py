"""A bad network between the laptop and Supabase, through a fault-injecting proxy: every fault is either
ridden out (retries, a refreshed token) or ends the cycle with a clear status, and never costs cached data."""

from __future__ import annotations

import re
import time

import psycopg
import pytest

from devserver.keys import sign
from sync.http import RetryPolicy
from tests.cachecheck import assert_cache_equals_server, assert_files_agree, local_rows
from tests.faultproxy import Fault
from tests.keyrings import MemoryKeyring
from tests.syncing import new_project, signed_in

# The pages, not the count a first sync asks for before them (limit=0).
CUSTOMER_PAGES = r"/rest/v1/customers\?(?!.*limit=0(&|$))"


@pytest.fixture(scope="module")
def project(cluster, keys):
    project = new_project(cluster, keys, reuse_interval=0)
    yield project
    project.server.stop()


@pytest.fixture
def keyring():
    return MemoryKeyring()


@pytest.fixture
def account(proxy, keys, tmp_path, keyring):
    account = signed_in(proxy.url, keys, tmp_path / "cache", keyring=keyring)
    yield account
    account.close()


def synced(project, account):
    assert_cache_equals_server(account.store, project.database.superuser_url)
    assert_files_agree(account.store)


@pytest.mark.parametrize("fault", [
    Fault("latency", path=r"/rpc/sync_watermark", delay=0.3),
    Fault("status", path=CUSTOMER_PAGES, status=500, times=2),
    Fault("status", path=CUSTOMER_PAGES, status=502, times=1),
    Fault("status", path=r"/rest/v1/orders\?", status=429, times=2),
    Fault("reset", path=CUSTOMER_PAGES, fraction=0.5),
    Fault("truncate", path=r"/rest/v1/order_items\?", fraction=0.6),
    Fault("garbage", path=r"/rpc/sync_state", times=1),
], ids=["latency", "500", "502", "429", "reset-mid-body", "truncated-json", "captive-portal-once"])
def test_transient_faults_are_ridden_out(project, proxy, account, fault):
    proxy.add(fault)
    report = account.engine().run_cycle()
    assert report.ok, report.message
    assert fault.hits >= 1
    synced(project, account)


def test_retry_after_is_honoured(project, proxy, account):
    proxy.add(Fault("status", path=CUSTOMER_PAGES, status=503, retry_after="1"))
    started = time.monotonic()
    report = account.engine().run_cycle()
    assert report.ok
    assert time.monotonic() - started >= 1.0  # the fast test retry policy alone would have waited ~10 ms
    statuses = [s.status for s in proxy.requests if re.search(CUSTOMER_PAGES, s.path)]
    assert statuses[:2] == [503, 200]
    synced(project, account)


def test_a_server_that_keeps_failing_ends_the_cycle_offline_and_keeps_the_cache(project, proxy, account):
    assert account.engine().run_cycle().ok
    before = local_rows(account.store, "customers")
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        conn.execute("update customers set notes = 'changed' where id in (select id from customers limit 3)")
    proxy.add(Fault("status", path=CUSTOMER_PAGES, status=503, times=None))
    report = account.engine().run_cycle()
    assert report.status == "offline"
    assert "HTTP 503" in report.message
    assert local_rows(account.store, "customers") == before
    assert account.store.state("customers").last_error
    proxy.clear()
    assert account.engine().run_cycle().ok
    synced(project, account)


def test_going_offline_mid_sync_keeps_what_was_applied(project, proxy, account):
    pages = proxy.add(Fault("latency", path=CUSTOMER_PAGES, delay=0.0, times=None))

    def cut(event):
        if pages.hits >= 1:
            proxy.offline = True

    engine = account.engine(listener=cut)
    engine.page_size = 50
    report = engine.run_cycle()
    assert report.status == "offline"
    assert "refused" in report.message
    kept = local_rows(account.store, "employees")
    assert kept  # tables before the cut stay applied and readable
    proxy.offline = False
    engine.listener = None
    assert engine.run_cycle().ok
    synced(project, account)


def test_persistent_garbage_is_a_clear_error(project, proxy, account):
    proxy.add(Fault("garbage", times=None))
    report = account.engine().run_cycle()
    assert report.status == "bad_response"
    assert "text/html" in report.message and "URL" in report.message


def test_an_expired_access_token_is_refreshed_and_the_sync_goes_on(project, proxy, account, keys):
    expired = sign({"role": "authenticated", "sub": account.session.user.id, "aud": "authenticated",
                    "exp": int(time.time()) - 3600}, keys.jwt_secret)
    account.client.access_token = expired  # the session still believes it is valid for an hour
    report = account.engine().run_cycle()
    assert report.ok, report.message
    refreshes = [s for s in proxy.requests if "grant_type=refresh_token" in s.path]
    assert len(refreshes) == 1
    assert [s.status for s in proxy.requests if "sync_watermark" in s.path] == [401, 200]
    synced(project, account)


def test_a_reused_refresh_token_signs_out_but_keeps_the_cache(project, proxy, account, keys, tmp_path, keyring):
    assert account.engine().run_cycle().ok
    before = {t: local_rows(account.store, t) for t in ("customers", "orders")}
    stolen = next(iter(keyring.secrets.values()))
    # Someone else uses the same refresh token twice (rotation), so ours is now a spent one.
    thief = signed_in(proxy.url, keys, tmp_path / "thief")
    for _ in range(2):
        _, body = thief.client.request("POST", "/auth/v1/token", params={"grant_type": "refresh_token"},
                                       json={"refresh_token": stolen}, authorised=False)
        stolen = body.get("refresh_token", stolen)
    thief.close()
    account.client.access_token = None  # force a refresh
    report = account.engine().run_cycle()
    assert report.status == "signed_out"
    assert "sign in again" in report.message
    assert not keyring.secrets  # the dead token is forgotten
    assert {t: local_rows(account.store, t) for t in ("customers", "orders")} == before
    assert account.store.document(f"customer/{next(iter(before['customers']))}.json") is not None


def test_unreachable_server_is_offline_quickly(keys, tmp_path):
    from sync.account import Account
    from sync.credentials import CredentialStore
    from sync.errors import OfflineError
    from sync.settings import Settings

    account = Account(Settings(supabase_url="http://127.0.0.1:9", anon_key=keys.anon_key), tmp_path,
                      CredentialStore(MemoryKeyring()), retry=RetryPolicy(attempts=2, base_delay=0.01))
    with pytest.raises(OfflineError, match="refused the connection"):
        account.sign_in("sales@vschool.example", "x")
    account.close()
