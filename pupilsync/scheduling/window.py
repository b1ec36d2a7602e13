"""The nightly sync window, and each school's fixed minute inside it.

A school's minute comes from a hash of its Wonde id, so every process agrees on it without
sharing state, and a fleet's syncs spread evenly across the window rather than all at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings


@dataclass(frozen=True)
class Window:
    start: dt.time
    end: dt.time
    tz: ZoneInfo

    @property
    def minutes(self) -> int:
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        return (end - start) % (24 * 60) or 24 * 60

    def opens(self, night: dt.date) -> dt.datetime:
        return dt.datetime.combine(night, self.start, tzinfo=self.tz)

    def night_of(self, at: dt.datetime) -> dt.date | None:
        """The night (the date the window opened) `at` falls in, or None outside the window."""
        local = at.astimezone(self.tz)
        for night in (local.date(), local.date() - dt.timedelta(days=1)):
            opened = self.opens(night)
            if opened <= local < opened + dt.timedelta(minutes=self.minutes):
                return night
        return None

    def slot(self, night: dt.date, key: str) -> dt.datetime:
        """When the school named by `key` is due on that night."""
        return self.opens(night) + dt.timedelta(minutes=slot_offset(key, self.minutes))

    def is_due(self, key: str, at: dt.datetime) -> dt.date | None:
        """The night a school is due in at `at` (its minute has come), or None."""
        night = self.night_of(at)
        if night is None or at < self.slot(night, key):
            return None
        return night


def slot_offset(key: str, minutes: int) -> int:
    digest = hashlib.sha256(key.encode()).digest()
    return int.from_bytes(digest[:8], "big") % minutes


def window_from_settings() -> Window:
    return Window(
        start=_time(settings.SYNC_WINDOW_START, "SYNC_WINDOW_START"),
        end=_time(settings.SYNC_WINDOW_END, "SYNC_WINDOW_END"),
        tz=ZoneInfo(settings.SYNC_TIMEZONE),
    )


def _time(value: str, name: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} must be a time like 01:00, not {value!r}") from None
