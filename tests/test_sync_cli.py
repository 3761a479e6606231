"""The headless commands as a person or a scheduler runs them: separate processes sharing settings, cache and
keyring (a file-backed test keyring), with documented exit codes and messages that say what to do."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from devserver import datagen
from sync.lock import SyncLock
from tests.faultproxy import FaultProxy


def vschool(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": os.getcwd()})


def login(project, password=datagen.DEMO_PASSWORD, url=None):
    return vschool("login", "--url", url or project.url, "--anon-key", project.keys.anon_key,
                   "--email", datagen.DEMO_EMAIL, "--password-stdin", stdin=password + "\n")


def test_sync_before_login_says_what_to_do():
    done = vschool("sync")
    assert done.returncode == 4
    assert "vschool-crm login" in done.stderr


def test_wrong_password_exit_code_and_message(project):
    done = login(project, "nope")
    assert done.returncode == 1
    assert "Wrong email or password" in done.stderr


def test_login_sync_status_logout(project, sealed):
    done = login(project)
    assert done.returncode == 0, done.stderr
    assert "Signed in" in done.stdout

    done = vschool("sync", "--once")
    assert done.returncode == 0, done.stderr
    assert "customers: 200 rows" in done.stdout  # plain lines: this is not a terminal
    assert "Up to date" in done.stdout

    done = vschool("sync")
    assert done.returncode == 0
    # A new process first renews its session (one request); the cycle itself costs two.
    assert "0 rows changed" in done.stdout and "3 requests" in done.stdout

    done = vschool("status")
    assert done.returncode == 0, done.stderr
    assert "customers" in done.stdout and "200" in done.stdout and "just now" in done.stdout

    (folder,) = (sealed / "cache").glob("*/*")
    with SyncLock(folder):
        done = vschool("sync")
    assert done.returncode == 5
    assert "Another sync" in done.stdout

    done = vschool("logout")
    assert done.returncode == 0
    assert folder.exists()  # signing out alone keeps the data readable
    done = vschool("sync")
    assert done.returncode == 4
    assert "Cached data stays readable" in done.stderr

    assert login(project).returncode == 0
    done = vschool("logout", "--wipe")  # not a terminal and no --yes: refuses to delete
    assert folder.exists()
    done = vschool("logout", "--wipe", "--yes")
    assert done.returncode == 0
    assert not folder.exists()


def test_offline_sync_exit_code(project):
    with FaultProxy(project.url) as proxy:
        assert login(project, url=proxy.url).returncode == 0
        assert vschool("sync").returncode == 0
        proxy.offline = True
        done = vschool("sync")
    assert done.returncode == 3
    assert "refused the connection" in done.stdout + done.stderr


def test_analytics_rebuild(project, sealed):
    assert login(project).returncode == 0
    assert vschool("sync").returncode == 0
    (folder,) = (sealed / "cache").glob("*/*")
    summary = folder / "analytics" / "summary.json"
    kept = summary.read_bytes()
    summary.unlink()
    done = vschool("analytics", "rebuild")
    assert done.returncode == 0, done.stderr
    assert "Analytics rebuilt" in done.stdout and "files brought up to date" in done.stdout
    assert summary.read_bytes() == kept
    with SyncLock(folder):  # it writes the cache: one writer at a time
        assert vschool("analytics", "rebuild").returncode == 5


@pytest.mark.parametrize("args", [["login", "--url", "not a url", "--anon-key", "k"], ["sync", "--bogus"],
                                  ["analytics"]])
def test_usage_errors(args):
    assert vschool(*args).returncode == 2
