"""The frozen application's entry point: PyInstaller needs a script, and `desktop.cli` is a module."""

import sys

from desktop.cli import main

sys.exit(main())
