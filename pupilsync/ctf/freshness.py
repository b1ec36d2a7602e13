"""A file older than what we hold never rolls it back. Pure: no database.

Every value we hold has a date: when its source said it (a CTF's `DateTime`, a sync's run).
The history gives it per field, and per academic year for a year's values; a value with no
change in the history is as old as the pupil's arrival, when that put it there. A file made
before that date leaves the value as it is, and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from pupilsync.sync.diff import HeldPupil
from pupilsync.sync.records import UNSET, PupilFields, PupilRecord, YearFields

V = TypeVar("V", PupilFields, YearFields)

# When each value we hold was said: (pupil id, field) -> when. The field "pupil" is the
# pupil's arrival; a year's fields are for the year being imported into.
HeldDates = dict[tuple[int, str], dt.datetime]
ARRIVED = "pupil"
IDENTITY = frozenset({"upn"})  # how the file names the pupil: never held back


@dataclass(frozen=True)
class Kept:
    """Values a file would have changed, left as we hold them because ours are newer."""

    pupil_id: int
    pupil_name: str
    fields: tuple[str, ...]
    held_since: dt.datetime  # the newest of the values kept


def keep_newer(
    record: PupilRecord, pupil: HeldPupil, made: dt.datetime | None, dates: HeldDates
) -> tuple[PupilRecord, Kept | None]:
    """The record without the values we hold from after `made`, and what was kept."""
    if made is None or not dates:
        return record, None  # a file that does not say when it was made cannot be older
    after, arrived = made, dates.get((pupil.id, ARRIVED))
    kept: dict[str, dt.datetime] = {}

    def fresh(values: V, held: V | None) -> V:
        older: dict[str, Any] = {}
        for name, value in values.sent().items():
            since = dates.get((pupil.id, name)) or (arrived if held is not None else None)
            if name in IDENTITY or since is None or after >= since:
                continue
            older[name] = UNSET
            if held is not None and getattr(held, name) != value:
                kept[name] = since
        return replace(values, **older) if older else values

    fields = fresh(record.fields, pupil.fields)
    year = fresh(record.year, pupil.year)
    trimmed = replace(record, fields=fields, year=year)
    if not kept:
        return trimmed, None
    return trimmed, Kept(pupil.id, pupil.name, tuple(kept), max(kept.values()))
