"""`python -m devserver` as `make demo` runs it: prints how to connect, serves, reuses its data on restart and
says plainly what is wrong when it cannot start."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys

import httpx
import pytest


def start(*args: str) -> tuple[subprocess.Popen, dict[str, str], list[str]]:
    proc = subprocess.Popen([sys.executable, "-m", "devserver", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    info, lines = {}, []
    for line in proc.stdout:
        lines.append(line)
        if m := re.match(r"\s+(URL|anon key|demo sign-in):\s+(.*)", line):
            info[m[1]] = m[2].strip()
        if line.startswith("Press Ctrl+C"):
            break
    return proc, info, lines


def stop(proc: subprocess.Popen, how: int = signal.SIGINT) -> tuple[int, str]:
    proc.send_signal(how)
    rest = proc.stdout.read()
    return proc.wait(timeout=60), rest


def test_demo_server_prints_sign_in_and_serves(tmp_path):
    proc, info, lines = start("--port", "0", "--dataset", "tiny", "--data-dir", str(tmp_path))
    try:
        assert {"URL", "anon key", "demo sign-in"} <= info.keys(), "".join(lines)
        email, password = (p.strip() for p in info["demo sign-in"].split("/"))
        r = httpx.post(f"{info['URL']}/auth/v1/token?grant_type=password", headers={"apikey": info["anon key"]},
                       json={"email": email, "password": password})
        assert r.status_code == 200
        r = httpx.get(f"{info['URL']}/rest/v1/customers?select=id", headers={
            "apikey": info["anon key"], "Authorization": f"Bearer {r.json()['access_token']}",
            "Prefer": "count=exact"})
        assert int(r.headers["content-range"].split("/")[1]) > 0
    finally:
        code, _ = stop(proc)
    assert code == 0

    again, info, lines = start("--port", "0", "--dataset", "tiny", "--data-dir", str(tmp_path))
    try:
        assert any(line.startswith("Reusing the tiny dataset") for line in lines), "".join(lines)
    finally:
        assert stop(again, signal.SIGTERM)[0] == 0
    # A clean shutdown of PostgreSQL removes its pid file: nothing is left running on either signal.
    assert not list(tmp_path.rglob("postmaster.pid"))


def test_port_in_use_is_a_clear_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "devserver", "--port", str(port), "--dataset", "none",
                               "--data-dir", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--jwt-secret", "short"], "at least 32 characters"),
    (["--database-url", "postgresql://nobody@127.0.0.1:1/none"], "error:"),
])
def test_bad_settings_are_clear_errors(tmp_path, args, message):
    done = subprocess.run([sys.executable, "-m", "devserver", "--dataset", "none", "--data-dir", str(tmp_path),
                           *args], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
