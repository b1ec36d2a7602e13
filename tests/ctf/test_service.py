"""Importing a CTF for a school: preview first, then one transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.service import apply, build_preview
from pupilsync.ctf.synthetic import make_ctf
from pupilsync.models import Assessment, CtfImport, Pupil, PupilYear, SyncIssue, SyncRun
from pupilsync.termdates import academic_year_on
from tests.ctf.builders import ctf, pupil
from tests.ctf.conftest import TODAY

NOW = dt.datetime(2025, 7, 20, 9, 0, tzinfo=dt.UTC)


def preview(school, data, **options):
    return build_preview(school, data, today=TODAY, **options)


def imported(school, data):
    return apply(preview(school, data), now=NOW)


def a_pupil(school, **fields) -> Pupil:
    values = {
        "upi": "u-1",
        "wonde_id": "W1",
        "mis_id": "1",
        "upn": "R873900124003",
        "forename": "Isla",
        "surname": "Fairweather",
        "legal_forename": "Isla",
        "legal_surname": "Fairweather",
        "date_of_birth": dt.date(2014, 1, 30),
        "gender": "FEMALE",
        "ethnicity": "WSCO",
        "eal": False,
        "fsm": True,
        "contacts": [{"name": "Mrs Fairweather", "priority": 1}],
    } | fields
    held = Pupil.objects.create(school=school, **values)
    PupilYear.objects.create(
        pupil=held,
        school=school,
        academic_year=academic_year_on(TODAY, []),
        year_group="6",
        sen_provision="K",
        sen_needs=[{"type": "SLCN", "rank": 1}],
        att_possible=300,
        att_present=290,
    )
    return held


def snapshot(pupil: Pupil) -> tuple[dict, dict]:
    fields = Pupil.objects.filter(pk=pupil.pk).values().get()
    year = PupilYear.objects.filter(pupil=pupil).values().get()
    fields.pop("synced_at")
    return fields, year


@pytest.mark.django_db
def test_a_preview_changes_nothing(school, full_file):
    result = preview(school, full_file)
    assert len(result.result.plan.creates) == 2
    assert Pupil.objects.count() == 0 and SyncRun.objects.count() == 0


@pytest.mark.django_db
def test_a_full_file_creates_its_pupils_with_their_year(school, full_file):
    done = imported(school, full_file)
    maggie = Pupil.objects.get(upn="N873900124001")
    assert (maggie.forename, maggie.legal_forename, maggie.eal) == ("Maggie", "MARGARET", True)
    year = maggie.years.get()
    assert (year.year_group, year.sen_provision, year.att_possible) == ("6", "K", 370)
    assert done.record.created == 2 and done.run.status == SyncRun.Status.COMPLETED
    assert done.run.trigger == SyncRun.Trigger.CTF


@pytest.mark.django_db
def test_a_partial_file_adds_results_and_changes_nothing_else(school, partial_file):
    isla = a_pupil(school)
    before = snapshot(isla)
    imported(school, partial_file)
    assert snapshot(isla) == before
    results = Assessment.objects.filter(pupil=isla).order_by("name")
    assert [(a.subject, a.name, a.result) for a in results] == [
        ("English", "KS2 grammar, punctuation and spelling test 2025", "111"),
        ("Maths", "KS2 maths test 2025", "104"),
        ("English", "KS2 reading test 2025", "108"),
    ]
    assert results[0].source == "CTF 25.0 from Test results service"


@pytest.mark.django_db
def test_results_come_in_for_a_pupil_the_file_creates(school, partial_file):
    imported(school, partial_file)
    jude = Pupil.objects.get(upn="F873900124004")
    assert sorted(a.subject for a in jude.assessments.all()) == ["Maths", "Phonics"]


@pytest.mark.django_db
def test_importing_the_same_file_twice_adds_nothing_the_second_time(school, partial_file):
    imported(school, partial_file)
    again = preview(school, partial_file)
    assert again.result.results == [] and again.result.plan.is_empty
    assert again.previously_imported == NOW


@pytest.mark.django_db
def test_a_file_never_archives_anyone(school, partial_file):
    other = a_pupil(school, upi="u-2", wonde_id="W2", mis_id="2", upn="Z873900117011")
    imported(school, partial_file)
    other.refresh_from_db()
    assert other.on_roll and other.leaving_date is None


@pytest.mark.django_db
def test_a_look_alike_is_flagged_and_not_imported(school):
    a_pupil(school, upn="Z873900117011")
    look_alike = pupil(
        upn="R873900124003", surname="Fairweather", forename="Isla", dob="2014-01-30"
    )
    done = imported(school, ctf(look_alike, pupil()))
    assert Pupil.objects.count() == 2  # the look-alike is not created; the other pupil is
    assert done.record.flagged == 1
    issue = SyncIssue.objects.get(run=done.run, code="ctf_needs_review")
    assert "different UPN" in issue.message


@pytest.mark.django_db
def test_an_invalid_upn_is_recorded_as_an_issue(school):
    a_pupil(school)
    data = ctf(
        pupil(
            "<BasicDetails><FormerUPN>R873900124003</FormerUPN></BasicDetails>",
            upn="A873900124001",
        )
    )
    done = imported(school, data)
    issue = SyncIssue.objects.get(run=done.run, code="invalid_upn")
    assert issue.severity == "error" and issue.pupil is not None


@pytest.mark.django_db
def test_a_preview_gone_stale_is_not_applied(school, partial_file):
    isla = a_pupil(school)
    stale = preview(school, partial_file)
    Assessment.objects.create(
        school=school,
        pupil=isla,
        subject="Maths",
        name="KS2 maths test 2025",
        result="99",
        source="CTF 25.0",
    )
    with pytest.raises(CtfError, match="changed since this preview"):
        apply(stale, now=NOW)
    assert SyncRun.objects.get().status == SyncRun.Status.FAILED
    assert Assessment.objects.count() == 1


@pytest.mark.django_db
def test_the_import_is_recorded_with_where_the_file_came_from(school, full_file):
    imported(school, full_file)
    record = CtfImport.objects.get()
    assert (record.version, record.qualifier, record.supplier) == ("19.0", "full", "TESTMIS")
    assert record.source == "Brookvale Infant and Junior School (873/9001)"
    assert len(record.sha256) == 64


@pytest.mark.django_db
def test_an_import_writes_in_bulk_not_pupil_by_pupil(school):
    pupils = 120
    data = make_ctf(pupils, academic_year=academic_year_on(TODAY, []))
    with CaptureQueriesContext(connection) as queries:
        imported(school, data)
    assert Pupil.objects.count() == pupils
    assert len(queries) < pupils // 2
