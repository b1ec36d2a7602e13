"""Files written the way SIMS writes them, through preview, apply and export.

Each test names its day: the day a school imports decides which academic year is current.
"""

from __future__ import annotations

import datetime as dt

import pytest

from pupilsync.ctf import report
from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.service import apply, build_preview
from pupilsync.export import export_pupils
from pupilsync.models import (
    Assessment,
    CtfImport,
    Pupil,
    PupilChange,
    PupilYear,
    School,
    SyncRun,
    TermDates,
)
from pupilsync.scheduling.calendar import SchoolState, decide
from pupilsync.termdates import terms_for
from tests.ctf.conftest import sample

pytestmark = pytest.mark.django_db

SPRING = dt.date(2026, 3, 20)  # 2025/26, a week after sims_full_v19.xml was made
AUTUMN = dt.date(2026, 10, 5)  # 2026/27


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC)


def preview(school, name: str, day: dt.date):
    return build_preview(school, sample(name), file_name=name, today=day)


def imported(school, name: str, day: dt.date):
    return apply(preview(school, name, day), now=at(day))


def pupil(upn: str) -> Pupil:
    return Pupil.objects.get(upn=upn)


def year_row(upn: str, year: int) -> PupilYear:
    return PupilYear.objects.get(pupil__upn=upn, academic_year=year)


# Full means full


def test_a_full_file_without_fsm_history_means_no_fsm(school):
    imported(school, "sims_full_v19.xml", SPRING)
    ruby = pupil("H873900119001")
    assert (ruby.fsm, ruby.fsm_ever6) == (False, False)
    assert (pupil("X873900119002").fsm, pupil("X873900119002").fsm_ever6) == (True, True)


def test_a_full_file_without_sen_history_means_provision_n_and_no_needs(school):
    imported(school, "sims_full_v19.xml", SPRING)
    ruby = year_row("H873900119001", 2025)
    assert (ruby.sen_provision, ruby.sen_needs) == ("N", [])
    assert year_row("X873900119002", 2025).sen_provision == "K"


def test_the_export_shows_a_full_files_pupils_without_fsm_or_sen_as_none(school):
    imported(school, "sims_full_v19.xml", SPRING)
    exported = {p["upn"]: p for p in export_pupils(school, today=SPRING)}
    ruby = exported["H873900119001"]
    assert (ruby["fsm"], ruby["fsm_ever6"], ruby["sen"]) == (
        False,
        False,
        {"provision": "N", "needs": []},
    )
    assert ruby["year_group"] == "5"


# Language in the supplier block


def test_a_language_only_in_suppinfo_gives_first_language_and_eal(school):
    imported(school, "sims_full_v19.xml", SPRING)
    hamza, cerys = pupil("X873900119002"), pupil("L873900119003")
    assert (hamza.first_language, hamza.eal) == ("URD", True)
    assert (cerys.first_language, cerys.eal) == ("POL", True)  # SuppInfo at the pupil's level


# Contacts in SIMS's order


def test_contacts_written_in_order_3_4_2_1_are_held_by_priority(school):
    imported(school, "sims_full_v19.xml", SPRING)
    contacts = pupil("H873900119001").contacts
    assert [c["priority"] for c in contacts] == [1, 2, 3, 4]
    assert contacts[0]["name"] == "Ms Jade Brightwater"


# Results that keep their sense


def test_results_are_stored_with_their_codes_and_qualifier(school):
    imported(school, "sims_full_v19.xml", SPRING)
    eyfs = Assessment.objects.get(pupil__upn="H873900119001", stage="EYF")
    assert (eyfs.subject_code, eyfs.method, eyfs.component, eyfs.qualifier) == (
        "COM",
        "FA",
        "G03",
        "FD",
    )
    assert (eyfs.result, eyfs.assessment_year, eyfs.assessed_on) == (
        "2",
        2021,
        dt.date(2021, 6, 11),
    )
    assert eyfs.name == "EYFS profile: speaking (G03) 2021"
    assert eyfs.subject == "Communication and language"


