"""`vschool-crm demo` (`make demo`): the local Supabase stand-in with demo data and a trickle of changes, and
the application signed in to it as the demo sales user. A stand-in already listening on the demo port is
used as it is.

The stand-in this starts lives only as long as the demo does, however the demo ends: closed, Ctrl+C, SIGTERM or
SIGHUP (its handlers), an exception (atexit), or killed outright or crashed in Qt (on Linux the kernel sends the
stand-in SIGTERM when its parent dies, PR_SET_PDEATHSIG). On SIGTERM the stand-in stops its PostgreSQL itself."""

from __future__ import annotations

import argparse
import atexit
import ctypes
import importlib.util
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence

import httpx

from sync.account import DEMO_URL

STANDIN_START_TIMEOUT = 600.0  # the first run generates the demo dataset
STANDIN_STOP_TIMEOUT = 60.0  # it stops its database first
STANDIN_ARGS = ("--churn",)
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _standin_running(url: str) -> bool:
    try:
        return httpx.get(f"{url}/auth/v1/health", timeout=2.0).status_code < 500
    except httpx.HTTPError:
        return False


def _die_with_parent(parent: int) -> None:
    """Run in the stand-in's process before it starts (Linux): SIGTERM when the demo dies, however it dies."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the demo died before the request was made
        os.kill(os.getpid(), signal.SIGTERM)


def _stop_standin(process: subprocess.Popen[str]) -> None:
    """SIGTERM to the stand-in's process group, then its exit awaited; any number of times."""
    if process.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGTERM)
        else:
            process.terminate()
        process.wait(timeout=STANDIN_STOP_TIMEOUT)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _start_standin(url: str, arguments: Sequence[str]) -> subprocess.Popen[str]:
    """Start `python -m devserver <arguments>` and return once it is serving (it prints its banner then). Its
    output keeps being copied to ours, so its pipe never fills up and blocks it. It runs in a process group of
    its own, so a Ctrl+C reaches the demo alone, which closes the window first and then stops the stand-in."""
    if importlib.util.find_spec("devserver") is None:  # the installed application ships without it
        raise SystemExit(f"error: no demo stand-in answers at {url}, and this installation cannot start one "
                         "(it ships with the source tree: make standin)")
    parent = os.getpid()
    process = subprocess.Popen(
        [sys.executable, "-m", "devserver", *arguments], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, start_new_session=os.name == "posix",
        preexec_fn=(lambda: _die_with_parent(parent)) if sys.platform.startswith("linux") else None,
    )
    atexit.register(_stop_standin, process)
    try:
        _await_serving(process, url)
    except BaseException:
        _stop_standin(process)
        raise
    return process


def _await_serving(process: subprocess.Popen[str], url: str) -> None:
    serving = threading.Event()

    def copy_output() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if line.startswith("Press Ctrl+C"):
                serving.set()
        serving.set()  # it ended: stop waiting

    threading.Thread(target=copy_output, name="standin-output", daemon=True).start()
    serving.wait(STANDIN_START_TIMEOUT)
    if process.poll() is not None or not _standin_running(url):
        raise SystemExit(f"error: the demo stand-in did not start (exit code {process.poll()})")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace, *, url: str = DEMO_URL, standin_args: Sequence[str] = STANDIN_ARGS) -> int:
    from desktop import app

    if args.screenshot is None and not app.has_display():
        print(app.no_display_message(demo=True), file=sys.stderr)
        return 2
    # Until the window takes them over: a SIGTERM or a closed terminal while the stand-in starts stops it too.
    for number in (signal.SIGTERM, signal.SIGHUP) if os.name == "posix" else ():
        signal.signal(number, _interrupt)
    standin = None
    try:
        if not _standin_running(url):
            standin = _start_standin(url, standin_args)
        return app.run(args, demo=True)
    except KeyboardInterrupt:
        return 130
    finally:
        if standin is not None:
            _stop_standin(standin)
