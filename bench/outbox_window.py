"""A local write shown in the window (DESIGN.md §7: under 50 ms, never waiting for the network): from Save in the
New lead form to the new row in the customers list's model, selected, over the `large` cache (100,000 customers;
bench/large_cache.py builds it), offscreen, with no server to answer. Also: the same with the list repainted, and
the duplicate look-up the form makes while a phone number is typed.

Each lead is discarded at the end, so the kept cache is left as it was.

    .venv/bin/python bench/outbox_window.py [--saves 25] [--root .devserver/bench-home]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app_bench import _application
from large_cache import DEFAULT_ROOT, ensure


def settle(qapp, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Let the work a save leaves behind (the filter counts off the GUI thread) finish before the next one."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        qapp.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=25)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    args = parser.parse_args()
    config, cache = ensure(args.root)
    qapp, app = _application(config, cache)
    window = app.window
    window.resize(1280, 800)
    window.show()
    window.show_view("customers")
    qapp.processEvents()
    app.sync.connection = "offline"  # no stand-in runs: nothing is sent, and nothing waits for it
    view = window.views["customers"]
    model = view.list.model
    print(f"customers in the list: {model.rowCount():,}")
    phone = app.ctx.conn.execute("SELECT phone FROM customers WHERE phone LIKE '08%' ORDER BY id LIMIT 1 "
                                 "OFFSET 5000").fetchone()[0]
    saved, painted, duplicates, made = [], [], [], []
    try:
        for n in range(args.saves):
            window.new_lead()
            form = window.lead_form
            form.lines["full_name"].setText(f"มาลี ทดสอบความเร็ว {n:02d}")  # sorts in the middle of the list
            form.lines["phone"].setText(phone)
            form.source.setCurrentIndex(form.source.findData("WI"))
            started = time.perf_counter()
            form.check_duplicates()
            duplicates.append((time.perf_counter() - started) * 1000)
            assert form.matches, "the phone of a cached customer is a duplicate"
            form.lines["phone"].setText(f"0890{n:06d}")
            started = time.perf_counter()
            form.save_button.click()
            ident = form.saved_id
            assert ident is not None and model.row_of(ident) is not None, "the lead is in the list's model"
            saved.append((time.perf_counter() - started) * 1000)
            view.list.table.viewport().repaint()
            painted.append((time.perf_counter() - started) * 1000)
            assert view.list.current()["id"] == ident and view.profile.ident == ident
            made.append(ident)
            settle(qapp, 0.4)
    finally:
        box = app.ctx.outbox()
        for entry in box.entries():
            if entry.ident in made:
                box.discard(entry.seq)
        app.shutdown()
    print(f"Save → the new lead in the customers list's model, selected: median {statistics.median(saved):.1f} ms, "
          f"worst {max(saved):.1f} ms ({len(saved)} saves: " + " ".join(f"{t:.0f}" for t in saved) + ")")
    print(f"… and the list repainted: median {statistics.median(painted):.1f} ms, worst {max(painted):.1f} ms")
    print(f"the duplicate look-up of a typed phone number: median {statistics.median(duplicates):.1f} ms, "
          f"worst {max(duplicates):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