def test_an_eyfs_2_and_an_nc_level_5_can_be_told_apart(school):
    imported(school, "sims_full_v19.xml", SPRING)
    imported(school, "sims_old_year_v19.xml", SPRING)
    eyfs = Assessment.objects.get(pupil__upn="H873900119001", stage="EYF")
    level = Assessment.objects.get(pupil__upn="A873900119004", component="AT3")
    assert (eyfs.stage, eyfs.qualifier, eyfs.result) == ("EYF", "FD", "2")
    assert (level.stage, level.qualifier, level.result) == ("KS1", "NC", "5")
    assert level.name == "KS1 writing teacher assessment 2016"


def test_ks1_and_phonics_results_are_named_by_the_code_table(school):
    imported(school, "sims_full_v19.xml", SPRING)
    names = set(
        Assessment.objects.filter(pupil__upn="H873900119001").values_list("name", flat=True)
    )
    assert {"Phonics screening check 2022", "KS1 reading teacher assessment 2023"} <= names


def test_unknown_result_codes_are_kept_raw_and_listed_once_for_the_file(school):
    shown = preview(school, "sims_full_v19.xml", SPRING)
    lines = report.preview_lines(shown)
    unknown = [line for line in lines if "codes we do not know" in line]
    assert unknown == ["! 2 results with codes we do not know: KS1 ZZZ/TA/Q01 (2); kept as sent"]
    assert "unknown" not in " ".join(line for line in lines if line.startswith("= result"))
    apply(shown, now=at(SPRING))
    raw = Assessment.objects.filter(subject_code="ZZZ").order_by("result")
    assert [(a.name, a.qualifier, a.result) for a in raw] == [
        ("KS1 ZZZ/TA/Q01 2023", "QQ", "5"),
        ("KS1 ZZZ/TA/Q01 2023", "QQ", "7"),
    ]


def test_a_result_shows_what_its_qualifier_says_in_the_preview(school):
    lines = report.preview_lines(preview(school, "sims_full_v19.xml", SPRING))
    assert "= result    Ruby Ashdown: add KS1 reading teacher assessment 2023: EXS (NC level)" in (
        lines
    )


# The file's year


def test_the_preview_says_which_year_the_file_is_for(school):
    lines = report.preview_lines(preview(school, "sims_full_v19.xml", SPRING))
    assert lines[0].endswith("made 2026-03-12T16:05:41, for 2025/26")
    assert not any("not the current year" in line for line in lines)


def test_a_file_for_a_past_year_is_said_to_be_so_in_plain_words(school):
    shown = preview(school, "sims_old_year_v19.xml", AUTUMN)
    lines = report.preview_lines(shown)
    assert lines[1] == (
        "! This file is for 2019/20, not the current year (2026/27): its year groups, SEN and "
        "attendance go into 2019/20, and 2026/27 is not touched."
    )
    assert report.preview_dict(shown)["file"]["imports_into_label"] == "2019/20"


def test_a_file_for_a_past_year_fills_that_years_rows_and_not_the_current_year(school):
    imported(school, "sims_old_year_v19.xml", AUTUMN)
    iris = year_row("A873900119004", 2019)
    assert (iris.year_group, iris.sen_provision, iris.att_possible) == ("6", "K", 240)
    assert not PupilYear.objects.filter(academic_year=2026).exists()
    assert CtfImport.objects.get().academic_year == 2019


def test_a_past_year_file_does_not_touch_the_current_year_of_a_pupil_we_hold(school):
    held = Pupil.objects.create(
        school=school, upn="A873900119004", forename="Iris", surname="Galloway",
        date_of_birth=dt.date(2008, 12, 1), ethnicity="WBRI",
    )  # fmt: skip
    PupilYear.objects.create(
        pupil=held, school=school, academic_year=2026, year_group="13", sen_provision="N"
    )
    PupilChange.objects.create(
        school=school, pupil=held, field="pupil", new="added", source="wonde",
        changed_at=at(dt.date(2026, 9, 10)),
    )  # fmt: skip
    imported(school, "sims_old_year_v19.xml", AUTUMN)
    now = year_row("A873900119004", 2026)
    assert (now.year_group, now.sen_provision) == ("13", "N")
    assert year_row("A873900119004", 2019).year_group == "6"
    held.refresh_from_db()
    assert held.ethnicity == "WBRI"  # the 2020 file is older than what the sync told us


