"""Every school with its latest sync, as one queryset the board filters and pages in SQL.

The latest run, the one before it and the "needs action" flags are correlated subqueries, so a
page of the board costs the same few queries with 25 or 25,000 schools (benchmarks/operator.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from pupilsync.models import AccessRequest, ConnectionEvent, School, SyncIssue, SyncRun, TermDates
from pupilsync.scheduling.gate import local_day

# An access request unanswered this long is worth chasing with the school.
APPROVAL_CHASE_AFTER = dt.timedelta(days=7)


@dataclass(frozen=True)
class Need:
    key: str
    label: str
    what_to_do: str


NEEDS: tuple[Need, ...] = (
    Need("failed_twice", "Failed twice", "Read the last run's error; check the Wonde access."),
    Need("held", "Held by the breaker", "The school's admin approves or discards the held sync."),
    Need(
        "term_dates",
        "Term dates missing or due",
        "The school adds this year's term dates (due by 31 December).",
    ),
    Need(
        "approval_pending",
        "Approval pending over 7 days",
        "Chase the contact named in the request to approve pupilsync in Wonde.",
    ),
    Need("permissions", "Permissions denied", "The school grants the permissions in Wonde."),
)
NEED_KEYS = tuple(need.key for need in NEEDS)


def sync_runs() -> QuerySet[SyncRun]:
    """Runs of the sync proper: a CTF import is recorded as a run but is no sync."""
    return SyncRun.objects.exclude(trigger=SyncRun.Trigger.CTF)


def fleet(now: dt.datetime) -> QuerySet[School]:
    """Every school, annotated with its latest runs and one boolean `needs_<key>` per need."""
    return School.objects.annotate(**_columns(now))


def _columns(now: dt.datetime) -> dict[str, Any]:
    latest = sync_runs().filter(school=OuterRef("pk")).order_by("-started_at", "-id")
    columns: dict[str, Any] = {
        "last_run_id": Subquery(latest.values("id")[:1]),
        "last_status": Subquery(latest.values("status")[:1]),
        "previous_status": Subquery(latest.values("status")[1:2]),
    }
    return columns | {
        f"needs_{key}": ExpressionWrapper(q, BooleanField()) for key, q in _needs(now).items()
    }


def _needs(now: dt.datetime) -> dict[str, Q]:
    failed, held = SyncRun.Status.FAILED, SyncRun.Status.HELD
    approved = Q(connection=School.Connection.APPROVED)
    return {
        "failed_twice": Q(last_status=failed, previous_status=failed),
        "held": Q(last_status=held),
        "term_dates": approved & ~Q(Exists(_term_dates_covering(local_day(now)))),
        "approval_pending": Q(connection=School.Connection.REQUESTED)
        & ~_asked_since(now - APPROVAL_CHASE_AFTER),
        "permissions": Q(
            Exists(
                SyncIssue.objects.filter(run_id=OuterRef("last_run_id"), code="permission_denied")
            )
        ),
    }


def _term_dates_covering(day: dt.date) -> QuerySet[TermDates]:
    # The year running 1 September to 31 August, or next year's if its Autumn 1 has begun
    # early: termdates.academic_year_on, in SQL.
    year = day.year if day.month >= 9 else day.year - 1
    covering = Q(academic_year=year) | Q(academic_year=year + 1, autumn1__lte=day)
    return TermDates.objects.filter(covering, school=OuterRef("pk"))


def _asked_since(since: dt.datetime) -> Q:
    """The school's request (or its move to `requested`) is recent: then wait for it."""
    requested = AccessRequest.objects.filter(school=OuterRef("pk"), requested_at__gte=since)
    moved = ConnectionEvent.objects.filter(
        school=OuterRef("pk"), new=School.Connection.REQUESTED, at__gte=since
    )
    return Q(Exists(requested)) | Q(Exists(moved))


OUTCOMES = ("completed", "failed", "held", "running", "never")


@dataclass(frozen=True)
class Filters:
    search: str = ""  # part of the name, or the exact Wonde id or URN
    connection: str = ""  # one of School.Connection
    outcome: str = ""  # the latest sync's status, or "never"
    need: str = ""  # "any", or one of NEED_KEYS


def board(now: dt.datetime, filters: Filters) -> QuerySet[School, int]:
    """The ids of the schools the board lists under `filters`, by name.

    The columns are aliases, computed only where a filter needs them: SQLite would otherwise
    work out every skipped row's subqueries to reach a page deep in the list."""
    schools = School.objects.alias(**_columns(now))
    if word := filters.search.strip():
        schools = schools.filter(Q(name__icontains=word) | Q(wonde_id__iexact=word) | Q(urn=word))
    if filters.connection in School.Connection.values:
        schools = schools.filter(connection=filters.connection)
    if filters.outcome == "never":
        schools = schools.filter(Q(last_status__isnull=True))
    elif filters.outcome in OUTCOMES:
        schools = schools.filter(Q(last_status=filters.outcome))
    if filters.need == "any":
        schools = schools.filter(needing_action())
    elif filters.need in NEED_KEYS:
        schools = schools.filter(**{f"needs_{filters.need}": True})
    return schools.order_by("name", "pk").values_list("pk", flat=True)


def page_of(now: dt.datetime, ids: Sequence[int]) -> list[School]:
    """The schools of one page of `board`, in its order, with `fleet`'s columns."""
    found = fleet(now).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def need_counts(now: dt.datetime) -> dict[str, int]:
    """How many schools have each need, in one pass."""
    columns = School.objects.alias(**_columns(now))
    return columns.aggregate(
        **{key: Count("pk", filter=Q(**{f"needs_{key}": True})) for key in NEED_KEYS}
    )


def needing_action() -> Q:
    any_need = Q()
    for key in NEED_KEYS:
        any_need |= Q(**{f"needs_{key}": True})
    return any_need


def needs_of(school: School) -> list[Need]:
    """The needs a school from `fleet` has."""
    return [need for need in NEEDS if getattr(school, f"needs_{need.key}", False)]
