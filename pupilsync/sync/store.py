"""Reading what we hold for a school, and writing a plan in bulk.

A sync costs a fixed handful of statements per batch of rows, never one per pupil.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pupilsync.models import (
    Pupil,
    PupilChange,
    PupilPhoto,
    PupilYear,
    School,
    SyncIssue,
    SyncRun,
)
from pupilsync.sync import bulk, feed
from pupilsync.sync.diff import Change, HeldPupil, Plan
from pupilsync.sync.photos import Thumbnail
from pupilsync.sync.records import (
    PUPIL_FIELDS,
    YEAR_FIELDS,
    Identity,
    Problem,
    PupilFields,
    YearFields,
)

BATCH = 500
YEAR_COLUMNS = YearFields.NAMES  # the year's fields and on_roll
# Attendance counts move for every pupil every school day: their history would be most of the
# table and explain nothing, so they are left out of it.
UNTRACKED = frozenset(name for name in YEAR_FIELDS if name.startswith("att_"))


@dataclass(frozen=True)
class Source:
    """Where a change came from, for the pupils' history."""

    kind: str = PupilChange.Source.WONDE
    run: SyncRun | None = None
    name: str = ""  # a CTF file's name
    as_of: dt.datetime | None = None  # when the source said it, if not now (a CTF's date)


WONDE = Source()


@dataclass
class PupilIds:
    """Every pupil's id by each identifier a problem, a photo or a result may name them with."""

    by_upi: dict[str, int] = field(default_factory=dict)
    by_mis_id: dict[str, int] = field(default_factory=dict)
    by_wonde_id: dict[str, int] = field(default_factory=dict)
    by_upn: dict[str, int] = field(default_factory=dict)

    def add(self, pupil_id: int, fields: PupilFields) -> None:
        """The pupil's identifiers among `fields`; a later pupil with the same one wins."""
        for value, ids in (
            (fields.upi, self.by_upi),
            (fields.mis_id, self.by_mis_id),
            (fields.wonde_id, self.by_wonde_id),
            (fields.upn, self.by_upn),
        ):
            if value:
                ids[value] = pupil_id

    def get(self, identity: Identity | None) -> int | None:
        """The pupil the identity names, trying its upi, MIS id, Wonde id, then UPN."""
        if identity is None:
            return None
        for value, ids in (
            (identity.upi, self.by_upi),
            (identity.mis_id, self.by_mis_id),
            (identity.wonde_id, self.by_wonde_id),
            (identity.upn, self.by_upn),
        ):
            if value and value in ids:
                return ids[value]
        return None


def load_held(school: School, academic_year: int) -> list[HeldPupil]:
    years = {
        pupil_id: YearFields(*row)
        for pupil_id, *row in PupilYear.objects.filter(
            school=school, academic_year=academic_year
        ).values_list("pupil_id", *YEAR_COLUMNS)
    }
    return [
        HeldPupil(pupil_id, on_roll, fields=PupilFields(*row), year=years.get(pupil_id))
        for pupil_id, on_roll, *row in Pupil.objects.filter(school=school).values_list(
            "id", "on_roll", *PUPIL_FIELDS
        )
    ]


def load_photo_hashes(school: School) -> dict[str, str]:
    """Photo hash by the pupil's Wonde id."""
    rows = PupilPhoto.objects.filter(school=school).values_list("pupil__wonde_id", "wonde_hash")
    return {wonde_id: digest for wonde_id, digest in rows if wonde_id}


def apply(
    plan: Plan,
    school: School,
    academic_year: int,
    now: dt.datetime,
    held: list[HeldPupil],
    photos: dict[str, tuple[str, Thumbnail]] | None = None,
    source: Source = WONDE,
) -> PupilIds:
    """Write the plan; call inside a transaction. Returns every pupil's id by identifier."""
    created = _create(plan, school, academic_year, now)
    _write_history(plan, created, school, academic_year, now, source)
    ids = PupilIds()
    for pupil in held:
        ids.add(pupil.id, pupil.fields)
    for change in plan.changes:  # identifiers this run changes (a re-enrolled pupil's Wonde id)
        ids.add(change.pupil_id, PupilFields.of(change.new_fields()))
    for pk, new in zip(created, plan.creates, strict=True):
        ids.add(pk, new.record.fields)
    _update(plan, now)
    _write_years(plan, school, academic_year)
    feed.record(plan, created, school, now)  # the host app's change feed, in commit order
    if plan.remove_photos:
        PupilPhoto.objects.filter(school=school).delete()
    elif photos:
        _write_photos(photos, school, ids, now)
    return ids


def record_issues(run: SyncRun, problems: Iterable[Problem], pupil_ids: PupilIds) -> int:
    issues = [
        SyncIssue(
            run=run,
            school_id=run.school_id,
            pupil_id=pupil_ids.get(problem.identity),
            pupil_ref=_ref(problem),
            code=problem.code,
            severity=problem.severity,
            message=problem.message,
        )
        for problem in problems
    ]
    SyncIssue.objects.bulk_create(issues, batch_size=BATCH)
    return len(issues)


