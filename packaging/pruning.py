"""Leaving binaries out of a PyInstaller build after its analysis (build_installer.spec).

`excludes` works for Python modules only: Qt's plugins and libraries come from PyInstaller's hooks, and the way
to leave some out is to filter the analysis' list of binaries. Two things then need care: a library collected
only because a dropped plugin links it (the GTK theme plugin brings the build machine's GTK, cairo and pango)
must go too, and so must the symbolic links PyInstaller adds to the top folder for libraries it stores deeper,
or they dangle."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PyInstaller.depend import bindepend

Entry = tuple[str, str, str]  # PyInstaller's TOC entry: destination in the folder, source, type code


def _linked(library: Path) -> set[Path]:
    return {Path(path).resolve() for _, path in bindepend.get_imports(str(library)) if path}


def _reachable(starts: Iterable[Path], collected: set[Path]) -> set[Path]:
    """The collected libraries that `starts` load, directly or through each other."""
    found: set[Path] = set()
    todo = list(starts)
    while todo:
        for library in (_linked(todo.pop()) & collected) - found:
            found.add(library)
            todo.append(library)
    return found


def unwanted(binaries: list[Entry], wanted: Callable[[str], bool]) -> set[str]:
    """The destinations of the binaries `wanted` rejects and of the libraries that only those linked.

    A library loaded by name at run time (ctypes) that only a rejected binary also linked would go as well; the
    installer's test checks what the folder's binaries link and that the application runs."""
    files = {Path(source).resolve(): destination for destination, source, kind in binaries if kind != "SYMLINK"}
    collected = set(files)
    dropped = {source for source, destination in files.items() if not wanted(destination)}
    suspects = _reachable(dropped, collected) - dropped
    kept = collected - dropped - suspects
    orphans = suspects - kept - _reachable(kept, collected)
    return {files[source] for source in dropped | orphans}


def without(entries: list[Entry], gone: set[str]) -> list[Entry]:
    """`entries` (binaries or data, where PyInstaller lists its symbolic links) less `gone` and the links to it."""
    # A symbolic link's entry names its target's destination where other entries name a source.
    return [(destination, source, kind) for destination, source, kind in entries
            if destination not in gone and not (kind == "SYMLINK" and source in gone)]
