"""The user's settings, as a small JSON file in the per-user config directory (or --config-dir /
VSCHOOL_CONFIG_DIR). A damaged file never stops the application: it is set aside and defaults apply.

A value, never changed in place: a change is a new Settings (`dataclasses.replace`), so a thread holding
one (the sync worker's account) never sees it half-changed; the desktop replaces its current one on the
GUI thread only."""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import orjson
import platformdirs

from cache.location import APP_NAME, user_folder
from cache.private import FILE_MODE, private_folder

log = logging.getLogger(__name__)

FILE_NAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    supabase_url: str = ""
    anon_key: str = ""
    email: str = ""
    user_id: str = ""  # of the last signed-in user: which cache to open while offline
    remember: bool = True
    sync_interval_minutes: int = 15
    stale_after_minutes: int = 60
    language: str = "en"
    buddhist_era: bool = False
    live_updates: bool = True  # the server's changes pushed as they happen; off for metered connections

    @property
    def configured(self) -> bool:
        return bool(self.supabase_url and self.anon_key)


def config_dir(override: Path | str | None = None) -> Path:
    return user_folder(override, "VSCHOOL_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME))


def load_settings(folder: Path) -> Settings:
    path = folder / FILE_NAME
    try:
        raw = orjson.loads(path.read_bytes())
        known = {f.name for f in dataclasses.fields(Settings)}
        return Settings(**{k: v for k, v in raw.items() if k in known})
    except FileNotFoundError:
        return Settings()
    except (orjson.JSONDecodeError, TypeError, AttributeError) as exc:
        aside = path.with_name(FILE_NAME + ".damaged")
        os.replace(path, aside)
        log.warning("settings file was damaged (%s); kept it as %s and started from defaults", exc, aside)
        return Settings()


def save_settings(folder: Path, settings: Settings) -> None:
    private_folder(folder)
    temp = folder / f".{FILE_NAME}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(orjson.dumps(dataclasses.asdict(settings), option=orjson.OPT_INDENT_2))
    os.chmod(temp, FILE_MODE)  # a temp file a crash left behind keeps the mode it was made with
    os.replace(temp, folder / FILE_NAME)
