"""Opening cache.db: migrations with a backup first, a newer schema refused with a clear message, and an
unreadable file set aside (never deleted)."""

from __future__ import annotations

import sqlite3

import pytest

from cache import database, schema
from cache.database import CacheError, connect, open_database


def test_a_new_cache_is_at_the_current_version_in_wal_mode(tmp_path):
    opened = open_database(tmp_path)
    assert opened.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert opened.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (tmp_path / "cache.db").stat().st_mode & 0o777 == 0o600
    assert opened.migrated_from is None
    opened.conn.close()


def test_migrating_backs_up_first(tmp_path, monkeypatch):
    opened = open_database(tmp_path)
    opened.conn.execute("INSERT INTO meta (key, value) VALUES ('marker', 'kept')")
    opened.conn.commit()
    opened.conn.close()
    monkeypatch.setattr(database, "MIGRATIONS", [*schema.MIGRATIONS, lambda db: db["meta"].add_column("note", str)])
    monkeypatch.setattr(database, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    opened = open_database(tmp_path)
    assert opened.migrated_from == schema.SCHEMA_VERSION
    assert tuple(opened.conn.execute("SELECT value, note FROM meta WHERE key = 'marker'").fetchone()) == ("kept", None)
    backup = tmp_path / f"cache.db.v{schema.SCHEMA_VERSION}.bak"
    with sqlite3.connect(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert old.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone() == ("kept",)
    opened.conn.close()


def test_a_cache_from_a_newer_version_is_refused_with_a_clear_message(tmp_path):
    opened = open_database(tmp_path)
    opened.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 5}")
    opened.conn.close()
    with pytest.raises(CacheError, match="newer version of VSchool CRM"):
        open_database(tmp_path)
    assert (tmp_path / "cache.db").exists()  # left untouched


@pytest.mark.expected_log("cache database unreadable", logger="cache.database")
def test_an_unreadable_file_is_set_aside(tmp_path):
    (tmp_path / "cache.db").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    opened = open_database(tmp_path)
    assert opened.set_aside is not None
    assert opened.set_aside.read_bytes().startswith(b"SQLite format 3")
    assert opened.conn.execute("SELECT count(*) FROM customers").fetchone()[0] == 0
    opened.conn.close()


def test_version_4_indexes_phones_in_their_international_form(tmp_path):
    """A cache from version 3 indexed the phone's bare digits, which "6698" matched through a guessed +66."""
    opened = open_database(tmp_path)
    conn = opened.conn
    conn.execute("DROP TABLE customers_search")
    conn.execute("CREATE VIRTUAL TABLE customers_search USING fts5(id, full_name, nickname, phone, phone_digits, "
                 "email, line_id, tags, tokenize = 'trigram')")
    conn.execute("INSERT INTO customers (id, full_name, phone, tags) VALUES ('c1', 'Landline', '02-098-1234', '[]'),"
                 " ('c2', 'Mobile', '098-111-2222', '[]')")
    conn.execute("INSERT INTO customers_search (rowid, id, full_name, phone, phone_digits) "
                 "SELECT rowid, id, full_name, phone, replace(phone, '-', '') FROM customers")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    opened = open_database(tmp_path)
    assert opened.migrated_from == 3
    found = opened.conn.execute("SELECT id, phone_intl FROM customers_search ORDER BY id").fetchall()
    assert [tuple(r) for r in found] == [("c1", "+6620981234"), ("c2", "+66981112222")]
    opened.conn.close()


def test_a_writer_that_read_first_holds_the_lock_instead_of_failing_on_the_other_writers_commit(tmp_path):
    # The sync and the rep's edits write the same file. A transaction that begins (Python begins one before an
    # executemany even with nothing to insert), reads, and only then writes must not find that the other writer
    # committed in between: it holds the write lock from its beginning, and the other writer waits for it.
    path = tmp_path / "cache.db"
    first = connect(path)
    first.execute("CREATE TABLE t (x)")
    first.commit()
    other = sqlite3.connect(path, timeout=0)  # no waiting: says at once whether the lock is free
    with first:
        first.executemany("INSERT INTO t VALUES (?)", [])
        first.execute("SELECT count(*) FROM t").fetchone()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("INSERT INTO t VALUES (1)")
        first.execute("INSERT INTO t VALUES (2)")
    other.rollback()
    other.execute("INSERT INTO t VALUES (3)")
    other.commit()
    assert sorted(r[0] for r in first.execute("SELECT x FROM t")) == [2, 3]
