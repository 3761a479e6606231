"""The demo data generator: a `tiny` load into the shared database, checked with SQL for the invariants the
client and the demo rely on, and a separate database for determinism."""

from __future__ import annotations

import datetime
import math

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from devserver import datagen, postgres
from devserver.datagen.adstats import allocate
from devserver.datagen.loader import SYNCED_TABLES
from devserver.datagen.segments import COUNTED_STATUSES, DORMANT_AFTER_DAYS, SEGMENTS, VIP_SPEND_THB, segment_for
from devserver.datagen.times import BANGKOK
from devserver.passwords import verify_password

AS_OF = datetime.date(2026, 3, 15)
TINY_EXACT = {
    "auth.users": 8, "employees": 8, "products": 40, "storage.objects": 40, "storage.blobs": 40, "campaigns": 8,
    "ad_sets": 8, "ads": 16, "customers": 200, "ad_daily_stats": 16 * 30, "ad_hourly_stats": 16 * 2 * 24,
    "orders": 300, "customer_activities": 300,
}
FINGERPRINTED = [*SYNCED_TABLES, "auth.users", "storage.objects", "storage.blobs"]


@pytest.fixture(scope="module")
def tiny(database):
    """`tiny` loaded once for the module's read-only checks; the shared database is left empty."""
    datagen.clear(database.superuser_url)
    calls: list[tuple[str, int]] = []
    report = datagen.load(database.superuser_url, "tiny", seed=1, as_of=AS_OF,
                          progress=lambda table, rows: calls.append((table, rows)))
    yield report, calls
    datagen.clear(database.superuser_url)


@pytest.fixture
def loaded(database, tiny):
    """A superuser connection to the database holding `tiny`."""
    with psycopg.connect(database.superuser_url, autocommit=True) as conn:
        yield conn


def rows(conn: psycopg.Connection, query: str, params: dict | None = None) -> list[tuple]:
    return conn.execute(query, params).fetchall()


def scalar(conn: psycopg.Connection, query: str, params: dict | None = None):
    return conn.execute(query, params).fetchone()[0]


def test_tiny_row_counts(loaded, tiny):
    report, _ = tiny
    for table, expected in TINY_EXACT.items():
        assert report.rows[table] == expected, table
    assert 300 <= report.rows["order_items"] <= 900
    assert report.rows["package_items"] > 0
    for table, count in report.rows.items():
        assert scalar(loaded, f"select count(*) from {table}") == count, table
    assert report.size == "tiny" and report.seed == 1 and report.as_of == AS_OF
    assert report.seconds > 0 and report.total_rows == sum(report.rows.values())


def test_progress_reports_running_totals(tiny):
    report, calls = tiny
    last: dict[str, int] = {}
    for table, so_far in calls:
        assert so_far > last.get(table, 0)
        last[table] = so_far
    assert last == report.rows


ID_FORMATS = {
    "employees": r"^TVS-EMP-\d{4}$",
    "products": r"^TVS-(CRS|PKG|EQT|MNU)-\d{4}$",
    "campaigns": r"^TVS-CMP-(FB|IG|TT|GG|LN)-\d{2}-\d{3}$",
    "ad_sets": r"^TVS-ADS-\d{5}$",
    "ads": r"^TVS-AD-\d{5}$",
    "customers": r"^TVS-CUS-(FB|IG|LN|TT|GG|WI|RF|WB)-\d{2}-\d{4,}$",
    "orders": r"^TVS-ORD-\d{2}-\d{6,}$",
    "order_items": r"^TVS-ORD-\d{2}-\d{6,}:[1-3]$",
    "customer_activities": r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
}


@pytest.mark.parametrize("table", list(ID_FORMATS))
def test_id_format(loaded, table):
    assert scalar(loaded, f"select count(*) from {table} where id !~ %(re)s", {"re": ID_FORMATS[table]}) == 0


