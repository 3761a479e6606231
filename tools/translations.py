"""The translation pipeline: Qt's lupdate and lrelease from PySide6, driven for this project.

    .venv/bin/python tools/translations.py update   # refresh resources/translations/*.ts from the code
    .venv/bin/python tools/translations.py build    # compile the .ts into the .qm the application loads

`update` keeps every translation already made; strings that left the code stay in the .ts, marked vanished,
so that a string which comes back (or is only reworded) finds its translation again. Translate in
`pyside6-linguist`. `build` runs only for a .ts newer than its .qm, so `make` can call it every time; the wheel's
build step (setup.py) compiles into the wheel instead, as the .qm is not checked in.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop"
TRANSLATIONS = ROOT / "resources" / "translations"


def tool(name: str) -> str:
    # The PySide6 wrappers sit next to the interpreter of the venv (bin/ or Scripts/), whether or not it is
    # activated.
    scripts = Path(sys.executable).parent
    for candidate in (scripts / name, scripts / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    # pip's isolated build environment (the wheel's build step) puts its scripts on PATH instead.
    found = shutil.which(name)
    if found:
        return found
    raise SystemExit(f"{name} not found next to {sys.executable}; install PySide6-Essentials in this venv")


def update() -> None:
    from desktop.i18n import LANGUAGES, SOURCE_LANGUAGE  # Qt: not needed by `build`, which a wheel build runs

    # Relative paths, run from the root, so the .ts records locations relative to itself, never this machine's.
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    for language in sorted(LANGUAGES.keys() - {SOURCE_LANGUAGE}):
        ts = (TRANSLATIONS / f"vschool_{language}.ts").relative_to(ROOT)
        subprocess.run([tool("pyside6-lupdate"), *sources, "-source-language", SOURCE_LANGUAGE,
                        "-target-language", language, "-ts", str(ts)], cwd=ROOT, check=True)


def build(into: Path | None = None) -> None:
    """Compile each .ts into a .qm beside it, or in the folder `into`."""
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = (into or ts.parent) / f"{ts.stem}.qm"
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "build"])
    args = parser.parse_args(argv)
    {"update": update, "build": build}[args.command]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
