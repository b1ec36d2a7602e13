import datetime as dt

from pupilsync.sync.mapping import map_attendance, map_deletion, map_student
from pupilsync.sync.records import UNSET
from tests.sync.builders import wonde_student
from wonde.models import AttendanceSummary, Deletion


def test_it_maps_identity_names_and_date_of_birth():
    record, problems = map_student(wonde_student())
    assert record is not None and problems == []
    assert record.identity.upi == "u-100"
    assert record.fields.forename == "Amelia"
    assert record.fields.date_of_birth == dt.date(2014, 10, 2)


def test_it_puts_year_group_classes_and_form_in_the_years_record():
    record, _ = map_student(wonde_student())
    assert record.year.year_group == "7"
    assert record.year.registration_group == "7A"
    assert record.year.classes == ["7A/En1", "7A/Ma1"]


def test_it_reads_sen_support_from_the_mis_text():
    student = wonde_student(
        extended_details={"data": {"sen_status": "SEN Support"}},
        sen_needs={"data": [{"type": "semh", "rank": 2}, {"type": "SLCN", "rank": 1}]},
    )
    record, _ = map_student(student)
    assert record.year.sen_provision == "K"
    assert record.year.sen_needs == [{"type": "SLCN", "rank": 1}, {"type": "SEMH", "rank": 2}]


def test_it_leaves_sen_alone_for_an_unknown_code_and_says_how_to_map_it():
    record, problems = map_student(wonde_student(extended_details={"data": {"sen_status": "MP"}}))
    assert record.year.sen_provision is UNSET
    assert problems[0].code == "unknown_sen_code" and "'MP'" in problems[0].message


def test_it_leaves_sen_alone_when_the_mis_sends_none():
    record, problems = map_student(wonde_student(extended_details={"data": {"sen_status": None}}))
    assert record.year.sen_provision is UNSET and problems == []


def test_it_sends_nothing_for_a_withheld_include():
    record, _ = map_student(wonde_student(extended_details={"data": None}))
    assert record.fields.fsm is UNSET
    assert record.year.pupil_premium is UNSET


def test_it_rejects_a_record_without_a_name():
    record, problems = map_student(wonde_student(surname=None))
    assert record is None
    assert problems[0].code == "missing_name" and problems[0].severity == "error"


def test_it_warns_about_a_missing_upn_but_keeps_the_pupil():
    record, problems = map_student(wonde_student(education_details={"data": {"upn": None}}))
    assert record is not None
    assert [p.code for p in problems] == ["missing_upn"]


def test_it_warns_about_a_upn_with_a_wrong_check_letter():
    student = wonde_student(education_details={"data": {"upn": "A881999018001"}})
    _, problems = map_student(student)
    assert [p.code for p in problems] == ["invalid_upn"]


def test_it_orders_contacts_by_priority_with_their_email():
    contacts = [
        {
            "id": "c2",
            "forename": "Tom",
            "surname": "Hughes",
            "relationship": {"relationship": "Father", "priority": 2},
            "contact_details": {"data": {"emails": {"email": None, "home": "tom@example.org"}}},
        },
        {
            "id": "c1",
            "forename": "Jo",
            "surname": "Hughes",
            "relationship": {
                "relationship": "Mother",
                "priority": 1,
                "parental_responsibility": True,
            },
            "contact_details": {"data": {"emails": {"email": "jo@example.org"}}},
        },
    ]
    record, _ = map_student(wonde_student(contacts={"data": contacts}))
    assert [c["email"] for c in record.fields.contacts] == ["jo@example.org", "tom@example.org"]
    assert record.fields.contacts[0]["parental_responsibility"] is True


def test_it_keeps_unexplained_absence_apart_from_unauthorised():
    summary = AttendanceSummary(
        student="A1",
        possible_marks=300,
        present_marks=280,
        authorised_absence_marks=10,
        unauthorised_absence_marks=6,
        unexplained_absence_marks=4,
    )
    record = map_attendance(summary)
    assert record.year.att_unauthorised == 6
    assert record.year.att_unexplained == 4


def test_it_ignores_a_deletion_that_was_restored():
    restored = Deletion(id="A1", deleted_at="2026-10-01", restored_at="2026-10-05")
    assert map_deletion(restored) is None
