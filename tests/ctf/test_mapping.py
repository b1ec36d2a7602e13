"""A CTF pupil becomes the same record the Wonde mapping makes, under the same settings."""

from __future__ import annotations

from types import MappingProxyType

from pupilsync import census
from pupilsync.ctf.mapping import Context, map_pupil
from pupilsync.ctf.parser import parse
from pupilsync.sync.options import DEFAULT_OPTIONS, SyncOptions
from pupilsync.sync.records import UNSET, YearFields
from tests.ctf.builders import ctf, pupil
from tests.ctf.conftest import TODAY


def mapped(*blocks: str, rules: SyncOptions = DEFAULT_OPTIONS, **core: str):
    return map_pupil(parse(ctf(pupil(*blocks, **core))).pupils[0], rules, TODAY)


def full(full_file: bytes, index: int = 0):
    return map_pupil(parse(full_file).pupils[index], DEFAULT_OPTIONS, TODAY)


def sen(code: str, *needs: str) -> str:
    ranked = "".join(
        f"<SENneed><SENtypeRank>{rank}</SENtypeRank><SENtype>{kind}</SENtype></SENneed>"
        for rank, kind in enumerate(needs, start=1)
    )
    return (
        f"<SENhistory><SEN><StartDate>2024-09-04</StartDate><SENprovision>{code}</SENprovision>"
        f"</SEN><SENneeds>{ranked}</SENneeds></SENhistory>"
    )


def codes(result) -> list[str]:
    return [p.code for p in result.problems]


def test_it_maps_names_with_preferred_names_shown_and_legal_names_kept(full_file):
    fields = full(full_file).record.fields
    assert (fields.forename, fields.surname) == ("Maggie", "Pemberton-Quill")
    assert (fields.legal_forename, fields.legal_surname) == ("MARGARET", "PEMBERTON-QUILL")


def test_it_maps_core_and_basic_details(full_file):
    record = full(full_file).record
    assert record.identity.upn == "N873900124001"
    assert record.fields.former_upn == "Q87390012301B"
    assert record.fields.gender == "FEMALE"
    assert record.fields.ethnicity == "WBRI"
    assert record.year.year_group == "6"


def test_a_first_language_other_than_english_makes_a_pupil_eal(full_file):
    fields = full(full_file).record.fields
    assert (fields.first_language, fields.eal) == ("POL", True)
    assert full(full_file, 1).record.fields.eal is False


def test_fsm_is_an_open_period_and_ever6_any_period_in_six_years(full_file):
    closed, open_now = full(full_file).record.fields, full(full_file, 1).record.fields
    assert (closed.fsm, closed.fsm_ever6) == (False, True)
    assert (open_now.fsm, open_now.fsm_ever6) == (True, True)


def test_fsm_that_ended_over_six_years_ago_is_not_ever6():
    old = (
        "<FSMhistory><FSMinstance><FSMstartDate>2016-09-01</FSMstartDate>"
        "<FSMendDate>2018-07-20</FSMendDate></FSMinstance></FSMhistory>"
    )
    fields = mapped(old).record.fields
    assert (fields.fsm, fields.fsm_ever6) == (False, False)


def test_in_care_comes_from_looked_after(full_file):
    assert full(full_file, 1).record.fields.in_care is True


def test_current_sen_provision_is_the_open_period_and_needs_are_ranked(full_file):
    year = full(full_file).record.year
    assert year.sen_provision == "K"
    assert year.sen_needs == [{"type": "SPLD", "rank": 1}, {"type": "MLD", "rank": 2}]


def test_a_history_of_closed_periods_means_no_sen_now():
    closed = (
        "<SENhistory><SEN><StartDate>2020-01-06</StartDate><SENprovision>K</SENprovision>"
        "<EndDate>2022-07-20</EndDate></SEN></SENhistory>"
    )
    assert mapped(closed).record.year == YearFields(sen_provision="N", sen_needs=[])


def test_an_unknown_sen_code_leaves_sen_alone_and_names_the_code():
    result = mapped(sen("MP", "ASD"))
    assert result.record.year.sen_provision is UNSET and result.record.year.sen_needs is UNSET
    assert codes(result) == ["unknown_sen_code"]
    assert "'MP'" in result.problems[0].message


def test_a_schools_own_sen_code_is_mapped_through_its_settings():
    rules = SyncOptions(sen_codes=MappingProxyType({"MP": "K"}))
    assert mapped(sen("MP", "ASD"), rules=rules).record.year.sen_provision == "K"


