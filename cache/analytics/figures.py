"""The ad figures and their ratios (docs/analytics.md, "Ads" and "Attribution"), defined once for the aggregates,
the analytics files and the marketing reads.

`ad_daily_stats` reports an ad's day as its spend in baht and five counts. The aggregate tables keep the spend in
whole satang, so that sums come out the same in whatever order rows are added; the marketing reads sum the baht
as they are. A ratio is computed from the sums of its period, never averaged from days, and is None (SQL NULL)
where its denominator is 0, never 0 or infinity.
"""

from __future__ import annotations

from dataclasses import dataclass

SPEND = "spend_thb"
COUNTS = ("impressions", "reach", "clicks", "leads", "messages")
FIGURES = (SPEND, *COUNTS)  # the columns of ad_daily_stats, in the order every file lists them
AGGREGATED = ("spend_satang", *COUNTS)  # the same, as the aggregate tables keep them
# What CTR, CPC and CPL are made of: the figures the marketing view and the dashboard's trend show.
HEADLINE = (SPEND, "impressions", "clicks", "leads")


def satang(expression: str) -> str:
    """SQL for an amount in baht as whole satang."""
    return f"CAST(round({expression} * 100) AS INTEGER)"


def thb(satang: str) -> str:
    """SQL for an amount in whole satang in baht, to the satang."""
    return f"round({satang} / 100.0, 2)"


def summed(alias: str) -> str:
    """SQL for the sums of the rows of ad_daily_stats `alias`, as the AGGREGATED columns keep them."""
    return ", ".join((f"sum({satang(f'{alias}.{SPEND}')})", *(f"sum({alias}.{c})" for c in COUNTS)))


def totals(prefix: str = "", figures: tuple[str, ...] = FIGURES) -> list[tuple[str, str]]:
    """(figure, SQL) of the sums of `figures` over rows of ad_daily_stats (`prefix`: 's.' for an alias): zero over
    no rows, the spend in baht to the satang."""
    return [(f, f"round(coalesce(sum({prefix}{f}), 0), 2)" if f == SPEND else f"coalesce(sum({prefix}{f}), 0)")
            for f in figures]


def members(figures: tuple[str, ...] = FIGURES) -> str:
    """SQL for the json_object members of `figures`, read from the AGGREGATED columns of a row."""
    return ", ".join(f"'{f}', {thb(AGGREGATED[0]) if f == SPEND else f}" for f in figures)


@dataclass(frozen=True)
class Ratio:
    """`numerator` ÷ `denominator`, named as the columns of the aggregate tables."""

    numerator: str
    denominator: str
    digits: int = 4  # in the files
    cost: bool = False  # money in satang per unit of the denominator, in baht to the satang

    def of(self, numerator: float | None, denominator: float | None) -> float | None:
        """The ratio of two sums in the same units (the marketing reads' baht), unrounded."""
        return None if numerator is None or not denominator else numerator / denominator

    def sql(self, numerator: str | None = None) -> str:
        """SQL for the ratio as the files give it, of the denominator's column and `numerator` (the ratio's own
        column unless named)."""
        above, below = numerator or self.numerator, self.denominator
        if self.cost:
            return f"CASE WHEN {below} > 0 THEN round({above} / 100.0 / {below}, 2) END"
        return f"CASE WHEN {below} > 0 THEN round(1.0 * {above} / {below}, {self.digits}) END"


CTR = Ratio("clicks", "impressions")
CPC = Ratio("spend_satang", "clicks", cost=True)
CPL = Ratio("spend_satang", "leads", cost=True)
COST_PER_DAY = Ratio("spend_satang", "days", cost=True)
# For the totals all attributed revenue; for a campaign or a platform, the revenue attributed to it.
ROAS = Ratio("attributed_satang", "spend_satang", digits=2)
CAC = Ratio("spend_satang", "new_paying", cost=True)
