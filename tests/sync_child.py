"""A sync process for the crash test: signs in, runs one cycle and prints every event on its own line, so the
test can kill it at a moment of its choosing. Small pages and small file batches give many such moments.

    python -m tests.sync_child URL ANON_KEY CACHE_ROOT PAGE_SIZE
"""

from __future__ import annotations

import sys
from pathlib import Path

import cache.store
from devserver import datagen
from sync.account import Account
from sync.credentials import CredentialStore
from sync.settings import Settings
from tests.keyrings import MemoryKeyring


def main() -> int:
    url, key, root, page_size = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
    cache.store.DRAIN_BATCH = 40
    account = Account(Settings(supabase_url=url, anon_key=key), root, CredentialStore(MemoryKeyring()))
    account.sign_in(datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD)
    engine = account.engine(lambda event: print(type(event).__name__, flush=True))
    engine.page_size = page_size
    report = engine.run_cycle()
    print("DONE", report.status, report.message, flush=True)
    account.close()
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
