"""Plain warnings on a CTF preview: the file's age or future date, another destination school,
year groups that fit neither the pupil's age nor the school's phase, pupils the MIS may not hold.
Every date is explicit: the file is dated 1 July 2025."""

from __future__ import annotations

import datetime as dt

import pytest

from pupilsync import labels
from pupilsync.ctf import service
from pupilsync.models import SyncRun
from pupilsync.web.ctf_warnings import expected_year, warnings
from tests.ctf.builders import ctf, pupil

pytestmark = pytest.mark.django_db
MADE = dt.date(2025, 7, 1)
YEAR6 = "<BasicDetails><NCyearActual>6</NCyearActual></BasicDetails>"


def warned(school, data: bytes, today: dt.date) -> list[str]:
    return warnings(service.build_preview(school, data, today=today), data)


def test_a_file_made_years_ago_is_called_old(school):
    [text] = [w for w in warned(school, ctf(pupil()), dt.date(2027, 9, 10)) if "ago" in w]
    assert text.startswith("This file was made on 1 July 2025, 2 years ago")


def test_a_file_dated_in_the_future_says_so(school):
    found = warned(school, ctf(pupil()), MADE - dt.timedelta(days=3))
    assert any("dated 1 July 2025, in the future" in w for w in found)


def test_a_recent_file_gets_no_age_warning(school):
    assert not any("ago" in w for w in warned(school, ctf(pupil()), MADE + dt.timedelta(days=20)))


def test_a_file_for_another_school_says_whose_it_is(school):
    school.la_code, school.establishment_number = "873", "4000"
    school.save()
    found = warned(school, ctf(pupil()), MADE)  # the builder's file is addressed to 873/9002
    assert any("addressed to another school (873/9002)" in w for w in found)


def test_a_file_for_this_school_gets_no_destination_warning(school):
    school.la_code, school.establishment_number = "873", "9002"
    school.save()
    assert not any("addressed to" in w for w in warned(school, ctf(pupil()), MADE))


def test_a_year_6_pupil_born_in_2009_is_implausible():
    assert expected_year(dt.date(2009, 3, 1), 2025) == 12
    assert expected_year(dt.date(2014, 9, 1), 2025) == 6


def test_a_pupil_whose_year_does_not_fit_their_birth_is_named(school):
    data = ctf(
        pupil("<BasicDetails><NCyearActual>6</NCyearActual></BasicDetails>", dob="2009-03-01")
    )
    found = warned(school, data, MADE)
    assert any("is in Year 6 but was born on 1 March 2009" in w for w in found), found


def test_new_pupils_at_a_synced_school_may_be_archived_by_the_next_full_sync(school):
    SyncRun.objects.create(
        school=school,
        trigger="schedule",
        status="completed",
        started_at=dt.datetime(2025, 7, 1, 2, tzinfo=dt.UTC),
    )
    found = warned(school, ctf(pupil()), MADE)
    assert any("the next full sync will archive them, with their results" in w for w in found)


def test_codes_read_by_name_with_the_code_beside():
    assert labels.field_value("ethnicity", "WBRI") == "White - British (WBRI)"
    assert labels.field_value("first_language", "ENG") == "English (ENG)"
    assert labels.field_value("sen_needs", [{"type": "SPLD", "rank": 1}]) == [
        "1. Specific learning difficulty (SPLD)"
    ]


def test_contacts_read_as_lines_not_dicts():
    contact = {
        "name": "Miss Victoria Evans",
        "relationship": "Mother",
        "priority": 1,
        "email": None,
    }
    assert labels.field_value("contacts", [contact]) == [
        "Miss Victoria Evans (Mother, priority 1, no email)"
    ]


def test_fields_read_by_their_names():
    assert labels.field_name("former_upn") == "Former UPN"
    assert labels.field_value("fsm", True) == "Yes"
