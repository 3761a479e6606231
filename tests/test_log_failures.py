"""A test fails on a warning or an error logged without being expected, from its own thread or another."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]

INNER = '''
import logging
import threading

import pytest

log = logging.getLogger("vschool.inner")


def test_warning_in_a_thread():
    thread = threading.Thread(target=lambda: log.error("swallowed in a thread"))
    thread.start()
    thread.join()


@pytest.mark.expected_log("stale cache", logger="vschool")
def test_expected_warning():
    log.warning("stale cache kept")


def test_read_through_caplog(caplog):
    log.warning("the test reads it")
    assert "reads it" in caplog.text


def test_info_is_fine():
    log.info("nothing to see")
'''


def test_an_unexpected_log_record_fails_the_test(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    pytester.makeconftest('pytest_plugins = ["tests.helpers.logfail"]')
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*ERROR vschool.inner (Thread-*): swallowed in a thread*"])
