"""The README's pictures, in English and Thai, from the demo's cache: every view, a customer's profile with its
timeline, and the dialogs a rep meets (sign-in, settings, New lead, Log activity, Pending changes).

    make demo ARGS="--screenshot /tmp/demo --view all"   # once: the demo signs in and fills its cache
    .venv/bin/python tools/screenshots.py                 # writes docs/screenshots/{en,th}/*.png

No display is needed (Qt's offscreen platform). The window is the one `--screenshot` renders, opened on the
demo's settings and cache without syncing, so the pictures show the data as the demo left it.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "th")


def render(language: str, out: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from cache.location import cache_root
    from desktop.app import SCREENSHOT_SIZE, Application, dress
    from desktop.context import AppContext
    from desktop.mainwindow import VIEW_KEYS
    from sync.settings import config_dir

    qapp = QApplication(sys.argv[:1])
    dress(qapp)
    ctx = AppContext(config_dir(None) / "demo", cache_root(None))
    if ctx.conn is None:
        raise SystemExit("no demo cache: run `make demo ARGS=\"--screenshot /tmp/demo --view all\"` first")
    ctx.settings = dataclasses.replace(ctx.settings, language=language)
    app = Application(ctx, demo=True, auto_sync=False)
    window = app.window
    out.mkdir(parents=True, exist_ok=True)

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        target = out / f"{name}.png"
        if not widget.grab().save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        print(f"Wrote {target}")

    try:
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        for key in VIEW_KEYS:
            window.show_view(key)
            save(window, key)
        # A customer with activities, their profile open: the timeline shows what the staff logged.
        found = ctx.conn.execute("SELECT customer_id FROM customer_activities GROUP BY customer_id "
                                 "ORDER BY count(*) DESC, customer_id LIMIT 1").fetchone()
        if found is not None:
            window.open_customer(found[0])
            save(window, "profile")
        from desktop.activityform import ActivityDialog
        from desktop.leadform import CustomerForm
        from desktop.pending_page import PendingPage
        from desktop.settingsdialog import SettingsDialog
        from desktop.signin import SignInDialog

        dialogs: list[tuple[str, QWidget]] = [
            ("signin", SignInDialog(ctx, app.sync, window)), ("settings", SettingsDialog(ctx, app.sync, window)),
            ("new-lead", CustomerForm(ctx, None, window)), ("pending", PendingPage(ctx, app.sync, window))]
        if found is not None:
            name = ctx.conn.execute("SELECT full_name FROM customers WHERE id = ?", found).fetchone()[0]
            dialogs.append(("log-activity", ActivityDialog(ctx, found[0], name, window)))
        for name, dialog in dialogs:
            dialog.show()
            save(dialog, name)
            dialog.close()
    finally:
        app.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", choices=LANGUAGES, help="one language, in this process (default: both)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.language:
        render(args.language, args.out / args.language)
        return 0
    for language in LANGUAGES:  # a process each: the translator is chosen once per application
        subprocess.run([sys.executable, __file__, "--out", str(args.out), "--language", language], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
