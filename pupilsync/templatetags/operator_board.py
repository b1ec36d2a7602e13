"""Template filters for the operator's pages."""

from __future__ import annotations

import datetime as dt

from django import template

from pupilsync.models import SyncRun

register = template.Library()


@register.filter
def duration(value: dt.timedelta | None) -> str:
    """A run's length as people read it: 850ms, 42s, 3m 05s, 1h 02m."""
    if value is None:
        return "-"
    seconds = value.total_seconds()
    if seconds < 1:
        return f"{round(seconds * 1000)}ms"
    if seconds < 60:
        return f"{seconds:.0f}s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


@register.filter
def run_duration(run: SyncRun) -> str:
    return duration(run.finished_at - run.started_at) if run.finished_at else "-"
