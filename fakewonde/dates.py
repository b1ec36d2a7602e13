"""Wonde's date shapes, the fake's clock and the academic calendar."""

from __future__ import annotations

import datetime as dt
from typing import Any

UTC = dt.UTC
LONDON = "Europe/London"


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC).replace(microsecond=0)


def normalise_clock(clock: dt.datetime | None) -> dt.datetime:
    """An aware UTC time in whole seconds (naive times are taken as UTC)."""
    if clock is None:
        return now_utc()
    if clock.tzinfo is None:
        clock = clock.replace(tzinfo=UTC)
    return clock.astimezone(UTC).replace(microsecond=0)


def stamp(moment: dt.datetime) -> dict[str, Any]:
    """A UTC DateTimeObject, as Wonde serialises created_at, updated_at and friends."""
    return {
        "date": moment.isoformat(" ", "seconds")[:19] + ".000000",
        "timezone_type": 3,
        "timezone": "UTC",
    }


def person_date(day: dt.date | None) -> dict[str, Any] | None:
    """A date that belongs to a person (birth, admission, leaving): midnight, London time."""
    if day is None:
        return None
    return {
        "date": f"{day.isoformat()} 00:00:00.000000",
        "timezone_type": 3,
        "timezone": LONDON,
    }


def stamp_or_none(moment: dt.datetime | None) -> dict[str, Any] | None:
    return None if moment is None else stamp(moment)


def academic_year_start(day: dt.date) -> int:
    """The calendar year in which the academic year containing `day` began (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def parse_updated_after(text: str) -> dt.datetime:
    """`YYYY-MM-DD HH:MM:SS` (Wonde's documented form), `YYYY-MM-DD`, or ISO 8601; UTC if naive."""
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
