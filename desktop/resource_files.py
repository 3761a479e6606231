"""Where the files shipped with the application are: fonts, icons, translations and the style sheet.

Their source is the top-level `resources/` folder (DESIGN.md §1). A wheel (setup.py's build step) and the frozen
build (build_installer.spec) carry them as data of this package, `desktop/resources`, found through
importlib.resources as any installed package's data; a source checkout (the editable install, or running from
the tree) reads the folder itself."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

STYLE_SHEET = "style.qss"
SOURCE_FOLDER = Path(__file__).resolve().parent.parent / "resources"


def resource_folder() -> Path:
    # A build always writes the style sheet there; a checkout from before the move may still hold an old
    # desktop/resources/translations of compiled files, which must not be taken for it. Qt opens files by
    # name, and the application is never imported from a zip, so the folder is a real one.
    installed = Path(str(resources.files("desktop").joinpath("resources")))
    return installed if (installed / STYLE_SHEET).is_file() else SOURCE_FOLDER


def resource_path(*parts: str) -> Path:
    return resource_folder().joinpath(*parts)
