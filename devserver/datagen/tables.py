"""The generated database, table by table in foreign-key order, as COPY text lines.

Each table's lines are produced lazily, so the loader streams them and only the lookups later tables need
stay in memory (staff, catalog, campaigns and ads, the customer plan, the last days' ad figures).
Every stage draws from its own named random stream: changing how one table is generated does not reshuffle
the others, and the same seed and as_of give the same rows."""

from __future__ import annotations

import datetime
import hashlib
import random
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from devserver.passwords import hash_password

from . import copytext as ct
from . import ids, people, pictures
from .activities import plan_activities
from .adstats import ZERO, Figures, day_spend, figures_for_spend, split_hours
from .catalog import PICTURE_BUCKET, Catalog, build_catalog
from .customers import Population, drafts, plan_population
from .marketing import Marketing, build_marketing
from .orders import Shop, order_rng
from .segments import segment_for
from .sizes import Size
from .staff import DEMO_EMAIL, DEMO_PASSWORD, Employee, build_staff
from .times import DAY, HOUR, MINUTE, day_of, midnight, stamp, utc


@dataclass(frozen=True)
class Table:
    name: str  # schema-qualified
    columns: tuple[str, ...]
    lines: Iterable[str]


def _stamps(created: int, updated: int) -> tuple[str, str]:
    return stamp(created), stamp(updated)