def carry_open_issues(run: SyncRun, read: Iterable[Identity], pupil_ids: PupilIds) -> int:
    """Keep the previous sync's issues about pupils this delta run did not re-read.

    A delta reads only the pupils whose MIS record changed; an issue about anyone else is as
    true as it was, so it stays listed until a sync reads that pupil again.
    """
    previous = (
        SyncRun.objects.filter(
            school_id=run.school_id, status=SyncRun.Status.COMPLETED, started_at__lte=run.started_at
        )
        .exclude(pk=run.pk)
        .exclude(trigger=SyncRun.Trigger.CTF)
        .order_by("-started_at")
        .first()
    )
    if previous is None:
        return 0
    seen = {pk for identity in read if (pk := pupil_ids.get(identity)) is not None}
    open_issues = SyncIssue.objects.filter(run=previous, pupil_id__isnull=False).exclude(
        pupil_id__in=seen
    )
    carried = [
        SyncIssue(
            run=run,
            school_id=run.school_id,
            pupil_id=issue.pupil_id,
            pupil_ref=issue.pupil_ref,
            code=issue.code,
            severity=issue.severity,
            message=issue.message,
            carried=True,
        )
        for issue in open_issues.iterator(chunk_size=BATCH)
    ]
    SyncIssue.objects.bulk_create(carried, batch_size=BATCH)
    return len(carried)


def _write_history(
    plan: Plan,
    created: list[int],
    school: School,
    academic_year: int,
    now: dt.datetime,
    source: Source,
) -> None:
    run_id = source.run.pk if source.run else None

    def row(pupil_id: int, name: str, old: object, new: object, year: int | None) -> dict[str, Any]:
        return {
            "school_id": school.pk,
            "pupil_id": pupil_id,
            "field": name,
            "academic_year": year,
            "old": old,
            "new": new,
            "source": source.kind,
            "run_id": run_id,
            "source_name": source.name,
            "changed_at": now,
            "as_of": source.as_of,
        }

    rows = [row(pk, "pupil", None, "added", None) for pk in created]
    for change in plan.changes:
        rows.extend(row(change.pupil_id, n, old, new, None) for n, (old, new) in _pupil(change))
        rows.extend(
            row(change.pupil_id, n, old, new, academic_year)
            for n, (old, new) in change.year.items()
            if n not in UNTRACKED and not (n == "on_roll" and (change.archived or change.restored))
        )
    bulk.insert(PupilChange, rows)


def _pupil(change: Change) -> Iterable[tuple[str, tuple[object, object]]]:
    yield from change.fields.items()
    if change.archived or change.restored:
        yield "on_roll", (change.archived, change.restored)


def _create(plan: Plan, school: School, academic_year: int, now: dt.datetime) -> list[int]:
    rows = [new.rows() for new in plan.creates]
    pupils = [
        {"school_id": school.pk, "on_roll": True, "synced_at": now, **pupil} for pupil, _ in rows
    ]
    ids = bulk.insert(Pupil, pupils, returning=True)
    years = [
        {"pupil_id": pk, "school_id": school.pk, "academic_year": academic_year, **year}
        for pk, (_, year) in zip(ids, rows, strict=True)
    ]
    bulk.insert(PupilYear, years)
    return ids


def _update(plan: Plan, now: dt.datetime) -> None:
    # Rows that change the same columns go in one statement; untouched columns are never written.
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for change in plan.changes:
        values = change.new_fields()
        if change.archived or change.restored:
            values["on_roll"] = change.restored
        if not values:
            continue
        values["synced_at"] = now
        groups[tuple(sorted(values))].append({"id": change.pupil_id, **values})
    for columns, pupils in groups.items():
        bulk.update(Pupil, pupils, columns)


def _write_years(plan: Plan, school: School, academic_year: int) -> None:
    """A new row in full; a row we hold, only the columns that changed (on a school day that
    is the attendance of every pupil, and nothing else)."""
    changed = {change.pupil_id: change.year for change in plan.changes}
    new_rows: list[dict[str, Any]] = []
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for pupil_id, target in plan.year_rows.items():
        row = {"pupil_id": pupil_id, "school_id": school.pk, "academic_year": academic_year}
        values = target.sent()
        names = sorted(changed.get(pupil_id, values))
        if not names:
            continue  # an archived pupil whose row was off roll already
        if set(YEAR_FIELDS) <= set(names):  # every field is new: the row may not exist yet
            new_rows.append(row | values)
        else:
            by_columns[tuple(names)].append(row | {n: values[n] for n in names})
    bulk.upsert(PupilYear, new_rows, unique=["pupil", "academic_year"], update=YEAR_COLUMNS)
    for columns, rows in by_columns.items():
        bulk.update(PupilYear, rows, columns, key=["pupil", "academic_year"])


def _write_photos(
    photos: dict[str, tuple[str, Thumbnail]],
    school: School,
    ids: PupilIds,
    now: dt.datetime,
) -> None:
    rows = [
        {
            "pupil_id": ids.by_wonde_id[wonde_id],
            "school_id": school.pk,
            "wonde_hash": digest,
            "image": thumb.image,
            "width": thumb.width,
            "height": thumb.height,
            "updated_at": now,
        }
        for wonde_id, (digest, thumb) in photos.items()
        if wonde_id in ids.by_wonde_id
    ]
    changed = ["wonde_hash", "image", "width", "height", "updated_at"]
    bulk.upsert(PupilPhoto, rows, unique=["pupil"], update=changed)


def _ref(problem: Problem) -> str:
    label = problem.identity.label() if problem.identity else ""
    if problem.pupil_name and label:
        return f"{problem.pupil_name} ({label})"[:200]
    return (problem.pupil_name or label)[:200]
