"""Row-level security on the real database, through the API as each kind of caller."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import make_user

TABLES = ["employees", "products", "package_items", "customers", "customer_activities", "campaigns", "ad_sets",
          "ads", "orders", "order_items", "ad_daily_stats", "ad_hourly_stats"]
LIVE, TOMBSTONE = "TVS-CUS-GG-92-0001", "TVS-CUS-GG-92-0002"


@pytest.fixture
def customers(db):
    db.execute("delete from customers where id in (%s, %s)", (LIVE, TOMBSTONE))
    db.execute("insert into customers (id, full_name, source) values (%s, 'Live', 'GG')", (LIVE,))
    db.execute("insert into customers (id, full_name, source, deleted_at) values (%s, 'Gone', 'GG', now())",
               (TOMBSTONE,))
    yield
    db.execute("delete from customers where id in (%s, %s)", (LIVE, TOMBSTONE))


def sign_in(standin, keys, user) -> str:
    r = httpx.post(f"{standin.url}/auth/v1/token?grant_type=password", headers={"apikey": keys.anon_key},
                   json={"email": user.email, "password": user.password})
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def visible(standin, keys, token, table="customers"):
    r = httpx.get(f"{standin.url}/rest/v1/{table}?select=id&id=like.TVS-CUS-GG-92-*",
                  headers={"apikey": keys.anon_key, "Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    return sorted(row["id"] for row in r.json())


def test_anon_sees_nothing(standin, keys, customers):
    for table in TABLES:
        r = httpx.get(f"{standin.url}/rest/v1/{table}?select=id&limit=1", headers={"apikey": keys.anon_key})
        assert (r.status_code, r.json()) == (200, []), table
    assert visible(standin, keys, keys.anon_key) == []


def test_signed_in_without_active_employee_sees_nothing(standin, keys, db, customers):
    stranger = make_user(db, employee=False)
    former = make_user(db, active=False)
    assert visible(standin, keys, sign_in(standin, keys, stranger)) == []
    assert visible(standin, keys, sign_in(standin, keys, former)) == []


def test_employee_sees_every_row_including_tombstones(standin, keys, db, customers):
    staff = make_user(db)
    token = sign_in(standin, keys, staff)
    assert visible(standin, keys, token) == [LIVE, TOMBSTONE]
    # Deactivating the employee takes effect on the very next request, with the same token.
    db.execute("update employees set active = false where id = %s", (staff.employee_id,))
    assert visible(standin, keys, token) == []


def test_employee_cannot_write_beyond_their_role(standin, keys, db, customers):
    # Marketing does not edit customers (test_outbox_server.py has the rules for sales and managers), and no
    # client names a customer's id: the server allocates it.
    token = sign_in(standin, keys, make_user(db, role="marketing"))
    r = httpx.patch(f"{standin.url}/rest/v1/customers?id=eq.{LIVE}", json={"full_name": "Changed"},
                    headers={"apikey": keys.anon_key, "Authorization": f"Bearer {token}"})
    assert r.status_code == 204  # RLS filters the rows away: nothing is updated, no error
    assert db.execute("select full_name from customers where id = %s", (LIVE,)).fetchone()[0] == "Live"
    r = httpx.post(f"{standin.url}/rest/v1/customers", json={"id": "TVS-CUS-GG-92-0003", "full_name": "x",
                                                             "source": "GG"},
                   headers={"apikey": keys.anon_key, "Authorization": f"Bearer {token}"})
    assert (r.status_code, r.json()["code"]) == (403, "42501")
    r = httpx.post(f"{standin.url}/rest/v1/customers", json={"id": "TVS-CUS-GG-92-0003", "full_name": "x",
                                                             "source": "GG"}, headers={"apikey": keys.anon_key})
    assert (r.status_code, r.json()["code"]) == (401, "42501")


def test_service_role_bypasses(standin, keys, customers):
    assert visible(standin, keys, keys.service_key) == [LIVE, TOMBSTONE]


def test_sync_state_respects_rls(standin, keys, db, customers):
    def state(token):
        r = httpx.get(f"{standin.url}/rest/v1/rpc/sync_state",
                      headers={"apikey": keys.anon_key, "Authorization": f"Bearer {token}"})
        return {row["table_name"]: row["max_txid"] for row in r.json()}

    assert set(state(keys.anon_key).values()) == {None}
    staff_state = state(sign_in(standin, keys, make_user(db)))
    assert staff_state["customers"] == db.execute("select max(txid) from customers").fetchone()[0]
