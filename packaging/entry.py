"""The frozen application's entry point: PyInstaller needs a script, and `desktop.cli` is a module."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The cache reads large analytics in a helper process (cache/elsewhere.py), which a frozen application
    # starts as itself: this turns that start into the helper instead of a second application.
    multiprocessing.freeze_support()
    from desktop.cli import main

    sys.exit(main())
