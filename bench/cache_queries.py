"""Time the customer list's reads over a large synthetic cache: the first screen, every keystroke of a search,
a filtered and sorted list and a deep page. The product's target: a search keystroke to an updated list (count
and first page) in under 50 ms at the 95th percentile over 100,000 customers.

    python bench/cache_queries.py [--customers N] [--repeat N] [--index "CREATE INDEX ..."]

--index runs SQL before measuring: an index to try out before it goes into cache/schema.py, or ANALYZE.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from cache import queries
from cache.queries import MIN_TRIGRAM, ListQuery
from cache.store import CacheStore
from devserver.datagen import ids, people
from devserver.datagen.customers import SOURCE_WEIGHTS
from devserver.datagen.segments import SEGMENTS

PAGE = 1000
AS_OF = dt.date(2026, 3, 15)  # fixed, so that runs compare like with like
START = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
# Typed one character at a time; a phone number (a real customer's, as people write it) is added to these.
TYPED = {"Thai name": "สมชาย ศรีสุข", "Latin name": "Charlotte"}


def customer_rows(count: int, seed: int = 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    sources, weights = list(SOURCE_WEIGHTS), list(SOURCE_WEIGHTS.values())
    rows = []
    for n in range(count):
        source = rng.choices(sources, weights)[0]
        person = people.customer(rng, source, AS_OF)
        created = START + dt.timedelta(seconds=rng.randrange(3 * 365 * 86400))
        rows.append({
            "id": ids.customer_id(source, created.year % 100, n), "full_name": person.full_name,
            "nickname": person.nickname, "phone": person.phone, "email": person.email, "line_id": person.line_id,
            "source": source, "segment": rng.choice(SEGMENTS),
            "tags": people.customer_tags(rng, person, rng.random() < 0.3),
            "assigned_employee_id": ids.employee_id(rng.randrange(1, 21)), "acquired_campaign_id": None,
            "birthday": person.birthday.isoformat() if person.birthday else None,
            "notes": people.customer_note(rng, person), "created_at": created.isoformat(),
            "updated_at": created.isoformat(), "deleted_at": None, "txid": n + 1,
        })
    return rows


def percentiles(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--index", action="append", default=[], help="SQL run before measuring")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vschool-bench-") as tmp:
        store = CacheStore(Path(tmp) / "c")
        rows = customer_rows(args.customers)
        started = time.perf_counter()
        for start in range(0, len(rows), PAGE):
            store.apply_page("customers", rows[start:start + PAGE], None)
        print(f"loaded {len(rows):,} customers in {time.perf_counter() - started:.1f} s")
        for sql in args.index:
            store.conn.execute(sql)
        conn = store.conn
        phone = next(r["phone"] for r in rows[len(rows) // 2:] if (r["phone"] or "").startswith("08"))
        typed = {**TYPED, "phone": phone}

        def measure(label: str, q: ListQuery, offset: int = 0, with_count: bool = True) -> float:
            """count + page(offset, 50), as the list does after a keystroke; returns the p95 in ms."""
            counts, pages, totals = [], [], []
            for _ in range(args.repeat):
                started = time.perf_counter()
                if with_count:
                    queries.count(conn, q)
                counted = time.perf_counter()
                queries.page(conn, q, offset, 50)
                done = time.perf_counter()
                counts.append((counted - started) * 1000)
                pages.append((done - counted) * 1000)
                totals.append((done - started) * 1000)
            median, p95 = percentiles(totals)
            count_p95 = f"{percentiles(counts)[1]:.1f}" if with_count else "-"
            print(f"{label:46} {queries.count(conn, q):>8,} {median:>8.1f} {p95:>8.1f} {count_p95:>8} "
                  f"{percentiles(pages)[1]:>8.1f}")
            return p95

        print(f"{'ms, over ' + str(args.repeat) + ' runs':46} {'rows':>8} {'median':>8} {'p95':>8} "
              f"{'count95':>8} {'page95':>8}")
        default = ListQuery("customers")
        measure("list, default sort (full_name)", default)
        for kind, text in typed.items():
            p95s = [measure(f"{kind}: {text[:n]!r}", ListQuery("customers", search=text[:n]))
                    for n in range(1, len(text) + 1)]
            print(f"{kind}: worst keystroke p95 {max(p95s):.1f} ms, from the trigram index on (3+ characters) "
                  f"{max(p95s[MIN_TRIGRAM - 1:]):.1f} ms")
        measure("everyone matches: 'example'", ListQuery("customers", search="example"))
        measure("segment=vip, created_at desc", ListQuery("customers", filters={"segment": "vip"},
                                                          sort="created_at", descending=True))
        measure("tag=vegan", ListQuery("customers", filters={"tag": "vegan"}))
        measure("deep page: offset 90,000 (page only)", default, offset=90_000, with_count=False)
        store.close()


if __name__ == "__main__":
    main()
