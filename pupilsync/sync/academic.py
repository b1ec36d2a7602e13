"""Academic years, labelled by the calendar year they start in (2026 is 2026/27)."""

from __future__ import annotations

import datetime as dt


def academic_year(day: dt.date) -> int:
    """The academic year a day falls in: 1 September to 31 August."""
    return day.year if day.month >= 9 else day.year - 1


def label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"
