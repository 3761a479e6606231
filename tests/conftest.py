"""Shared fixtures: a real PostgreSQL prepared like a Supabase project and the stand-in serving it over
loopback, all sealed into the run's temp dirs."""

from __future__ import annotations

import logging
import os
import uuid
import warnings
from dataclasses import dataclass

import psycopg
import pytest

from devserver import postgres
from devserver.app import StandInConfig
from devserver.auth import AuthSettings
from devserver.keys import ProjectKeys
from devserver.passwords import hash_password
from devserver.server import StandIn
from tests.faultproxy import FaultProxy
from tests.syncing import new_project, signed_in

logging.getLogger("pgserver").setLevel(logging.WARNING)
# pgserver asks platformdirs for a runtime directory that CI machines lack; it falls back correctly.
warnings.filterwarnings("ignore", module="platformdirs")

# The application's tests run the real widgets without a display (set before Qt is first imported).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = ["tests.gui", "tests.helpers.logfail"]

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def sealed(tmp_path_factory, monkeypatch):
    """Cache, settings and keyring of every test live in its own temp dirs, never in the user's home."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("VSCHOOL_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("VSCHOOL_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.keyrings.FileKeyring")
    monkeypatch.setenv("VSCHOOL_TEST_KEYRING_FILE", str(home / "keyring.json"))
    return home


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """One embedded PostgreSQL for the whole run (where it cannot run, as under root, the system's binaries:
    the fallback says so, and pgserver's clean-up of the one that never started fails, as expected here)."""
    from tests.helpers.logfail import PGSERVER_STOP, expecting  # once pytest has loaded it as a plugin

    with expecting(PGSERVER_STOP, logger="pgserver"), \
            expecting("embedded PostgreSQL unavailable", logger="devserver.postgres"):
        server = postgres.start_cluster(tmp_path_factory.mktemp("pg"))
    yield server
    with expecting(PGSERVER_STOP, logger="pgserver"):
        server.stop()


@pytest.fixture(scope="session")
def database(cluster):
    """The bootstrap and every migration applied."""
    return postgres.prepare(cluster)


@pytest.fixture(scope="session")
def keys():
    return ProjectKeys.generate()


@pytest.fixture(scope="session")
def standin(database, keys):
    """The stand-in on a free loopback port. Refresh-token reuse is allowed for 2 s so tests can step past it."""
    config = StandInConfig(database, keys, auth=AuthSettings(refresh_reuse_interval=2.0))
    with StandIn(config) as server:
        yield server


@pytest.fixture
def db(database):
    """A superuser connection for arranging and inspecting data behind the API's back."""
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        yield conn


@dataclass(frozen=True)
class User:
    email: str
    password: str
    user_id: str
    employee_id: str | None


def make_user(conn: psycopg.Connection, *, employee: bool = True, active: bool = True,
              role: str = "sales") -> User:
    """An auth user with a known password, linked (or not) to an employees row."""
    tag = uuid.uuid4().hex[:10]
    email = f"user-{tag}@vschool.example"
    row = conn.execute(
        "insert into auth.users (email, encrypted_password, email_confirmed_at) values (%s, %s, now()) "
        "returning id", (email, hash_password(PASSWORD)),
    ).fetchone()
    assert row is not None
    employee_id = None
    if employee:
        employee_id = f"TVS-EMP-T{tag}"
        conn.execute(
            "insert into employees (id, auth_user_id, full_name, role, email, active) "
            "values (%s, %s, %s, %s, %s, %s)",
            (employee_id, row[0], f"Test {tag}", role, email, active),
        )
    return User(email, PASSWORD, str(row[0]), employee_id)


@pytest.fixture
def staff(db):
    return make_user(db)


# A module's project, the fault proxy in front of it and an account signed in through it: what most sync tests
# start from. A module whose tests need other data, or a project each, defines its own `project`; `proxy` and
# `account` then use that one.
@pytest.fixture(scope="module")
def project(cluster, keys):
    project = new_project(cluster, keys)
    yield project
    project.server.stop()


@pytest.fixture
def proxy(project):
    with FaultProxy(project.url) as proxy:
        yield proxy


@pytest.fixture
def account(proxy, keys, tmp_path):
    account = signed_in(proxy.url, keys, tmp_path / "cache")
    yield account
    account.close()
