"""Where a cache lives: the per-user data directory (or --cache-dir / VSCHOOL_CACHE_DIR), one folder per
Supabase project and user, so two accounts or two projects never mix their data."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

from cache.jsontree import file_name

APP_NAME = "vschool-crm"


def user_folder(override: Path | str | None, variable: str, default: str) -> Path:
    """A per-user folder: the command-line override, else the environment variable, else the platform's."""
    chosen = override or os.environ.get(variable)
    return Path(chosen).expanduser() if chosen else Path(default)


def cache_root(override: Path | str | None = None) -> Path:
    return user_folder(override, "VSCHOOL_CACHE_DIR", platformdirs.user_data_dir(APP_NAME))


def project_slug(url: str) -> str:
    """`https://abcd.supabase.co` → `abcd.supabase.co`; a port is kept (`127.0.0.1_54321`)."""
    parts = urlsplit(url)
    host = parts.hostname or "project"
    return file_name(f"{host}_{parts.port}" if parts.port else host)


def account_folder(root: Path, url: str, user_id: str) -> Path:
    return root / project_slug(url) / file_name(user_id)
