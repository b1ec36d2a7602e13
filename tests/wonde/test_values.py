"""Values as Wonde writes them: dates, flags, ids, includes, SEN codes and gender, read without
the transport."""

import datetime as dt

import pytest

from wonde import adapter
from wonde.dates import parse_date, parse_datetime
from wonde.models import Student


def test_it_reads_a_date_time_object_with_microseconds():
    value = {"date": "2022-09-05 14:21:15.000000", "timezone_type": 3, "timezone": "UTC"}
    assert parse_datetime(value) == dt.datetime(2022, 9, 5, 14, 21, 15, tzinfo=dt.UTC)


def test_it_reads_a_date_time_object_without_microseconds():
    value = {"date": "2022-01-28 15:45:10", "timezone_type": 3, "timezone": "UTC"}
    assert parse_datetime(value).second == 10


def test_it_reads_a_plain_date():
    assert parse_date("2016-09-29") == dt.date(2016, 9, 29)


def test_a_london_date_keeps_its_calendar_day():
    value = {"date": "2010-06-11 00:00:00.000000", "timezone": "Europe/London"}
    assert parse_date(value) == dt.date(2010, 6, 11)


def test_a_date_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        parse_date("next Tuesday")


def test_a_student_ignores_unknown_keys_and_missing_ones():
    student = Student.model_validate({"id": "A1", "shoe_size": 4})
    assert student.forename is None and student.classes == ()


def test_includes_are_unwrapped():
    student = Student.model_validate(
        {
            "id": "A1",
            "education_details": {"data": {"upn": "K881999018001"}},
            "extended_details": {"data": None},
            "classes": {"data": [{"name": "7A/Ma1"}]},
            "sen_needs": {"data": []},
        }
    )
    assert student.education_details.upn == "K881999018001"
    assert student.extended_details is None
    assert [c.name for c in student.classes] == ["7A/Ma1"]
    assert student.sen_needs == ()


def test_a_numeric_mis_id_becomes_a_string():
    assert Student.model_validate({"id": "A1", "mis_id": 9919}).mis_id == "9919"


@pytest.mark.parametrize(
    ("raw", "flag"),
    [("Y", True), ("N", False), (1, True), ("0", False), ("Yes", True), (True, True), (None, None)],
)
def test_flags_are_read_however_they_are_written(raw, flag):
    assert adapter.to_flag(raw) is flag


def test_the_first_email_that_is_set_is_used():
    emails = {"email": "  ", "primary": None, "home": "home@example.org", "work": "w@example.org"}
    assert adapter.pick_email(emails) == "home@example.org"
