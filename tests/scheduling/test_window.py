"""The nightly window: each school a fixed minute inside it, spread across the window."""

import datetime as dt
from zoneinfo import ZoneInfo

from pupilsync.scheduling.window import Window

LONDON = ZoneInfo("Europe/London")
NIGHT = Window(dt.time(1), dt.time(5), LONDON)


def test_every_school_is_due_inside_the_window():
    night = dt.date(2026, 11, 30)
    for n in range(200):
        slot = NIGHT.slot(night, f"A{n}")
        assert NIGHT.opens(night) <= slot < NIGHT.opens(night) + dt.timedelta(hours=4)


def test_schools_are_spread_across_the_window():
    night = dt.date(2026, 11, 30)
    hours = {NIGHT.slot(night, f"A{n}").hour for n in range(200)}
    assert hours == {1, 2, 3, 4}


def test_a_school_keeps_its_minute_every_night():
    first = NIGHT.slot(dt.date(2026, 11, 30), "A1930499544")
    second = NIGHT.slot(dt.date(2026, 12, 1), "A1930499544")
    assert second - first == dt.timedelta(days=1)


def test_nothing_is_due_outside_the_window():
    assert NIGHT.is_due("A1", dt.datetime(2026, 11, 30, 12, tzinfo=LONDON)) is None


def test_a_school_is_due_once_its_minute_has_come():
    night = dt.date(2026, 11, 30)
    slot = NIGHT.slot(night, "A1")
    assert NIGHT.is_due("A1", slot - dt.timedelta(minutes=1)) is None
    assert NIGHT.is_due("A1", slot) == night


def test_a_window_may_cross_midnight():
    late = Window(dt.time(23), dt.time(3), LONDON)
    assert late.minutes == 240
    assert late.night_of(dt.datetime(2026, 12, 1, 2, tzinfo=LONDON)) == dt.date(2026, 11, 30)


def test_the_window_follows_london_time_across_the_clock_change():
    summer = dt.datetime(2026, 7, 1, 0, 30, tzinfo=dt.UTC)  # 01:30 in London
    assert NIGHT.night_of(summer) == dt.date(2026, 7, 1)
