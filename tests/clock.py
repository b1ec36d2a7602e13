"""Every test runs at a frozen moment, never at the day the suite happens to run.

The moment is `--clock` (or PUPILSYNC_TEST_CLOCK): an ISO 8601 time, by default `DEFAULT`, a
Monday in term time. `--clock boundaries` runs each test once at every moment in `BOUNDARIES`
instead (the README's test command does so for the date-sensitive folders). The clock ticks from
the moment, so timeouts and durations still work, and starts afresh for each test.

Tests whose other processes read the real clock (claims timed across processes) are marked
`real_clock`; they must pass on any day by their own means.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
import time_machine

DEFAULT = "2026-11-16T10:30:00+00:00"
# The last day of an academic year, the first of the next, a winter term day, the calendar
# year's last and first days, and a day in the summer pause (after a 22 July end of term).
# Noon UTC is the same calendar day in London, summer time or not.
BOUNDARIES = {
    "31-aug": "2026-08-31T12:00:00+00:00",
    "1-sep": "2026-09-01T12:00:00+00:00",
    "1-dec": "2026-12-01T12:00:00+00:00",
    "31-dec": "2026-12-31T12:00:00+00:00",
    "1-jan": "2027-01-01T12:00:00+00:00",
    "summer-pause": "2027-08-10T12:00:00+00:00",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock",
        default=os.environ.get("PUPILSYNC_TEST_CLOCK", DEFAULT),
        help="the moment every test starts at (ISO 8601), or 'boundaries'; default %(default)s",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "real_clock: the test talks to processes that read the real clock"
    )
    moments(config)  # a bad --clock stops the run before any test


def pytest_report_header(config: pytest.Config) -> str:
    return "clock: each test starts at " + ", ".join(m.isoformat() for m in moments(config))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.config.getoption("--clock") == "boundaries":
        metafunc.parametrize(
            "frozen_clock", moments(metafunc.config), indirect=True, ids=list(BOUNDARIES)
        )


def moments(config: pytest.Config) -> list[dt.datetime]:
    value = config.getoption("--clock")
    return [_aware(v) for v in (BOUNDARIES.values() if value == "boundaries" else [value])]


def _aware(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_clock(request: pytest.FixtureRequest) -> Iterator[dt.datetime | None]:
    """The moment the test started at (the clock ticks on from it); None for `real_clock`."""
    if request.node.get_closest_marker("real_clock"):
        yield None
        return
    start = getattr(request, "param", None) or moments(request.config)[0]
    with time_machine.travel(start, tick=True):
        yield start
