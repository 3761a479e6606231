"""The seed's JSON file tree on disk: atomic writes, private permissions, and ids made safe as file names.

Files hold customer PII, so directories are 0700 and files 0600. A file is written to a temporary name and
renamed over the old one, so a reader (or a crash) never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import quote, unquote

import orjson

DIR_MODE = 0o700
FILE_MODE = 0o600


def file_name(ident: str) -> str:
    """An id as a file name: nothing a server sends can climb out of its folder or upset Windows."""
    name = quote(ident, safe="-_.@")
    return "%2E" + name[1:] if name.startswith(".") else name


def ident_of(name: str) -> str:
    return unquote(name)


class JsonTree:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, data: bytes) -> None:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.replace(temp, target)

    def remove(self, relative: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.root / relative)

    def read_bytes(self, relative: str) -> bytes | None:
        try:
            return (self.root / relative).read_bytes()
        except FileNotFoundError:
            return None

    def read(self, relative: str) -> object | None:
        """The parsed document, or None when the file is missing; raises orjson.JSONDecodeError if damaged."""
        data = self.read_bytes(relative)
        return None if data is None else orjson.loads(data)
