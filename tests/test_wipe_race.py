"""`logout --wipe` while another process syncs the same account: the wipe asks that sync to stop and waits for
its lock, then removes the whole folder and the settings' account, instead of crashing on files written under it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from devserver import datagen
from sync.settings import load_settings
from tests.faultproxy import Fault, FaultProxy

PAGE_SIZE = 25


def vschool(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": os.getcwd()})


@pytest.fixture
def proxy(project):
    """Slow pages: the sync is certain to be running still when the wipe comes, however loaded the machine."""
    with FaultProxy(project.url) as proxy:
        proxy.add(Fault("latency", path=r"/rest/v1/(?!rpc/)\w+\?select=%2A", delay=0.3, times=None))
        yield proxy


def test_logout_wipe_stops_a_running_sync_and_removes_everything(proxy, project, sealed):
    done = vschool("login", "--url", proxy.url, "--anon-key", project.keys.anon_key, "--email",
                   datagen.DEMO_EMAIL, "--password-stdin", stdin=datagen.DEMO_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.sync_child", proxy.url, project.keys.anon_key, str(sealed / "cache"),
         str(PAGE_SIZE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.getcwd()})
    try:
        for seen, line in enumerate(child.stdout, start=1):  # well into the first sync: pages being applied
            if line.startswith("PageApplied") and seen > 5:
                break
        (folder,) = (sealed / "cache").glob("*/*")
        started = time.monotonic()
        done = vschool("logout", "--wipe", "--yes")
        took = time.monotonic() - started
        rest = child.stdout.read()
        assert child.wait(timeout=120) == 1, child.stderr.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert "DONE cancelled" in rest  # stopped, not waited for to the end
    assert took < 10
    assert done.returncode == 0, done.stderr
    assert f"Removed {folder}" in done.stdout
    assert not folder.exists()
    settings = load_settings(sealed / "config")
    assert settings.user_id == "" and settings.email == ""
