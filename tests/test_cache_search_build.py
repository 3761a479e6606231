"""A large table's search tables built in another process at the end of its first fill (cache/search_build.py):
they land as they would have been built here, with the rows written meanwhile (through any connection) indexed
again; where the other process fails they are built here; a build that never landed is made by the next cycle."""

from __future__ import annotations

import logging

import pytest

from cache import search_build
from cache.store import CacheStore
from tests.cachecheck import assert_search_agrees
from tests.test_cache_queries import CUSTOMERS, row, search

END = "2026-11-20T00:00:00+00:00"


@pytest.fixture
def apart(monkeypatch):
    """Six customers count as a large table."""
    monkeypatch.setattr(search_build, "ELSEWHERE_ROWS", 1)


def filled(folder) -> CacheStore:
    store = CacheStore(folder)
    store.begin_pass("customers", 10)
    store.apply_page("customers", CUSTOMERS, (1, CUSTOMERS[-1]["id"]))
    store.finish_pass("customers", END)
    return store


def deferred(store: CacheStore) -> bool:
    return bool(store.conn.execute("SELECT indexes_deferred FROM sync_state WHERE table_name = 'customers'"
                                   ).fetchone()[0])


def scratch_files(store: CacheStore) -> list[str]:
    return [p.name for p in store.folder.glob(f"{search_build.SCRATCH_PREFIX}*")]


def test_a_search_built_elsewhere_lands_as_one_built_here(apart, tmp_path, monkeypatch, caplog):
    store = filled(tmp_path / "apart")
    monkeypatch.setattr(search_build, "ELSEWHERE_ROWS", 10**9)
    here = filled(tmp_path / "here")
    try:
        assert store.searching("customers") and deferred(store)
        assert not here.searching("customers") and not deferred(here)
        with caplog.at_level(logging.WARNING):
            assert store.land_searches(wait=True) == ["customers"]
        assert not caplog.records, caplog.text  # built there, not here
        assert not store.searching("customers") and not deferred(store)
        assert_search_agrees(store)
        for text in ("lo", "ก", "สม", "charlotte", "สมชาย", "081", "+6681"):
            assert search(store.conn, text) == search(here.conn, text), text
        assert search(store.conn, "charlotte") == {"TVS-CUS-GG-26-0003"}
        assert scratch_files(store) == []
    finally:
        store.close()
        here.close()


def test_rows_written_while_it_is_built_are_searched_once_it_lands(apart, tmp_path):
    store = filled(tmp_path / "c")
    window = CacheStore(tmp_path / "c")  # the window's connection: its writes reach no state of the sync's store
    try:
        with window.conn:
            window.put_rows("customers", [row("customers", "TVS-CUS-WI-26-0100", full_name="มานี มีนา", txid=5),
                                          {**CUSTOMERS[2], "full_name": "Charlene Smith", "nickname": "Charlie",
                                           "txid": 5}])
        window.remove_rows("customers", [CUSTOMERS[3]["id"]])
        assert store.land_searches(wait=True) == ["customers"]
        assert_search_agrees(store)
        assert search(store.conn, "มานี") == {"TVS-CUS-WI-26-0100"}
        assert search(store.conn, "charlene") == {"TVS-CUS-GG-26-0003"}
        assert search(store.conn, "lottie") == set()
        assert search(store.conn, "o'brien") == set()
        # Both connections go on keeping the index up to date from there (neither remembers the empty one).
        store.apply_page("customers", [{**CUSTOMERS[0], "full_name": "สมศักดิ์ ใจดี", "txid": 6}], None)
        window.apply_page("customers", [{**CUSTOMERS[1], "full_name": "Somying Rakthai", "txid": 7}], None)
        assert_search_agrees(store)
        assert search(store.conn, "สมศักดิ์") == {"TVS-CUS-FB-26-0001"}
        assert search(window.conn, "rakthai") == {"TVS-CUS-LN-26-0002"}
    finally:
        window.close()
        store.close()


def test_where_the_other_process_fails_the_search_is_built_here(apart, tmp_path, monkeypatch, caplog):
    # It cannot create its file: a file stands where the folder it would go in should be.
    monkeypatch.setattr(search_build, "SCRATCH_PREFIX", "blocked/.search-")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "blocked").write_bytes(b"")
    store = filled(tmp_path / "c")
    try:
        with caplog.at_level(logging.WARNING):
            assert store.land_searches(wait=True) == ["customers"]
        assert "building it here" in caplog.text
        assert not deferred(store)
        assert_search_agrees(store)
        assert search(store.conn, "charlotte") == {"TVS-CUS-GG-26-0003"}
    finally:
        store.close()


def test_a_search_that_never_landed_is_built_by_the_next_cycle(apart, tmp_path):
    store = filled(tmp_path / "c")
    assert deferred(store)
    store.close()  # the program stopped before it landed
    (tmp_path / "c" / f"{search_build.SCRATCH_PREFIX}customers-left.db").write_bytes(b"half a build")
    store = CacheStore(tmp_path / "c")
    try:
        assert deferred(store) and search(store.conn, "charlotte") == set()
        store.build_deferred()
        assert not deferred(store)
        assert_search_agrees(store)
        assert search(store.conn, "charlotte") == {"TVS-CUS-GG-26-0003"}
        assert scratch_files(store) == []
    finally:
        store.close()
