"""A writing sync process for the upload crash test: queues new leads, activities and edits (a line after
each), then runs one cycle printing every event, so the test can kill it at a moment of its choosing.

    python -m tests.outbox_child URL ANON_KEY CACHE_ROOT RUN WRITES
"""

from __future__ import annotations

import sys
from pathlib import Path

from devserver import datagen
from sync.account import Account
from sync.credentials import CredentialStore
from sync.settings import Settings
from tests.keyrings import MemoryKeyring


def main() -> int:
    url, key, root, run, writes = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    account = Account(Settings(supabase_url=url, anon_key=key), root, CredentialStore(MemoryKeyring()))
    account.sign_in(datagen.DEMO_EMAIL, datagen.DEMO_PASSWORD)
    box = account.outbox()
    own = [r[0] for r in account.store.conn.execute(
        "SELECT id FROM customers WHERE assigned_employee_id = ? AND id NOT LIKE 'local:%' ORDER BY id LIMIT 5",
        (box.employee_id,))] if box.employee_id else []
    for n in range(writes):
        lead = box.create_customer({"full_name": f"Crash lead {run}/{n}", "source": "WI",
                                    "phone": f"08{int(run):02d}{n:06d}"})
        print("WROTE", flush=True)
        box.log_activity(lead, "note", f"run {run}, lead {n}")
        print("WROTE", flush=True)
        if own:
            box.edit_customer(own[n % len(own)], {"notes": f"crash run {run}/{n}"}, add_tags=[f"r{run}"])
            print("WROTE", flush=True)
    report = account.engine(lambda event: print(type(event).__name__, flush=True), pictures=False).run_cycle()
    print("DONE", report.status, report.message, flush=True)
    account.close()
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
