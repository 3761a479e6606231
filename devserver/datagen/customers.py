"""Customers, planned before any row is written: who joined when, from which channel, and when each one
ordered. The plan is a few compact columns per customer (about 35 MB for `large`); the rows themselves and
the orders are produced from it one at a time."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from . import ids
from .adstats import MONTH_FACTOR
from .marketing import Campaign
from .orders import Buyer, OrderDraft, Shop, order_rng
from .sizes import Size
from .staff import Employee
from .times import DAY, HOUR, MINUTE, day_of, midnight

SOURCE_WEIGHTS = {"FB": 28, "IG": 14, "LN": 18, "TT": 8, "GG": 12, "WI": 8, "RF": 6, "WB": 6}
MAX_ORDERS = 200  # the order's random stream is keyed by its index in 8 bits


@dataclass
class Population:
    ids: list[str]
    created: list[int]
    buyers: list[Buyer]
    order_times: list[tuple[int, ...]]  # per customer, ascending

    def timeline(self) -> list[tuple[int, int, int]]:
        """Every order as (time, customer index, order index), oldest first: order numbers follow time."""
        return sorted((t, ci, j) for ci, times in enumerate(self.order_times) for j, t in enumerate(times))


def _business_time(rng: random.Random, around: int, earliest: int, latest: int) -> int:
    """A time on the same Bangkok day as `around` while the school is open (09:00-21:00), within bounds."""
    t = midnight(day_of(around)) + rng.randrange(9 * HOUR, 21 * HOUR)
    return min(latest, max(earliest, t))


def _join_times(size: Size, rng: random.Random, start: int, end: int) -> list[int]:
    """Sign-ups grow over the years (more recent is likelier) and follow the tourist seasons."""
    times: list[int] = []
    peak = max(MONTH_FACTOR)
    while len(times) < size.customers:
        t = start + int(rng.random() ** 0.6 * (end - start))
        if rng.random() * peak < MONTH_FACTOR[day_of(t).month - 1]:
            times.append(_business_time(rng, t, start, end - HOUR))
    times.sort()
    return times


def _order_counts(size: Size, rng: random.Random, created: list[int], end: int) -> list[int]:
    """How many orders each customer placed, summing exactly to the size's order count. About a third never
    buy (more of the newest), and longer-standing customers have had more time to come back."""
    n = len(created)
    recent = end - 14 * DAY
    counts = [0 if rng.random() < (0.6 if t > recent else 0.3) else 1 for t in created]
    buyers = [i for i in range(n) if counts[i]]
    tenure = {i: end - created[i] for i in buyers}
    mean_tenure = sum(tenure.values()) / len(buyers)
    extra_per_buyer = (size.orders - len(buyers)) / len(buyers)
    for i in buyers:
        mean = extra_per_buyer * tenure[i] / mean_tenure + 0.5
        counts[i] = min(MAX_ORDERS, 1 + int(rng.expovariate(1 / mean)))
    difference = size.orders - sum(counts)
    while difference > 0:
        i = rng.choice(buyers)
        if counts[i] < MAX_ORDERS:
            counts[i] += 1
            difference -= 1
    while difference < 0:
        i = rng.choice(buyers)
        if counts[i] > 1:
            counts[i] -= 1
            difference += 1
    return counts


def _order_times(rng: random.Random, count: int, joined: int, source: str, end: int) -> tuple[int, ...]:
    if count == 0:
        return ()
    # Walk-ins buy on the spot; others take a few days to decide.
    if source == "WI":
        first = min(end, joined + rng.randrange(5 * MINUTE, 40 * MINUTE))
    else:
        first = _business_time(rng, joined + int(rng.expovariate(1 / (2 * DAY))), joined, end)
    last = min(end, first + int(rng.expovariate(1 / (400 * DAY))))
    return tuple(sorted([first, *(_business_time(rng, rng.randrange(first, last + 1), first, end)
                                  for _ in range(count - 1))]))


class _CampaignCalendar:
    """The campaigns running on each day, per platform, so that a customer's acquisition matches the time they
    signed up."""

    def __init__(self, campaigns: list[Campaign], as_of: datetime.date) -> None:
        self.by_day: dict[tuple[str, int], list[str]] = {}
        for campaign in campaigns:
            last = (campaign.end or as_of).toordinal()
            for day in range(campaign.start.toordinal(), last + 1):
                self.by_day.setdefault((campaign.platform, day), []).append(campaign.id)

    def pick(self, rng: random.Random, platform: str, at: int) -> str | None:
        running = self.by_day.get((platform, day_of(at).toordinal()))
        return rng.choice(running) if running else None


def plan_population(size: Size, rng: random.Random, as_of: datetime.date, staff: list[Employee],
                    campaigns: list[Campaign], now: int) -> Population:
    start = midnight(as_of - datetime.timedelta(days=size.history_days))
    created = _join_times(size, rng, start, now)
    sales = [e.id for e in staff if e.role == "sales" and e.active]
    calendar = _CampaignCalendar(campaigns, as_of)
    sources_list = list(SOURCE_WEIGHTS)
    numbers: dict[tuple[str, int], int] = {}
    customer_ids, sources, buyers = [], [], []
    for t in created:
        # TikTok grew from almost nothing over the history.
        ramp = (t - start) / (now - start)
        weights = [w * (0.2 + 1.6 * ramp) if s == "TT" else w for s, w in SOURCE_WEIGHTS.items()]
        source = rng.choices(sources_list, weights)[0]
        yy = day_of(t).year % 100
        number = numbers[source, yy] = numbers.get((source, yy), 0) + 1
        customer_ids.append(ids.customer_id(source, yy, number))
        sources.append(source)
        platform = ids.SOURCE_PLATFORM.get(source)
        if platform is None and source == "WB" and rng.random() < 0.15:
            platform = "google"  # found the website through a search ad
        campaign = calendar.pick(rng, platform, t) if platform else None
        buyers.append(Buyer(source, rng.choice(sales), campaign))
    counts = _order_counts(size, rng, created, now)
    order_times = [_order_times(rng, count, joined, source, now)
                   for count, joined, source in zip(counts, created, sources, strict=True)]
    return Population(customer_ids, created, buyers, order_times)


def drafts(population: Population, shop: Shop, seed: int, ci: int, now: int) -> list[OrderDraft]:
    buyer = population.buyers[ci]
    return [shop.draft(order_rng(seed, ci, j), buyer, t, j > 0, now)
            for j, t in enumerate(population.order_times[ci])]
