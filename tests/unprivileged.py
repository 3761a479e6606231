"""Running a piece of a test as a user the file permissions apply to: as root (a CI container) they do not, so the
piece runs in a forked child that has become `nobody`; as anyone else, in the test's own process."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

NOBODY = 65534


@contextmanager
def folder() -> Iterator[Path]:
    """A scratch folder the unprivileged user owns (the test's tmp_path is root's own and closed to others)."""
    path = Path(tempfile.mkdtemp(prefix="vschool-perm-"))
    try:
        if os.geteuid() == 0:
            os.chown(path, NOBODY, NOBODY)
        yield path
    finally:
        for below in [path, *path.rglob("*")]:
            if below.is_dir():
                os.chmod(below, 0o700)
        shutil.rmtree(path)


def run(fn: Callable[[], Any]) -> Any:
    """`fn()`'s result, or the exception it raised (returned, not raised), run with permissions that apply."""
    if os.geteuid() != 0:
        try:
            return fn()
        except Exception as exc:
            return exc
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                result: Any = fn()
            except Exception as exc:
                result = exc
            with os.fdopen(write, "wb") as out:
                pickle.dump(result, out)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        data = answer.read()
    os.waitpid(pid, 0)
    return pickle.loads(data)
