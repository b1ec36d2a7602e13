import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from pupilsync.web.freshness import describe

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("finished", "now", "words"),
    [
        (at(20, 2, 14), at(20, 9), "Data as of last night's sync, 02:14"),
        (at(19, 23, 5), at(20, 9), "Data as of last night's sync, 23:05"),
        (at(20, 11, 30), at(20, 15), "Data as of today's sync, 11:30"),
        (at(20, 3, 10), at(20, 3, 12), "Data as of today's sync, 03:10"),
        (at(19, 11, 30), at(20, 9), "Data as of yesterday's sync, 11:30"),
        (at(10, 2, 14), at(20, 9), "Data as of the sync on 10 Nov 2026, 02:14"),
    ],
)
def test_it_says_how_old_the_data_is_in_words(finished, now, words):
    assert describe(finished, now) == words


def test_a_school_never_synced_says_so(school):
    from pupilsync.web.freshness import freshness

    assert freshness(school) == "Not synced from the MIS yet"
