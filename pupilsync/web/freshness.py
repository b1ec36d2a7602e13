"""How old the synced data on a page is, in words: "data as of last night's sync, 02:14"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pupilsync.models import School
from pupilsync.sync import runs

NIGHT_ENDS = 6  # a sync finishing before 06:00 is "last night's" to someone reading that day


def freshness(school: School, now: dt.datetime | None = None) -> str:
    last = runs.last_completed(school)
    if last is None or last.finished_at is None:
        return "Not synced from the MIS yet"
    return describe(last.finished_at, now or timezone.now())


def describe(finished: dt.datetime, now: dt.datetime) -> str:
    local, today = timezone.localtime(finished), timezone.localtime(now).date()
    clock = f"{local:%H:%M}"
    days = (today - local.date()).days
    if days == 0 and local.hour < NIGHT_ENDS <= timezone.localtime(now).hour:
        return f"Data as of last night's sync, {clock}"
    if days == 0:
        return f"Data as of today's sync, {clock}"
    if days == 1 and local.hour >= 18:
        return f"Data as of last night's sync, {clock}"
    if days == 1:
        return f"Data as of yesterday's sync, {clock}"
    return f"Data as of the sync on {local.day} {local:%b %Y}, {clock}"
