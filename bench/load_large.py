"""Time a datagen load into a fresh throwaway PostgreSQL and print where the time went.

    python bench/load_large.py [tiny|demo|large] [--seed N]
"""

from __future__ import annotations

import argparse
import datetime
import logging
import resource
import tempfile
from pathlib import Path

from devserver import datagen, postgres

AS_OF = datetime.date(2026, 3, 15)  # fixed, so that runs compare like with like


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", nargs="?", default="large", choices=datagen.SIZES)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="vschool-bench-") as tmp, postgres.running(Path(tmp)) as db:
        report = datagen.load(db.superuser_url, args.size, seed=args.seed, as_of=AS_OF)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{report.size}: {report.total_rows:,} rows in {report.seconds:.1f} s "
          f"({report.total_rows / report.seconds:,.0f} rows/s)")
    print(f"  generating (producer thread busy): {report.generate_seconds:.1f} s")
    print(f"  loading (waiting on COPY):         {report.load_seconds:.1f} s")
    print(f"  peak RSS of this process:          {peak_mb:.0f} MB")
    for table, rows in report.rows.items():
        print(f"  {table:24} {rows:>10,}")


if __name__ == "__main__":
    main()
