"""A cache folder or file this user may not write is a permission problem, said as such, and never taken for a
damaged cache.db: the healthy file stays where it is, and nothing says it was moved. Run with the permissions of
an ordinary user (tests/unprivileged.py), since root's writes ignore them."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from cache.database import DB_NAME, CacheError, connect, open_database
from tests import unprivileged


@pytest.fixture
def account_folder():
    with unprivileged.folder() as root:
        yield root / "account"


def healthy(folder: Path) -> None:
    """A cache.db with a row in it, closed cleanly (SQLite removes its -wal and -shm files then)."""
    opened = open_database(folder)
    opened.conn.execute("INSERT INTO meta (key, value) VALUES ('marker', 'kept')")
    opened.conn.commit()
    opened.conn.close()


def open_noting_the_log(folder: Path) -> tuple[object, list[str]]:
    """open_database's outcome (its connection's marker, or the exception) and what it logged."""
    said: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("cache.database").addHandler(handler)
    try:
        opened = open_database(folder)
    except CacheError as exc:
        return exc, said
    finally:
        logging.getLogger("cache.database").removeHandler(handler)
    marker = opened.conn.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone()[0]
    opened.conn.close()
    return marker, said


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_a_read_only_folder_is_a_permission_problem_not_a_corrupt_cache(account_folder):
    def attempt():
        healthy(account_folder)
        os.chmod(account_folder, 0o500)
        return open_noting_the_log(account_folder)

    outcome, said = unprivileged.run(attempt)
    assert isinstance(outcome, CacheError), outcome
    assert str(outcome).startswith(f"The cache folder is not writable: {account_folder}")
    assert names(account_folder) == {DB_NAME}  # nothing moved aside
    assert not any("moved" in line for line in said)


def test_another_users_read_only_file_is_a_permission_problem(account_folder):
    if os.geteuid() != 0:
        pytest.skip("needs a file owned by another user, which only root can make")
    unprivileged.run(lambda: healthy(account_folder))
    os.chown(account_folder / DB_NAME, 0, 0)  # root's now, and read-only to everyone else
    os.chmod(account_folder / DB_NAME, 0o644)
    outcome, said = unprivileged.run(lambda: open_noting_the_log(account_folder))
    assert isinstance(outcome, CacheError) and "The cache folder is not writable" in str(outcome), outcome
    assert names(account_folder) == {DB_NAME}
    assert not any("moved" in line for line in said)


def test_after_a_brief_read_only_spell_every_file_gets_its_mode_back_and_writes_work(account_folder):
    def attempt():
        healthy(account_folder)
        path = account_folder / DB_NAME
        os.chmod(path, 0o400)
        # The window's read connection, opened meanwhile, makes the -wal and -shm files with the file's mode.
        reader = connect(path, readonly=True)
        reader.execute("SELECT count(*) FROM meta").fetchone()
        made = {p.name: p.stat().st_mode & 0o777 for p in account_folder.iterdir()}
        opened = open_database(account_folder)
        opened.conn.execute("INSERT INTO meta (key, value) VALUES ('after', 'written')")
        opened.conn.commit()
        modes = {p.name: p.stat().st_mode & 0o777 for p in account_folder.iterdir()}
        opened.conn.close()
        reader.close()
        return made, modes

    made, modes = unprivileged.run(attempt)
    assert made == {DB_NAME: 0o400, f"{DB_NAME}-wal": 0o400, f"{DB_NAME}-shm": 0o400}
    assert modes == {DB_NAME: 0o600, f"{DB_NAME}-wal": 0o600, f"{DB_NAME}-shm": 0o600}


def test_a_damaged_file_is_still_set_aside(account_folder):
    def attempt():
        account_folder.mkdir(mode=0o700)
        (account_folder / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
        opened = open_database(account_folder)
        opened.conn.close()
        return opened.set_aside

    set_aside = unprivileged.run(attempt)
    assert set_aside is not None and set_aside.exists()