class Generation:
    def __init__(self, size: Size, seed: int, as_of: datetime.date) -> None:
        self.size = size
        self.seed = seed
        self.as_of = as_of
        # The history ends as the as_of day begins, so that with as_of = today nothing is dated in the future
        # (the churn brings today to life). Ad figures, which the platforms report per whole day, include as_of.
        # The CRM, and its catalog, opened shortly before the oldest customer.
        self.now = midnight(as_of)
        self.history_start = midnight(as_of - datetime.timedelta(days=size.history_days))
        self.opened = self.history_start - 30 * DAY
        self._recent_figures: dict[tuple[str, datetime.date], Figures] = {}

    def rng(self, stage: str) -> random.Random:
        return random.Random(f"{self.seed}:{stage}")

    def tables(self) -> Iterator[Table]:
        staff = build_staff(self.size, self.rng("staff"), self.opened, self.now)
        yield Table("auth.users", ("id", "email", "encrypted_password", "email_confirmed_at", "raw_user_meta_data",
                                   "last_sign_in_at", "created_at", "updated_at"), self._auth_users(staff))
        yield Table("public.employees", ("id", "auth_user_id", "full_name", "nickname", "role", "email", "phone",
                                         "active", "created_at", "updated_at"), self._employees(staff))
        catalog = build_catalog(self.size, self.rng("catalog"), self.opened, self.now)
        yield Table("public.products", ("id", "category", "name_th", "name_en", "description_th", "description_en",
                                        "price_thb", "duration_hours", "picture_path", "active", "sort_order",
                                        "created_at", "updated_at"), self._products(catalog))
        blobs: list[tuple[str, bytes]] = []
        yield Table("storage.objects", ("id", "bucket_id", "name", "metadata", "created_at", "updated_at",
                                        "last_accessed_at"), self._objects(catalog, blobs))
        yield Table("storage.blobs", ("object_id", "content"),
                    (ct.line((object_id, ct.bytea(data))) for object_id, data in blobs))
        yield Table("public.package_items", ("id", "package_id", "product_id", "qty", "created_at", "updated_at"),
                    (ct.line((i.id, i.package_id, i.product_id, str(i.qty), *_stamps(i.created_at, i.created_at)))
                     for i in catalog.package_items))
        marketing = build_marketing(self.size, self.rng("marketing"), self.as_of)
        yield from self._marketing(marketing)
        population = plan_population(self.size, self.rng("population"), self.as_of, staff, marketing.campaigns,
                                     self.now)
        shop = Shop(catalog.products, staff)
        yield Table("public.customers", ("id", "full_name", "nickname", "phone", "email", "line_id", "source",
                                         "segment", "tags", "assigned_employee_id", "acquired_campaign_id",
                                         "birthday", "notes", "created_at", "updated_at", "deleted_at"),
                    self._customers(population, shop))
        yield Table("public.customer_activities", ("id", "customer_id", "employee_id", "kind", "body", "outcome",
                                                   "follow_up_at", "done_at", "created_at", "updated_at"),
                    self._activities(population, staff))
        stat_columns = ("spend_thb", "impressions", "reach", "clicks", "leads", "messages", "created_at",
                        "updated_at")
        yield Table("public.ad_daily_stats", ("id", "ad_id", "date", *stat_columns), self._daily(marketing))
        yield Table("public.ad_hourly_stats", ("id", "ad_id", "hour", *stat_columns), self._hourly(marketing))
        with tempfile.TemporaryFile("w+", encoding="utf-8") as items:
            yield Table("public.orders", ("id", "customer_id", "employee_id", "status", "channel", "campaign_id",
                                          "total_thb", "discount_thb", "paid_at", "created_at", "updated_at"),
                        self._orders(population, shop, items))
            items.seek(0)
            yield Table("public.order_items", ("id", "order_id", "product_id", "qty", "unit_price_thb",
                                               "created_at", "updated_at"), items)

    def _auth_users(self, staff: list[Employee]) -> Iterator[str]:
        rng = self.rng("auth")
        # Hashing is deliberately slow: once per load, with a salt from the seed so reloads are identical.
        password = hash_password(DEMO_PASSWORD, salt=rng.randbytes(16))
        for e in staff:
            last_sign_in = e.updated_at if not e.active else self.now - rng.randrange(HOUR, 10 * DAY)
            meta = {"full_name": e.full_name, "employee_id": e.id}
            yield ct.line((e.auth_user_id, e.email, password, stamp(e.created_at + rng.randrange(MINUTE, HOUR)),
                           ct.jsonb(meta), stamp(last_sign_in), *_stamps(e.created_at, e.updated_at)))

    def _employees(self, staff: list[Employee]) -> Iterator[str]:
        for e in staff:
            yield ct.line((e.id, e.auth_user_id, ct.text(e.full_name), ct.text(e.nickname), e.role, e.email,
                           e.phone, ct.boolean(e.active), *_stamps(e.created_at, e.updated_at)))

    def _products(self, catalog: Catalog) -> Iterator[str]:
        for p in catalog.products:
            yield ct.line((p.id, p.category, ct.text(p.name_th), ct.text(p.name_en), ct.text(p.description_th),
                           ct.text(p.description_en), ct.money(p.price), ct.optional(p.hours), p.picture_path,
                           ct.boolean(p.active), str(p.sort_order), *_stamps(p.created_at, p.created_at)))

    def _objects(self, catalog: Catalog, blobs: list[tuple[str, bytes]]) -> Iterator[str]:
        rng = self.rng("pictures")
        for p in catalog.products:
            data = pictures.render(p, rng)
            object_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            blobs.append((object_id, data))
            uploaded = p.created_at + rng.randrange(MINUTE, HOUR)
            metadata = {
                "eTag": f'"{hashlib.md5(data).hexdigest()}"', "size": len(data), "contentLength": len(data),
                "mimetype": pictures.MIMETYPE, "cacheControl": "max-age=3600", "httpStatusCode": 200,
                "lastModified": utc(uploaded).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            }
            yield ct.line((object_id, PICTURE_BUCKET, p.picture_path, ct.jsonb(metadata),
                           *_stamps(uploaded, uploaded), stamp(uploaded)))

    def _marketing(self, marketing: Marketing) -> Iterator[Table]:
        yield Table("public.campaigns", ("id", "platform", "name", "objective", "status", "daily_budget_thb",
                                         "start_date", "end_date", "created_at", "updated_at"),
                    (ct.line((c.id, c.platform, ct.text(c.name), c.objective, c.status, ct.money(c.daily_budget),
                              c.start.isoformat(), ct.optional(c.end), *_stamps(c.created_at, c.updated_at)))
                     for c in marketing.campaigns))
        yield Table("public.ad_sets", ("id", "campaign_id", "name", "audience", "status", "daily_budget_thb",
                                       "created_at", "updated_at"),
                    (ct.line((s.id, s.campaign_id, ct.text(s.name), ct.text(s.audience), s.status,
                              ct.money(s.daily_budget), *_stamps(s.created_at, s.updated_at)))
                     for s in marketing.ad_sets))
        yield Table("public.ads", ("id", "ad_set_id", "name", "creative_type", "status", "created_at", "updated_at"),
                    (ct.line((a.id, a.ad_set_id, ct.text(a.name), a.creative_type, a.status,
                              *_stamps(a.created_at, a.updated_at))) for a in marketing.ads))

    def _daily(self, marketing: Marketing) -> Iterator[str]:
        """Day by day, as the nightly import from the ad platforms would have written them."""
        rng = self.rng("ad_daily_stats")
        hourly_from = self.as_of - datetime.timedelta(days=self.size.hourly_days - 1)
        for offset in range(self.size.stat_days - 1, -1, -1):
            day = self.as_of - datetime.timedelta(days=offset)
            date = day.isoformat()
            created = stamp(min(midnight(day) + 6 * MINUTE, self.now))
            updated = stamp(min(midnight(day) + DAY + 2 * HOUR, self.now))
            for ad in marketing.ads:
                if ad.first_day <= day <= ad.last_day:
                    f = figures_for_spend(rng, ad.rates, day_spend(rng, ad.budget, day))
                else:
                    f = ZERO
                if day >= hourly_from:
                    self._recent_figures[ad.id, day] = f
                yield (f"{ad.id}:{date}\t{ad.id}\t{date}\t{ct.money(f.spend)}\t{f.impressions}\t{f.reach}\t"
                       f"{f.clicks}\t{f.leads}\t{f.messages}\t{created}\t{updated}\n")

    def _hourly(self, marketing: Marketing) -> Iterator[str]:
        rng = self.rng("ad_hourly_stats")
        for offset in range(self.size.hourly_days - 1, -1, -1):
            day = self.as_of - datetime.timedelta(days=offset)
            hours = [midnight(day) + h * HOUR for h in range(24)]
            labels = [(f"{utc(t):%Y-%m-%dT%H}:00Z", stamp(t), stamp(min(t + 5 * MINUTE, self.now)),
                       stamp(min(t + HOUR + 5 * MINUTE, self.now))) for t in hours]
            for ad in marketing.ads:
                for (label, hour, created, updated), f in zip(
                        labels, split_hours(rng, self._recent_figures.pop((ad.id, day))), strict=True):
                    yield (f"{ad.id}:{label}\t{ad.id}\t{hour}\t{ct.money(f.spend)}\t{f.impressions}\t{f.reach}\t"
                           f"{f.clicks}\t{f.leads}\t{f.messages}\t{created}\t{updated}\n")

    def _customers(self, population: Population, shop: Shop) -> Iterator[str]:
        rng = self.rng("customers")
        for ci, customer_id in enumerate(population.ids):
            created = population.created[ci]
            buyer = population.buyers[ci]
            orders = drafts(population, shop, self.seed, ci, self.now)
            counted = [o for o in orders if o.counted]
            spend = sum(o.total for o in orders if o.status == "paid")
            segment = segment_for(len(counted), spend, day_of(counted[-1].created_at) if counted else None,
                                  self.as_of)
            person = people.customer(rng, buyer.source, self.as_of)
            tags = people.customer_tags(rng, person, regular=len(counted) >= 2)
            notes = people.customer_note(rng, person)
            updated = max([created, *(o.updated_at for o in orders)])
            deleted = ct.NULL
            if not orders and rng.random() < 0.01:
                # A duplicate lead merged into another record: the tombstone stays so that clients drop it.
                updated = min(self.now, created + rng.randrange(HOUR, 20 * DAY))
                deleted = stamp(updated)
                notes = "Duplicate lead – merged"
            yield ct.line((
                customer_id, ct.text(person.full_name), ct.text(person.nickname), ct.text(person.phone),
                ct.text(person.email), ct.text(person.line_id), buyer.source, segment, ct.text_array(tags),
                buyer.assigned_employee_id, ct.optional(buyer.campaign_id), ct.optional(person.birthday),
                ct.text(notes), stamp(created), stamp(updated), deleted,
            ))

    def _activities(self, population: Population, staff: list[Employee]) -> Iterator[str]:
        sales = [e.id for e in staff if e.role == "sales" and e.active]
        demo = next(e.id for e in staff if e.email == DEMO_EMAIL)
        for a in plan_activities(self.rng("activities"), self.size.activities, population, sales, demo, self.now):
            yield ct.line((a.id, a.customer_id, a.employee_id, a.kind, ct.text(a.body), ct.optional(a.outcome),
                           stamp(a.follow_up_at) if a.follow_up_at is not None else ct.NULL,
                           stamp(a.done_at) if a.done_at is not None else ct.NULL, stamp(a.created_at),
                           stamp(a.updated_at)))

    def _orders(self, population: Population, shop: Shop, items: IO[str]) -> Iterator[str]:
        """Orders numbered per year in time order. Their items are written aside for the order_items table,
        which must load after all orders, rather than drafting every order once more."""
        numbers: dict[int, int] = {}
        for t, ci, j in population.timeline():
            yy = day_of(t).year % 100
            numbers[yy] = numbers.get(yy, 0) + 1
            order_id = ids.order_id(yy, numbers[yy])
            o = shop.draft(order_rng(self.seed, ci, j), population.buyers[ci], t, j > 0, self.now)
            created = stamp(o.created_at)
            for n, line in enumerate(o.lines, start=1):
                items.write(ct.line((ids.order_item_id(order_id, n), order_id, line.product_id, str(line.qty),
                                     ct.money(line.unit_price), created, created)))
            yield ct.line((order_id, population.ids[ci], o.employee_id, o.status, o.channel,
                           ct.optional(o.campaign_id), ct.money(o.total), ct.money(o.discount),
                           stamp(o.paid_at) if o.paid_at is not None else ct.NULL, created, stamp(o.updated_at)))