def test_sen_types_are_left_alone_when_the_school_does_not_sync_them():
    year = mapped(sen("K", "ASD"), rules=SyncOptions(sync_sen_types=False)).record.year
    assert year == YearFields(sen_provision="K")


def test_contacts_come_in_order_of_priority_with_their_emails(full_file):
    contacts = full(full_file).record.fields.contacts
    assert [(c["name"], c["relationship"], c["priority"]) for c in contacts] == [
        ("Dr Harriet Pemberton", "Mother", 1),
        ("Mr Desmond Quill", "Father", 2),
    ]
    assert contacts[1]["email"] == "d.quill@example.com"
    assert contacts[1]["parental_responsibility"] is True


def test_contacts_are_left_alone_when_the_school_does_not_sync_them(full_file):
    parsed = parse(full_file).pupils[0]
    record = map_pupil(parsed, SyncOptions(sync_contacts=False), TODAY).record
    assert record.fields.contacts is UNSET


def test_attendance_is_this_academic_years_only(full_file):
    year = full(full_file).record.year
    assert (year.att_possible, year.att_present) == (370, 358)
    assert (year.att_authorised, year.att_unauthorised) == (9, 3)


def test_a_partial_record_carries_only_the_core(partial_file):
    record = map_pupil(parse(partial_file).pupils[0], DEFAULT_OPTIONS, TODAY).record
    assert set(record.fields.sent()) == {
        "upn",
        "legal_forename",
        "legal_surname",
        "date_of_birth",
        "gender",
    }
    assert record.year == YearFields()


def test_an_invalid_upn_is_an_error_for_that_pupil_and_is_not_kept():
    result = mapped(upn="A873900124001")
    assert codes(result) == ["invalid_upn"]
    assert result.problems[0].severity == "error"
    assert result.record.fields.upn is UNSET and result.record.identity.upn is None


def test_an_unknown_la_code_is_only_a_warning():
    result = mapped(upn=census.make_upn("999", "1234", 24, 5))
    assert codes(result) == ["unknown_la_code"]
    assert result.problems[0].severity == "warning"
    assert result.record.fields.upn == census.make_upn("999", "1234", 24, 5)


def test_assessments_are_named_through_the_code_table(partial_file):
    pupils = parse(partial_file).pupils
    rows = map_pupil(pupils[1], DEFAULT_OPTIONS, TODAY).assessments
    assert [(r.subject, r.name, r.result) for r in rows] == [
        ("Maths", "Multiplication tables check 2025", "19"),
        ("Phonics", "Phonics screening check 2023", "Wa"),
    ]
    ks2 = map_pupil(pupils[0], DEFAULT_OPTIONS, TODAY).assessments
    assert [r.name for r in ks2] == [
        "KS2 reading test 2025",
        "KS2 maths test 2025",
        "KS2 grammar, punctuation and spelling test 2025",
    ]


def full_file_pupil(*blocks: str):
    parsed = parse(ctf(pupil(*blocks), qualifier="full")).pupils[0]
    return map_pupil(parsed, DEFAULT_OPTIONS, TODAY, Context(TODAY, full_fsm=True, full_sen=True))


def test_a_full_file_pupil_without_fsm_history_has_no_fsm_and_no_fsm_ever6():
    fields = full_file_pupil().record.fields
    assert (fields.fsm, fields.fsm_ever6) == (False, False)


def test_a_full_file_pupil_without_sen_history_has_provision_n_and_no_needs():
    year = full_file_pupil().record.year
    assert (year.sen_provision, year.sen_needs) == ("N", [])


def test_a_partial_file_without_histories_leaves_fsm_and_sen_alone():
    record = mapped().record
    assert record.fields.fsm is UNSET and record.fields.fsm_ever6 is UNSET
    assert record.year.sen_provision is UNSET and record.year.sen_needs is UNSET


def test_a_language_in_the_supplier_block_is_read_when_languages_is_absent():
    supp = "<SuppInfo><SuppID>SIMS</SuppID><Language>som</Language></SuppInfo>"
    fields = mapped(f"<BasicDetails>{supp}</BasicDetails>").record.fields
    assert (fields.first_language, fields.eal) == ("SOM", True)


def test_languages_wins_over_the_supplier_block():
    both = (
        "<BasicDetails><Languages><Type><LanguageType>F</LanguageType><Language>ENG</Language>"
        "</Type></Languages><SuppInfo><Language>POL</Language></SuppInfo></BasicDetails>"
    )
    assert mapped(both).record.fields.first_language == "ENG"
