"""After an MIS change the UPN may be all that still names a pupil: match by it, carefully."""

import dataclasses

from pupilsync.sync.diff import make_plan
from pupilsync.sync.records import Identity, Incoming
from tests.sync.builders import TODAY, held, record

UPN = "K881999018001"


def arriving(upi, upn=UPN):
    r = record(upi, upn=upn)
    return dataclasses.replace(r, identity=Identity(upi=upi, wonde_id=f"W{upi}", upn=upn))


def plan_for(held_pupils, records):
    return make_plan(held_pupils, Incoming(pupils=records, complete=True), today=TODAY)


def test_a_pupil_whose_upi_changed_is_matched_by_upn():
    plan = plan_for([held(1, "old-upi", upn=UPN)], [arriving("new-upi")])
    assert not plan.creates and plan.changes[0].fields["upi"] == ("old-upi", "new-upi")


def test_the_upn_does_not_match_a_pupil_whose_upi_is_still_on_roll():
    plan = plan_for([held(1, "u-1", upn=UPN)], [arriving("u-1"), arriving("u-2")])
    assert len(plan.creates) == 1 and plan.creates[0].fields.upi == "u-2"


def test_a_upn_two_held_pupils_share_matches_neither():
    plan = plan_for([held(1, "a", upn=UPN), held(2, "b", upn=UPN)], [arriving("c")])
    assert len(plan.creates) == 1
