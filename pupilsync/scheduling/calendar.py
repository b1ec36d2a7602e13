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
# Words for school staff: the pages and buttons, never a shell command (docs/schedule.md has
# the commands for operators).
ADD_TERM_DATES = "Add the {year_label} dates under Change School Settings > Term Dates."


@dataclass(frozen=True)
class SchoolState:
    connection: str
    queued: bool = False
    running: bool = False


@dataclass(frozen=True)
class Decision:
    allowed: bool
    code: str  # ok | not_connected | requested | revoked | declined | queued | running |
    #            summer_pause | term_dates_missing | no_term_dates
    reason: str
    academic_year: int
    what_to_do: str = ""
    resumes_on: dt.date | None = None
    warnings: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "code": self.code,
            "reason": self.reason,
            "academic_year": self.academic_year,
            "what_to_do": self.what_to_do,
            "resumes_on": self.resumes_on.isoformat() if self.resumes_on else None,
            "warnings": list(self.warnings),
        }


NOT_APPROVED = {
    "not_connected": (
        "the school is not connected to Wonde",
        "Request access under Manage Pupils > Update Pupils > Wonde; the sync starts once the "
        "school approves it in its Wonde portal.",
    ),
    "requested": (
        "access has been requested and is waiting for the school's approval in Wonde",
        "Ask the contact named in the request to approve pupilsync in the Wonde portal.",
    ),
    "revoked": (
        "the school revoked pupilsync's access in Wonde; the data already synced is kept",
        "Request access again if the school wants the sync back.",
    ),
    "declined": (
        "the school declined pupilsync's access request in Wonde",
        "Request access again once the school is ready to approve it.",
    ),
}


def decide(state: SchoolState, terms: Sequence[Terms], day: dt.date) -> Decision:
    year = academic_year_on(day, terms)
    if state.connection != APPROVED:
        reason, what = NOT_APPROVED.get(state.connection, (state.connection, ""))
        return Decision(False, state.connection, f"No sync: {reason}.", year, what)
    if state.running:
        return Decision(
            False,
            "running",
            "A sync of this school is running now.",
            year,
            "Wait for it to finish; nothing more was queued.",
        )
    if state.queued:
        return Decision(
            False,
            "queued",
            "A sync of this school is already queued.",
            year,
            "It will run shortly; nothing more was queued.",
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
            "Nothing to do: it resumes by itself.",
            resumes_on=resumes,
        )
    if this_year is not None:
        return Decision(True, "ok", "The sync may run.", year)
    code = "term_dates_missing" if terms else "no_term_dates"
    what = ADD_TERM_DATES.format(year_label=label(year))
    missing = (
        f"the term dates for {label(year)} are missing"
        if terms
        else "the school has no term dates at all"
    )
    deadline = dt.date(year, 12, 31)
    if day <= deadline:
        warning = f"Warning: {missing}; add them by {_day(deadline)} or the sync will stop."
        return Decision(True, "ok", "The sync may run.", year, what, warnings=(warning,))
    return Decision(
        False,
        code,
        f"The sync has stopped: {missing}, and they were due by {_day(deadline)}.",
        year,
        what,
    )


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
