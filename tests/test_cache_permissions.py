"""A cache folder or file this user may not write is a permission problem, said as such, and never taken for a
damaged cache.db: the healthy file stays where it is, and nothing says it was moved. Run with the permissions of
an ordinary user (tests/unprivileged.py), since root's writes ignore them."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest

from cache.database import DB_NAME, CacheError, connect, not_writable, open_database
from sync.status import Status
from tests import unprivileged
from tests.syncing import signed_in


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


def test_after_a_brief_read_only_spell_the_side_files_get_their_mode_back_too(account_folder):
    """cache.db read-only for a moment while the window's read connection opened: SQLite made the -wal and -shm
    files read-only like it. With only cache.db's mode back, every write fails; reopening the store (what the
    sync does after such a failure) puts all three right, and writes work again."""
    def attempt():
        healthy(account_folder)
        path = account_folder / DB_NAME
        os.chmod(path, 0o400)
        reader = connect(path, readonly=True)
        reader.execute("SELECT count(*) FROM meta").fetchone()
        made = {p.name: p.stat().st_mode & 0o777 for p in account_folder.iterdir()}
        os.chmod(path, 0o600)
        writer = connect(path)
        try:
            writer.execute("INSERT INTO meta (key, value) VALUES ('before', 'refused')")
            refused: object = None
        except sqlite3.Error as exc:
            refused = not_writable(exc)
        writer.close()
        opened = open_database(account_folder)
        opened.conn.execute("INSERT INTO meta (key, value) VALUES ('after', 'written')")
        opened.conn.commit()
        modes = {p.name: p.stat().st_mode & 0o777 for p in account_folder.iterdir()}
        opened.conn.close()
        reader.close()
        return made, refused, modes

    made, refused, modes = unprivileged.run(attempt)
    assert made == {DB_NAME: 0o400, f"{DB_NAME}-wal": 0o400, f"{DB_NAME}-shm": 0o400}
    assert refused is True  # the write failed, and as a permission problem, not as a damaged file
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


@pytest.mark.expected_log("could not record the sync outcome in the cache: attempt to write a readonly database",
                          logger="sync.engine")
def test_a_sync_refused_for_want_of_permission_says_so_and_the_next_one_reopens_the_cache(project, keys, tmp_path):
    """SQLite's read-only refusal (what a -shm left read-only gives every write) in the middle of a sync: the
    report names the permission problem, and the next cycle works through a new connection once it may write."""
    account = signed_in(project.url, keys, tmp_path / "cache")
    try:
        assert account.engine().run_cycle().ok
        refused = account.store
        refused.conn.execute("PRAGMA query_only = ON")  # writes now fail as SQLITE_READONLY
        report = account.engine().run_cycle()
        assert report.status == Status.ERROR
        assert report.message.startswith(f"The cache folder is not writable: {refused.folder}")
        report = account.engine().run_cycle()
        assert report.ok, report.message
        assert account.store is not refused
    finally:
        account.close()