def test_ids_carry_what_they_say(loaded):
    bad = {
        "product prefix": """select count(*) from products where substr(id, 5, 3) <>
            case category when 'course' then 'CRS' when 'package' then 'PKG' when 'cooking_eqt' then 'EQT'
            else 'MNU' end""",
        "campaign platform and year": """select count(*) from campaigns where split_part(id, '-', 3) <>
            case platform when 'facebook' then 'FB' when 'instagram' then 'IG' when 'tiktok' then 'TT'
            when 'google' then 'GG' else 'LN' end or split_part(id, '-', 4) <> to_char(start_date, 'YY')""",
        "customer source and year": """select count(*) from customers where split_part(id, '-', 3) <> source
            or split_part(id, '-', 4) <> to_char(created_at at time zone 'Asia/Bangkok', 'YY')""",
        "customer numbers run from 1": """select count(*) from (select max(split_part(id, '-', 5)::int) top,
            count(*) n from customers group by left(id, 14)) g where top <> n""",
        "order year": """select count(*) from orders
            where split_part(id, '-', 3) <> to_char(created_at at time zone 'Asia/Bangkok', 'YY')""",
        "order numbers run from 1": """select count(*) from (select max(split_part(id, '-', 4)::int) top,
            count(*) n from orders group by left(id, 10)) g where top <> n""",
        "order item": "select count(*) from order_items where split_part(id, ':', 1) <> order_id",
        "package item": "select count(*) from package_items where id <> package_id || ':' || product_id",
        "daily": "select count(*) from ad_daily_stats where id <> ad_id || ':' || to_char(date, 'YYYY-MM-DD')",
        "hourly": """select count(*) from ad_hourly_stats
            where id <> ad_id || ':' || to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24":00Z"')""",
        "picture path": """select count(*) from products
            where picture_path <> category || '/' || id || '.jpg'""",
    }
    assert {name: scalar(loaded, query) for name, query in bad.items()} == dict.fromkeys(bad, 0)


def test_order_totals_and_items(loaded):
    assert scalar(loaded, """
        select count(*) from orders o join (
            select order_id, sum(qty * unit_price_thb) subtotal, count(*) n from order_items group by order_id) i
          on i.order_id = o.id
        where o.total_thb <> i.subtotal - o.discount_thb or i.n not between 1 and 3 or o.total_thb < 0""") == 0
    assert scalar(loaded, "select count(*) from orders o where not exists "
                      "(select from order_items i where i.order_id = o.id)") == 0
    assert scalar(loaded, "select count(*) from order_items i join products p on p.id = i.product_id "
                      "where i.unit_price_thb <> p.price_thb") == 0
    assert scalar(loaded, "select count(*) from orders where (paid_at is not null) <> (status in ('paid', 'refunded'))"
                      " or paid_at < created_at") == 0
    assert scalar(loaded, "select count(*) from orders o join customers c on c.id = o.customer_id "
                      "where o.created_at < c.created_at") == 0
    paid_share = scalar(loaded, "select avg((status = 'paid')::int) from orders")
    assert 0.7 < paid_share < 0.9


def test_hourly_rows_sum_exactly_to_their_day(loaded):
    assert rows(loaded, """
        with h as (
          select ad_id, (hour at time zone 'Asia/Bangkok')::date as date, count(*) hours, sum(spend_thb) spend,
                 sum(impressions) impressions, sum(reach) reach, sum(clicks) clicks, sum(leads) leads,
                 sum(messages) messages
          from ad_hourly_stats group by 1, 2)
        select h.* from h left join ad_daily_stats d using (ad_id, date)
        where h.hours <> 24 or d.id is null
           or (h.spend, h.impressions, h.reach, h.clicks, h.leads, h.messages)
              is distinct from (d.spend_thb, d.impressions, d.reach, d.clicks, d.leads, d.messages)""") == []
    assert rows(loaded, "select distinct (hour at time zone 'Asia/Bangkok')::date from ad_hourly_stats order by 1") == [
        (AS_OF - datetime.timedelta(days=1),), (AS_OF,)]
    for table in ("ad_daily_stats", "ad_hourly_stats"):
        assert scalar(loaded, f"select count(*) from {table} where reach > impressions or clicks > impressions "
                          "or leads > clicks or spend_thb < 0") == 0
    assert scalar(loaded, "select min(date) from ad_daily_stats") == AS_OF - datetime.timedelta(days=29)
    assert scalar(loaded, "select max(date) from ad_daily_stats") == AS_OF
    assert scalar(loaded, "select sum(spend_thb) from ad_daily_stats") > 0


