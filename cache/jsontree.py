"""The seed's JSON file tree on disk: atomic writes, private permissions, and ids made safe as file names.

Files hold customer PII, so directories are 0700 and files 0600 (cache/private.py). A file that exists is
replaced by writing a temporary name and renaming it over the old one, so a reader never sees half of a file it
could read before. Temporary files are made in a small folder of their own (STAGING): creating them beside
200,000 orders doubled the work on that folder.

A file that does not exist yet is created in place (O_EXCL): nothing could read it before, and a first sync
creates 300k of them (the temporary name, its rename and the staging folder measured 108 µs of kernel time a
file against 15 µs in place). Half a new file is what a reader or a crash may then meet: a reader treats it as
damaged and renders the record from the rows (documents.read), and after a crash the file's journal entry, only
removed once the file is written, has it replaced whole at the next drain.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
from pathlib import Path
from urllib.parse import quote, unquote

import orjson

from cache.private import FILE_MODE, private_folder

STAGING = ".staging"


_PLAIN = re.compile(r"[A-Za-z0-9_@-][A-Za-z0-9_.@-]*")


# The longest file name made from an id, in bytes. File systems allow 255; the rest leaves room for ".json"
# and for folders that add a suffix of their own.
MAX_NAME = 200
# A shortened name ends with this mark and a hash of the whole id. quote() never leaves a "+" unescaped, so no
# name of a shorter id can look like one.
_SHORTENED = "+"
_PREFIX = 120


def file_name(ident: str) -> str:
    """An id as a file name: nothing a server sends can climb out of its folder or upset Windows. Business ids
    (TVS-CUS-FB-26-0002) are already safe and pass unchanged, without the cost of quoting (a million calls in
    a first sync). An id whose name would be too long (300 letters, or 28 Thai characters at 9 bytes each) keeps
    a readable start and gets a hash of the whole id: stable, and distinct for distinct ids."""
    if len(ident) <= MAX_NAME and _PLAIN.fullmatch(ident):
        return ident
    name = _quoted(ident)
    if len(name) <= MAX_NAME:
        return name
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return f"{_readable_start(ident)}{_SHORTENED}{digest}"


def _quoted(ident: str) -> str:
    name = quote(ident, safe="-_.@")
    return "%2E" + name[1:] if name.startswith(".") else name


def _readable_start(ident: str) -> str:
    """The quoted form of as many whole characters of the id as fit in _PREFIX bytes."""
    low, high = 0, min(len(ident), _PREFIX)
    while low < high:  # the longest start whose quoted form fits
        middle = (low + high + 1) // 2
        if len(_quoted(ident[:middle])) <= _PREFIX:
            low = middle
        else:
            high = middle - 1
    return _quoted(ident[:low])


def ident_of(name: str) -> str | None:
    """The id a file name stands for; None for a shortened name, whose id only the rows can tell
    (`shortened_start` narrows the search)."""
    return None if _SHORTENED in name else unquote(name)


def shortened_start(name: str) -> str:
    """The start of the id a shortened name keeps."""
    return unquote(name.partition(_SHORTENED)[0])


def _write_file(fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


class JsonTree:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._root = str(root)
        self._staging = f"{root}/{STAGING}"
        # Folders known to exist: a first sync writes 300k files, and a mkdir call for each cost 40% of it.
        self._folders: set[str] = set()
        self._serial = itertools.count()
        self._pid = os.getpid()

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, data: bytes) -> None:
        """Plain strings and os calls here, not pathlib: this runs once per file of the tree (measured 137 →
        82 µs a file)."""
        target = f"{self._root}/{relative}"
        folder = target.rpartition("/")[0]
        self._need(folder)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except FileExistsError:
            self._need(self._staging)
            temp = f"{self._staging}/{self._pid}-{next(self._serial)}.tmp"
            _write_file(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE), data)
            os.replace(temp, target)
        else:
            try:
                _write_file(fd, data)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(target)  # a full disk leaves no half file behind
                raise

    def _need(self, folder: str) -> None:
        if folder not in self._folders:
            private_folder(folder)
            self._folders.add(folder)

    def clear_staging(self) -> None:
        """Remove temporary files a crash left behind (called while holding the sync lock)."""
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self._staging):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)

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
