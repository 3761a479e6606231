"""The yardstick for a first sync: a client written the obvious way in an afternoon. The official `supabase`
client pages each table by id (`order=id`, `limit=1000`, `id=gt.<last>`), `sqlite-utils` inserts each page in
one transaction, and each customer, order, employee, campaign, ad set and ad also goes to its own JSON file. No
search index, no analytics, no pictures, no checkpoints: what someone reaches for first, done properly.

    .venv/bin/python bench/plain_client.py URL ANON_KEY FOLDER [--email E --password P]

Prints `DONE <rows> <files>` at the end (bench/first_sync.py reads it).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import sqlite_utils

from supabase import create_client

TABLES = ["employees", "products", "package_items", "customers", "customer_activities", "campaigns", "ad_sets",
          "ads", "orders", "order_items", "ad_daily_stats", "ad_hourly_stats"]
FILES = {"customers": "customer", "orders": "orders", "employees": "employee", "campaigns": "ads/campaign",
         "ad_sets": "ads/ad_set", "ads": "ads/ad"}
PAGE = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("anon_key")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--email", default="sales@vschool.example")
    parser.add_argument("--password", default="vschool-demo")
    args = parser.parse_args()

    client = create_client(args.url, args.anon_key)
    client.auth.sign_in_with_password({"email": args.email, "password": args.password})
    args.folder.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(args.folder / "cache.db")
    rows = files = 0
    for table in TABLES:
        folder = args.folder / FILES[table] if table in FILES else None
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        last_id = None
        while True:
            query = client.table(table).select("*").order("id").limit(PAGE)
            if last_id is not None:
                query = query.gt("id", last_id)
            page = query.execute().data
            if not page:
                break
            with db.atomic():  # one transaction a page, not one per chunk of SQLite's variable limit
                db[table].insert_all(page, pk="id", replace=True, alter=True)
            if folder is not None:
                for row in page:
                    (folder / f"{row['id']}.json").write_text(json.dumps(row, ensure_ascii=False), "utf-8")
                files += len(page)
            rows += len(page)
            last_id = page[-1]["id"]
    db.close()
    print(f"DONE {rows} {files}", flush=True)


if __name__ == "__main__":
    main()
