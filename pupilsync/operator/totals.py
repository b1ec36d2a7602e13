"""Last night's totals: schools synced, failed and held, pupils changed, requests, durations.

A night runs from its window's opening to the next night's, so the retries of a failed sync,
which may fall after the window closes, count in the night they belong to.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

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
    """Added up in SQL: a few aggregate queries, whatever the fleet's size."""
    runs = _runs_of(night)
    sums = runs.aggregate(
        runs=Count("id"),
        requests=Sum("http_requests", default=0),
        changed=Sum(
            F("created") + F("updated") + F("archived") + F("restored"),
            filter=Q(status=SyncRun.Status.COMPLETED),
            default=0,
        ),
    )
    # A school's night ends in the status of its last run of the night.
    last = runs.filter(school=OuterRef("school")).order_by("-started_at", "-id").values("id")[:1]
    outcomes: dict[str, int] = dict.fromkeys(("synced", "failed", "held", "running"), 0)
    finals = runs.filter(id=Subquery(last)).values("status").annotate(n=Count("id"))
    for row in finals:
        outcomes[OUTCOME_OF.get(row["status"], "failed")] += row["n"]
    took = durations(runs)
    return NightTotals(
        night=night,
        runs=sums["runs"],
        pupils_changed=sums["changed"],
        requests=sums["requests"],
        p50=_seconds(percentile(took, 50)),
        p95=_seconds(percentile(took, 95)),
        **outcomes,
    )


def _runs_of(night: dt.date) -> QuerySet[SyncRun]:
    window = window_from_settings()
    return sync_runs().filter(
        started_at__gte=window.opens(night),
        started_at__lt=window.opens(night + dt.timedelta(days=1)),
    )


def durations(runs: QuerySet[SyncRun]) -> list[float]:
    """The finished runs' durations in seconds, worked out by the database."""
    took = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    finished = runs.filter(finished_at__isnull=False).annotate(took=took)
    return [value.total_seconds() for value in finished.values_list("took", flat=True)]


def percentile(values: Sequence[float], p: float) -> float | None:
    """The nearest-rank percentile: a value that occurred, never an interpolation."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def _seconds(value: float | None) -> dt.timedelta | None:
    return None if value is None else dt.timedelta(seconds=value)
