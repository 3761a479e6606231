"""`vschool-crm demo` (`make demo`): the local Supabase stand-in with demo data and a trickle of changes, and
the application signed in to it as the demo sales user. A stand-in already listening on the demo port is
used as it is."""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import threading

import httpx

from sync.account import DEMO_URL

STANDIN_START_TIMEOUT = 600.0  # the first run generates the demo dataset


def _standin_running() -> bool:
    try:
        return httpx.get(f"{DEMO_URL}/auth/v1/health", timeout=2.0).status_code < 500
    except httpx.HTTPError:
        return False


def _start_standin() -> subprocess.Popen[str]:
    """Start `python -m devserver --churn` and return once it is serving (it prints its banner then). Its
    output keeps being copied to ours, so its pipe never fills up and blocks it."""
    if importlib.util.find_spec("devserver") is None:  # the installed application ships without it
        raise SystemExit(f"error: no demo stand-in answers at {DEMO_URL}, and this installation cannot start one "
                         "(it ships with the source tree: make standin)")
    process = subprocess.Popen([sys.executable, "-m", "devserver", "--churn"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
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
    if process.poll() is not None or not _standin_running():
        process.terminate()
        raise SystemExit(f"error: the demo stand-in did not start (exit code {process.poll()})")
    return process


def run(args: argparse.Namespace) -> int:
    from desktop import app

    if args.screenshot is None and not app.has_display():
        print(app.NO_DISPLAY.format(demo=" demo"), file=sys.stderr)
        return 2
    standin = None if _standin_running() else _start_standin()
    try:
        return app.run(args, demo=True)
    finally:
        if standin is not None:
            standin.terminate()  # it stops its database on SIGTERM
            standin.wait(timeout=60)
