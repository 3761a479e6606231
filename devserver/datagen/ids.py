"""The school's business ids. Running numbers are zero-padded to a minimum width and simply grow wider when a
year outgrows it, as the back office's own numbering does."""

from __future__ import annotations

import datetime

# Customers who came through an ad platform were acquired by one of its campaigns; walk-ins (WI), referrals (RF)
# and the website (WB) usually were not.
SOURCE_PLATFORM = {"FB": "facebook", "IG": "instagram", "TT": "tiktok", "GG": "google", "LN": "line"}
PLATFORM_CODE = {platform: code for code, platform in SOURCE_PLATFORM.items()}

PRODUCT_CODE = {"course": "CRS", "package": "PKG", "cooking_eqt": "EQT", "menu": "MNU"}


def customer_id(source: str, yy: int, number: int) -> str:
    return f"TVS-CUS-{source}-{yy:02d}-{number:04d}"


def employee_id(number: int) -> str:
    return f"TVS-EMP-{number:04d}"


def product_id(category: str, number: int) -> str:
    return f"TVS-{PRODUCT_CODE[category]}-{number:04d}"


def package_item_id(package_id: str, product_id: str) -> str:
    return f"{package_id}:{product_id}"


def campaign_id(platform: str, yy: int, number: int) -> str:
    return f"TVS-CMP-{PLATFORM_CODE[platform]}-{yy:02d}-{number:03d}"


def ad_set_id(number: int) -> str:
    return f"TVS-ADS-{number:05d}"


def ad_id(number: int) -> str:
    return f"TVS-AD-{number:05d}"


def daily_stat_id(ad: str, day: datetime.date) -> str:
    return f"{ad}:{day.isoformat()}"


def hourly_stat_id(ad: str, hour_utc: datetime.datetime) -> str:
    return f"{ad}:{hour_utc:%Y-%m-%dT%H}:00Z"


def order_id(yy: int, number: int) -> str:
    return f"TVS-ORD-{yy:02d}-{number:06d}"


def order_item_id(order: str, line: int) -> str:
    return f"{order}:{line}"
