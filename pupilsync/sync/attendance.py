"""Attendance figures derived from the raw session counts we store."""

from __future__ import annotations

from typing import Any


def summary(year: dict[str, Any], *, add_unexplained: bool = True) -> dict[str, int | None] | None:
    """possible / present / authorised / unauthorised / unexplained, or None if never synced.

    Unexplained absences (code N, "no reason yet provided") are unauthorised by DfE definition;
    the school's "Add unexplained absence to unauthorised count" setting (on by default) says
    whether the unauthorised figure includes them.
    """
    if year.get("att_possible") is None:
        return None
    unauthorised = year.get("att_unauthorised")
    unexplained = year.get("att_unexplained")
    if add_unexplained and unauthorised is not None:
        unauthorised += unexplained or 0
    return {
        "possible": year["att_possible"],
        "present": year.get("att_present"),
        "authorised": year.get("att_authorised"),
        "unauthorised": unauthorised,
        "unexplained": unexplained,
    }


def percentage(year: dict[str, Any]) -> float | None:
    possible: int | None = year.get("att_possible")
    present: int | None = year.get("att_present")
    if not possible or present is None:
        return None
    return round(100 * present / possible, 1)
