"""Deterministic demo and benchmark data for the stand-in: a Thai cooking school's staff, catalog (with
pictures in Storage), ad campaigns and their daily and hourly figures, customers and orders.

    report = datagen.load(db.superuser_url, "demo", seed=1)

Same seed and as_of give identical rows; `clear()` empties what `load()` fills.
"""

from __future__ import annotations

from .loader import LoadReport, clear, load
from .sizes import SIZE_TABLE
from .staff import DEMO_EMAIL, DEMO_PASSWORD

SIZES: tuple[str, ...] = tuple(SIZE_TABLE)

__all__ = ["DEMO_EMAIL", "DEMO_PASSWORD", "SIZES", "LoadReport", "clear", "load"]
