"""Who a CTF pupil is, and what the import would change. Pure: no database."""

from __future__ import annotations

import datetime as dt

from pupilsync.ctf.parser import parse
from pupilsync.ctf.plan import plan_import
from pupilsync.sync.diff import make_plan
from pupilsync.sync.options import DEFAULT_OPTIONS
from pupilsync.sync.records import Identity, Incoming, PupilFields, PupilRecord
from tests.ctf.builders import ctf, pupil
from tests.ctf.conftest import TODAY
from tests.sync.builders import held

MAGGIE = {
    "upn": "N873900124001",
    "forename": "Maggie",
    "surname": "Pemberton-Quill",
    "legal_forename": "Margaret",
    "legal_surname": "Pemberton-Quill",
    "date_of_birth": dt.date(2014, 5, 9),
    "gender": "FEMALE",
    "ethnicity": "WBRI",
}


def plan(data: bytes, *pupils, results=None):
    return plan_import(parse(data), list(pupils), results or {}, DEFAULT_OPTIONS, TODAY)


def test_a_pupil_matching_on_upn_is_updated():
    result = plan(
        ctf(pupil("<BasicDetails><Ethnicity>WIRI</Ethnicity></BasicDetails>")), held(1, **MAGGIE)
    )
    assert not result.plan.creates
    assert result.plan.changes[0].pupil_id == 1
    assert result.plan.changes[0].fields == {"ethnicity": ("WBRI", "WIRI")}


def test_a_pupil_matching_on_former_upn_is_updated_and_takes_the_new_upn():
    ours = held(1, **(MAGGIE | {"upn": "Q87390012301B"}))
    data = ctf(pupil("<BasicDetails><FormerUPN>Q87390012301B</FormerUPN></BasicDetails>"))
    change = plan(data, ours).plan.changes[0]
    assert change.fields["upn"] == ("Q87390012301B", "N873900124001")


def test_a_pupil_whose_upn_we_hold_as_former_upn_is_matched():
    ours = held(1, **(MAGGIE | {"upn": "C873900124002", "former_upn": "N873900124001"}))
    assert plan(ctf(pupil()), ours).plan.changes[0].pupil_id == 1


def test_a_pupil_matching_only_on_name_and_birth_date_is_flagged_not_merged():
    ours = held(1, **(MAGGIE | {"upn": "C873900124002"}))
    result = plan(ctf(pupil()), ours)
    assert not result.plan.creates and not result.plan.changes
    assert result.flagged[0].candidates[0].id == 1
    assert "Not imported" in result.flagged[0].reason
    assert [p.code for p in result.plan.problems] == ["ctf_needs_review"]


def test_a_pupil_new_to_us_is_created_with_their_legal_names_shown():
    data = ctf(pupil(upn="C873900124002", surname="Okonkwo", forename="Tobias"))
    result = plan(data, held(1, **MAGGIE))
    new = result.plan.creates[0]
    assert (new.fields.forename, new.fields.surname) == ("Tobias", "Okonkwo")
    assert new.fields.upn == "C873900124002"


def test_a_pupil_with_an_invalid_upn_and_no_match_is_rejected_with_the_reason():
    result = plan(ctf(pupil(upn="A873900124001", surname="Nobody")))
    assert not result.plan.creates
    assert "no valid UPN" in result.rejected[0].reason
    assert {p.code for p in result.plan.problems} == {"invalid_upn", "ctf_pupil_rejected"}


def test_names_that_differ_only_in_case_change_nothing():
    data = ctf(pupil(surname="PEMBERTON-QUILL", forename="MARGARET"))
    result = plan(data, held(1, **MAGGIE))
    assert result.plan.changes == [] and result.plan.unchanged == 1


def test_no_one_is_archived_by_a_file_that_does_not_name_them():
    others = [held(n, f"u-{n}", upn=None) for n in range(2, 6)]
    result = plan(ctf(pupil()), held(1, **MAGGIE), *others)
    assert result.plan.archived == 0


