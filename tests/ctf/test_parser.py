"""Reading pupils as schools' MISs write them, quirks and all."""

from __future__ import annotations

import datetime as dt

from pupilsync.ctf.parser import parse
from tests.ctf.builders import ctf, pupil


def only_pupil(*blocks: str, **core: str):
    return parse(ctf(pupil(*blocks, **core))).pupils[0]


def test_it_reads_the_header_of_a_full_file(full_file):
    header = parse(full_file).header
    assert (header.version, header.qualifier, header.supplier) == ("19.0", "full", "TESTMIS")
    assert header.source() == "Brookvale Infant and Junior School (873/9001)"


def test_it_reads_a_placeholder_as_missing(partial_file):
    header = parse(partial_file).header
    assert header.source_la is None and header.source_estab is None


def test_it_reads_gender_in_older_files_and_sex_in_newer_ones(full_file, partial_file):
    assert [p.sex for p in parse(full_file).pupils] == ["F", "M"]
    assert [p.sex for p in parse(partial_file).pupils] == ["F", "M"]


def test_it_matches_tags_whatever_their_case():
    data = ctf(pupil("<basicdetails><NCYEARACTUAL>5</NCYEARACTUAL></basicdetails>"))
    assert parse(data).pupils[0].year_group == "5"


def test_it_strips_padded_text(full_file):
    first = parse(full_file).pupils[0]
    assert first.year_group == "6"
    assert first.contacts is not None and first.contacts[1].email == "harriet.pemberton@example.com"


def test_it_reads_booleans_as_true_false_1_or_0():
    def in_care(value: str) -> bool | None:
        return only_pupil(f"<LookedAfter><InCare>{value}</InCare></LookedAfter>").in_care

    assert [in_care(v) for v in ("true", "FALSE", "1", "0")] == [True, False, True, False]


def test_an_unreadable_boolean_is_noted_and_ignored():
    found = only_pupil("<LookedAfter><InCare>perhaps</InCare></LookedAfter>")
    assert found.in_care is None
    assert "InCare" in found.notes[0] and "line 2" in found.notes[0]


def test_a_lone_x_is_a_value_not_a_placeholder():
    found = only_pupil("<BasicDetails><NCyearActual>X</NCyearActual></BasicDetails>")
    assert found.year_group == "X"


def test_it_refuses_a_pupil_without_a_date_of_birth_and_reads_the_others():
    parsed = parse(ctf(pupil(dob=""), pupil(upn="C873900124002")))
    assert [p.upn for p in parsed.pupils] == ["C873900124002"]
    refused = parsed.rejected[0]
    assert "DOB" in refused.reason and refused.label == "N873900124001"
    assert refused.line == 2


def test_it_refuses_a_pupil_without_sex_or_gender():
    parsed = parse(ctf(pupil(sex="")))
    assert "Sex (or Gender)" in parsed.rejected[0].reason


def test_it_refuses_a_date_of_birth_that_is_not_iso():
    parsed = parse(ctf(pupil(dob="09/05/2014")))
    assert "YYYY-MM-DD" in parsed.rejected[0].reason


def test_an_absent_block_is_not_sent_and_an_empty_one_is_empty():
    absent = only_pupil()
    empty = only_pupil("<FSMhistory/><Contacts></Contacts>")
    assert absent.fsm is None and absent.contacts is None
    assert empty.fsm == [] and empty.contacts == []


def test_it_reads_sen_history_and_ranked_needs(full_file):
    first = parse(full_file).pupils[0]
    assert [p.code for p in first.sen or []] == ["K", "N"]
    assert [(n.type, n.rank) for n in first.needs or []] == [("MLD", 2), ("SPLD", 1)]


def test_it_reads_stage_assessments_with_their_stage(partial_file):
    results = parse(partial_file).pupils[1].assessments or []
    assert [(r.stage, r.subject, r.component, r.result) for r in results] == [
        ("KS2", "MAT", "MTC", "19"),
        ("KS1", "PHO", "PHO", "Wa"),
    ]
    assert results[1].date == dt.date(2023, 6, 16)


def test_it_warns_about_a_version_outside_19_to_26():
    assert "not one we expect" in parse(ctf(pupil(), version="14.0")).warnings[0]


def test_it_ignores_unknown_elements_and_vendor_blocks():
    found = only_pupil("<SuppInfo><Anything><Deep>1</Deep></Anything></SuppInfo><Future/>")
    assert found.notes == []
