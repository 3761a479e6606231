"""Where the files bundled with the application (fonts, translations) are, from the source tree or from a
PyInstaller build, whose spec must collect `desktop/resources` to the same relative place."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    # A frozen build unpacks its data under sys._MEIPASS rather than next to the modules.
    bundle = getattr(sys, "_MEIPASS", None)
    package = Path(bundle) / "desktop" if bundle else Path(__file__).resolve().parent
    return package.joinpath("resources", *parts)
