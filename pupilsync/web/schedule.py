"""The schedule in words for the pages: the next nightly sync, and the term-date banners.

Both read the scheduling rules (`gate.schedule_for`) and the nightly window; nothing here
decides anything the rules do not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from pupilsync.models import School
from pupilsync.scheduling.calendar import SchoolState, decide
from pupilsync.scheduling.gate import local_day, schedule_for
from pupilsync.scheduling.window import window_from_settings
from pupilsync.termdates import Terms


@dataclass(frozen=True)
class NextSync:
    at: dt.datetime | None  # local time of the next nightly sync, None when none is due
    reason: str = ""  # why there is none (paused, blocked, not connected)
    what_to_do: str = ""
    warnings: tuple[str, ...] = ()


def next_sync(
    school: School, now: dt.datetime | None = None, *, terms: Sequence[Terms] | None = None
) -> NextSync:
    """The school's minute in the next nightly window, if the rules let that sync run.
    `terms`: the school's term dates, when the caller has read them (the operator's board)."""
    now = now or timezone.now()
    window = window_from_settings()
    today = now.astimezone(window.tz).date()
    slot = next(
        at
        for night in (today - dt.timedelta(days=1), today, today + dt.timedelta(days=1))
        if (at := window.slot(night, school.wonde_id)) > now
    )
    decision = (
        schedule_for(school, slot, ignore_queue=True)
        if terms is None
        else decide(SchoolState(school.connection), terms, local_day(slot))
    )
    if decision.code == "summer_pause" and decision.resumes_on:
        # Paused, but the pause has an end: the first sync is that night's minute.
        return NextSync(
            window.slot(decision.resumes_on, school.wonde_id), decision.reason, decision.what_to_do
        )
    if not decision.allowed:
        return NextSync(None, decision.reason, decision.what_to_do)
    return NextSync(slot, warnings=decision.warnings)


def schedule_notices(school: School, now: dt.datetime | None = None) -> list[tuple[str, str]]:
    """(level, text) for the admin banners: summer pause, term dates missing or due."""
    if school.connection != School.Connection.APPROVED:
        return []  # the connection banners say why nothing syncs
    decision = schedule_for(school, now, ignore_queue=True)
    if decision.code == "summer_pause":
        return [("info", decision.reason)]
    if decision.code in ("term_dates_missing", "no_term_dates"):
        return [("error", f"{decision.reason} Add them under Term Dates.")]
    return [("warning", text) for text in decision.warnings]