def test_an_older_file_after_a_newer_one_rolls_nothing_back(school):
    imported(school, "sims_full_v19.xml", SPRING)
    shown = preview(school, "sims_older_v19.xml", SPRING)
    kept = [line for line in report.preview_lines(shown) if line.startswith("= kept")]
    assert kept == [
        "= kept      Ruby Ashdown: ethnicity, year_group: older than what we hold, kept "
        "(ours from 12 March 2026)"
    ]
    assert shown.result.plan.changes == []
    apply(shown, now=at(SPRING))
    assert pupil("H873900119001").ethnicity == "WBRI"
    assert year_row("H873900119001", 2025).year_group == "5"


def test_a_newer_file_after_an_older_one_is_taken(school):
    imported(school, "sims_older_v19.xml", SPRING)
    imported(school, "sims_full_v19.xml", SPRING)
    assert pupil("H873900119001").ethnicity == "WBRI"
    assert year_row("H873900119001", 2025).year_group == "5"
    change = PupilChange.objects.filter(pupil__upn="H873900119001", field="year_group").get()
    assert change.as_of == dt.datetime(2026, 3, 12, 16, 5, 41, tzinfo=dt.UTC)


def test_attendance_of_the_files_year_is_imported(school):
    imported(school, "sims_full_v19.xml", SPRING)
    ruby = year_row("H873900119001", 2025)
    assert (ruby.att_possible, ruby.att_present) == (250, 242)


# Transfer files from the pupils' last school


def test_a_year_6_transfer_file_lands_as_year_7_in_the_year_they_join(school):
    school.la_code, school.establishment_number = "873", "9001"
    school.save()
    imported(school, "sims_transfer_v19.xml", AUTUMN)
    ebony = year_row("A873900319001", 2026)
    assert ebony.year_group == "7"
    assert ebony.att_possible is None  # the last school's attendance is not ours for 2026/27
    assert not PupilYear.objects.filter(academic_year=2025).exists()


def test_a_transfer_file_says_when_the_pupils_join(school):
    school.la_code, school.establishment_number = "873", "9001"
    school.save()
    july = preview(school, "sims_transfer_v19.xml", dt.date(2026, 7, 15))
    assert report.year_words(july) == (
        "This is a transfer file for 2025/26: the pupils join us in 2026/27, so their year "
        "groups are moved on by 1 (2026/27 is not the current year, 2025/26)."
    )
    assert july.academic_year == 2026


def test_our_own_export_is_not_read_as_a_transfer(school):
    school.la_code, school.establishment_number = "873", "9001"
    school.save()
    shown = preview(school, "sims_full_v19.xml", SPRING)
    assert not shown.year.transfer and shown.academic_year == 2025


# No pupil imported


def test_a_file_whose_every_pupil_is_refused_is_not_recorded_as_an_import(school):
    shown = preview(school, "all_refused.xml", SPRING)
    with pytest.raises(CtfError, match="no pupil in the file could be imported"):
        apply(shown, now=at(SPRING))
    assert not SyncRun.objects.exists() and not CtfImport.objects.exists()


def test_attendance_for_other_years_in_the_file_is_named_not_dropped_silently(school):
    lines = report.preview_lines(preview(school, "sims_full_v19.xml", SPRING))
    assert (
        "! info      -: The file has attendance for 2024/25; only 2025/26's, the file's year, "
        "is imported." in lines
    )


def test_the_current_year_is_the_one_the_wonde_sync_would_say(db):
    # A school whose 2026/27 starts on 27 August: on the 28th both the sync and the CTF import
    # are in 2026/27, though the calendar rule would still say 2025/26.
    early = School.objects.create(name="Early Start Academy", wonde_id="A-EARLY")
    TermDates.objects.create(
        school=early, academic_year=2026, autumn1=dt.date(2026, 8, 27),
        autumn2=dt.date(2026, 11, 2), spring1=dt.date(2027, 1, 4), spring2=dt.date(2027, 2, 22),
        summer1=dt.date(2027, 4, 12), summer2=dt.date(2027, 6, 7), summer_end=dt.date(2027, 7, 21),
    )  # fmt: skip
    day = dt.date(2026, 8, 28)
    shown = preview(early, "sims_full_v19.xml", day)
    sync_year = decide(SchoolState("approved"), terms_for(early), day).academic_year
    assert shown.year.current == sync_year == 2026
