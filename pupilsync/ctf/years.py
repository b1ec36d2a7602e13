"""Which academic year a CTF speaks for, and which of our years its values go into. Pure.

The header's `SourceSchool/AcademicYear` is the start year of the year the file describes (SIMS
wrote 2019 on 30 April 2020); a file without it is placed by its `DateTime`, through the same
term-date rule the Wonde sync uses. A transfer file from the pupils' last school is for the
year they join us: a file made in June, July or August is the end-of-year transfer (Year 6 to
Year 7), so they join in the September after it, a year group up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pupilsync.ctf.parser import Header
from pupilsync.termdates import label

TRANSFER_WORDS = ("transfer", "last school", "previous school")
SUMMER_MONTHS = (6, 7, 8)


@dataclass(frozen=True)
class SchoolIds:
    """How the DfE knows our school, to tell our own export from another school's file."""

    urn: str = ""
    la_code: str = ""
    establishment: str = ""


@dataclass(frozen=True)
class FileYear:
    year: int  # the academic year the file describes
    target: int  # the academic year its per-year values are written into
    current: int  # our current academic year, as the sync reckons it
    transfer: bool = False
    source: str = ""  # the sending school, for words

    @property
    def shift(self) -> int:
        """Years to move a joiner's year group on by: the file's year to the year they join."""
        return self.target - self.year

    @property
    def is_current(self) -> bool:
        return self.target == self.current

    def warning(self) -> str | None:
        """In plain words, why this file's year is not simply this year; None when it is."""
        target, current = label(self.target), label(self.current)
        if self.transfer and self.shift:
            moved = (
                f"the pupils join us in {target}, so their year groups are moved on by {self.shift}"
            )
            tail = "" if self.is_current else f" ({target} is not the current year, {current})"
            return f"this is a transfer file for {label(self.year)}: {moved}{tail}"
        if self.target < self.current:
            return (
                f"this file is for {target}, not the current year ({current}): its year "
                f"groups, SEN and attendance go into {target}, and {current} is not touched"
            )
        if self.target > self.current:
            return (
                f"this file is for {target}, which has not started (the current year is "
                f"{current}): its year groups, SEN and attendance go into {target}"
            )
        return None


def is_transfer(header: Header, ours: SchoolIds) -> bool:
    """A file sent to us by another school, rather than our own MIS's export."""
    kind = (header.document_type or "").casefold()
    if any(word in kind for word in TRANSFER_WORDS):
        return True
    source = _ids(header.source_urn, header.source_la, header.source_estab)
    dest = _ids(header.dest_urn, header.dest_la, header.dest_estab)
    us = _ids(ours.urn, ours.la_code, ours.establishment)
    if not us or not source or not dest:
        return False  # we cannot tell: read it as our own file
    return not (source & us) and bool(dest & us)


def file_year(
    header: Header, current: int, year_of: Callable[[dt.date], int], transfer: bool
) -> FileYear:
    """The file's year from its header, and the year its values belong to here."""
    made = header.made
    year = header.academic_year
    if year is None:
        year = year_of(made.date()) if made is not None else current
    target = year
    if transfer:
        summer = made is not None and made.month in SUMMER_MONTHS and year_of(made.date()) == year
        target = year + 1 if summer else year
    return FileYear(year, target, current, transfer, header.source())


def move_on(year_group: str, years: int) -> str:
    """A year group `years` years later: N1 -> N2 -> R -> 1 -> 2 ...; an unknown code stays."""
    ladder = ["N1", "N2", "R", *(str(n) for n in range(1, 15))]
    code = year_group.strip().upper()
    if code not in ladder or years <= 0:
        return year_group
    return ladder[min(ladder.index(code) + years, len(ladder) - 1)]


def _ids(urn: str | None, la: str | None, estab: str | None) -> set[str]:
    found = set()
    if urn and urn.isdigit():
        found.add(f"urn:{urn}")
    if la and estab and la.isdigit() and estab.isdigit():
        found.add(f"dfe:{la}{estab}")
    return found
