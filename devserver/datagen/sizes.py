"""How much data each named size holds.

The figures are chosen so that `tiny` loads in a second or two for tests, `demo` looks like a busy year of a real
school, and `large` is a benchmark that stresses the sync protocol (about 2M rows).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    employees: int  # including the one former employee
    courses: int
    packages: int
    equipment: int
    menus: int
    customers: int
    orders: int
    activities: int  # the sales staff's log, with follow-ups
    platforms: tuple[str, ...]
    campaigns_per_platform: int  # running during the stats window, with ad sets and ads
    past_campaigns_per_platform: int  # ended before the window; customers acquired earlier point at them
    ad_sets_per_campaign: int
    ads_per_ad_set: int
    stat_days: int  # daily stats per ad, up to and including as_of
    hourly_days: int  # of those, the last days also split per hour
    history_days: int  # how far back customers and orders go


ALL_PLATFORMS = ("facebook", "instagram", "line", "google", "tiktok")

SIZE_TABLE = {
    size.name: size
    for size in (
        Size("tiny", employees=8, courses=12, packages=5, equipment=8, menus=15, customers=200, orders=300,
             activities=300, platforms=("facebook", "line"), campaigns_per_platform=2, past_campaigns_per_platform=2,
             ad_sets_per_campaign=2, ads_per_ad_set=2, stat_days=30, hourly_days=2, history_days=730),
        Size("demo", employees=14, courses=22, packages=10, equipment=18, menus=30, customers=2_000,
             orders=5_000, activities=4_000, platforms=ALL_PLATFORMS, campaigns_per_platform=3,
             past_campaigns_per_platform=4, ad_sets_per_campaign=2, ads_per_ad_set=2, stat_days=365, hourly_days=7,
             history_days=1_095),
        Size("large", employees=100, courses=200, packages=150, equipment=250, menus=400, customers=100_000,
             orders=200_000, activities=100_000, platforms=ALL_PLATFORMS, campaigns_per_platform=40,
             past_campaigns_per_platform=12, ad_sets_per_campaign=5, ads_per_ad_set=2, stat_days=365, hourly_days=7,
             history_days=1_095),
    )
}
