"""Orders and their items. An order's content comes from its own seeded random stream, so it can be drafted
again when needed (for the customer's segment, the order row, and the item rows) instead of holding 200,000
orders in memory between those tables."""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass

from .catalog import Product
from .segments import COUNTED_STATUSES
from .staff import Employee
from .times import DAY, HOUR, MINUTE
from .weighted import Weighted

CHANNELS = ("walk_in", "line", "facebook", "instagram", "website", "phone")
# How customers from each source usually order; the rest of the time any channel.
USUAL_CHANNEL = {"FB": "facebook", "IG": "instagram", "LN": "line", "TT": "line", "GG": "website",
                 "WI": "walk_in", "RF": "line", "WB": "website"}
LINE_COUNT = Weighted((1, 2, 3), (25, 40, 35))
CATEGORY = Weighted.of((("course", 50), ("package", 15), ("cooking_eqt", 15), ("menu", 20)))
QTY = {"course": Weighted((1, 2, 3, 4), (50, 30, 10, 10)), "package": Weighted((1, 2), (90, 10)),
       "cooking_eqt": Weighted((1, 2, 3), (80, 15, 5)), "menu": Weighted((1, 2, 3, 4, 5, 6), (30, 25, 15, 15, 10, 5))}
RECENT = 14 * DAY  # younger orders may still be pending
RECENT_STATUS = Weighted.of((("pending", 35), ("paid", 55), ("cancelled", 7), ("refunded", 3)))
SETTLED_STATUS = Weighted.of((("paid", 84), ("refunded", 5), ("cancelled", 11)))


@dataclass(frozen=True)
class Line:
    product_id: str
    qty: int
    unit_price: int  # satang


@dataclass(frozen=True)
class OrderDraft:
    created_at: int
    status: str
    channel: str
    employee_id: str
    campaign_id: str | None
    lines: tuple[Line, ...]
    discount: int
    paid_at: int | None
    updated_at: int

    @property
    def total(self) -> int:
        return sum(line.qty * line.unit_price for line in self.lines) - self.discount

    @property
    def counted(self) -> bool:
        return self.status in COUNTED_STATUSES


@dataclass(frozen=True)
class Buyer:
    source: str
    assigned_employee_id: str
    campaign_id: str | None


def order_rng(seed: int, customer_index: int, order_index: int) -> random.Random:
    return random.Random((seed << 48) | (customer_index << 8) | order_index)


class Shop:
    """What orders are drawn from: the catalog by category, and the sales staff by when they worked."""

    def __init__(self, products: list[Product], employees: list[Employee]) -> None:
        self.by_category: dict[str, list[Product]] = {}
        self.active_by_category: dict[str, list[Product]] = {}
        for product in products:
            self.by_category.setdefault(product.category, []).append(product)
            if product.active:
                self.active_by_category.setdefault(product.category, []).append(product)
        self.sales = sorted((e for e in employees if e.role == "sales"), key=lambda e: e.created_at)
        self.sales_hired = [e.created_at for e in self.sales]
        self.hired = {e.id: e.created_at for e in employees}
        self.founding_seller = next(e.id for e in self.sales if e.active)

    def _seller(self, rng: random.Random, buyer: Buyer, at: int) -> str:
        """Usually the customer's own salesperson, otherwise whoever was on staff at the time."""
        if rng.random() < 0.7 and self.hired[buyer.assigned_employee_id] <= at:
            return buyer.assigned_employee_id
        on_staff = bisect.bisect_right(self.sales_hired, at)
        for _ in range(3):
            seller = self.sales[rng.randrange(on_staff)]
            if seller.active or seller.updated_at >= at:  # the former employee, before they left
                return seller.id
        return self.founding_seller

    def _lines(self, rng: random.Random, at: int) -> tuple[Line, ...]:
        lines: dict[str, Line] = {}
        for _ in range(LINE_COUNT.pick(rng)):
            category = CATEGORY.pick(rng)
            pool = self.active_by_category if rng.random() < 0.9 else self.by_category
            product = rng.choice(pool[category])
            if product.created_at > at or product.id in lines:
                product = self.by_category[category][0]  # the oldest, sold since the school opened
                if product.id in lines:
                    continue
            qty = QTY[category].pick(rng)
            lines[product.id] = Line(product.id, qty, product.price)
        return tuple(lines.values())

    def draft(self, rng: random.Random, buyer: Buyer, at: int, repeat: bool, now: int) -> OrderDraft:
        lines = self._lines(rng, at)
        subtotal = sum(line.qty * line.unit_price for line in lines)
        discount = 0
        if rng.random() < 0.15:
            fixed = rng.choice((100_00, 200_00, 300_00, 500_00))
            percent = subtotal * rng.choice((5, 10, 15)) // 100 // 1000 * 1000
            discount = percent if rng.random() < 0.5 or fixed * 2 > subtotal else fixed
        status = (RECENT_STATUS if now - at <= RECENT else SETTLED_STATUS).pick(rng)
        if repeat and rng.random() < 0.4:
            channel = "line"
        elif rng.random() < 0.75:
            channel = USUAL_CHANNEL[buyer.source]
        else:
            channel = rng.choice(CHANNELS)
        campaign = buyer.campaign_id if rng.random() < 0.8 else None
        paid_at = None
        updated = at
        if status in ("paid", "refunded"):
            delay = rng.randrange(30 * MINUTE) if channel == "walk_in" else int(rng.expovariate(1 / (6 * HOUR)))
            paid_at = updated = min(now, at + delay)
            if status == "refunded":
                updated = min(now, paid_at + rng.randrange(HOUR, 10 * DAY))
        elif status == "cancelled":
            updated = min(now, at + rng.randrange(HOUR, 3 * DAY))
        return OrderDraft(at, status, channel, self._seller(rng, buyer, at), campaign, lines, discount, paid_at,
                          updated)
