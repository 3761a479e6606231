"""`make demo` never leaves its stand-in or the stand-in's PostgreSQL running after it, however it ends: killed
outright (as a crash in Qt ends it) or interrupted with Ctrl+C. The real launcher, the real stand-in on a real
PostgreSQL, the real window (offscreen), in a process of their own."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WINDOW_TIMEOUT = 120.0  # a fresh PostgreSQL is initialised and migrated first
GONE_TIMEOUT = 60.0  # the stand-in stops its database before it exits


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _processes_using(folder: Path) -> list[str]:
    """Command lines of the processes that name `folder` (the stand-in given it, its PostgreSQL's -D)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(folder) in command:
            found.append(f"{entry.name}: {command}")
    return found


def _wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process table from /proc")
@pytest.mark.parametrize("ending", [signal.SIGKILL, signal.SIGINT], ids=["killed", "ctrl-c"])
def test_the_demo_takes_its_stand_in_and_database_with_it(sealed, tmp_path, ending):
    port, data_dir = _free_port(), tmp_path / "standin"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    demo = subprocess.Popen([sys.executable, "-m", "tests.demo_child", str(port), str(data_dir)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    shown, output = threading.Event(), []

    def read() -> None:
        assert demo.stdout is not None
        for line in demo.stdout:
            output.append(line)
            if line.startswith("WINDOW SHOWN"):
                shown.set()
        shown.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        assert shown.wait(WINDOW_TIMEOUT) and demo.poll() is None, "".join(output)
        assert _listening(port)
        assert len(_processes_using(data_dir)) >= 2, "the stand-in and its PostgreSQL"
        demo.send_signal(ending)
        demo.wait(GONE_TIMEOUT)
        _wait_for(lambda: not _listening(port) and not _processes_using(data_dir), GONE_TIMEOUT,
                  f"still running after the demo ended: {_processes_using(data_dir)}\n{''.join(output)}")
    finally:
        if demo.poll() is None:
            demo.kill()
            demo.wait()
