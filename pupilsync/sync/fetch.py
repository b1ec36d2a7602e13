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

from wonde import WondeClient
from wonde.models import AttendanceSummary, Deletion, Invalid, Photo, Student

STREAMS = ("students", "leavers", "deletions", "attendance", "photos")
Cursors = dict[str, dt.datetime]
T = TypeVar("T")


@dataclass
class Fetched:
    full: bool
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
    photos: bool = True,
) -> Fetched:
    """Every page of every list the sync needs; raises a WondeError if any of it fails.

    `cursors` are the last run's. A full fetch ignores them for the roll itself but still uses
    them for leavers and deletions, which only matter for pupils we already hold.
    """
    since = cursors or {}
    roll_since = {} if full else since
    got = Fetched(full=full)
    got.students = list(client.students(school_id, updated_after=roll_since.get("students")))
    got.attendance = list(
        client.attendance_summaries(school_id, updated_after=roll_since.get("attendance"))
    )
    if photos:
        got.photos = list(client.photos(school_id, updated_after=roll_since.get("photos")))
    if "leavers" in since:
        got.leavers = list(client.leavers(school_id, updated_after=since["leavers"]))
    if "deletions" in since:
        got.deletions = list(client.deletions(school_id, updated_after=since["deletions"]))
    got.cursors = _advance(since, got)
    return got


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
    cursors: Cursors = {}
    for name in STREAMS:
        # A list that brought nothing keeps its cursor; a new one starts at what we saw.
        value = _newest([newest[name], since.get(name)]) or watermark
        if value is not None:
            cursors[name] = value
    return cursors


def _valid(items: Iterable[T | Invalid]) -> Iterable[T]:
    return (item for item in items if not isinstance(item, Invalid))


def _newest(values: Iterable[dt.datetime | None]) -> dt.datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None
