"""Helpers for sync tests: a project of their own (a fresh database with generated data, served by a stand-in)
and a signed-in account whose cache lives in the test's temp dir."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from keyring.backend import KeyringBackend

from devserver import datagen, postgres
from devserver.app import StandInConfig
from devserver.auth import AuthSettings
from devserver.keys import ProjectKeys
from devserver.rest import RestSettings
from devserver.server import StandIn
from sync.account import Account
from sync.credentials import CredentialStore
from sync.http import RetryPolicy
from sync.settings import Settings
from tests.keyrings import MemoryKeyring

AS_OF = dt.date(2026, 11, 20)
# Quick retries: the tests exercise the policy, not its patience.
FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


@dataclass
class Project:
    database: postgres.Database
    keys: ProjectKeys
    server: StandIn

    @property
    def url(self) -> str:
        return self.server.url


def new_project(cluster: postgres.Cluster, keys: ProjectKeys, size: str = "tiny", *, max_rows: int = 1000,
                reuse_interval: float = 10.0, token_ttl: int = 3600) -> Project:
    database = postgres.prepare(cluster, f"sync_{uuid.uuid4().hex[:12]}")
    datagen.load(database.superuser_url, size, seed=7, as_of=AS_OF)
    config = StandInConfig(database, keys, rest=RestSettings(max_rows=max_rows),
                           auth=AuthSettings(access_token_ttl=token_ttl, refresh_reuse_interval=reuse_interval))
    return Project(database, keys, StandIn(config).start())


def signed_in(url: str, keys: ProjectKeys, root: Path, *, retry: RetryPolicy = FAST_RETRY,
              keyring: KeyringBackend | None = None) -> Account:
    settings = Settings(supabase_url=url, anon_key=keys.anon_key)
    account = Account(settings, root, CredentialStore(keyring or MemoryKeyring()), retry=retry)
    account.sign_in(datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD)
    return account
