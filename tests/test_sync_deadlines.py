"""Deadlines and cancellation: a server trickling its answer cannot hold a sync past one request's deadline, a
cycle stops within a second or two when cancelled (the app's close or sign-out, Ctrl+C on the command line), and
the lock is free again afterwards, so the next sync runs instead of answering "busy"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

from devserver import datagen
from sync.lock import STOP_NAME, SyncLock, request_stop
from sync.status import Status
from tests.faultproxy import Fault

CUSTOMER_PAGES = r"/rest/v1/customers\?select=%2A"


def lock_is_free(folder) -> bool:
    with SyncLock(folder):
        return True


def test_a_trickling_answer_ends_at_the_deadline_and_frees_the_lock(proxy, account):
    account.client.deadline = 2.0
    proxy.add(Fault("trickle", path=CUSTOMER_PAGES, delay=0.25, times=None))
    started = time.monotonic()
    report = account.engine().run_cycle()
    assert time.monotonic() - started < 15  # the deadline, not the 30 s gaps of the read timeout, nor retries
    assert report.status == Status.OFFLINE
    assert "took over 2 s to send one answer" in report.message
    assert lock_is_free(account.store.folder)
    proxy.clear()
    assert account.engine().run_cycle().ok  # the next sync runs


def test_a_cancelled_cycle_stops_within_two_seconds_and_frees_the_lock(proxy, account):
    trickle = proxy.add(Fault("trickle", path=CUSTOMER_PAGES, delay=0.25, times=None))
    cancel = threading.Event()
    reports = []
    cycle = threading.Thread(target=lambda: reports.append(account.engine().run_cycle(cancel=cancel)))
    cycle.start()
    proxy.wait_for(lambda _: trickle.hits >= 1)
    cancelled = time.monotonic()
    cancel.set()
    cycle.join(10)
    assert not cycle.is_alive()
    assert time.monotonic() - cancelled < 2.0
    assert reports[0].status == Status.CANCELLED
    assert lock_is_free(account.store.folder)


def vschool(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], input=stdin, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": os.getcwd()})


def test_ctrl_c_stops_the_command_line_sync_at_once(project, proxy, sealed):
    done = vschool("login", "--url", proxy.url, "--anon-key", project.keys.anon_key, "--email", datagen.DEMO_EMAIL,
                   "--password-stdin", stdin=datagen.DEMO_PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    trickle = proxy.add(Fault("trickle", path=CUSTOMER_PAGES, delay=0.25, times=None))
    sync = subprocess.Popen([sys.executable, "-m", "desktop.cli", "sync"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        proxy.wait_for(lambda _: trickle.hits >= 1, timeout=60)
        sent = time.monotonic()
        sync.send_signal(signal.SIGINT)
        _, err = sync.communicate(timeout=10)
        assert time.monotonic() - sent < 2.0
    finally:
        if sync.poll() is None:
            sync.kill()
            sync.wait()
    assert sync.returncode == 130, err
    assert "Interrupted: the sync stopped" in err and "Traceback" not in err
    (folder,) = (sealed / "cache").glob("*/*")
    assert lock_is_free(folder)


def test_a_stop_request_from_another_process_stops_the_cycle(proxy, account):
    """What removing the local data does to a sync it finds running (sync/lock.py)."""
    trickle = proxy.add(Fault("trickle", path=CUSTOMER_PAGES, delay=0.25, times=None))
    reports = []
    cycle = threading.Thread(target=lambda: reports.append(account.engine().run_cycle()))
    cycle.start()
    proxy.wait_for(lambda _: trickle.hits >= 1)
    asked = time.monotonic()
    request_stop(account.store.folder)
    cycle.join(10)
    assert not cycle.is_alive() and time.monotonic() - asked < 2.0
    assert reports[0].status == Status.CANCELLED
    assert lock_is_free(account.store.folder)


def test_a_stop_request_left_behind_does_not_stop_later_syncs(account):
    """A wipe that gave up, or died, before removing its request."""
    request_stop(account.store.folder)
    assert account.engine().run_cycle().ok
    assert not (account.store.folder / STOP_NAME).exists()
