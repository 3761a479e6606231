"""Campaigns, ad sets and ads on the school's five ad platforms.

Campaigns running during the stats window carry the ad sets and ads (every ad has a stats row for every day of
the window, zero outside its delivery); earlier campaigns have ended and remain only as the campaigns that
acquired older customers."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from . import ids
from .adstats import Rates, draw_rates
from .sizes import Size
from .times import DAY, HOUR, midnight

OBJECTIVES = {
    "facebook": ("leads", "messages", "conversions", "traffic", "awareness"),
    "instagram": ("awareness", "traffic", "messages"),
    "line": ("messages",),
    "google": ("conversions", "traffic"),
    "tiktok": ("awareness", "traffic"),
}
DAILY_BUDGET_THB = {"facebook": (500, 3000), "instagram": (300, 1500), "line": (200, 800),
                    "google": (800, 4000), "tiktok": (300, 1500)}
PLATFORM_LABEL = {"facebook": "FB", "instagram": "IG", "line": "LINE", "google": "Google", "tiktok": "TikTok"}

THEMES = ("Cooking class Bangkok", "Tom Yum & Pad Thai", "Market tour", "Corporate team building",
          "Curry masterclass", "Street food class", "Vegetarian Thai", "Gift vouchers", "Private classes")
SEASONAL_THEMES = {1: "Chinese New Year", 2: "Valentine's couples class", 4: "Songkran week",
                   5: "Summer kids' class", 8: "Mother's Day class", 10: "Vegetarian Festival",
                   11: "Loy Krathong", 12: "Year-end gift vouchers"}

AUDIENCES = {
    "facebook": ("Tourists in Bangkok 25–45, English", "Expats in Sukhumvit & Sathorn 28–55",
                 "Thai foodies 22–40, Bangkok & vicinity", "Lookalike 1% – past students",
                 "Retargeting: website visitors 30 days", "Parents 30–50, kids' activities",
                 "Corporate HR & admin, Bangkok", "Chinese-speaking visitors in Bangkok"),
    "instagram": ("Travel & food interest 20–35, Bangkok", "Hotel area geofence: Silom, Riverside",
                  "Vegetarian & vegan interest 20–45", "Lookalike 2% – Instagram engagers",
                  "Couples 25–40, date ideas"),
    "line": ("LINE OA friends – Thai", "LINE OA friends – past students", "Bangkok 25–50, cooking interest"),
    "google": ("Keywords: cooking class bangkok", "Keywords: thai cooking school", "Keywords: คลาสทำอาหาร",
               "Remarketing: cart abandoners", "Keywords: things to do in bangkok"),
    "tiktok": ("Thai Gen Z foodies 18–28", "Travel content viewers, Bangkok", "Cooking video engagers 20–40",
               "Lookalike – TikTok followers"),
}
PLACEMENTS = {
    "facebook": ("Feed", "Reels", "Stories", "Messenger"),
    "instagram": ("Feed", "Stories", "Reels", "Explore"),
    "line": ("LINE VOOM", "Smart Channel", "OA broadcast"),
    "google": ("Search", "Performance Max", "Display", "YouTube"),
    "tiktok": ("For You feed", "TopView", "Spark Ads"),
}
CREATIVES = {
    "facebook": ("image", "video", "carousel", "story"),
    "instagram": ("image", "video", "carousel", "story"),
    "line": ("image", "text", "video"),
    "google": ("text", "text", "image", "video"),
    "tiktok": ("video",),
}
CREATIVE_LABEL = {"image": "Photo", "video": "Video 15s", "carousel": "Carousel 4 dishes", "story": "Story",
                  "text": "Text ad"}
CONCEPTS = ("Pad Thai sizzle", "Tom yum steam", "Happy students", "Market walk", "Mango sticky rice close-up",
            "Chef's tip", "Group class fun", "Gift voucher", "Pounding curry paste", "5-star reviews")
LANGUAGES = ("EN", "EN", "TH", "TH", "CN", "JP")


@dataclass(frozen=True)
class Campaign:
    id: str
    platform: str
    name: str
    objective: str
    status: str
    daily_budget: int  # satang
    start: datetime.date
    end: datetime.date | None
    created_at: int
    updated_at: int


@dataclass(frozen=True)
class AdSet:
    id: str
    campaign_id: str
    name: str
    audience: str
    status: str
    daily_budget: int
    created_at: int
    updated_at: int


@dataclass(frozen=True)
class Ad:
    id: str
    ad_set_id: str
    name: str
    creative_type: str
    status: str
    created_at: int
    updated_at: int
    # For the stats only (not columns): the days it delivered and how it performs.
    first_day: datetime.date
    last_day: datetime.date
    budget: int  # satang per day
    rates: Rates


@dataclass(frozen=True)
class Marketing:
    campaigns: list[Campaign]
    ad_sets: list[AdSet]
    ads: list[Ad]


@dataclass(frozen=True)
class _Plan:
    platform: str
    start: datetime.date
    end: datetime.date | None
    paused_from: datetime.date | None
    with_ads: bool


def _plans(size: Size, rng: random.Random, platform: str, window_start: datetime.date,
           as_of: datetime.date) -> list[_Plan]:
    plans = []
    window = size.stat_days
    for i in range(size.campaigns_per_platform):
        kind = i % 4
        paused_from = None
        if kind == 2:  # launched during the window
            start, end = window_start + datetime.timedelta(days=rng.randrange(0, max(1, window // 2))), None
        elif kind == 3:  # ended during the window
            start = window_start - datetime.timedelta(days=rng.randrange(1, 120))
            end = window_start + datetime.timedelta(days=rng.randrange(window // 3, max(window // 3 + 1,
                                                                                          window * 9 // 10)))
        else:  # always on, now and then paused
            start, end = window_start - datetime.timedelta(days=rng.randrange(1, 200)), None
            if rng.random() < 0.15:
                paused_from = as_of - datetime.timedelta(days=rng.randrange(1, max(2, window // 4)))
        plans.append(_Plan(platform, start, end, paused_from, True))
    history = (window_start - as_of).days + size.history_days
    for _ in range(size.past_campaigns_per_platform):
        length = rng.randrange(30, 120)
        start = window_start - datetime.timedelta(days=rng.randrange(length + 1, max(length + 2, history)))
        plans.append(_Plan(platform, start, start + datetime.timedelta(days=length), None, False))
    return plans


def _name(rng: random.Random, platform: str, objective: str, start: datetime.date, always_on: bool) -> str:
    theme = SEASONAL_THEMES.get(start.month) if rng.random() < 0.5 else None
    theme = theme or rng.choice(THEMES)
    prefix = "Always-on | " if always_on else ""
    return f"{prefix}{PLATFORM_LABEL[platform]} | {objective.capitalize()} | {theme} | {start:%b %Y}"


def build_marketing(size: Size, rng: random.Random, as_of: datetime.date) -> Marketing:
    window_start = as_of - datetime.timedelta(days=size.stat_days - 1)
    plans = [plan for platform in size.platforms for plan in _plans(size, rng, platform, window_start, as_of)]
    plans.sort(key=lambda p: (p.start, p.platform))
    numbers: dict[tuple[str, int], int] = {}
    campaigns: list[Campaign] = []
    ad_sets: list[AdSet] = []
    ads: list[Ad] = []
    for plan in plans:
        yy = plan.start.year % 100
        number = numbers[plan.platform, yy] = numbers.get((plan.platform, yy), 0) + 1
        objective = rng.choice(OBJECTIVES[plan.platform])
        low, high = DAILY_BUDGET_THB[plan.platform]
        budget = round(rng.uniform(low, high) / 50) * 50 * 100
        created = midnight(plan.start) - rng.randrange(1, 5) * DAY + rng.randrange(9 * HOUR, 18 * HOUR)
        if plan.end is not None and plan.end < as_of:
            status, changed = "ended", midnight(plan.end) + DAY
        elif plan.paused_from is not None:
            status, changed = "paused", midnight(plan.paused_from) + 10 * HOUR
        else:
            status, changed = "active", created
        always_on = plan.end is None and plan.start < window_start
        campaign = Campaign(ids.campaign_id(plan.platform, yy, number), plan.platform,
                            _name(rng, plan.platform, objective, plan.start, always_on),
                            objective, status, budget, plan.start, plan.end, created, changed)
        campaigns.append(campaign)
        if not plan.with_ads:
            continue
        first = max(plan.start, window_start)
        last = min(plan.end or as_of, as_of)
        if plan.paused_from is not None:
            last = min(last, plan.paused_from - datetime.timedelta(days=1))
        shares = [rng.uniform(0.5, 1.5) for _ in range(size.ad_sets_per_campaign)]
        for share in shares:
            set_budget = round(budget * share / sum(shares) / 1000) * 1000
            audience = rng.choice(AUDIENCES[plan.platform])
            set_created = created + rng.randrange(HOUR)
            ad_set = AdSet(ids.ad_set_id(len(ad_sets) + 1), campaign.id,
                           f"{audience} – {rng.choice(PLACEMENTS[plan.platform])}", audience, status, set_budget,
                           set_created, max(set_created, changed))
            ad_sets.append(ad_set)
            for _ in range(size.ads_per_ad_set):
                creative = rng.choice(CREATIVES[plan.platform])
                ad_created = set_created + rng.randrange(HOUR)
                ads.append(Ad(
                    ids.ad_id(len(ads) + 1), ad_set.id,
                    f"{rng.choice(CONCEPTS)} – {CREATIVE_LABEL[creative]} – {rng.choice(LANGUAGES)}", creative,
                    status, ad_created, max(ad_created, changed), first, last,
                    set_budget // size.ads_per_ad_set, draw_rates(rng, plan.platform),
                ))
    return Marketing(campaigns, ad_sets, ads)
