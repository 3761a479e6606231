"""A warning or an error logged while a test runs fails it, unless the test said it expects one (qutebrowser's
LogFailHandler; Qt's own warnings already fail through pytest-qt's qt_log_level_fail). Otherwise a failure
that a thread catches and only logs — the sync worker's, a file watcher's — would leave a test green.

A test expects a record with `@pytest.mark.expected_log("regex", logger="name")` (the regex searched in the
message, the logger and its children); a fixture with `with expecting("regex", logger="name"):`. A test that
asks for `caplog` reads its records itself and is not checked.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Expected:
    message: str
    logger: str | None = None

    def matches(self, record: logging.LogRecord) -> bool:
        if self.logger is not None and record.name != self.logger and not record.name.startswith(self.logger + "."):
            return False
        return re.search(self.message, record.getMessage()) is not None


class LogFailHandler(logging.Handler):
    """Keeps every record at WARNING or above that nothing expected, from any thread."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.unexpected: list[logging.LogRecord] = []
        self.expected: list[Expected] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not any(e.matches(record) for e in list(self.expected)):
            self.unexpected.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.unexpected = self.unexpected, []
        return records


HANDLER = LogFailHandler()

# pgserver stops its server with pg_ctl as its own unprivileged user, which cannot enter pytest's private temp
# folder under root; it says so and kills the server instead, which is a clean stop for a test's throwaway data.
PGSERVER_STOP = "Failed postgres command|Failed to stop server, killing it instead"


@contextmanager
def expecting(message: str, logger: str | None = None) -> Iterator[None]:
    """Records matching `message` (and `logger`) are expected while the block runs."""
    expected = Expected(message, logger)
    HANDLER.expected.append(expected)
    try:
        yield
    finally:
        HANDLER.expected.remove(expected)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "expected_log(message, logger=None): a warning or error the test logs on "
                                       "purpose (message is a regular expression)")
    logging.getLogger().addHandler(HANDLER)


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger().removeHandler(HANDLER)


def _check(item: pytest.Item, phase: str) -> None:
    records = HANDLER.take()
    if not records or "caplog" in getattr(item, "fixturenames", ()):
        return
    lines = "\n".join(f"  {r.levelname} {r.name} ({r.threadName}): {r.getMessage()}" for r in records[:10])
    pytest.fail(f"logged during {phase} without being expected (declare it with the expected_log marker):\n{lines}",
                pytrace=False)


def _marked(item: pytest.Item) -> list[Expected]:
    return [Expected(*m.args, **m.kwargs) for m in item.iter_markers("expected_log")]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    HANDLER.take()  # what came before this test (collection, another test's late thread) is not its own
    HANDLER.expected.extend(_marked(item))
    yield
    _check(item, "setup")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    yield
    _check(item, "the test")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None, None, None]:
    try:
        yield
        _check(item, "teardown")
    finally:
        for expected in _marked(item):
            HANDLER.expected.remove(expected)
