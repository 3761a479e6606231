"""The dashboard's KPIs: which figures of a period's totals it shows (docs/analytics.md defines them), how each
reads, which way is good, and the table of them — KPI, this period, the period before, the change — that the
cards show and the CSV export writes."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.formatting import DASH, MINUS, number, percent, thb

THB, COUNT, PERCENT, TIMES = "thb", "count", "percent", "times"
UP, DOWN, NEITHER = 1, -1, 0  # which way of a change is good
GOOD, BAD, NEUTRAL = "good", "bad", "neutral"


@dataclass(frozen=True)
class Kpi:
    key: str  # in a period's totals
    title: str  # QT_TRANSLATE_NOOP source text, context "Kpi"
    kind: str
    better: int
    hint: str = ""  # what it counts, for the card's tooltip
    card: bool = True  # shown as a card; every KPI is in the CSV


KPIS = (
    Kpi("revenue_thb", QT_TRANSLATE_NOOP("Kpi", "Revenue"), THB, UP,
        QT_TRANSLATE_NOOP("Kpi", "Paid orders by payment day (refunded ones left out)")),
    Kpi("orders", QT_TRANSLATE_NOOP("Kpi", "Orders"), COUNT, UP,
        QT_TRANSLATE_NOOP("Kpi", "Paid orders by payment day")),
    Kpi("aov_thb", QT_TRANSLATE_NOOP("Kpi", "Average order"), THB, UP, QT_TRANSLATE_NOOP("Kpi", "Revenue ÷ orders")),
    Kpi("new_leads", QT_TRANSLATE_NOOP("Kpi", "New leads"), COUNT, UP,
        QT_TRANSLATE_NOOP("Kpi", "Customers created in the period")),
    Kpi("new_paying_customers", QT_TRANSLATE_NOOP("Kpi", "New paying customers"), COUNT, UP,
        QT_TRANSLATE_NOOP("Kpi", "Customers whose first payment is in the period")),
    Kpi("conversion_rate", QT_TRANSLATE_NOOP("Kpi", "Conversion rate"), PERCENT, UP,
        QT_TRANSLATE_NOOP("Kpi", "New paying customers ÷ new leads")),
    # Spending more is a decision, not a result: neither colour.
    Kpi("spend_thb", QT_TRANSLATE_NOOP("Kpi", "Ad spend"), THB, NEITHER,
        QT_TRANSLATE_NOOP("Kpi", "What every ad cost")),
    Kpi("roas", QT_TRANSLATE_NOOP("Kpi", "ROAS"), TIMES, UP,
        QT_TRANSLATE_NOOP("Kpi", "Revenue attributed to a campaign ÷ ad spend")),
    Kpi("cac_thb", QT_TRANSLATE_NOOP("Kpi", "CAC"), THB, DOWN,
        QT_TRANSLATE_NOOP("Kpi", "Ad spend ÷ new paying customers")),
    Kpi("cpl_thb", QT_TRANSLATE_NOOP("Kpi", "CPL"), THB, DOWN,
        QT_TRANSLATE_NOOP("Kpi", "Ad spend ÷ leads reported by the ad platforms")),
    Kpi("cost_per_day_thb", QT_TRANSLATE_NOOP("Kpi", "Cost per day"), THB, NEITHER,
        QT_TRANSLATE_NOOP("Kpi", "Ad spend ÷ days of the period")),
    Kpi("refunded_thb", QT_TRANSLATE_NOOP("Kpi", "Refunds"), THB, DOWN,
        QT_TRANSLATE_NOOP("Kpi", "Refunded orders, on the day they were paid")),
    Kpi("gross_thb", QT_TRANSLATE_NOOP("Kpi", "Gross revenue"), THB, UP, card=False),
    Kpi("attributed_revenue_thb", QT_TRANSLATE_NOOP("Kpi", "Attributed revenue"), THB, UP, card=False),
    Kpi("impressions", QT_TRANSLATE_NOOP("Kpi", "Impressions"), COUNT, UP, card=False),
    Kpi("clicks", QT_TRANSLATE_NOOP("Kpi", "Clicks"), COUNT, UP, card=False),
    Kpi("ctr", QT_TRANSLATE_NOOP("Kpi", "CTR"), PERCENT, UP, card=False),
    Kpi("cpc_thb", QT_TRANSLATE_NOOP("Kpi", "CPC"), THB, DOWN, card=False),
    Kpi("leads", QT_TRANSLATE_NOOP("Kpi", "Ad leads"), COUNT, UP, card=False),
)
CARDS = tuple(k for k in KPIS if k.card)
BY_KEY = {k.key: k for k in KPIS}


def title(kpi: Kpi) -> str:
    return QCoreApplication.translate("Kpi", kpi.title)


def hint(kpi: Kpi) -> str:
    return QCoreApplication.translate("Kpi", kpi.hint) if kpi.hint else ""


def value_text(kpi: Kpi, value: float | None) -> str:
    if kpi.kind == THB:
        return thb(value)
    if kpi.kind == PERCENT:
        return percent(value)
    if kpi.kind == TIMES:
        return DASH if value is None else number(value, 2) + "×"
    return number(value)


@dataclass(frozen=True)
class Row:
    kpi: Kpi
    now: float | None
    before: float | None  # None also when there is no period before (all time)

    @property
    def change(self) -> float | None:
        """Relative to the period before; None where that means nothing (no figure, or nothing before)."""
        if self.now is None or not self.before:
            return None
        return (self.now - self.before) / abs(self.before)

    def _rounded(self) -> str | None:
        """The change as shown, or None when it shows as no change at all."""
        change = self.change
        if change is None:
            return None
        shown = percent(abs(change), 1)
        return None if shown == percent(0, 1) else shown

    def change_text(self) -> str:
        change, shown = self.change, self._rounded()
        if change is None:
            return DASH
        if shown is None:
            return percent(0, 1)
        return ("▲ " if change > 0 else "▼ ") + shown

    def tone(self) -> str:
        change = self.change
        if change is None or self._rounded() is None or self.kpi.better == NEITHER:
            return NEUTRAL
        return GOOD if (change > 0) == (self.kpi.better == UP) else BAD


def rows(totals: Mapping[str, Any], before: Mapping[str, Any] | None, kpis: Sequence[Kpi] = KPIS) -> list[Row]:
    return [Row(k, totals.get(k.key), None if before is None else before.get(k.key)) for k in kpis]


# --- CSV --------------------------------------------------------------------------------------------------------

def _plain(value: float, places: int) -> str:
    """A number as spreadsheets read it: no grouping, an ASCII minus; rounded as the cards round it."""
    return number(value, places).replace(",", "").replace(MINUS, "-")


def csv_value(kpi: Kpi, value: float | None) -> str:
    if value is None:
        return ""
    if kpi.kind == PERCENT:
        return _plain(value * 100, 2) + "%"
    return _plain(value, 0 if kpi.kind == COUNT else 2)


def csv_change(row: Row) -> str:
    change = row.change
    if change is None:
        return ""
    return ("-" if change < 0 else "+") + _plain(abs(change) * 100, 1) + "%"


def write_csv(path: Path, header: Sequence[str], table: Sequence[Row]) -> None:
    """UTF-8 with a byte-order mark: without one, Excel reads the file in the computer's code page and the
    Thai names of the KPIs come out garbled."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for row in table:
            writer.writerow([title(row.kpi), csv_value(row.kpi, row.now), csv_value(row.kpi, row.before),
                             csv_change(row)])
