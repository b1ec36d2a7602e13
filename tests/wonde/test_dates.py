"""Wonde's dates, read by `datetime.fromisoformat` first and `strptime` only for looser text."""

import datetime as dt

import pytest

from wonde.dates import parse_date, parse_datetime


def test_it_reads_a_date_object_with_its_fraction_in_its_zone():
    value = {"date": "2022-09-05 14:21:15.000000", "timezone_type": 3, "timezone": "Europe/London"}
    assert parse_datetime(value) == dt.datetime(2022, 9, 5, 13, 21, 15, tzinfo=dt.UTC)


def test_it_reads_a_time_without_a_fraction_as_utc():
    assert parse_datetime("2022-09-05T14:21:15Z") == dt.datetime(
        2022, 9, 5, 14, 21, 15, tzinfo=dt.UTC
    )


def test_it_keeps_an_offset_the_text_gives():
    parsed = parse_datetime("2022-09-05 14:21:15+01:00")
    assert parsed == dt.datetime(2022, 9, 5, 13, 21, 15, tzinfo=dt.UTC)


def test_it_reads_a_plain_date():
    assert parse_date("2012-02-29") == dt.date(2012, 2, 29)


def test_it_reads_a_fraction_of_any_length():
    assert parse_datetime("2022-09-05 14:21:15.1").microsecond == 100_000


@pytest.mark.parametrize("text", ["05/09/2022", "2022-13-01", "soon"])
def test_it_refuses_text_that_is_no_date(text):
    with pytest.raises(ValueError, match="a date"):
        parse_datetime(text)
