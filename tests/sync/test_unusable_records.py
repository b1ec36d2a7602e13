"""A value or record we cannot read never costs a pupil their place or a value we hold."""

import pytest

from pupilsync.sync.diff import make_plan
from pupilsync.sync.fetch import Fetched
from pupilsync.sync.mapping import incoming_from, map_student
from pupilsync.sync.options import SyncOptions
from pupilsync.sync.records import UNSET, Identity, Incoming
from tests.sync.builders import TODAY, held
from wonde.models import Invalid, Student
from wonde.reading import read


def wire_student(**overrides):
    raw = {
        "id": "A100",
        "upi": "u-100",
        "mis_id": "100",
        "forename": "Amelia",
        "surname": "Hughes",
        "date_of_birth": "2014-10-02",
        "extended_details": {"data": {"sen_status": "K", "english_as_additional_language": "N"}},
        "sen_needs": {"data": [{"type": "SLCN", "rank": 1}]},
        "contacts": {"data": [{"id": "C1", "surname": "Hughes"}]},
    }
    return read(Student, raw | overrides)[0]


def test_a_held_pupil_named_by_an_unusable_record_stays_on_a_full_roll():
    incoming = Incoming(complete=True, sightings=[Identity(wonde_id="Wu-1")])
    plan = make_plan([held(1, "u-1"), held(2, "u-2")], incoming, today=TODAY)
    assert [c.pupil_id for c in plan.changes if c.archived] == [2]


@pytest.mark.parametrize(
    "identity",
    [Identity(upi="u-1"), Identity(mis_id="m-1"), Identity(upn="K881999018001")],
)
def test_any_identity_in_an_unusable_record_keeps_its_pupil(identity):
    pupil = held(1, "u-1", mis_id="m-1", upn="K881999018001")
    plan = make_plan([pupil], Incoming(complete=True, sightings=[identity]), today=TODAY)
    assert plan.is_empty


def test_an_unusable_record_naming_no_held_pupil_creates_no_one():
    plan = make_plan([], Incoming(complete=True, sightings=[Identity(upi="new")]), today=TODAY)
    assert plan.is_empty


def test_a_record_with_no_name_is_a_sighting_not_a_pupil():
    fetched = Fetched(full=False, students=[wire_student(forename="")])
    incoming = incoming_from(fetched)
    assert incoming.pupils == [] and incoming.sightings[0].upi == "u-100"
    assert [p.code for p in incoming.problems] == ["missing_name"]


def test_a_record_without_an_id_is_a_sighting_by_its_other_identities():
    invalid = Invalid(id=None, upi="u-7", mis_id="7", error="id: expected a value")
    incoming = incoming_from(Fetched(full=False, students=[invalid]))
    assert incoming.sightings == [Identity(upi="u-7", mis_id="7")]


def test_an_unreadable_flag_keeps_the_held_flag_and_is_an_issue_naming_the_pupil():
    odd = {"data": {"sen_status": "K", "english_as_additional_language": "perhaps"}}
    pupil, problems = map_student(wire_student(extended_details=odd))
    assert pupil.fields.eal is UNSET
    (problem,) = problems
    assert problem.code == "unreadable_value" and problem.pupil_name == "Amelia Hughes"
    assert "extended_details.english_as_additional_language" in problem.message
    assert "'perhaps'" in problem.message and "yes or no" in problem.message


def test_an_unreadable_date_of_birth_keeps_the_held_one():
    pupil, problems = map_student(wire_student(date_of_birth="31/02/2014"))
    assert pupil.fields.date_of_birth is UNSET
    assert {p.code for p in problems} == {"unreadable_value", "missing_date_of_birth"}


def test_an_unreadable_need_keeps_the_held_needs_but_reads_the_provision():
    needs = {"data": [{"type": "SLCN", "rank": "first"}]}
    pupil, _ = map_student(wire_student(sen_needs=needs))
    assert pupil.year.sen_provision == "K" and pupil.year.sen_needs is UNSET


def test_an_unreadable_sen_status_is_not_read_as_no_sen():
    extended = {"data": {"sen_status": ["K"]}}
    pupil, _ = map_student(
        wire_student(extended_details=extended), SyncOptions(null_means_no_sen=True)
    )
    assert pupil.year.sen_provision is UNSET and pupil.year.sen_needs is UNSET


def test_an_unreadable_contact_keeps_the_held_contacts():
    contacts = {"data": [{"id": "C1", "relationship": {"priority": "first"}}]}
    pupil, _ = map_student(wire_student(contacts=contacts))
    assert pupil.fields.contacts is UNSET


def test_a_clean_record_keeps_every_field():
    pupil, problems = map_student(wire_student())
    assert problems == [] or {p.code for p in problems} == {"missing_upn"}
    assert pupil.fields.eal is False and pupil.year.sen_needs == [{"type": "SLCN", "rank": 1}]
    assert len(pupil.fields.contacts) == 1
