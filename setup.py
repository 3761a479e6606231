"""The wheel's build step beyond pyproject.toml: the files that live outside the packages in the source tree
become package data, so that `pip install .` gives a complete application and stand-in.

- resources/ (DESIGN.md §1) → desktop/resources, the Thai .qm compiled there from its .ts by PySide6's
  lrelease (the .qm is not checked in, so a fresh clone's wheel is complete too);
- supabase/migrations (SQL, not a package) → devserver/migrations.

An editable install reads both from the checkout and copies nothing."""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from tools import translations  # noqa: E402

# The icon's SVG source and the .ts are sources: the application reads the PNG and the .qm.
SOURCES_ONLY = shutil.ignore_patterns("*.svg", "*.ts", "*.qm")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        lib = Path(self.build_lib)
        resources = lib / "desktop" / "resources"
        shutil.copytree(ROOT / "resources", resources, ignore=SOURCES_ONLY, dirs_exist_ok=True)
        translations.build(into=resources / "translations")
        shutil.copytree(ROOT / "supabase" / "migrations", lib / "devserver" / "migrations", dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildPyWithData})
