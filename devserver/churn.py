"""Keeps a loaded demo database alive: a steady trickle of small changes, as the school's back office would make
them, so that clients always have something new to sync.

Each change is its own transaction. Now and then a "late commit" holds a transaction open after writing a row
while other changes commit past it: its row carries a txid lower than rows already visible, which is exactly the
out-of-order commit the sync protocol (txid + watermark) must not miss.
"""

from __future__ import annotations

import datetime
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg

from devserver.datagen import activities, ids, people
from devserver.datagen.adstats import draw_rates, figures_for_spend
from devserver.datagen.catalog import Product
from devserver.datagen.customers import SOURCE_WEIGHTS
from devserver.datagen.orders import Buyer, Shop
from devserver.datagen.segments import COUNTED_STATUSES, segment_for
from devserver.datagen.staff import Employee
from devserver.datagen.times import BANGKOK
from devserver.datagen.weighted import Weighted

log = logging.getLogger(__name__)

SOURCES = Weighted(list(SOURCE_WEIGHTS), list(SOURCE_WEIGHTS.values()))
RECONNECT_DELAY = 2.0


def run_churn(conninfo: str, stop: threading.Event, *, rate: float = 3.0, seed: int | None = None,
              late_commit_every: float = 20.0, late_commit_hold: float = 5.0) -> None:
    """Make about `rate` changes per second until `stop` is set. Errors are logged and the churn goes on;
    a lost connection is re-opened."""
    _Churn(conninfo, stop, rate, random.Random(seed), late_commit_every, late_commit_hold).run()


def _epoch(value: datetime.datetime) -> int:
    return int(value.timestamp())


def _row(conn: psycopg.Connection, query: str, params: tuple[object, ...] = ()) -> tuple[Any, ...]:
    """The one row of a query (an aggregate, or an insert returning)."""
    row = conn.execute(query, params).fetchone()
    assert row is not None
    return row


def _thb(satang: int) -> Decimal:
    return Decimal(satang).scaleb(-2)


def _is_thai(name: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in name)


@dataclass(frozen=True)
class _Late:
    """A transaction held open after its write."""

    conn: psycopg.Connection
    customer_id: str


