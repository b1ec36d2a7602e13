"""Records as Wonde sends them, checked at the edge: dates, includes, flags and bad records."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from tests.wonde.wire import Script, page, when
from wonde.models import Deletion, Invalid, School, Student

LONDON = ZoneInfo("Europe/London")


def student(**fields) -> Student:
    return Student.model_validate({"id": "S1", **fields})


def test_it_reads_a_datetime_object_with_microseconds():
    updated = student(updated_at=when("2022-09-05 14:21:15.123456")).updated_at
    assert updated == dt.datetime(2022, 9, 5, 14, 21, 15, 123456, tzinfo=dt.UTC)


def test_it_reads_a_datetime_object_without_microseconds():
    updated = student(updated_at=when("2022-01-28 15:45:10")).updated_at
    assert updated == dt.datetime(2022, 1, 28, 15, 45, 10, tzinfo=dt.UTC)


def test_a_datetime_object_is_aware():
    updated = student(updated_at=when("2022-09-05 14:21:15.000000")).updated_at
    assert updated is not None and updated.utcoffset() == dt.timedelta(0)


def test_a_datetime_object_keeps_its_own_time_zone():
    restored = student(restored_at=when("2022-07-01 09:00:00.000000", "Europe/London")).restored_at
    assert restored == dt.datetime(2022, 7, 1, 8, 0, tzinfo=dt.UTC)


def test_it_reads_a_plain_date_string():
    assert student(date_of_birth="2016-09-29").date_of_birth == dt.date(2016, 9, 29)


def test_it_reads_a_date_from_a_datetime_object():
    assert student(date_of_birth=when("2016-09-29 00:00:00.000000")).date_of_birth == dt.date(
        2016, 9, 29
    )


def test_a_london_person_date_keeps_its_calendar_date_in_summer_time():
    # Midnight in London in June is 23:00 the day before in UTC: the birthday must not move.
    born = student(date_of_birth=when("2016-06-01 00:00:00.000000", "Europe/London"))
    assert born.date_of_birth == dt.date(2016, 6, 1)


def test_a_london_admission_date_keeps_its_calendar_date():
    details = {"data": {"admission_date": when("2021-09-01 00:00:00.000000", "Europe/London")}}
    assert student(education_details=details).education_details.admission_date == dt.date(
        2021, 9, 1
    )


def test_it_reads_a_null_date_as_none():
    assert student(date_of_birth=None, updated_at=None).date_of_birth is None


def test_it_ignores_unknown_keys():
    record = student(surname="Khan", initials="AK", favourite_colour="green", extra={"a": 1})
    assert record.surname == "Khan"
    assert not hasattr(record, "favourite_colour")


def test_a_student_with_only_an_id_is_fine():
    record = student()
    assert (record.forename, record.year, record.classes, record.contacts) == (None, None, (), ())


def test_a_student_without_an_id_is_rejected():
    with pytest.raises(ValidationError):
        Student.model_validate({"forename": "Amira"})


def test_it_unwraps_a_to_one_include():
    record = student(year={"data": {"id": "G1", "name": "Year 3", "code": "3"}})
    assert record.year is not None and record.year.name == "Year 3"


def test_it_reads_a_to_one_include_of_null_as_none():
    assert student(extended_details={"data": None}).extended_details is None


def test_it_reads_a_to_one_left_as_an_id_as_none():
    assert student(year="G1").year is None


def test_it_unwraps_a_to_many_include():
    record = student(classes={"data": [{"id": "C1", "name": "3A/Ma"}, {"id": "C2"}]})
    assert [c.id for c in record.classes] == ["C1", "C2"]


def test_it_reads_an_empty_to_many_include_as_empty():
    assert student(sen_needs={"data": []}).sen_needs == ()


def test_it_reads_a_to_many_include_of_null_as_empty():
    assert student(contacts={"data": None}).contacts == ()


def test_it_unwraps_a_contact_and_its_contact_details():
    contact = {
        "id": "C1",
        "relationship": {"relationship": "Mother", "parental_responsibility": True},
        "contact_details": {"data": {"emails": {"email": "", "home": "mum@home.example"}}},
    }
    (mother,) = student(contacts={"data": [contact]}).contacts
    assert mother.relationship is not None and mother.relationship.parental_responsibility
    assert mother.contact_details is not None
    assert mother.contact_details.email == "mum@home.example"


def test_it_keeps_a_numeric_mis_id_as_a_string():
    assert student(mis_id=12345).mis_id == "12345"


def test_it_keeps_a_numeric_urn_as_a_string():
    assert School.model_validate({"id": "A1", "urn": 10003}).urn == "10003"


@pytest.mark.parametrize(
    ("wire", "flag"),
    [
        ("Y", True),
        ("N", False),
        ("y", True),
        ("Yes", True),
        ("No", False),
        (1, True),
        (0, False),
        ("1", True),
        ("0", False),
        (True, True),
        (False, False),
        ("true", True),
        ("false", False),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_a_flag_in_any_of_wondes_forms(wire, flag):
    details = student(extended_details={"data": {"free_school_meals": wire}}).extended_details
    assert details is not None and details.free_school_meals is flag


def test_a_flag_it_cannot_read_is_rejected():
    with pytest.raises(ValidationError, match="free_school_meals"):
        student(extended_details={"data": {"free_school_meals": "sometimes"}})


BAD_DATES = ["2016-02-30", "29/09/2016", {"date": None}, 20160929]


@pytest.mark.parametrize("bad", BAD_DATES)
def test_a_date_it_cannot_read_is_rejected(bad):
    with pytest.raises(ValidationError, match="date_of_birth"):
        student(date_of_birth=bad)


def test_a_date_with_a_time_zone_that_is_not_text_is_rejected():
    with pytest.raises(ValidationError, match="date_of_birth"):
        student(date_of_birth={"date": "2016-09-29 00:00:00", "timezone_type": 3, "timezone": 3})


@pytest.mark.parametrize(
    "zero", ["0000-00-00", "0000-00-00 00:00:00", when("-0001-11-30 00:00:00.000000"), ""]
)
def test_a_php_zero_date_reads_as_no_date(zero):
    assert student(date_of_birth=zero).date_of_birth is None


def test_a_student_with_a_bad_date_keeps_the_rest_of_the_record_beside_the_valid_ones(connect):
    records = [
        {"id": "S1", "surname": "Khan"},
        {"id": "S2", "upi": "U2", "surname": "Ali", "date_of_birth": "2016-13-01"},
        {"id": "S3", "surname": "Jones"},
    ]
    client, _ = connect(Script(page(records)))
    first, odd, last = client.students("A1")
    assert all(isinstance(r, Student) for r in (first, odd, last))
    assert (odd.id, odd.upi, odd.surname, odd.date_of_birth) == ("S2", "U2", "Ali", None)
    (dropped,) = odd.unreadable
    assert (dropped.field, dropped.value) == ("date_of_birth", "2016-13-01")
    assert dropped.expected.startswith("a date")


def test_a_bad_value_does_not_stop_the_pages_after_it(connect):
    records = [{"id": "S1", "extended_details": {"data": {"in_lea_care": "perhaps"}}}]
    script = Script(page(records, "https://api.wonde.com/v1.0/p2"), page([{"id": "S2"}]))
    client, _ = connect(script)
    first, second = client.students("A1")
    assert (first.id, second.id) == ("S1", "S2")
    assert first.broken("extended_details.in_lea_care") and not second.unreadable


def test_a_record_without_an_id_comes_back_invalid_with_the_identities_it_has(connect):
    client, _ = connect(Script(page([{"forename": "Amira", "upi": "U9", "mis_id": 9}])))
    (record,) = client.students("A1")
    assert isinstance(record, Invalid)
    assert (record.id, record.upi, record.mis_id) == (None, "U9", "9")
    assert record.error == "id: expected a value"


def test_a_deletion_with_a_bad_date_is_still_a_deletion(connect):
    client, _ = connect(Script(page([{"id": "D1", "deleted_at": "yesterday"}])))
    (record,) = client.deletions("A1")
    assert isinstance(record, Deletion) and record.id == "D1" and record.deleted_at is None
    assert record.broken("deleted_at")


def test_a_deletion_keeps_its_deleted_at(connect):
    client, _ = connect(Script(page([{"id": "D1", "deleted_at": when("2026-03-02 10:00:00")}])))
    (record,) = client.deletions("A1")
    assert isinstance(record, Deletion)
    assert record.deleted_at == dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
