"""How old the synced data on a page is, in words: "data as of last night's sync, 02:14"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pupilsync.models import School

NIGHT_ENDS = 6  # a sync finishing before 06:00 is "last night's" to someone reading that day


def freshness(school: School, now: dt.datetime | None = None) -> str:
    """How fresh the MIS data is; a CTF import since the last sync is named as an import."""
    now = now or timezone.now()
    last = school.runs.last_sync()
    imported = school.runs.last_import()
    newer = imported is not None and (last is None or imported.started_at > last.started_at)
    if imported is not None and imported.finished_at is not None and newer:
        moment = describe(imported.finished_at, now, "CTF import")
        before = (
            "before it, " + describe(last.finished_at, now).removeprefix("Data as of ")
            if last is not None and last.finished_at is not None
            else "not synced from the MIS yet"
        )
        return f"{moment}; {before}"
    if last is None or last.finished_at is None:
        return "Not synced from the MIS yet"
    return describe(last.finished_at, now)


def describe(finished: dt.datetime, now: dt.datetime, what: str = "sync") -> str:
    local, today = timezone.localtime(finished), timezone.localtime(now).date()
    clock = f"{local:%H:%M}"
    days = (today - local.date()).days
    if days == 0 and local.hour < NIGHT_ENDS <= timezone.localtime(now).hour:
        return f"Data as of last night's {what}, {clock}"
    if days == 0:
        return f"Data as of today's {what}, {clock}"
    if days == 1 and local.hour >= 18:
        return f"Data as of last night's {what}, {clock}"
    if days == 1:
        return f"Data as of yesterday's {what}, {clock}"
    return f"Data as of the {what} on {local.day} {local:%b %Y}, {clock}"
