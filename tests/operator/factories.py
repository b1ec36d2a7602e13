"""Schools and runs for the operator's tests, on fixed dates (never today)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from pupilsync.models import School, SyncIssue, SyncRun, TermDates
from pupilsync.termdates import typical_year

UTC = dt.UTC
# A Wednesday morning in December: last night's window opened at 01:00 (London is on UTC).
NOW = dt.datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
NIGHT = dt.datetime(2026, 12, 2, 1, 0, tzinfo=UTC)


def school(name: str, wonde_id: str, *, term_dates: bool = True, **fields: Any) -> School:
    made = School.objects.create(name=name, wonde_id=wonde_id, **fields)
    if term_dates:
        terms = typical_year(2026)
        TermDates.objects.create(school=made, academic_year=2026, **dict(terms.dates()))
    return made


def run(
    of: School,
    status: str = SyncRun.Status.COMPLETED,
    *,
    at: dt.datetime = NIGHT,
    seconds: float | None = 30,
    trigger: str = SyncRun.Trigger.SCHEDULE,
    issues: tuple[str, ...] = (),
    **counts: int,
) -> SyncRun:
    made = SyncRun.objects.create(
        school=of,
        trigger=trigger,
        status=status,
        started_at=at,
        finished_at=None if seconds is None else at + dt.timedelta(seconds=seconds),
        **counts,
    )
    for code in issues:
        SyncIssue.objects.create(
            run=made, school=of, code=code, severity="warning", message=f"{code} happened"
        )
    return made


def operator(username: str = "ops@pupilsync.example") -> AbstractBaseUser:
    return get_user_model().objects.create_user(
        username=username, email=username, password="pw-operator-123", is_staff=True
    )
