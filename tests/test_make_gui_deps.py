"""`make demo`'s check of the X11 libraries Qt's xcb platform loads: every one is looked for by its soname, and a
user who may not install them is given the exact command for the missing ones. Run against a stand-in ldconfig
that knows only libxcb-cursor (a machine with some of the libraries), as a user other than root."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(folder: Path, name: str, output: str) -> None:
    script = folder / name
    script.write_text(f"#!/bin/sh\ncat <<'END'\n{output}\nEND\n")
    script.chmod(0o755)


def _libraries() -> list[tuple[str, str]]:
    text = (ROOT / "Makefile").read_text()
    block = re.search(r"^GUI_LIBRARIES := (.*?)\n(?!\t)", text, re.S | re.M)
    assert block is not None
    pairs = [pair.partition(":") for pair in block.group(1).replace("\\\n", " ").split()]
    return [(package, soname) for package, _, soname in pairs]


@pytest.mark.skipif(shutil.which("make") is None or os.uname().sysname != "Linux", reason="the check is Linux's")
def test_each_missing_library_is_named_with_the_command_that_installs_it(tmp_path):
    libraries = _libraries()
    assert ("libxcb-cursor0", "libxcb-cursor.so.0") in libraries and len(libraries) > 10
    _tool(tmp_path, "ldconfig", "2 libs found in cache `/etc/ld.so.cache'\n"
          "\tlibxcb-cursor.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-cursor.so.0\n"
          "\tlibxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1")
    _tool(tmp_path, "id", "1000")
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    result = subprocess.run(["make", "-s", "gui-deps"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    wanted = [package for package, _ in libraries if package != "libxcb-cursor0"]
    assert f"sudo apt-get install {' '.join(wanted)}\n" in result.stdout


@pytest.mark.skipif(shutil.which("make") is None or os.uname().sysname != "Linux", reason="the check is Linux's")
def test_nothing_is_said_when_every_library_is_there(tmp_path):
    _tool(tmp_path, "ldconfig", "\n".join(f"\t{soname} (libc6,x86-64) => /lib/{soname}" for _, soname in _libraries()))
    _tool(tmp_path, "id", "1000")
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    result = subprocess.run(["make", "-s", "gui-deps"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert (result.returncode, result.stdout) == (0, "")
