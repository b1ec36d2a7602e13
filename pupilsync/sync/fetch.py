"""Read everything a sync needs from Wonde. Network only: nothing is written here.

A delta fetch asks each list only for what changed since its cursor (the newest timestamp the
last run saw in that list, as dlt does for incremental sources). A full fetch reads the whole
roll, so that a pupil missing from it can be taken to have left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from wonde import WondeClient, adapter
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


def fetch(
    client: WondeClient,
    school_id: str,
    *,
    full: bool,
    cursors: Cursors | None,
    features: frozenset[str] = ALL_FEATURES,
) -> Fetched:
    """Every page of every list the sync needs; raises a WondeError if any of it fails.

    `cursors` are the last run's. A full fetch ignores them for the roll itself but still uses
    them for leavers, deletions and photos, which do not say who is on the roll.
    """
    since = cursors or {}
    roll_since = {} if full else since
    got = Fetched(full=full, features=features)
    includes = _includes(features)
    got.students = list(
        client.students(school_id, updated_after=roll_since.get("students"), include=includes)
    )
    if "attendance" in features:
        got.attendance = list(
            client.attendance_summaries(school_id, updated_after=roll_since.get("attendance"))
        )
    if "photos" in features:
        got.photos = list(client.photos(school_id, updated_after=since.get("photos")))
    if "leavers" in since:
        got.leavers = list(client.leavers(school_id, updated_after=since["leavers"]))
    if "deletions" in since:
        got.deletions = list(client.deletions(school_id, updated_after=since["deletions"]))
    got.cursors = _advance(since, got)
    return got


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
