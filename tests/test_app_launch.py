"""Starting the application from the command line: what it says without a display, the screenshot option that
works without one, and the demo's built-in project matching the stand-in's."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from cache.tables import TABLES
from desktop.mainwindow import TABLE_TITLES
from devserver import datagen
from devserver.keys import DEMO_JWT_SECRET, ProjectKeys
from sync.account import DEMO_ANON_KEY, DEMO_EMAIL, DEMO_PASSWORD
from tests.gui import home_with_cache

pytestmark = pytest.mark.usefixtures("no_thread_left")
ROOT = Path(__file__).resolve().parent.parent


def _run(args, env):
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_demo_signs_in_where_the_stand_in_expects():
    assert ProjectKeys.from_secret(DEMO_JWT_SECRET).anon_key == DEMO_ANON_KEY
    assert (DEMO_EMAIL, DEMO_PASSWORD) == (datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD)


def test_every_table_has_a_name_for_the_progress_line():
    assert set(TABLE_TITLES) == {t.name for t in TABLES}


def test_without_a_display_it_says_how_to_run_it(sealed):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run(["app"], env)
    assert result.returncode == 2
    assert "xvfb-run" in result.stderr and "--screenshot" in result.stderr


def test_without_a_display_the_commands_it_suggests_work_as_typed(sealed, tmp_path):
    """Not `vschool-crm`, which a source checkout does not put on PATH: the demo from the checkout is `make demo`,
    and the application is named as it was started; the picture command, run as printed, writes the picture."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    demo = subprocess.run([sys.executable, "-m", "desktop.cli", "demo"], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert demo.returncode == 2
    assert "xvfb-run -a make demo\n" in demo.stderr and 'make demo ARGS="--screenshot window.png"' in demo.stderr
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "app"], env=env, capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    picture = result.stderr.rsplit("or render the window to a picture:", 1)[1].strip()
    command = shlex.split(picture)
    assert shutil.which(command[0]) or Path(tmp_path, command[0]).is_file(), picture
    done = subprocess.run([*command, "--no-sync"], env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert QImage(str(tmp_path / "window.png")).width() == 1280


def test_screenshot_of_every_view_without_a_display(sealed, synced_cache, tmp_path):
    home_with_cache(sealed, synced_cache)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run(["--screenshot", str(tmp_path / "shots"), "--view", "all", "--no-sync", "--language", "th"], env)
    assert result.returncode == 0, result.stderr
    for view in ("customers", "followups", "catalog", "marketing", "orders", "employees", "dashboard"):
        image = QImage(str(tmp_path / "shots" / f"{view}.png"))
        assert (image.width(), image.height()) == (1280, 800)
