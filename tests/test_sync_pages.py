"""Keyset pages fetched on a thread of their own while the pages before them are applied, two tables at once:
each page asked for once, and a table slow to answer holding up no other."""

from __future__ import annotations

import urllib.parse

from sync import events as ev
from sync.engine import SyncEngine
from tests.cachecheck import assert_cache_equals_server
from tests.faultproxy import Fault

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


def test_a_table_slow_to_answer_does_not_hold_up_the_one_pulled_beside_it(project, proxy, account):
    """Two tables at once (sync/engine.py LANES): while each page of employees is slow to come, the pages of
    products, pulled beside it, are applied, and every table still ends with all its rows."""
    proxy.add(Fault("latency", path=r"/rest/v1/employees\?.*order=txid", times=None, delay=0.3))
    events: list[ev.Event] = []
    report = SyncEngine(account.api, account.store, page_size=PAGE_SIZE, listener=events.append,
                        pictures=False).run_cycle()
    assert report.ok, report.message
    finished = next(i for i, e in enumerate(events) if isinstance(e, ev.TableFinished) and e.table == "employees")
    assert any(isinstance(e, ev.PageApplied) and e.table == "products" for e in events[:finished])
    assert_cache_equals_server(account.store, project.database.superuser_url)
