"""Attendance summaries: a plausible year so far, and one more school day at a time.

Counts are sessions (two a day). The contract's arithmetic always holds:
possible = present + authorised + unauthorised + unexplained, with approved educational
activity and lates counted inside `present`.
"""

from __future__ import annotations

import datetime as dt
import random

from fakewonde.records import AttendanceSummary

MAX_DAYS = 190  # a school year's worth of pupil days


def first_school_day(academic_year: int) -> dt.date:
    """The first weekday on or after 3 September (1-2 September are often INSET days)."""
    day = dt.date(academic_year, 9, 3)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def school_days(start: dt.date, end: dt.date) -> int:
    """Weekdays from `start` to `end` inclusive, capped at a school year."""
    if end < start:
        return 0
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    days = weeks * 5 + sum(1 for i in range(rest) if (start.weekday() + i) % 7 < 5)
    return min(days, MAX_DAYS)


def habits(rng: random.Random) -> tuple[float, bool]:
    """A pupil's attendance rate and whether absences tend to go unexplained (code N)."""
    roll = rng.random()
    if roll < 0.75:
        rate = rng.uniform(0.94, 1.0)
    elif roll < 0.93:
        rate = rng.uniform(0.88, 0.94)
    else:
        rate = rng.uniform(0.60, 0.88)  # persistently absent
    return rate, rng.random() < 0.10


def year_so_far(summary: AttendanceSummary, rng: random.Random, sessions: int) -> AttendanceSummary:
    """Fill `summary` with `sessions` possible sessions in line with the pupil's habits."""
    absences = round(sessions * (1 - summary.attendance_rate))
    unexplained = min(absences, rng.randint(1, 4)) if summary.unexplained_prone else 0
    rest = absences - unexplained
    authorised = round(rest * rng.uniform(0.55, 0.9))
    summary.possible = sessions
    summary.authorised = authorised
    summary.unauthorised = rest - authorised
    summary.unexplained = unexplained
    summary.present = sessions - absences
    if rng.random() < 0.2:
        summary.approved_educational_activity = min(summary.present, rng.randint(1, 6))
    if rng.random() < 0.5:
        summary.late = min(summary.present, int(rng.expovariate(1 / 4)) + 1)
    return summary


def one_more_day(
    summary: AttendanceSummary, rng: random.Random, day: dt.date, at: dt.datetime
) -> None:
    """Add the AM and PM sessions of `day`, and sometimes explain an earlier code N."""
    for _ in range(2):
        _one_session(summary, rng)
    if summary.unexplained and rng.random() < 0.2:
        summary.unexplained -= 1  # the reason arrived: N becomes a proper code
        if rng.random() < 0.7:
            summary.authorised += 1
        else:
            summary.unauthorised += 1
    summary.end_date = day
    summary.touch(at)


def _one_session(summary: AttendanceSummary, rng: random.Random) -> None:
    summary.possible += 1
    if rng.random() < summary.attendance_rate:
        summary.present += 1
        if rng.random() < 0.03:
            summary.late += 1
        if rng.random() < 0.01:
            summary.approved_educational_activity += 1
    elif summary.unexplained_prone and rng.random() < 0.5:
        summary.unexplained += 1
    elif rng.random() < 0.7:
        summary.authorised += 1
    else:
        summary.unauthorised += 1
