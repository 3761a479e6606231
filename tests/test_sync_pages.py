"""Keyset pages fetched on a thread of their own while the pages before them are applied: each asked for once."""

from __future__ import annotations

import urllib.parse

from sync.engine import SyncEngine

PAGE_SIZE = 7  # several pages a table, even on the tiny dataset


def test_a_first_sync_asks_for_each_page_once(proxy, account):
    report = SyncEngine(account.api, account.store, page_size=PAGE_SIZE, pictures=False).run_cycle()
    assert report.ok, report.message
    pulled = [t for t in report.tables if not t.skipped]
    assert sum(t.pages > 1 for t in pulled) >= 3
    pages: dict[str, list[str]] = {}
    for seen in proxy.requests:
        path, _, query = seen.path.partition("?")
        query = urllib.parse.unquote(query)
        if seen.method == "GET" and "order=txid.asc,id.asc" in query:
            pages.setdefault(path.rsplit("/", 1)[1], []).append(query)
    for table in pulled:
        asked = pages[table.table]
        # Every page, the empty one that ends the table included, and none twice: the pages fetched while the
        # ones before were applied were the ones applied next.
        assert len(asked) == table.pages + 1, (table.table, asked)
        assert len(set(asked)) == len(asked), table.table
