"""Last night's totals: schools synced, failed and held, pupils changed, requests, durations.

A night runs from its window's opening to the next night's, so the retries of a failed sync,
which may fall after the window closes, count in the night they belong to.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from pupilsync.models import SyncRun
from pupilsync.operator.fleet import sync_runs
from pupilsync.scheduling.window import window_from_settings

# A school's night ends in the status of its last run; a held run later approved or discarded
# was still held that night.
OUTCOME_OF: dict[str, str] = {
    SyncRun.Status.COMPLETED: "synced",
    SyncRun.Status.FAILED: "failed",
    SyncRun.Status.HELD: "held",
    SyncRun.Status.APPROVED: "held",
    SyncRun.Status.DISCARDED: "held",
    SyncRun.Status.RUNNING: "running",
}


@dataclass(frozen=True)
class NightTotals:
    night: dt.date
    runs: int
    synced: int
    failed: int
    held: int
    running: int
    pupils_changed: int
    requests: int
    p50: dt.timedelta | None
    p95: dt.timedelta | None

    @property
    def schools(self) -> int:
        return self.synced + self.failed + self.held + self.running


def last_night(now: dt.datetime) -> dt.date:
    """The latest night whose window has opened by `now`."""
    window = window_from_settings()
    night = now.astimezone(window.tz).date()
    return night if window.opens(night) <= now else night - dt.timedelta(days=1)


def night_totals(night: dt.date) -> NightTotals:
    window = window_from_settings()
    runs = sync_runs().filter(
        started_at__gte=window.opens(night),
        started_at__lt=window.opens(night + dt.timedelta(days=1)),
    )
    rows = runs.order_by("started_at", "id").values_list(
        "school_id", "status", "created", "updated", "archived", "restored", "http_requests",
        "started_at", "finished_at",
    )  # fmt: skip
    last: dict[int, str] = {}
    changed = requests = count = 0
    durations: list[float] = []
    for school, status, created, updated, archived, restored, asked, started, finished in rows:
        count += 1
        last[school] = OUTCOME_OF.get(status, "failed")
        requests += asked
        if status == SyncRun.Status.COMPLETED:
            changed += created + updated + archived + restored
        if finished is not None:
            durations.append((finished - started).total_seconds())
    outcomes = list(last.values())
    return NightTotals(
        night=night,
        runs=count,
        synced=outcomes.count("synced"),
        failed=outcomes.count("failed"),
        held=outcomes.count("held"),
        running=outcomes.count("running"),
        pupils_changed=changed,
        requests=requests,
        p50=_seconds(percentile(durations, 50)),
        p95=_seconds(percentile(durations, 95)),
    )


def percentile(values: Sequence[float], p: float) -> float | None:
    """The nearest-rank percentile: a value that occurred, never an interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _seconds(value: float | None) -> dt.timedelta | None:
    return None if value is None else dt.timedelta(seconds=value)
