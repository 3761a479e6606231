"""The customer segment rule, shared by the generator, the churn and the tests so that all three agree.

A cancelled order does not count as buying; spend counts only paid orders (a refund gives the money back)."""

from __future__ import annotations

import datetime

SEGMENTS = ("lead", "new", "active", "vip", "dormant")
COUNTED_STATUSES = ("pending", "paid", "refunded")
VIP_SPEND_THB = 30_000
DORMANT_AFTER_DAYS = 180


def segment_for(orders: int, paid_spend_satang: int, last_order_day: datetime.date | None,
                as_of: datetime.date) -> str:
    """orders: the customer's counted (not cancelled) orders; last_order_day: the Bangkok date of the latest."""
    if orders == 0 or last_order_day is None:
        return "lead"
    if (as_of - last_order_day).days >= DORMANT_AFTER_DAYS:
        return "dormant"
    if paid_spend_satang >= VIP_SPEND_THB * 100:
        return "vip"
    return "new" if orders == 1 else "active"
