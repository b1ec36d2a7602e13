"""A page of the board as rows: each school with its last sync, next run and needs.

Reads a page's runs, term dates and queue slots in one query each, whatever the page size."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pupilsync.models import School, SyncRun, SyncSlot, TermDates
from pupilsync.operator.fleet import Need, needs_of
from pupilsync.termdates import Terms, terms_of
from pupilsync.web.schedule import NextSync, next_sync


@dataclass(frozen=True)
class Row:
    school: School
    last: SyncRun | None
    queued_at: dt.datetime | None
    next: NextSync
    needs: list[Need]

    @property
    def duration(self) -> dt.timedelta | None:
        if self.last is None or self.last.finished_at is None:
            return None
        return self.last.finished_at - self.last.started_at


def rows_for(schools: Sequence[School], now: dt.datetime) -> list[Row]:
    """`schools` come from `fleet` (annotated with last_run_id and the needs)."""
    ids = [school.pk for school in schools]
    last_ids = [school.last_run_id for school in schools if school.last_run_id]  # type: ignore[attr-defined]
    runs = SyncRun.objects.in_bulk(last_ids)
    terms: dict[int, list[Terms]] = defaultdict(list)
    for row in TermDates.objects.filter(school_id__in=ids):
        terms[row.school_id].append(terms_of(row))
    queued = dict(
        SyncSlot.objects.waiting(now)
        .filter(school_id__in=ids)
        .values_list("school_id", "queued_at")
    )
    return [
        Row(
            school=school,
            last=runs.get(school.last_run_id),  # type: ignore[attr-defined]
            queued_at=queued.get(school.pk),
            next=next_sync(school, now, terms=terms[school.pk]),
            needs=needs_of(school),
        )
        for school in schools
    ]
