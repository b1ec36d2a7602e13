"""Read everything a sync needs from Wonde. Network only: nothing is written here.

A delta fetch asks each list only for what changed since its cursor (the newest timestamp the
last run saw in that list, as dlt does for incremental sources). A full fetch reads the whole
roll, so that a pupil missing from it can be taken to have left: but only once the roll is shown
complete, by Wonde's own student count read in the same run and no pupil read twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from wonde import WondeClient, adapter, errors
from wonde.models import AttendanceSummary, Deletion, Invalid, Photo, Student

STREAMS = ("students", "leavers", "deletions", "attendance", "photos")
# Features a fetch can read (see pupilsync.sync.permissions); all of them unless told otherwise.
ALL_FEATURES = frozenset(
    {"pupils", "extended", "sen", "attendance", "contacts", "photos", "classes", "groups"}
)
# The /students includes that bring each feature.
INCLUDES = {
    "pupils": ("education_details", "year"),
    "extended": ("extended_details",),
    "sen": ("extended_details", "sen_needs"),
    "contacts": ("contacts", "contacts.contact_details"),
    "classes": ("classes",),
    "groups": ("registration",),
}
Cursors = dict[str, dt.datetime]
FETCH_THREADS = 4  # the other lists, beside the roll; Wonde's rate limit is per app, not per list
T = TypeVar("T")


@dataclass
class Fetched:
    full: bool
    features: frozenset[str] = ALL_FEATURES  # what was read; the rest was not asked for
    students: list[Student | Invalid] = field(default_factory=list)
    leavers: list[Student | Invalid] = field(default_factory=list)
    deletions: list[Deletion | Invalid] = field(default_factory=list)
    attendance: list[AttendanceSummary | Invalid] = field(default_factory=list)
    photos: list[Photo | Invalid] = field(default_factory=list)
    cursors: Cursors = field(default_factory=dict)
    roll_count: int | None = None  # Wonde's count of students, read in this run (full only)
    roll_doubt: str = ""  # why a full roll is not shown complete; empty when it is
    withheld: list[str] = field(default_factory=list)  # tentative features Wonde refused

    @property
    def roll_proven(self) -> bool:
        return self.full and not self.roll_doubt


def fetch(
    client: WondeClient,
    school_id: str,
    *,
    full: bool,
    cursors: Cursors | None,
    features: frozenset[str] = ALL_FEATURES,
    tentative: frozenset[str] = frozenset(),
) -> Fetched:
    """Every page of every list the sync needs; raises a WondeError if any of it fails.

    `cursors` are the last run's. A full fetch ignores them for the roll itself but still uses
    them for leavers, deletions and photos, which do not say who is on the roll. A `tentative`
    feature (its permission unknown) whose endpoint answers 403 is dropped, not a failure.
    """
    since = cursors or {}
    roll_since = {} if full else since
    got = Fetched(full=full, features=features)
    includes = _includes(features)
    # The lists are independent, so they are read side by side, each page after page in its
    # own thread, while this one reads the roll: a sync waits on Wonde about once, not 20 times.
    with ThreadPoolExecutor(FETCH_THREADS, thread_name_prefix="wonde-fetch") as pool:
        count = pool.submit(_count, client, school_id) if full else None
        attendance = photos = leavers = deletions = None
        if "attendance" in features:
            attendance = pool.submit(
                _tentatively,
                "attendance" in tentative,
                lambda: client.attendance_summaries(
                    school_id, updated_after=roll_since.get("attendance")
                ),
            )
        if "photos" in features:
            photos = pool.submit(
                _tentatively,
                "photos" in tentative,
                lambda: client.photos(school_id, updated_after=since.get("photos")),
            )
        if "leavers" in since:
            leavers = pool.submit(list, client.leavers(school_id, updated_after=since["leavers"]))
        if "deletions" in since:
            deletions = pool.submit(
                list, client.deletions(school_id, updated_after=since["deletions"])
            )
        try:
            got.students = list(
                client.students(
                    school_id, updated_after=roll_since.get("students"), include=includes
                )
            )
            if count is not None:
                got.roll_count, why = count.result()
                got.roll_doubt = why or roll_doubt(got.students, got.roll_count)
            got.attendance = _withheld_or(got, "attendance", attendance)
            got.photos = _withheld_or(got, "photos", photos)
            got.leavers = leavers.result() if leavers else []
            got.deletions = deletions.result() if deletions else []
        except BaseException:
            pool.shutdown(cancel_futures=True)  # a failed fetch stops as soon as it can
            raise
    got.cursors = _advance(since, got)
    return got


def _tentatively(tentative: bool, read: Callable[[], Iterable[T]]) -> list[T] | None:
    """The list, or None when Wonde refused a tentative feature (its permission unknown)."""
    try:
        return list(read())
    except errors.AccessDenied:
        if not tentative:
            raise
        return None


def _withheld_or(got: Fetched, feature: str, read: Future[list[T] | None] | None) -> list[T]:
    if read is None:
        return []
    items = read.result()
    if items is None:
        got.features = got.features - {feature}
        got.withheld.append(feature)
        return []
    return items


def _count(client: WondeClient, school_id: str) -> tuple[int | None, str]:
    try:
        return client.student_count(school_id), ""
    except errors.WondeError as error:
        return None, f"Wonde's student count could not be read: {error}"


def roll_doubt(students: list[Student | Invalid], count: int | None) -> str:
    """Why the students read are not shown to be the whole roll; empty when they are."""
    if count is None:
        return "Wonde gave no student count to check it against"
    ids = [s.id for s in students if s.id]
    repeated = len(ids) - len(set(ids))
    if repeated:
        return f"{repeated} pupil record(s) came twice, so pages shifted while they were read"
    if len(students) != count:
        return f"{len(students)} pupils were read but Wonde counts {count}"
    return ""


def _includes(features: frozenset[str]) -> tuple[str, ...]:
    wanted = {name for key in features for name in INCLUDES.get(key, ())}
    return tuple(name for name in adapter.STUDENT_INCLUDES if name in wanted)


def parse_cursors(raw: dict[str, str] | None) -> Cursors | None:
    if not raw:
        return None
    return {name: dt.datetime.fromisoformat(value) for name, value in raw.items()}


def dump_cursors(cursors: Cursors) -> dict[str, str]:
    return {name: moment.isoformat() for name, moment in cursors.items()}


def _advance(since: Cursors, got: Fetched) -> Cursors:
    newest = {
        "students": _newest(s.updated_at for s in _valid(got.students)),
        "leavers": _newest(s.updated_at for s in _valid(got.leavers)),
        "deletions": _newest(
            t for d in _valid(got.deletions) for t in (d.deleted_at, d.restored_at)
        ),
        "attendance": _newest(a.updated_at for a in _valid(got.attendance)),
        "photos": _newest(p.updated_at for p in _valid(got.photos)),
    }
    watermark = _newest(newest.values())
    read = _streams_read(got)
    cursors: Cursors = {}
    for name in STREAMS:
        # A list that brought nothing keeps its cursor; a new one starts at what we saw. A list
        # not read this time keeps its cursor or has none, so nothing it holds is skipped later.
        value = _newest([newest[name], since.get(name)])
        if value is None and name in read:
            value = watermark
        if value is not None:
            cursors[name] = value
    return cursors


def _streams_read(got: Fetched) -> set[str]:
    read = {"students", "leavers", "deletions"}
    read |= {name for name in ("attendance", "photos") if name in got.features}
    return read


def _valid(items: Iterable[T | Invalid]) -> Iterable[T]:
    return (item for item in items if not isinstance(item, Invalid))


def _newest(values: Iterable[dt.datetime | None]) -> dt.datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None
