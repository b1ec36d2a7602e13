"""Each sync setting, both ways, in the pure mapping and plan."""

from types import MappingProxyType

from pupilsync.labels import issue_text
from pupilsync.sync import attendance
from pupilsync.sync.diff import make_plan
from pupilsync.sync.fetch import ALL_FEATURES
from pupilsync.sync.mapping import map_student
from pupilsync.sync.options import SyncOptions
from pupilsync.sync.records import UNSET, Incoming
from tests.sync.builders import TODAY, held, record, wonde_student

SUPPORT = {
    "extended_details": {"data": {"sen_status": "K"}},
    "sen_needs": {"data": [{"type": "ASD", "rank": 1}]},
}
MUM = {
    "id": "C1",
    "forename": "Jo",
    "surname": "Hughes",
    "relationship": {"relationship": "Mother", "priority": 1, "parental_responsibility": True},
    "contact_details": {"data": {"emails": {"email": "jo@example.org"}}},
}
YEAR = {"att_possible": 100, "att_present": 90, "att_authorised": 4, "att_unauthorised": 2}


DEFAULTS = SyncOptions()


def mapped(rules=DEFAULTS, features=ALL_FEATURES, **student):
    result, problems = map_student(wonde_student(**student), rules, features)
    assert result is not None
    return result, problems


def test_unexplained_absence_counts_as_unauthorised_by_default():
    figures = attendance.summary(YEAR | {"att_unexplained": 3})
    assert figures["unauthorised"] == 5 and figures["unexplained"] == 3


def test_unexplained_absence_is_kept_apart_when_the_setting_is_off():
    figures = attendance.summary(YEAR | {"att_unexplained": 3}, add_unexplained=False)
    assert figures["unauthorised"] == 2 and figures["unexplained"] == 3


def test_sen_types_follow_the_mis_when_on():
    pupil, _ = mapped(**SUPPORT)
    assert pupil.year.sen_needs == [{"type": "ASD", "rank": 1}]


def test_sen_types_are_left_alone_when_off():
    pupil, _ = mapped(SyncOptions(sync_sen_types=False), **SUPPORT)
    assert pupil.year.sen_needs is UNSET and pupil.year.sen_provision == "K"


def test_sen_provision_follows_the_mis_when_on():
    pupil, _ = mapped(**SUPPORT)
    assert pupil.year.sen_provision == "K"


def test_sen_provision_is_left_alone_when_off():
    pupil, _ = mapped(SyncOptions(sync_sen_provision=False), **SUPPORT)
    assert pupil.year.sen_provision is UNSET and pupil.year.sen_needs


def test_a_null_sen_value_never_overwrites_ours_by_default():
    pupil, _ = mapped(extended_details={"data": {"sen_status": None}})
    assert pupil.year.sen_provision is UNSET and pupil.year.sen_needs is UNSET


def test_a_null_sen_value_means_no_sen_when_the_school_says_so():
    pupil, _ = mapped(SyncOptions(null_means_no_sen=True), extended_details={"data": {}})
    assert pupil.year.sen_provision == "N" and pupil.year.sen_needs == []


def test_a_custom_sen_code_maps_to_the_provision_the_school_chose():
    rules = SyncOptions(sen_codes=MappingProxyType({"MP": "K"}))
    pupil, problems = mapped(rules, extended_details={"data": {"sen_status": "mp"}})
    assert pupil.year.sen_provision == "K" and problems == []


def test_an_unmapped_custom_code_is_never_guessed_and_says_how_to_map_it():
    pupil, problems = mapped(extended_details={"data": {"sen_status": "MP"}})
    assert pupil.year.sen_provision is UNSET and pupil.year.sen_needs is UNSET
    assert problems[0].code == "unknown_sen_code"
    shown = issue_text(problems[0].code, problems[0].message)  # as the pages and the CLI say it
    assert "'MP'" in problems[0].message and "Sync Settings > Custom SEND codes" in shown
    assert "pupilsync" not in shown  # staff read it: pages, not shell commands


def test_the_mis_text_for_a_standard_provision_needs_no_mapping():
    pupil, problems = mapped(
        extended_details={"data": {"sen_status": "Education, Health and Care Plan"}}
    )
    assert pupil.year.sen_provision == "E" and problems == []


def test_contacts_and_their_emails_are_synced_when_on():
    pupil, _ = mapped(contacts={"data": [MUM]})
    assert pupil.fields.contacts == [
        {
            "name": "Jo Hughes",
            "relationship": "Mother",
            "email": "jo@example.org",
            "priority": 1,
            "parental_responsibility": True,
        }
    ]


def test_contacts_are_cleared_when_off():
    pupil, _ = mapped(SyncOptions(sync_contacts=False), contacts={"data": [MUM]})
    assert pupil.fields.contacts == []


def test_turning_contacts_off_removes_them_from_pupils_the_run_did_not_read():
    ours = held(1, "u-1", contacts=[{"name": "Jo Hughes", "email": "jo@example.org"}])
    plan = make_plan([ours], Incoming(), today=TODAY, rules=SyncOptions(sync_contacts=False))
    assert plan.changes[0].fields["contacts"][1] == []


def test_contacts_we_hold_stay_while_the_setting_is_on():
    ours = held(1, "u-1", contacts=[{"name": "Jo Hughes", "email": "jo@example.org"}])
    assert make_plan([ours], Incoming(), today=TODAY).is_empty


def test_photos_are_kept_while_the_setting_is_on():
    assert not make_plan([], Incoming(), today=TODAY).remove_photos


def test_photos_are_removed_when_the_setting_is_off():
    assert make_plan(
        [], Incoming(), today=TODAY, rules=SyncOptions(sync_photos=False)
    ).remove_photos


def test_a_feature_that_was_not_read_leaves_our_values_alone():
    pupil, _ = mapped(features=frozenset({"pupils"}), contacts={"data": []})
    for name in ("contacts", "fsm", "eal"):
        assert getattr(pupil.fields, name) is UNSET
    for name in ("classes", "registration_group", "sen_provision", "pupil_premium"):
        assert getattr(pupil.year, name) is UNSET


def test_a_withheld_sen_scope_is_not_read_as_no_sen_even_when_null_means_no_sen():
    features = ALL_FEATURES - {"sen"}
    pupil, _ = mapped(SyncOptions(null_means_no_sen=True), features, extended_details={"data": {}})
    assert pupil.year.sen_provision is UNSET


def test_a_pupil_whose_sen_types_are_off_keeps_the_needs_we_hold():
    ours = held(1, "u-1", year={"sen_provision": "K", "sen_needs": [{"type": "ASD", "rank": 1}]})
    incoming = Incoming(pupils=[record("u-1", wonde_id="Wu-1", year={"sen_provision": "E"})])
    plan = make_plan([ours], incoming, today=TODAY, rules=SyncOptions(sync_sen_types=False))
    assert plan.year_rows[1].sen_needs == [{"type": "ASD", "rank": 1}]
