"""Whether a school's sync may run on a given day: pure functions of (state, term dates, day).

The rules, from the product guide:
- only an approved connection syncs, and only one sync of a school is queued or running;
- from the day after Summer 2 ends until 31 August nothing runs, so an MIS that has rolled
  over early cannot write next year's classes into this year; it resumes on 1 September, or
  on the new year's Autumn 1 if that begins in late August (termdates.academic_year_on);
- a year's term dates are due by 31 December: until then the sync runs and warns, from
  1 January it stops until they are added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pupilsync.termdates import Terms, academic_year_on, label

APPROVED = "approved"


@dataclass(frozen=True)
class SchoolState:
    connection: str
    queued: bool = False
    running: bool = False


@dataclass(frozen=True)
class Decision:
    """What the rules say, as facts: what school staff can do about it is in
    scheduling/advice.py, beside the pages, the emails and the CLI that say it."""

    allowed: bool
    code: str  # ok | not_connected | requested | revoked | declined | queued | running |
    #            summer_pause | term_dates_missing | no_term_dates
    reason: str
    academic_year: int
    resumes_on: dt.date | None = None
    warnings: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "code": self.code,
            "reason": self.reason,
            "academic_year": self.academic_year,
            "resumes_on": self.resumes_on.isoformat() if self.resumes_on else None,
            "warnings": list(self.warnings),
        }


NOT_APPROVED = {
    "not_connected": "the school is not connected to Wonde",
    "requested": "access has been requested and is waiting for the school's approval in Wonde",
    "revoked": "the school revoked pupilsync's access in Wonde; the data already synced is kept",
    "declined": "the school declined pupilsync's access request in Wonde",
}


def decide(state: SchoolState, terms: Sequence[Terms], day: dt.date) -> Decision:
    year = academic_year_on(day, terms)
    if state.connection != APPROVED:
        reason = NOT_APPROVED.get(state.connection, state.connection)
        return Decision(False, state.connection, f"No sync: {reason}.", year)
    if state.running:
        return Decision(
            False,
            "running",
            "A sync of this school is running now.",
            year,
        )
    if state.queued:
        return Decision(
            False,
            "queued",
            "A sync of this school is already queued.",
            year,
        )
    return _calendar(terms, day, year)


def _calendar(terms: Sequence[Terms], day: dt.date, year: int) -> Decision:
    this_year = next((t for t in terms if t.academic_year == year), None)
    if this_year is not None and day > this_year.summer_end:
        resumes = dt.date(year + 1, 9, 1)
        return Decision(
            False,
            "summer_pause",
            f"The sync is paused for the summer (Summer 2 ended on "
            f"{_day(this_year.summer_end)}); it resumes on {_day(resumes)}.",
            year,
            resumes_on=resumes,
        )
    if this_year is not None:
        return Decision(True, "ok", "The sync may run.", year)
    code = "term_dates_missing" if terms else "no_term_dates"
    missing = (
        f"the term dates for {label(year)} are missing"
        if terms
        else "the school has no term dates at all"
    )
    deadline = dt.date(year, 12, 31)
    if day <= deadline:
        warning = f"Warning: {missing}; add them by {_day(deadline)} or the sync will stop."
        return Decision(True, "ok", "The sync may run.", year, warnings=(warning,))
    return Decision(
        False,
        code,
        f"The sync has stopped: {missing}, and they were due by {_day(deadline)}.",
        year,
    )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