def test_an_archived_pupil_is_updated_but_stays_archived():
    ours = held(1, on_roll=False, **MAGGIE)
    data = ctf(pupil("<BasicDetails><Ethnicity>WIRI</Ethnicity></BasicDetails>"))
    change = plan(data, ours).plan.changes[0]
    assert change.fields == {"ethnicity": ("WBRI", "WIRI")}
    assert not change.restored


def test_the_same_pupil_twice_in_a_file_is_imported_once():
    result = plan(ctf(pupil(), pupil()))
    assert len(result.plan.creates) == 1
    assert [p.code for p in result.plan.problems] == ["duplicate_record"]


MTC = (
    "<StageAssessments><KeyStage><Stage>KS2</Stage><StageAssessment><Year>2025</Year>"
    "<Subject>MAT</Subject><Method>TT</Method><Component>MTC</Component><Result>19</Result>"
    "</StageAssessment></KeyStage></StageAssessments>"
)


def test_a_result_sent_twice_for_a_pupil_is_added_once():
    assert len(plan(ctf(pupil(MTC), pupil(MTC))).results) == 1


def test_a_result_we_hold_already_is_not_added_again():
    data = ctf(pupil(MTC))
    key = (1, "Maths", "Multiplication tables check 2025", "")
    same = plan(data, held(1, **MAGGIE), results={key: (7, "19")})
    corrected = plan(data, held(1, **MAGGIE), results={key: (7, "18")})
    assert same.results == [] and same.unchanged_results == 1
    assert corrected.results[0].assessment_id == 7 and corrected.results[0].old_result == "18"


def test_the_mis_finds_a_pupil_a_ctf_created_by_upn_and_its_values_win():
    created = held(1, None, **(MAGGIE | {"wonde_id": None, "ethnicity": "WIRI"}))
    wonde = PupilRecord(
        Identity(upi="u-9", mis_id="9", wonde_id="W9", upn="N873900124001"),
        PupilFields(upi="u-9", wonde_id="W9", mis_id="9", ethnicity="WBRI"),
        on_roll=True,
    )
    result = make_plan([created], Incoming(pupils=[wonde], complete=True), today=TODAY)
    assert not result.creates
    assert result.changes[0].fields["ethnicity"] == ("WIRI", "WBRI")
    assert result.changes[0].fields["upi"] == (None, "u-9")


def test_the_mis_does_not_match_on_upn_a_pupil_it_already_knows():
    ours = held(1, "u-1", **MAGGIE)
    wonde = PupilRecord(
        Identity(upi="u-9", wonde_id="W9", upn="N873900124001"),
        PupilFields(upi="u-9", wonde_id="W9"),
        on_roll=True,
    )
    result = make_plan([ours], Incoming(pupils=[wonde]), today=TODAY)
    assert len(result.creates) == 1


FSM = "<FSMhistory><FSMinstance><FSMstartDate>2024-01-08</FSMstartDate></FSMinstance></FSMhistory>"
SEN = (
    "<SENhistory><SEN><StartDate>2024-09-04</StartDate><SENprovision>K</SENprovision></SEN>"
    "</SENhistory>"
)


def test_a_full_file_reads_a_missing_history_as_none_for_its_pupil():
    data = ctf(pupil(FSM, SEN), pupil(upn="C873900124002"), qualifier="full")
    new = {n.fields.upn: n for n in plan(data).plan.creates}["C873900124002"]
    assert (new.fields.fsm, new.fields.fsm_ever6) == (False, False)
    assert (new.year.sen_provision, new.year.sen_needs) == ("N", [])


def test_a_full_file_exported_without_fsm_or_sen_says_nothing_about_them():
    new = plan(ctf(pupil(), qualifier="full")).plan.creates[0]
    assert new.fields.fsm is None and new.year.sen_provision is None