def test_references_resolve(loaded):
    bad = {
        "assigned to an active salesperson": """select count(*) from customers c
            left join employees e on e.id = c.assigned_employee_id
            where e.id is null or e.role <> 'sales' or not e.active""",
        "acquired on the source's platform": """select count(*) from customers c
            join campaigns k on k.id = c.acquired_campaign_id
            where k.platform <> case c.source when 'FB' then 'facebook' when 'IG' then 'instagram'
              when 'TT' then 'tiktok' when 'GG' then 'google' when 'LN' then 'line' when 'WB' then 'google' end""",
        "walk-ins and referrals without a campaign": """select count(*) from customers
            where source in ('WI', 'RF') and acquired_campaign_id is not null""",
        "order sold by sales": """select count(*) from orders o left join employees e on e.id = o.employee_id
            where e.role is distinct from 'sales'""",
        "order campaign exists": """select count(*) from orders o
            where o.campaign_id is not null and not exists (select from campaigns k where k.id = o.campaign_id)""",
        "package contents": """select count(*) from package_items i join products p on p.id = i.package_id
            join products c on c.id = i.product_id where p.category <> 'package' or c.category = 'package'""",
        "employee account": """select count(*) from employees e
            where not exists (select from auth.users u where u.id = e.auth_user_id and u.email = e.email)""",
        "course hours": """select count(*) from products where (duration_hours is not null)
            <> (category in ('course', 'package'))""",
    }
    assert {name: scalar(loaded, query) for name, query in bad.items()} == dict.fromkeys(bad, 0)
    assert scalar(loaded, "select count(*) from customers where acquired_campaign_id is not null") > 0
    assert scalar(loaded, "select count(*) from products where not active") > 0


def test_segments_follow_orders(loaded):
    mismatches = rows(loaded, """
        with o as (
          select customer_id, count(*) filter (where status = any(%(counted)s)) n,
                 coalesce(sum(total_thb) filter (where status = 'paid'), 0) spend,
                 max((created_at at time zone 'Asia/Bangkok')::date) filter (where status = any(%(counted)s)) last_day
          from orders group by customer_id)
        select c.id, c.segment, case
            when coalesce(o.n, 0) = 0 then 'lead'
            when %(as_of)s - o.last_day >= %(dormant)s then 'dormant'
            when o.spend >= %(vip)s then 'vip'
            when o.n = 1 then 'new' else 'active' end expected
        from customers c left join o on o.customer_id = c.id""",
                      {"counted": list(COUNTED_STATUSES), "as_of": AS_OF, "dormant": DORMANT_AFTER_DAYS,
                       "vip": VIP_SPEND_THB})
    assert [m for m in mismatches if m[1] != m[2]] == []
    assert {m[1] for m in mismatches} == set(SEGMENTS)


def test_segment_rule():
    day = datetime.date(2026, 1, 1)
    assert segment_for(0, 0, None, day) == "lead"
    assert segment_for(1, 100, day, day) == "new"
    assert segment_for(3, 100, day, day) == "active"
    assert segment_for(3, VIP_SPEND_THB * 100, day, day) == "vip"
    assert segment_for(9, VIP_SPEND_THB * 100, day - datetime.timedelta(days=DORMANT_AFTER_DAYS), day) == "dormant"


def test_every_product_has_its_picture(loaded):
    assert rows(loaded, """
        select p.id from products p
        left join storage.objects o on o.bucket_id = 'product-pictures' and o.name = p.picture_path
        left join storage.blobs b on b.object_id = o.id
        where b.object_id is null
           or o.metadata ->> 'eTag' <> '"' || md5(b.content) || '"'
           or (o.metadata ->> 'size')::int <> length(b.content)
           or o.metadata ->> 'mimetype' <> 'image/jpeg'
           or o.metadata ->> 'cacheControl' <> 'max-age=3600'
           or substr(b.content, 1, 3) <> '\\xffd8ff'::bytea""") == []


def test_demo_user_signs_in_as_an_active_salesperson(loaded):
    password, role, active = loaded.execute("""
        select u.encrypted_password, e.role, e.active from auth.users u join employees e on e.auth_user_id = u.id
        where u.email = %(email)s and u.email_confirmed_at is not null""", {"email": datagen.DEMO_EMAIL}).fetchone()
    assert verify_password(datagen.DEMO_PASSWORD, password)
    assert not verify_password("wrong", password)
    assert (role, active) == ("sales", True)
    assert rows(loaded, "select e.role from employees e join auth.users u on u.id = e.auth_user_id "
                    "where not e.active") == [("sales",)]


