import datetime as dt

from pupilsync.sync.diff import make_plan
from pupilsync.sync.records import Departure, Identity, Incoming, PupilRecord, YearFields
from tests.sync.builders import TODAY, held, record


def plan_for(held_pupils, records, *, complete=True, departures=()):
    incoming = Incoming(pupils=list(records), departures=list(departures), complete=complete)
    return make_plan(held_pupils, incoming, today=TODAY)


def test_it_creates_a_pupil_it_does_not_hold():
    plan = plan_for([], [record("u-1", year={"year_group": "7"})])
    assert len(plan.creates) == 1
    assert plan.creates[0].year.year_group == "7"
    assert plan.creates[0].year.on_roll is True


def test_it_changes_nothing_when_the_mis_has_not_changed():
    plan = plan_for([held(1, year={"year_group": "7"})], [record(year={"year_group": "7"})])
    assert plan.is_empty
    assert plan.unchanged == 1


def test_it_takes_the_mis_value_over_a_local_edit():
    plan = plan_for([held(1, surname="Edited", year={})], [record(surname="Lovelace")])
    assert plan.changes[0].fields == {"surname": ("Edited", "Lovelace")}


def test_it_names_only_the_fields_that_changed():
    plan = plan_for([held(1, fsm=False, ethnicity="WBRI")], [record(fsm=True, ethnicity="WBRI")])
    assert list(plan.changes[0].fields) == ["fsm"]


def test_it_leaves_a_field_alone_when_the_source_did_not_send_it():
    plan = plan_for([held(1, fsm=True, year={})], [record()])
    assert plan.is_empty


def test_it_matches_on_upi_before_mis_id():
    pupils = [held(1, "u-1", mis_id="9"), held(2, "u-2", mis_id="10")]
    plan = plan_for(pupils, [record("u-2", mis_id="9"), record("u-1", mis_id="10")])
    assert plan.creates == []


def test_it_matches_on_mis_id_when_the_upi_is_unknown():
    plan = plan_for([held(1, None, mis_id="55")], [record("u-new", mis_id="55")])
    assert plan.creates == []
    assert plan.changes[0].fields["upi"] == (None, "u-new")


def test_it_archives_a_pupil_missing_from_a_full_roll():
    plan = plan_for([held(1, "u-1"), held(2, "u-2")], [record("u-1")])
    archived = [c for c in plan.changes if c.archived]
    assert [c.pupil_id for c in archived] == [2]
    assert archived[0].fields["leaving_date"] == (None, TODAY)


def test_it_does_not_archive_a_missing_pupil_on_a_delta():
    plan = plan_for([held(1, "u-1"), held(2, "u-2")], [record("u-1")], complete=False)
    assert plan.archived == 0


def test_it_archives_a_deleted_pupil_with_the_leaving_date_given():
    gone = Departure(Identity(wonde_id="Wu-2"), leaving_date=dt.date(2026, 11, 20))
    plan = plan_for([held(2, "u-2")], [], complete=False, departures=[gone])
    assert plan.changes[0].archived
    assert plan.changes[0].fields["leaving_date"][1] == dt.date(2026, 11, 20)


def test_it_marks_this_years_row_off_roll_when_archiving():
    plan = plan_for([held(2, "u-2", year={"year_group": "9"})], [])
    assert plan.year_rows[2].on_roll is False
    assert plan.year_rows[2].year_group == "9"


def test_it_restores_a_returning_pupil_onto_the_same_record():
    former = held(3, "u-3", on_roll=False, leaving_date=dt.date(2026, 10, 1))
    plan = plan_for([former], [record("u-3", wonde_id="A-new")])
    change = plan.changes[0]
    assert change.restored and change.pupil_id == 3
    assert change.fields["wonde_id"][1] == "A-new"
    assert change.fields["leaving_date"] == (dt.date(2026, 10, 1), None)


def test_it_starts_a_new_years_row_and_keeps_last_years():
    # held.year is None: the pupil has no row for the year being synced
    plan = plan_for([held(1)], [record(year={"year_group": "8"})])
    assert plan.year_rows[1].year_group == "8"
    assert plan.year_rows[1].on_roll is True


def test_it_folds_attendance_into_a_new_pupil():
    attendance = PupilRecord(Identity(wonde_id="Wu-9"), year=YearFields(att_possible=100))
    plan = plan_for([], [record("u-9"), attendance])
    assert plan.creates[0].year.att_possible == 100


def test_it_updates_attendance_alone_for_a_pupil_not_in_a_delta():
    attendance = PupilRecord(Identity(wonde_id="Wu-1"), year=YearFields(att_possible=102))
    plan = plan_for([held(1, year={"att_possible": 100})], [attendance], complete=False)
    assert plan.changes[0].year == {"att_possible": (100, 102)}


def test_it_skips_a_second_record_for_the_same_pupil_with_an_issue():
    plan = plan_for([], [record("u-1"), record("u-1", surname="Twin")])
    assert len(plan.creates) == 1
    assert [p.code for p in plan.problems] == ["duplicate_record"]


def test_it_warns_about_two_pupils_sharing_a_upn():
    plan = plan_for([], [record("u-1", upn="K881999018001"), record("u-2", upn="K881999018001")])
    assert len(plan.creates) == 2
    assert [p.code for p in plan.problems] == ["duplicate_upn"]


def test_it_keeps_a_leaving_date_the_mis_set_ahead_when_a_pupil_goes():
    leaving = held(2, "u-2", leaving_date=dt.date(2026, 11, 20))
    plan = plan_for([leaving], [])
    assert plan.changes[0].archived
    assert "leaving_date" not in plan.changes[0].fields
