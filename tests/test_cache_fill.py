"""A table filled from empty without the index on its id (cache/schema.py LATE_KEYS): every row the pass brings is
appended, and its end keeps the last version of each id, drops the tombstones, writes again the files of what it
removed, and makes the id unique; a pass cut short by a crash goes on the same way in a new process."""

from __future__ import annotations

from typing import Any

import orjson

from cache.store import CacheStore
from cache.tables import BY_NAME

TODAY = "2026-11-20"


def stat(ad: str, date: str, spend: float, txid: int, *, deleted: bool = False) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(BY_NAME["ad_daily_stats"].column_names)
    row.update(id=f"{ad}:{date}", ad_id=ad, date=date, spend_thb=spend, impressions=10, reach=5, clicks=1, leads=0,
               messages=0, created_at="2026-11-01T00:00:00+00:00", updated_at="2026-11-01T00:00:00+00:00",
               txid=txid, deleted_at="2026-11-19T00:00:00+00:00" if deleted else None)
    return row


MOVED = "AD-4:figures"  # a row whose day changes: only the row as it was names the day it leaves


def moved(date: str, txid: int) -> dict[str, Any]:
    return {**stat("AD-4", date, 30.0, txid), "id": MOVED}


FIRST = [stat("AD-1", "2026-11-18", 100.0, 1), stat("AD-2", "2026-11-18", 50.0, 1), moved("2026-11-17", 1)]
# AD-1's figures corrected, AD-2's row deleted, AD-4's moved to another day, while the pass was under way.
SECOND = [stat("AD-1", "2026-11-18", 150.0, 2), stat("AD-2", "2026-11-18", 50.0, 2, deleted=True),
          stat("AD-3", "2026-11-19", 70.0, 2), moved("2026-11-19", 2)]


def rows(store: CacheStore) -> dict[str, float]:
    found = store.conn.execute("SELECT id, spend_thb FROM ad_daily_stats").fetchall()
    return {r["id"]: r["spend_thb"] for r in found}


def unique_on_id(store: CacheStore) -> bool:
    return any(index["unique"] and [c["name"] for c in store.conn.execute(f"PRAGMA index_info({index['name']})")]
               == ["id"] for index in store.conn.execute("PRAGMA index_list(ad_daily_stats)"))


def settled(store: CacheStore) -> None:
    store.finish_pass("ad_daily_stats", "2026-11-20T00:00:00+00:00")
    assert rows(store) == {"AD-1:2026-11-18": 150.0, "AD-3:2026-11-19": 70.0, MOVED: 30.0}
    assert unique_on_id(store)
    store.drain_journal()
    day = store.tree.read_bytes("ad_logs/daily/2026-11-18.json")
    assert day is not None
    assert b"AD-2" not in day and b"150" in day, orjson.loads(day)
    assert MOVED.encode() in (store.tree.read_bytes("ad_logs/daily/2026-11-19.json") or b"")
    assert MOVED.encode() not in (store.tree.read_bytes("ad_logs/daily/2026-11-17.json") or b"")
    # From now on a change is an update in place, as for every other table.
    store.apply_page("ad_daily_stats", [stat("AD-3", "2026-11-19", 80.0, 3)], None)
    assert rows(store) == {"AD-1:2026-11-18": 150.0, "AD-3:2026-11-19": 80.0, MOVED: 30.0}


def test_a_fill_keeps_the_last_version_of_each_row_and_drops_the_deleted(tmp_path):
    store = CacheStore(tmp_path)
    try:
        store.set_meta(server_today=TODAY)
        store.begin_pass("ad_daily_stats", 10)
        store.apply_page("ad_daily_stats", FIRST, (1, "AD-2:2026-11-18"))
        store.apply_page("ad_daily_stats", SECOND, (2, "AD-3:2026-11-19"))
        assert not unique_on_id(store)
        assert store.conn.execute("SELECT count(*) FROM ad_daily_stats").fetchone()[0] == 7  # all appended
        settled(store)
    finally:
        store.close()


def test_a_fill_cut_short_goes_on_in_the_next_process(tmp_path):
    store = CacheStore(tmp_path)
    store.set_meta(server_today=TODAY)
    store.begin_pass("ad_daily_stats", 10)
    store.apply_page("ad_daily_stats", FIRST, (1, "AD-2:2026-11-18"))
    store.drain_journal()  # the next cycle's first drain writes what the pages so far journaled
    assert MOVED.encode() in (store.tree.read_bytes("ad_logs/daily/2026-11-17.json") or b"")
    store.close()  # as a crash leaves it: the pass open, the id not yet unique

    store = CacheStore(tmp_path)
    try:
        state = store.begin_pass("ad_daily_stats", 20)
        assert (state.checkpoint_txid, state.checkpoint_id) == (1, "AD-2:2026-11-18")  # resumed, not restarted
        store.apply_page("ad_daily_stats", SECOND, (2, "AD-3:2026-11-19"))
        settled(store)
    finally:
        store.close()


def test_a_fill_that_brought_each_id_once_still_drops_its_tombstones(tmp_path):
    """The key is made before anything is looked for (it fails only where an id came twice): a tombstone that is
    the only row of its id goes all the same, and its day's file is rewritten without it."""
    store = CacheStore(tmp_path)
    try:
        store.set_meta(server_today=TODAY)
        store.begin_pass("ad_daily_stats", 10)
        store.apply_page("ad_daily_stats", [stat("AD-1", "2026-11-18", 100.0, 1),
                                            stat("AD-2", "2026-11-18", 50.0, 1, deleted=True)], (1, "AD-2:2026-11-18"))
        store.finish_pass("ad_daily_stats", "2026-11-20T00:00:00+00:00")
        assert rows(store) == {"AD-1:2026-11-18": 100.0}
        assert unique_on_id(store)
        store.drain_journal()
        day = store.tree.read_bytes("ad_logs/daily/2026-11-18.json")
        assert day is not None and b"AD-1" in day and b"AD-2" not in day
    finally:
        store.close()