class _Churn:
    def __init__(self, conninfo: str, stop: threading.Event, rate: float, rng: random.Random,
                 late_every: float, late_hold: float) -> None:
        self.conninfo = conninfo
        self.stop = stop
        self.rate = rate
        self.rng = rng
        self.late_every = late_every
        self.late_hold = late_hold
        self.changes: Weighted[Callable[[psycopg.Connection], None]] = Weighted.of((
            (self._new_lead, 20), (self._new_order, 20), (self._update_customer, 20), (self._settle_order, 12),
            (self._ad_stats, 23), (self._soft_delete, 5), (self._new_activity, 12)))
        self.order_numbers: dict[int, int] = {}
        self.customers: list[str] = []
        self.pending_orders: list[str] = []
        self.sales: list[str] = []
        self.campaigns: dict[str, list[str]] = {}
        self.ads: list[tuple[str, str]] = []
        self.shop: Shop | None = None

    # The loop -------------------------------------------------------------------------------------------------

    def run(self) -> None:
        conn: psycopg.Connection | None = None
        late: _Late | None = None
        late_due = time.monotonic() + self.late_every
        next_change = time.monotonic()
        try:
            while not self.stop.is_set():
                try:
                    if conn is None or conn.closed:
                        conn = self._connect()
                    now = time.monotonic()
                    if now >= late_due:
                        if late is None:
                            late = self._begin_late(conn)
                            late_due = now + (self.late_hold if late else self.late_every)
                        else:
                            self._finish_late(late)
                            late = None
                            late_due = now + self.late_every
                    if now >= next_change:
                        self._change(conn)
                        next_change = now + self.rng.expovariate(self.rate)
                    self.stop.wait(max(0.0, min(next_change, late_due) - time.monotonic()))
                except Exception as exc:
                    if conn is not None and not conn.closed:
                        log.exception("churn step failed")
                    else:
                        log.warning("churn has no working database connection (%s); retrying", exc)
                        if late is not None:
                            late.conn.close()
                        conn, late = None, None
                        late_due = time.monotonic() + self.late_every
                    self.stop.wait(RECONNECT_DELAY)
        finally:
            if late is not None:
                self._finish_late(late)
            if conn is not None:
                conn.close()

    def _change(self, conn: psycopg.Connection) -> None:
        change = self.changes.pick(self.rng)
        try:
            with conn.transaction():
                change(conn)
        except psycopg.IntegrityError as exc:
            # Someone else took an order number: read the counter again.
            log.warning("churn %s conflicted: %s", change.__name__, exc)
            self.order_numbers.clear()
        except Exception:
            if conn.closed:
                raise
            log.exception("churn %s failed", change.__name__)

    def _connect(self) -> psycopg.Connection:
        """A connection, with the lookups the changes draw from read afresh."""
        conn = psycopg.connect(self.conninfo, autocommit=True, application_name="vschool-churn")
        try:
            # Never wait long on a lock: a change that cannot proceed is skipped, not allowed to stall the loop.
            conn.execute("set lock_timeout = '2s'")
            self._load_state(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _load_state(self, conn: psycopg.Connection) -> None:
        employees = [
            Employee(id, str(auth or ""), name, nick or "", role, email or "", phone or "", active, _epoch(created),
                     _epoch(updated))
            for id, auth, name, nick, role, email, phone, active, created, updated in conn.execute(
                "select id, auth_user_id, full_name, nickname, role, email, phone, active, created_at, updated_at"
                " from employees where deleted_at is null")]
        products = [
            Product(id, category, name_th, name_en, "", "", int(price * 100), None, active, sort_order,
                    _epoch(created))
            for id, category, name_th, name_en, price, active, sort_order, created in conn.execute(
                "select id, category, name_th, name_en, price_thb, active, sort_order, created_at from products"
                " where deleted_at is null order by created_at, id")]
        if not products or not any(e.role == "sales" and e.active for e in employees):
            raise RuntimeError("nothing to churn: the database has no catalog or no active sales staff "
                               "(load demo data first)")
        self.shop = Shop(products, employees)
        self.sales = [e.id for e in employees if e.role == "sales" and e.active]
        self.campaigns = {}
        for campaign_id, platform in conn.execute(
                "select id, platform from campaigns where status = 'active' and deleted_at is null"):
            self.campaigns.setdefault(platform, []).append(campaign_id)
        self.ads = conn.execute("""
            select a.id, c.platform from ads a join ad_sets s on s.id = a.ad_set_id
            join campaigns c on c.id = s.campaign_id
            where c.status = 'active' and a.deleted_at is null order by a.id""").fetchall()
        self.customers = [r[0] for r in conn.execute("select id from customers where deleted_at is null")]
        self.pending_orders = [r[0] for r in conn.execute(
            "select id from orders where status = 'pending' and deleted_at is null")]
        log.info("churn ready: %d customers, %d ads, %d pending orders", len(self.customers), len(self.ads),
                 len(self.pending_orders))

    # Running numbers ------------------------------------------------------------------------------------------

    def _next_order_id(self, conn: psycopg.Connection, yy: int) -> str:
        if yy not in self.order_numbers:
            self.order_numbers[yy] = _row(
                conn, "select coalesce(max(split_part(id, '-', 4)::int), 0) from orders where id like %s",
                (f"TVS-ORD-{yy:02d}-%",))[0]
        self.order_numbers[yy] += 1
        return ids.order_id(yy, self.order_numbers[yy])

    # Changes --------------------------------------------------------------------------------------------------

    def _insert_lead(self, conn: psycopg.Connection, number_conn: psycopg.Connection | None = None) -> str:
        """The database allocates the business id, from the counter the leads reps create also use. Its lock
        lasts until the allocating transaction ends, so a transaction held open (the late commit) takes its
        number first from `number_conn`, in a transaction of its own."""
        now = datetime.datetime.now(BANGKOK)
        source = SOURCES.pick(self.rng)
        person = people.customer(self.rng, source, now.date())
        platform = ids.SOURCE_PLATFORM.get(source)
        running = self.campaigns.get(platform or "", [])
        number = _row(number_conn, "select private.next_customer_id(%s)", (source,))[0] if number_conn else None
        (customer_id,) = _row(conn, """
            insert into customers (id, full_name, nickname, phone, email, line_id, source, segment, tags,
                                   assigned_employee_id, acquired_campaign_id, birthday, notes)
            values (%s, %s, %s, %s, %s, %s, %s, 'lead', %s, %s, %s, %s, %s) returning id""",
                     (number, person.full_name, person.nickname, person.phone, person.email, person.line_id,
                      source, people.customer_tags(self.rng, person, regular=False),
                      self.rng.choice(self.sales) if self.sales else None,
                      self.rng.choice(running) if running else None, person.birthday,
                      people.customer_note(self.rng, person)))
        return customer_id

    def _new_lead(self, conn: psycopg.Connection) -> None:
        customer_id = self._insert_lead(conn)
        self.customers.append(customer_id)
        log.debug("churn: new lead %s", customer_id)

    def _new_activity(self, conn: psycopg.Connection) -> None:
        now = datetime.datetime.now(BANGKOK)
        a = activities.draft(self.rng, self.rng.choice(self.customers), self.rng.choice(self.sales),
                             int(now.timestamp()))
        follow_up = None
        if self.rng.random() < activities.FOLLOW_UP_SHARE:
            day = now.date() + datetime.timedelta(days=self.rng.randrange(1, 8))
            follow_up = datetime.datetime.combine(day, datetime.time(self.rng.randrange(9, 18)), BANGKOK)
        conn.execute("""
            insert into customer_activities (id, customer_id, employee_id, kind, body, outcome, follow_up_at)
            values (%s, %s, %s, %s, %s, %s, %s)""",
                     (a.id, a.customer_id, a.employee_id, a.kind, a.body, a.outcome, follow_up))
        log.debug("churn: activity %s on %s", a.id, a.customer_id)

    def _new_order(self, conn: psycopg.Connection) -> None:
        assert self.shop is not None
        customer_id = self.rng.choice(self.customers)
        row = conn.execute("select source, assigned_employee_id, acquired_campaign_id from customers"
                           " where id = %s and deleted_at is null", (customer_id,)).fetchone()
        if row is None:
            return
        source, assigned, campaign = row
        if assigned not in self.shop.hired:
            assigned = self.rng.choice(self.sales)
        now = datetime.datetime.now(BANGKOK)
        draft = self.shop.draft(self.rng, Buyer(source, assigned, campaign), _epoch(now), True, _epoch(now))
        status = "paid" if self.rng.random() < 0.5 else "pending"
        order_id = self._next_order_id(conn, now.year % 100)
        conn.execute("""
            insert into orders (id, customer_id, employee_id, status, channel, campaign_id, total_thb, discount_thb,
                                paid_at)
            values (%s, %s, %s, %s, %s, %s, %s, %s, case when %s = 'paid' then now() end)""",
                     (order_id, customer_id, draft.employee_id, status, draft.channel, draft.campaign_id,
                      _thb(draft.total), _thb(draft.discount), status))
        with conn.cursor() as cursor:
            cursor.executemany(
                "insert into order_items (id, order_id, product_id, qty, unit_price_thb) values (%s, %s, %s, %s, %s)",
                [(ids.order_item_id(order_id, n), order_id, line.product_id, line.qty, _thb(line.unit_price))
                 for n, line in enumerate(draft.lines, start=1)])
        self._refresh_segment(conn, customer_id)
        if status == "pending":
            self.pending_orders.append(order_id)
        log.debug("churn: new order %s for %s", order_id, customer_id)

    def _update_customer(self, conn: psycopg.Connection) -> None:
        customer_id = self.rng.choice(self.customers)
        row = conn.execute("select full_name from customers where id = %s and deleted_at is null",
                           (customer_id,)).fetchone()
        if row is None:
            return
        what = self.rng.randrange(3)
        if what == 0:
            conn.execute("update customers set tags = array(select distinct unnest(tags || %s::text[])) where id = %s",
                         ([people.extra_tag(self.rng)], customer_id))
        elif what == 1:
            conn.execute("update customers set notes = %s where id = %s",
                         (people.note(self.rng, thai=_is_thai(row[0])), customer_id))
        elif self.sales:
            conn.execute("update customers set assigned_employee_id = %s where id = %s",
                         (self.rng.choice(self.sales), customer_id))
        self._refresh_segment(conn, customer_id)
        log.debug("churn: updated %s", customer_id)

    def _settle_order(self, conn: psycopg.Connection) -> None:
        if not self.pending_orders:
            self._new_order(conn)
            return
        order_id = self.pending_orders.pop(self.rng.randrange(len(self.pending_orders)))
        paid = self.rng.random() < 0.85
        row = conn.execute("""
            update orders set status = %s, paid_at = case when %s then now() end
            where id = %s and status = 'pending' and deleted_at is null returning customer_id""",
                           ("paid" if paid else "cancelled", paid, order_id)).fetchone()
        if row is not None:
            self._refresh_segment(conn, row[0])
            log.debug("churn: order %s %s", order_id, "paid" if paid else "cancelled")

    def _ad_stats(self, conn: psycopg.Connection) -> None:
        """Today's figures grow: the same increment goes to the current hour's row and to today's row, so the
        hours of a day keep adding up to the day."""
        if not self.ads:
            return
        ad_id, platform = self.rng.choice(self.ads)
        hour = datetime.datetime.now(datetime.UTC).replace(minute=0, second=0, microsecond=0)
        f = figures_for_spend(self.rng, draw_rates(self.rng, platform), self.rng.randrange(500, 8_000))
        figures = (_thb(f.spend), f.impressions, f.reach, f.clicks, f.leads, f.messages)
        increment = """spend_thb = s.spend_thb + excluded.spend_thb, impressions = s.impressions + excluded.impressions,
            reach = s.reach + excluded.reach, clicks = s.clicks + excluded.clicks, leads = s.leads + excluded.leads,
            messages = s.messages + excluded.messages"""
        conn.execute(f"""
            insert into ad_hourly_stats as s (id, ad_id, hour, spend_thb, impressions, reach, clicks, leads, messages)
            values (%s, %s, %s, %s, %s, %s, %s, %s, %s) on conflict (id) do update set {increment}""",
                     (ids.hourly_stat_id(ad_id, hour), ad_id, hour, *figures))
        day = hour.astimezone(BANGKOK).date()
        conn.execute(f"""
            insert into ad_daily_stats as s (id, ad_id, date, spend_thb, impressions, reach, clicks, leads, messages)
            values (%s, %s, %s, %s, %s, %s, %s, %s, %s) on conflict (id) do update set {increment}""",
                     (ids.daily_stat_id(ad_id, day), ad_id, day, *figures))
        log.debug("churn: stats for %s at %s", ad_id, hour)

    def _soft_delete(self, conn: psycopg.Connection) -> None:
        """A duplicate lead is merged away: the row stays as a tombstone so that clients drop it too."""
        for _ in range(5):
            index = self.rng.randrange(len(self.customers))
            customer_id = self.customers[index]
            deleted = conn.execute("""
                update customers c set deleted_at = now(), notes = 'Duplicate lead – merged'
                where id = %s and segment = 'lead' and deleted_at is null
                  and not exists (select from orders o where o.customer_id = c.id)
                returning id""", (customer_id,)).fetchone()
            if deleted is not None:
                self.customers[index] = self.customers[-1]
                self.customers.pop()
                log.debug("churn: soft-deleted %s", customer_id)
                return

    def _refresh_segment(self, conn: psycopg.Connection, customer_id: str) -> None:
        count, spend, last = _row(conn, """
            select count(*) filter (where status = any(%s)), coalesce(sum(total_thb) filter (where status = 'paid'), 0),
                   max(created_at) filter (where status = any(%s))
            from orders where customer_id = %s and deleted_at is null""",
                                  (list(COUNTED_STATUSES), list(COUNTED_STATUSES), customer_id))
        today = datetime.datetime.now(BANGKOK).date()
        segment = segment_for(count, int(spend * 100), last.astimezone(BANGKOK).date() if last else None, today)
        conn.execute("update customers set segment = %s where id = %s and segment <> %s",
                     (segment, customer_id, segment))

    # Late commits ---------------------------------------------------------------------------------------------

    def _begin_late(self, number_conn: psycopg.Connection) -> _Late | None:
        conn: psycopg.Connection | None = None
        try:
            conn = psycopg.connect(self.conninfo, application_name="vschool-churn-late")
            customer_id = self._insert_lead(conn, number_conn)
            txid = _row(conn, "select pg_current_xact_id()::text::bigint")[0]
        except Exception:
            log.exception("churn: late commit could not start")
            if conn is not None:
                conn.close()
            return None
        log.info("churn: late commit of %s (txid %s) held for %.1f s", customer_id, txid, self.late_hold)
        return _Late(conn, customer_id)

    def _finish_late(self, late: _Late) -> None:
        try:
            late.conn.commit()
            self.customers.append(late.customer_id)
            log.info("churn: late commit of %s done", late.customer_id)
        except psycopg.Error as exc:
            log.warning("churn: late commit failed: %s", exc)
        finally:
            late.conn.close()
