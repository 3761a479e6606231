"""The installable folder that `make installer` builds (build_installer.spec): what it holds and leaves out, and
the frozen executable doing what a sales laptop does with it — sign in, sync, open the window and sync again —
with no display, against the stand-in, keeping its sign-in in a real Secret Service.

Runs when VSCHOOL_FROZEN_APP names the built executable, as `make test` (and `make installer-test`) do."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from importlib import metadata
from pathlib import Path

import psycopg
import pytest
from PySide6.QtGui import QImage

from cache.location import account_folder
from desktop.app import SCREENSHOT_SIZE
from desktop.app_arguments import VIEWS
from devserver import datagen
from sync.credentials import SESSION_ONLY_NOTICE
from sync.settings import load_settings
from tests.secretservice import secret_service
from tests.syncing import new_project

FROZEN = os.environ.get("VSCHOOL_FROZEN_APP")
if not FROZEN:
    pytest.skip("no frozen build named: `make test` or `make installer-test` build one and name it",
                allow_module_level=True)
if not sys.platform.startswith("linux"):
    pytest.skip("the test keyring is Linux's Secret Service", allow_module_level=True)

RUN_TIMEOUT = 180
# What the folder must not carry: the stand-in, tests, benchmarks and what only they use.
SOURCE_ONLY = {"devserver", "tests", "bench", "tools", "pytest", "_pytest", "pytestqt", "hypothesis", "psycopg",
               "psycopg_pool", "pgserver", "starlette", "uvicorn", "jwt", "supabase", "PIL", "PyInstaller"}
UNUSED_QT = re.compile(r"Qt6?(Quick|Qml|WebEngine|Pdf|3D|Multimedia|Designer|VirtualKeyboard|Network)")
# Libraries only the folder provides (a system has its own X11, GL and C++ libraries, or not, as it likes).
QT_OWN = ("libQt6", "libicu", "libpyside6", "libshiboken6")


@pytest.fixture(scope="module")
def frozen() -> Path:
    assert FROZEN is not None
    executable = Path(FROZEN).resolve()
    assert executable.is_file(), f"{executable} does not exist: run `make installer`"
    return executable


def folder_files(frozen: Path) -> set[str]:
    return {p.relative_to(frozen.parent).as_posix() for p in frozen.parent.rglob("*") if not p.is_dir()}


def frozen_modules(frozen: Path) -> set[str]:
    from PyInstaller.archive.readers import pkg_archive_contents

    return set(pkg_archive_contents(str(frozen)))


def test_the_folder_holds_the_resources_and_the_keyring_backends(frozen):
    files = folder_files(frozen)
    resources = "_internal/desktop/resources"
    assert {"vschool-crm.desktop", "vschool-crm.png", f"{resources}/icons/vschool-crm.png",
            f"{resources}/translations/vschool_th.qm", f"{resources}/fonts/OFL.txt", f"{resources}/style.qss",
            f"{resources}/fonts/NotoSansThai-Regular.ttf", f"{resources}/fonts/NotoSans-Regular.ttf",
            f"_internal/vschool_crm-{metadata.version('vschool-crm')}.dist-info/METADATA"} <= files
    assert not {f for f in files if f.startswith(f"{resources}/translations/") and not f.endswith(".qm")}
    modules = frozen_modules(frozen)
    assert {"desktop.app", "sync.cli", "cache.store", "keyring.backends.SecretService", "keyring.backends.null",
            "secretstorage", "jeepney"} <= modules


def test_the_folder_leaves_out_the_source_tree_and_unused_qt(frozen):
    files = folder_files(frozen)
    assert not {f for f in files if SOURCE_ONLY & set(Path(f).parts)}
    assert not {m for m in frozen_modules(frozen) if m.split(".")[0] in SOURCE_ONLY}
    assert not {f for f in files if UNUSED_QT.search(Path(f).name)}
    # Qt has no Thai catalogue: none of its translations is left.
    assert not {f for f in files if "/translations/" in f and "/desktop/" not in f}


def test_every_binary_finds_the_qt_libraries_it_links(frozen):
    """Leaving Qt parts out must not leave a kept plugin or library without one it needs."""
    internal = frozen.parent / "_internal"
    binaries = [frozen, *(p for p in internal.rglob("*.so*") if p.is_file() and not p.is_symlink())]
    missing: dict[str, set[str]] = {}
    for binary in binaries:
        linked = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, timeout=RUN_TIMEOUT,
                                env={**os.environ, "LD_LIBRARY_PATH": str(internal)})
        for name in re.findall(r"^\s*(\S+) => not found", linked.stdout, re.MULTILINE):
            missing.setdefault(name, set()).add(binary.name)
    assert not {name: users for name, users in missing.items() if name.startswith(QT_OWN)}


def test_the_frozen_app_says_it_has_no_stand_in(frozen, tmp_path):
    done = subprocess.run([str(frozen), "devserver"], capture_output=True, text=True, timeout=RUN_TIMEOUT,
                          env={"PATH": os.defpath, "HOME": str(tmp_path), "LANG": "C.UTF-8"})
    assert done.returncode == 2
    assert "not part of this installation" in done.stderr


@pytest.fixture
def project(cluster, keys):
    project = new_project(cluster, keys, "tiny")
    yield project
    project.server.stop()


def test_the_frozen_app_signs_in_syncs_and_renders_every_view(frozen, project, tmp_path):
    cache, config, shots = tmp_path / "cache", tmp_path / "config", tmp_path / "shots"
    sealed = ("--cache-dir", str(cache), "--config-dir", str(config))

    with secret_service(tmp_path / "home") as session:
        env = {**session, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}

        def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
            done = subprocess.run([str(frozen), *args], input=stdin, capture_output=True, text=True,
                                  timeout=RUN_TIMEOUT, env=env)
            assert done.returncode == 0, done.stdout + done.stderr
            return done

        assert run("--version").stdout.strip() == f"vschool-crm {metadata.version('vschool-crm')}"
        signed_in = run("login", *sealed, "--url", project.url, "--anon-key", project.keys.anon_key,
                        "--email", datagen.DEMO_EMAIL, "--password-stdin", stdin=datagen.DEMO_PASSWORD + "\n")
        assert SESSION_ONLY_NOTICE not in signed_in.stdout  # the sign-in went to the Secret Service
        run("sync", *sealed)

        folder = account_folder(cache, project.url, load_settings(config).user_id)
        before = _customers(folder)
        with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
            on_server = conn.execute("select count(*) from customers where deleted_at is null").fetchone()[0]
            assert len(before) == on_server
            changed = conn.execute("select id from customers order by id limit 1").fetchone()[0]
            conn.execute("update customers set full_name = 'ลูกค้าที่เปลี่ยนชื่อ' where id = %s", (changed,))
            conn.execute("insert into customers (id, full_name, source, segment) "
                         "values ('TVS-CUS-FROZEN-1', 'From the installer test', 'WI', 'new')")

        # The window from the cache, its sync with the session the keyring kept, then every view rendered.
        run(*sealed, "--screenshot", str(shots), "--view", "all", "--language", "th")

        # Live: `sync --watch` subscribes, and a row the server adds then reaches the cache without a sync asked for.
        watch = subprocess.Popen([str(frozen), "sync", "--watch", *sealed], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, text=True, env=env)
        try:
            assert watch.stdout is not None
            assert any(line.startswith("Live: live") for line in watch.stdout)
            with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
                conn.execute("insert into customers (id, full_name, source, segment) "
                             "values ('TVS-CUS-FROZEN-LIVE', 'Live in the installer', 'WI', 'new')")
            deadline = time.monotonic() + RUN_TIMEOUT
            while "TVS-CUS-FROZEN-LIVE" not in _customers(folder):
                assert time.monotonic() < deadline and watch.poll() is None, "the live change never arrived"
                time.sleep(0.1)  # polling the cache file: the frozen process has no signal to wait on
        finally:
            watch.send_signal(signal.SIGINT)
            watch.communicate(timeout=RUN_TIMEOUT)
        assert watch.returncode == 130

    after = _customers(folder)
    assert len(after) == len(before) + 2 and after["TVS-CUS-FROZEN-1"] == "From the installer test"
    assert after["TVS-CUS-FROZEN-LIVE"] == "Live in the installer"
    assert after[changed] == "ลูกค้าที่เปลี่ยนชื่อ" != before[changed]
    assert "ลูกค้าที่เปลี่ยนชื่อ" in (folder / "customer" / f"{changed}.json").read_text(encoding="utf-8")
    for view in VIEWS:
        _assert_painted(shots / f"{view}.png")


def _customers(folder: Path) -> dict[str, str]:
    with closing(sqlite3.connect(folder / "cache.db")) as db:
        return dict(db.execute("select id, full_name from customers where deleted_at is null"))


def _assert_painted(png: Path) -> None:
    """A window's picture: the window's size and more than a few colours (text, lines, badges), not a blank."""
    image = QImage(str(png))
    assert (image.width(), image.height()) == SCREENSHOT_SIZE, png
    colours = {image.pixel(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)}
    assert len(colours) >= 8, png
