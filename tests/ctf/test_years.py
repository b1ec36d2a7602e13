"""Which academic year a CTF is for, and which of our years it writes: pure rules."""

from __future__ import annotations

import datetime as dt

from pupilsync.ctf.parser import Header
from pupilsync.ctf.years import FileYear, SchoolIds, file_year, is_transfer, move_on
from pupilsync.termdates import academic_year_on


def by_calendar(day: dt.date) -> int:
    """The year a school without term dates places a day in."""
    return academic_year_on(day, [])


US = SchoolIds(urn="100000", la_code="873", establishment="9001")


def header(**values: object) -> Header:
    base: dict[str, object] = {
        "version": "19.0",
        "qualifier": "full",
        "supplier": "SIMS",
        "source_la": "873",
        "source_estab": "9001",
        "source_name": "Larkfield Primary School",
        "created": "2020-04-30T07:24:22",
    }
    return Header(**(base | values))  # type: ignore[arg-type]


def test_the_headers_academic_year_is_the_files_year():
    year = file_year(header(academic_year=2019), 2026, by_calendar, transfer=False)
    assert (year.year, year.target, year.current) == (2019, 2019, 2026)


def test_without_an_academic_year_the_files_date_places_it():
    year = file_year(header(), 2026, by_calendar, transfer=False)
    assert year.year == 2019


def test_the_files_date_is_placed_by_the_rule_it_is_given():
    # A school whose 2020/21 began on 27 August: the sync's term-date rule says so, not 1 Sept.
    def by_terms(day: dt.date) -> int:
        return 2020 if day >= dt.date(2020, 8, 27) else by_calendar(day)

    made = header(created="2020-08-28T10:00:00")
    assert file_year(made, 2026, by_terms, transfer=False).year == 2020


def test_a_file_of_the_current_year_has_no_warning():
    assert FileYear(2026, 2026, 2026).warning() is None


def test_a_file_for_a_year_not_yet_begun_is_said_to_be_so():
    assert "has not started" in str(FileYear(2027, 2027, 2026).warning())


def test_a_summer_transfer_is_for_the_year_after_the_files():
    made = header(created="2026-07-10T11:20:00", academic_year=2025)
    year = file_year(made, 2026, by_calendar, transfer=True)
    assert (year.target, year.shift) == (2026, 1)


def test_an_in_year_transfer_is_for_the_files_own_year():
    made = header(created="2026-02-03T11:20:00", academic_year=2025)
    year = file_year(made, 2025, by_calendar, transfer=True)
    assert (year.target, year.shift) == (2025, 0)


def test_a_file_from_another_school_to_us_is_a_transfer():
    sent = header(source_la="873", source_estab="9003", dest_la="873", dest_estab="9001")
    assert is_transfer(sent, US)


def test_our_own_export_is_not_a_transfer():
    own = header(dest_la="873", dest_estab="9002")
    assert not is_transfer(own, US)


def test_without_knowing_our_school_only_the_document_type_says_transfer():
    sent = header(source_estab="9003", dest_la="873", dest_estab="9001")
    assert not is_transfer(sent, SchoolIds())
    assert is_transfer(header(document_type="CTF from last school"), SchoolIds())


def test_year_groups_move_on_through_the_foundation_years():
    assert [move_on(code, 1) for code in ("N1", "N2", "R", "6", "13", "X")] == [
        "N2",
        "R",
        "1",
        "7",
        "14",
        "X",
    ]