def test_activities_give_the_demo_salesperson_a_timeline_and_follow_ups(loaded):
    bad = {
        "written before the customer joined": """select count(*) from customer_activities a
            join customers c on c.id = a.customer_id where a.created_at < c.created_at""",
        "written by someone not in sales": """select count(*) from customer_activities a
            join employees e on e.id = a.employee_id where e.role <> 'sales'""",
        "dated after the history": "select count(*) from customer_activities where created_at >= %(end)s",
        "done before it was logged": "select count(*) from customer_activities where done_at < created_at",
    }
    end = {"end": datetime.datetime.combine(AS_OF, datetime.time(), BANGKOK)}
    assert {name: scalar(loaded, query, end) for name, query in bad.items()} == dict.fromkeys(bad, 0)
    # The demo account's open follow-ups: overdue, due on the last day, and upcoming.
    due = dict(rows(loaded, """
        select case when (a.follow_up_at at time zone 'Asia/Bangkok')::date < %(day)s then 'overdue'
                    when (a.follow_up_at at time zone 'Asia/Bangkok')::date = %(day)s then 'today'
                    else 'upcoming' end, count(*)
        from customer_activities a join employees e on e.id = a.employee_id
        where e.email = %(email)s and a.follow_up_at is not null and a.done_at is null
        group by 1""", {"day": AS_OF, "email": datagen.DEMO_EMAIL}))
    assert due.keys() == {"overdue", "today", "upcoming"} and min(due.values()) >= 2
    assert scalar(loaded, "select count(*) from customer_activities where done_at is not null") > 0


def test_load_refuses_a_database_with_data(database, tiny):
    with pytest.raises(ValueError, match="clear"):
        datagen.load(database.superuser_url, "tiny", as_of=AS_OF)


def test_unknown_size(database):
    with pytest.raises(ValueError, match="tiny, demo, large"):
        datagen.load(database.superuser_url, "huge")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """An empty database of its own, so loads can come and go without disturbing the shared one."""
    from tests.helpers.logfail import PGSERVER_STOP, expecting

    with expecting(PGSERVER_STOP, logger="pgserver"), postgres.running(tmp_path_factory.mktemp("datagen-pg")) as db:
        yield db.superuser_url


def fingerprints(conninfo: str) -> dict[str, str]:
    with psycopg.connect(conninfo) as conn:
        return {table: scalar(conn, f"""
            select md5(coalesce(string_agg((to_jsonb(t) - 'txid')::text, E'\\n'
                                           order by {'object_id' if table == 'storage.blobs' else 'id'}), ''))
            from {table} t""") for table in FINGERPRINTED}


def test_same_seed_same_rows_other_seed_other_rows(scratch):
    first = datagen.load(scratch, "tiny", seed=7, as_of=AS_OF)
    a = fingerprints(scratch)
    datagen.clear(scratch)
    datagen.load(scratch, "tiny", seed=7, as_of=AS_OF)
    assert fingerprints(scratch) == a
    datagen.clear(scratch)
    other = datagen.load(scratch, "tiny", seed=8, as_of=AS_OF)
    b = fingerprints(scratch)
    datagen.clear(scratch)
    assert first.rows.keys() == other.rows.keys()
    # tiny's catalog is the school's fixed base catalog; everything else depends on the seed.
    assert {t for t in FINGERPRINTED if a[t] == b[t]} == {"products", "package_items"}
    with psycopg.connect(scratch) as conn:
        assert [t for t in FINGERPRINTED if scalar(conn, f"select count(*) from {t}")] == []


def test_demo_commits_every_thousand_rows(scratch):
    report = datagen.load(scratch, "demo", seed=1, as_of=AS_OF)
    try:
        assert report.rows["customers"] == 2_000 and report.rows["orders"] == 5_000
        assert report.rows["ad_daily_stats"] == 60 * 365 and report.rows["ad_hourly_stats"] == 60 * 7 * 24
        assert 8_000 < report.rows["order_items"] < 12_000 and 12 <= report.rows["employees"] <= 15
        with psycopg.connect(scratch) as conn:
            for table in ("customers", "ad_daily_stats", "orders", "order_items"):
                largest, txids = conn.execute(
                    f"select max(n), count(*) from (select count(*) n from {table} group by txid) t").fetchone()
                assert largest <= 1000 and txids >= math.ceil(report.rows[table] / 1000), table
    finally:
        datagen.clear(scratch)


@given(st.integers(0, 10**7), st.lists(st.integers(0, 10**5), min_size=1, max_size=30))
def test_allocate_splits_exactly_and_nests(total, weights):
    parts = allocate(total, weights)
    assert sum(parts) == total and min(parts) >= 0
    child = allocate(total // 3, parts)
    assert sum(child) == total // 3
    assert all(c <= p for c, p in zip(child, parts, strict=True))
