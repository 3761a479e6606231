"""A cache filled from the `large` dataset, kept between benchmark runs (the application's benchmarks open it).

    .venv/bin/python bench/large_cache.py [--root .devserver/bench-home]

The first run starts the stand-in on the benchmark's data (bench/standin_keyset.py), signs in as the demo
user and syncs everything into ROOT/cache, with the settings in ROOT/config; later runs find it and do
nothing. The URL of that stand-in changes with its port, so the settings name it as it was at the sync.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this tree's code, not an installed one

from standin_keyset import start_server

from sync.account import DEMO_EMAIL, DEMO_PASSWORD, Account
from sync.credentials import CredentialStore
from sync.settings import Settings, load_settings, save_settings

DEFAULT_ROOT = Path(".devserver") / "bench-home"


def ensure(root: Path, data_dir: Path = Path(".devserver") / "bench", dataset: str = "large") -> tuple[Path, Path]:
    """(config dir, cache root) of a synced cache of the dataset (`large` unless told)."""
    config, cache = root / "config", root / "cache"
    if load_settings(config).user_id:
        return config, cache
    proc, info = start_server(dataset, data_dir)
    try:
        account = Account(Settings(supabase_url=info["URL"], anon_key=info["anon key"]), cache,
                          CredentialStore(discover=False))
        account.sign_in(DEMO_EMAIL, DEMO_PASSWORD, remember=False)
        report = account.engine().run_cycle()
        assert report.ok, report.message
        print(f"synced {report.rows:,} rows into {cache}")
        save_settings(config, account.settings)
        account.close()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return config, cache


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    print(ensure(parser.parse_args().root))
