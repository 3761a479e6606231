"""The keyring a Linux desktop has, for a process the tests cannot hand a test keyring to (the frozen build
loads only the backends it ships): gnome-keyring's Secret Service on a D-Bus session bus of its own, both in a
temp dir, so nothing reaches the user's keyring. Debian packages: dbus-daemon, gnome-keyring (`make
installer-test` installs them when it may)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jeepney import MatchRule, message_bus
from jeepney.io.blocking import open_dbus_connection

SECRETS = "org.freedesktop.secrets"
START_TIMEOUT = 30.0
PASSWORD = "login keyring of the test"


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=START_TIMEOUT)


@contextmanager
def secret_service(home: Path) -> Iterator[dict[str, str]]:
    """An unlocked login keyring served on a private session bus; yields the environment that reaches it
    (HOME and the XDG folders inside `home` as well)."""
    missing = [tool for tool in ("dbus-daemon", "gnome-keyring-daemon") if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f"{', '.join(missing)} not found: apt-get install dbus-daemon gnome-keyring")
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, parents=True)
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_CACHE_HOME": str(home / "cache")}
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1",
                            f"--address=unix:path={runtime / 'bus'}"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()  # printed once the bus listens
        if not address:
            raise RuntimeError(f"dbus-daemon did not start (exit code {bus.wait(timeout=START_TIMEOUT)})")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring = _start_keyring(env)
        try:
            yield env
        finally:
            _stop(keyring)
    finally:
        _stop(bus)


def _start_keyring(env: dict[str, str]) -> subprocess.Popen:
    """Start gnome-keyring-daemon with the login keyring unlocked (created at first), and return once it owns
    the Secret Service's name on the bus."""
    owner_changed = MatchRule(type="signal", sender=message_bus.bus_name, interface=message_bus.interface,
                              member="NameOwnerChanged", path=message_bus.object_path)
    owner_changed.add_arg_condition(0, SECRETS)
    with open_dbus_connection(bus=env["DBUS_SESSION_BUS_ADDRESS"]) as connection:
        connection.send_and_get_reply(message_bus.AddMatch(owner_changed), timeout=START_TIMEOUT)
        with connection.filter(owner_changed) as signals:
            keyring = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                                       stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, text=True, env=env)
            assert keyring.stdin is not None
            keyring.stdin.write(PASSWORD)  # --unlock reads the login keyring's password from its input
            keyring.stdin.close()
            try:
                connection.recv_until_filtered(signals, timeout=START_TIMEOUT)
            except TimeoutError:
                _stop(keyring)
                raise RuntimeError("gnome-keyring-daemon did not take the Secret Service's name") from None
    return keyring
