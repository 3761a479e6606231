"""A local write shown in the window (DESIGN.md §7: under 50 ms, never waiting for the network): from Save in the
New lead form to the new row in the customers list's model, over the `large` cache (100,000 customers;
bench/large_cache.py builds it), offscreen, with no server to answer. Also: to the lead selected in the list
(scrolled to wherever it sorts) and shown in the profile, which is when Save returns; with the list repainted;
and the duplicate look-up the form makes while a phone number is typed.

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

from app_child import application
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
    qapp, app = application(config, cache)
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
    listed, saved, painted, duplicates, made = [], [], [], [], []
    cpu_listed, cpu_saved = [], []
    # When the list's model last counted its rows again: the wall clock, and the GUI thread's own CPU time
    # (what the save costs however busy the machine is with other work).
    reloaded: list[tuple[float, float]] = []
    model.loaded.connect(lambda _rows: reloaded.append((time.perf_counter(), time.thread_time())))
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
            rows = model.rowCount()
            reloaded.clear()
            started, cpu = time.perf_counter(), time.thread_time()
            form.save_button.click()
            done, cpu_done = time.perf_counter(), time.thread_time()
            ident = form.saved_id
            assert ident is not None and model.row_of(ident) is not None, "the lead is in the list's model"
            assert model.rowCount() == rows + 1 and reloaded, "the list's model counted the lead"
            listed.append((reloaded[0][0] - started) * 1000)
            saved.append((done - started) * 1000)
            cpu_listed.append((reloaded[0][1] - cpu) * 1000)
            cpu_saved.append((cpu_done - cpu) * 1000)
            view.list.table.viewport().repaint()
            painted.append((time.perf_counter() - started) * 1000)
            assert view.list.current()["id"] == ident and view.profile.ident == ident
            made.append(ident)
            settle(qapp, 1.0)
    finally:
        box = app.ctx.outbox()
        for entry in box.entries():
            if entry.ident in made:
                box.discard(entry.seq)
        app.shutdown()
    for what, times in (("in the customers list's model", listed),
                        ("in the model, GUI thread CPU time", cpu_listed),
                        ("selected, scrolled to, its profile shown", saved),
                        ("selected ..., GUI thread CPU time", cpu_saved),
                        ("and the list repainted", painted)):
        print(f"Save → the new lead {what}: median {statistics.median(times):.1f} ms, best {min(times):.1f} ms, "
              f"worst {max(times):.1f} ms ({len(times)} saves: " + " ".join(f"{t:.0f}" for t in times) + ")")
    print(f"the duplicate look-up of a typed phone number: median {statistics.median(duplicates):.1f} ms, "
          f"worst {max(duplicates):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
