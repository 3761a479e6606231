"""The application's command-line options, apart from desktop/app.py so that `vschool-crm --help` and the
headless commands never load Qt."""

from __future__ import annotations

import argparse
from pathlib import Path

# The main window's views in navigation order (Ctrl+1 … Ctrl+7); desktop/mainwindow.py builds them in this order.
VIEWS = ("customers", "followups", "catalog", "marketing", "orders", "employees", "dashboard")
LANGUAGE_CODES = ("en", "th")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache-dir", help="where cached data is kept (also VSCHOOL_CACHE_DIR)")
    parser.add_argument("--config-dir", help="where settings are kept (also VSCHOOL_CONFIG_DIR)")
    parser.add_argument("--language", choices=LANGUAGE_CODES, help="the interface language this time")
    parser.add_argument("--screenshot", type=Path, metavar="PATH",
                        help="render the window to a PNG and exit (works without a display)")
    parser.add_argument("--view", choices=[*VIEWS, "all"], default=None,
                        help="the view to open (with --screenshot, 'all' writes one PNG per view into PATH)")
    parser.add_argument("--no-sync", action="store_true", help="do not sync at start (browse the cache only)")
