"""The change feed: created, updated, archived and restored pupils, in commit order.

An autoincrement id is not a cursor: a transaction that commits later can hold a smaller id,
so a reader that has moved past it would never see its rows. Instead each school has a counter
row (FeedCounter) that a writer increments inside its own write transaction. The UPDATE takes
the row's lock until that transaction ends, so a second writer of the same school waits, then
reads the first one's committed value: sequence numbers are handed out in commit order and a
reader that sees `seq = n` already sees every entry below it. A reader asks for `seq > cursor`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal

from pupilsync.models import FeedCounter, FeedEntry, Pupil, School
from pupilsync.sync import bulk
from pupilsync.sync.diff import Change, Plan

# The fields the API shows (pupilsync.api.schemas): a change to any other (contacts,
# attendance, Wonde's ids) is not an update the host app can see, so it is not in the feed.
SHOWN = frozenset(
    {
        "upn", "former_upn", "mis_id", "forename", "middle_names", "surname", "legal_forename",
        "legal_surname", "date_of_birth", "gender", "admission_date", "leaving_date",
        "ethnicity", "first_language", "eal", "fsm", "fsm_ever6", "in_care",
        "year_group", "registration_group", "classes", "pupil_premium", "sen_provision",
        "sen_needs",
    }
)  # fmt: skip
Row = tuple[int, str, list[str]]  # pupil id, kind, fields
# Sent with `school_id` once a transaction that grew the school's feed has committed: the
# webhooks (pupilsync.api.outbound) listen, so the writer knows nothing of them.
grew = Signal()


def record(plan: Plan, created: list[int], school: School, now: dt.datetime) -> int:
    """Add the plan's changes to the school's feed; call inside the write transaction.

    Four statements (the counter's three and one bulk insert), however many pupils changed.
    """
    rows: list[Row] = [(pk, FeedEntry.Kind.CREATED, []) for pk in created]
    rows += [row for change in plan.changes if (row := _entry(change)) is not None]
    return _write(school, rows, now)


def record_updated(
    school: School, pupil_ids: list[int], names: Iterable[str], now: dt.datetime, *,
    kind: str = FeedEntry.Kind.UPDATED,
) -> int:  # fmt: skip
    """Pupils changed outside a sync (anonymised by retention, erased): `names` changed."""
    shown = sorted(SHOWN.intersection(names))
    return _write(school, [(pk, kind, shown) for pk in pupil_ids], now) if shown else 0


def _write(school: School, rows: list[Row], now: dt.datetime) -> int:
    if not rows:
        return 0
    first = _allocate(school, len(rows))
    entries = [
        {
            "school_id": school.pk,
            "seq": first + n,
            "pupil_id": pk,
            "kind": kind,
            "fields": names,
            "at": now,
        }
        for n, (pk, kind, names) in enumerate(rows)
    ]
    bulk.insert(FeedEntry, entries)
    transaction.on_commit(partial(_changed, school.pk))
    return len(rows)


def entries(school: School, since: int, limit: int) -> list[FeedEntry]:
    return list(FeedEntry.objects.filter(school=school, seq__gt=since).order_by("seq")[:limit])


def describe(school: School, rows: list[FeedEntry]) -> list[dict[str, Any]]:
    """The entries as the API and the webhooks show them (one query for the UPNs)."""
    upns = dict(
        Pupil.objects.filter(school=school, pk__in={row.pupil_id for row in rows}).values_list(
            "pk", "upn"
        )
    )
    return [
        {
            "cursor": str(row.seq),
            "pupil_id": row.pupil_id,
            "upn": upns.get(row.pupil_id),
            "kind": row.kind,
            "fields": row.fields,
            "at": row.at,
        }
        for row in rows
    ]


def head(school: School) -> int:
    """The newest committed sequence number (0 before the first change)."""
    last = FeedCounter.objects.filter(school=school).values_list("last", flat=True).first()
    return last or 0


def _allocate(school: School, count: int) -> int:
    """Reserve `count` sequence numbers; returns the first. Holds the counter's row lock."""
    FeedCounter.objects.bulk_create([FeedCounter(school=school)], ignore_conflicts=True)
    FeedCounter.objects.filter(school=school).update(last=F("last") + count)
    last = FeedCounter.objects.filter(school=school).values_list("last", flat=True).get()
    return int(last) - count + 1


def _entry(change: Change) -> Row | None:
    names = sorted(SHOWN.intersection(_changed_names(change)))
    if change.archived:
        return change.pupil_id, FeedEntry.Kind.ARCHIVED, names
    if change.restored:
        return change.pupil_id, FeedEntry.Kind.RESTORED, names
    return (change.pupil_id, FeedEntry.Kind.UPDATED, names) if names else None


def _changed_names(change: Change) -> Iterable[str]:
    yield from change.fields
    yield from change.year


def _changed(school_id: int) -> None:
    grew.send(sender=FeedEntry, school_id=school_id)
