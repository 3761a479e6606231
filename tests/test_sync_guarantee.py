"""The property the sync protocol rests on: a watermark read while transactions are open is at or below
every txid they will commit, so `txid >= watermark` finds a row committed late, out of order."""

from __future__ import annotations

import httpx
import psycopg

OLD, NEW = "TVS-CUS-TT-93-0001", "TVS-CUS-TT-93-0002"


def test_late_commit_is_not_missed(standin, keys, database, db):
    db.execute("delete from customers where id in (%s, %s)", (OLD, NEW))
    api = httpx.Client(base_url=standin.url + "/rest/v1", headers={"apikey": keys.service_key})

    def since(watermark):
        r = api.get("/customers", params={"select": "id,txid", "txid": f"gte.{watermark}",
                                          "id": "like.TVS-CUS-TT-93-*", "order": "txid.asc,id.asc"})
        return {row["id"]: row["txid"] for row in r.json()}

    with psycopg.connect(database.superuser_url) as older, psycopg.connect(database.superuser_url) as newer:
        older.execute("insert into customers (id, full_name, source) values (%s, 'Older', 'TT')", (OLD,))
        old_txid = older.execute("select pg_current_xact_id()::text::bigint").fetchone()[0]
        newer.execute("insert into customers (id, full_name, source) values (%s, 'Newer', 'TT')", (NEW,))
        new_txid = newer.execute("select pg_current_xact_id()::text::bigint").fetchone()[0]
        assert old_txid < new_txid

        watermark = api.get("/rpc/sync_watermark").json()["watermark"]
        assert watermark <= old_txid

        newer.commit()  # the younger transaction commits first...
        first_pull = since(watermark)
        assert first_pull == {NEW: new_txid}
        # ...so a client that moved its cursor to the highest txid it saw would now skip the older one.
        older.commit()
        assert old_txid < max(first_pull.values())

    assert since(watermark) == {OLD: old_txid, NEW: new_txid}
    api.close()
    db.execute("delete from customers where id in (%s, %s)", (OLD, NEW))
