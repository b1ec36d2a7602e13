"""Wonde dates: PHP DateTime objects, or plain strings.

Wonde serialises dates as `{"date": "2022-09-05 14:21:15.000000", "timezone_type": 3,
"timezone": "UTC"}`; the fraction may be missing, and some fields arrive as "YYYY-MM-DD".
PHP's zero dates (an empty date in the MIS) are no date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from wonde import adapter

DATE_EXPECTED = 'a date ({"date": "YYYY-MM-DD HH:MM:SS", ...} or "YYYY-MM-DD")'


def parse_datetime(value: Any) -> dt.datetime | None:
    """An aware datetime from a DateTimeObject or a string; None for null. ValueError if bad."""
    if value is None or value == "":
        return None
    zone = "UTC"
    if isinstance(value, dict):
        zone = value.get("timezone") or "UTC"
        value = value.get("date")
        if not isinstance(zone, str):  # ZoneInfo would raise TypeError, which pydantic lets out
            raise ValueError("a time zone name")
    if not isinstance(value, str):
        raise ValueError(DATE_EXPECTED)
    if value.strip() == "" or adapter.is_zero_date(value):
        return None
    text = value.strip().removesuffix("Z")
    try:
        parsed = _parse_text(text)
    except ValueError:
        raise ValueError(DATE_EXPECTED) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_zone(zone))
    return parsed


def parse_date(value: Any) -> dt.date | None:
    """The calendar date of a DateTimeObject or string, in its own time zone."""
    parsed = parse_datetime(value)
    return parsed.date() if parsed else None


def format_updated_after(moment: dt.datetime) -> str:
    """The `updated_after` form every official client sends, in UTC."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _parse_text(text: str) -> dt.datetime:
    # Since Python 3.11 this reads every form Wonde sends (a space or a "T", any fraction or
    # none, a date alone, an offset), ten times faster than strptime.
    return dt.datetime.fromisoformat(text)


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return dt.UTC
