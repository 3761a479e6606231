"""The README and docs/ point at things that exist: every link and picture, every document they cite, every
source file they name (a reader follows them from a fresh clone, where only the repository is)."""

from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"\]\(([^)#\s]+)")
CITED_DOCUMENT = re.compile(r"\b([\w./-]+\.md)\b")
# A path of the repository named in code spans: a folder, then a file of a kind the repository holds.
SOURCE_PATH = re.compile(r"`([\w.-]+/[\w./-]*\.(?:py|md|sql|spec|qss|ts|toml|lock|json|desktop|png))`")
# Paths the README names that are made, not checked in: the cache's JSON tree, the build's output.
MADE = ("customer/", "orders/", "products/", "ads/", "ad_logs/", "analytics/", "dist/", "shots/")


def _references() -> list[tuple[Path, str]]:
    found = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for pattern in (LINK, CITED_DOCUMENT, SOURCE_PATH):
            found += [(document, target) for target in pattern.findall(text)
                      if "://" not in target and not target.startswith(MADE)]
    return found


@functools.cache
def _tracked_names() -> set[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {Path(line).name for line in listed.splitlines()}


def _exists(document: Path, target: str) -> bool:
    if (document.parent / target).exists() or (ROOT / target).exists():
        return True
    # A bare file name (a migration, a test) is found where the repository keeps it.
    return "/" not in target and target in _tracked_names()


def test_every_reference_of_the_readme_and_docs_exists():
    references = _references()
    assert len(references) > 20
    missing = [f"{document.relative_to(ROOT)}: {target}" for document, target in references
               if not _exists(document, target)]
    assert not missing, "\n".join(missing)
