"""Ad performance figures that look like an ad platform's export: spend follows the budget with weekly and
seasonal swings, the other figures follow from spend through per-ad rates, and a day's figures split over its
hours so that the hours add up exactly to the day (integers, and spend to the satang)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

# Monday first. Weekends are busier: people plan classes and browse for things to do.
WEEKDAY_FACTOR = (0.92, 0.94, 0.97, 1.0, 1.07, 1.15, 1.12)
# Tourist high season November to February, Songkran in April, a quiet rainy season.
MONTH_FACTOR = (1.25, 1.2, 1.05, 1.15, 0.95, 0.85, 0.9, 0.9, 0.85, 1.0, 1.15, 1.3)
# Bangkok local hours 00..23: asleep at night, a lunch bump, the evening scroll.
HOUR_WEIGHT = (15, 8, 5, 4, 5, 12, 35, 60, 80, 90, 100, 110, 125, 115, 100, 95, 100, 110, 130, 150, 160, 145,
               100, 50)


@dataclass(frozen=True)
class Rates:
    """How an ad converts money into figures; drawn per ad from its platform's typical ranges."""

    cpm: float  # THB per 1,000 impressions
    ctr: float
    lead_rate: float  # leads per click
    message_rate: float  # chats per click, on the platforms with a chat inbox
    frequency: float  # impressions per person reached


_PLATFORM_RANGES = {
    # cpm, ctr, message rate
    "facebook": ((70, 150), (0.007, 0.018), (0.05, 0.25)),
    "instagram": ((90, 200), (0.005, 0.012), (0.0, 0.0)),
    "line": ((80, 180), (0.006, 0.015), (0.1, 0.3)),
    "google": ((120, 200), (0.018, 0.03), (0.0, 0.0)),
    "tiktok": ((60, 120), (0.005, 0.01), (0.0, 0.0)),
}


def draw_rates(rng: random.Random, platform: str) -> Rates:
    cpm, ctr, messages = _PLATFORM_RANGES[platform]
    return Rates(cpm=rng.uniform(*cpm), ctr=rng.uniform(*ctr), lead_rate=rng.uniform(0.02, 0.15),
                 message_rate=rng.uniform(*messages), frequency=rng.uniform(1.1, 2.4))


@dataclass(frozen=True)
class Figures:
    spend: int  # satang
    impressions: int
    reach: int
    clicks: int
    leads: int
    messages: int


ZERO = Figures(0, 0, 0, 0, 0, 0)


def figures_for_spend(rng: random.Random, rates: Rates, spend: int) -> Figures:
    if spend <= 0:
        return ZERO
    impressions = max(1, round(spend / 100 / rates.cpm * 1000 * rng.lognormvariate(0, 0.1)))
    reach = max(1, min(impressions, round(impressions / rates.frequency)))
    clicks = min(impressions, round(impressions * rates.ctr * rng.lognormvariate(0, 0.2)))
    leads = min(clicks, round(clicks * rates.lead_rate * rng.lognormvariate(0, 0.3)))
    messages = min(clicks, round(clicks * rates.message_rate * rng.lognormvariate(0, 0.3)))
    return Figures(spend, impressions, reach, clicks, leads, messages)


def day_spend(rng: random.Random, budget: int, day: datetime.date) -> int:
    """Satang spent on `day` by an ad whose share of its ad set's daily budget is `budget` satang."""
    factor = WEEKDAY_FACTOR[day.weekday()] * MONTH_FACTOR[day.month - 1] * rng.lognormvariate(0, 0.18)
    return round(budget * rng.uniform(0.7, 1.0) * factor)


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to integer weights by largest remainder. When the weights are another
    figure's split and total <= sum(weights), no part exceeds its weight (reach <= impressions per hour)."""
    wsum = sum(weights)
    if wsum == 0:
        weights, wsum = [1] * len(weights), len(weights)
    parts = [total * w // wsum for w in weights]
    rest = total - sum(parts)
    if rest:
        by_remainder = sorted(range(len(weights)), key=lambda i: -(total * weights[i] % wsum))
        for i in by_remainder[:rest]:
            parts[i] += 1
    return parts


def split_hours(rng: random.Random, day: Figures) -> list[Figures]:
    """The day's figures per Bangkok local hour 0..23, summing exactly to `day`."""
    weights = [max(1, round(w * rng.lognormvariate(0, 0.3))) for w in HOUR_WEIGHT]
    impressions = allocate(day.impressions, weights)
    spend = allocate(day.spend, impressions)
    reach = allocate(day.reach, impressions)
    clicks = allocate(day.clicks, impressions)
    leads = allocate(day.leads, clicks)
    messages = allocate(day.messages, clicks)
    return [Figures(*hour) for hour in zip(spend, impressions, reach, clicks, leads, messages, strict=True)]
