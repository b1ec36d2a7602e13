"""Erasing one pupil on request, and a later sync that still sends them."""

from __future__ import annotations

import pytest

from pupilsync.models import (
    Assessment,
    AuditEvent,
    Erasure,
    Pupil,
    PupilPhoto,
    PupilYear,
    SyncIssue,
)
from pupilsync.privacy import erasure
from pupilsync.sync import erased
from pupilsync.sync.engine import sync_school
from tests.cli.shell import run
from tests.privacy.builders import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def synced(school, client):
    assert sync_school(school, client=client).status == "completed"
    return school


def someone(school) -> Pupil:
    return Pupil.objects.filter(school=school, on_roll=True).exclude(upn=None).order_by("pk")[0]


def test_erasing_a_pupil_removes_who_they_were_and_keeps_anonymous_figures(synced):
    pupil = someone(synced)
    Assessment.objects.create(school=synced, pupil=pupil, subject="Maths", name="KS2", result="EXS")
    erasure.erase(pupil, request="letter of 1 Dec", by="cli:test", now=at(2026, 12, 1))
    pupil.refresh_from_db()
    assert (pupil.forename, pupil.upn, pupil.upi, pupil.contacts) == ("Former", None, None, [])
    assert not PupilPhoto.objects.filter(pupil=pupil).exists()
    assert Assessment.objects.filter(pupil=pupil).count() == 1
    assert PupilYear.objects.filter(pupil=pupil).exists()
    assert AuditEvent.objects.filter(action=erasure.ERASED, detail__pupil=pupil.pk).exists()


def test_an_erasure_needs_the_request_it_answers(synced):
    with pytest.raises(erasure.ErasureError):
        erasure.erase(someone(synced), request=" ")
    assert not Erasure.objects.exists()


def test_a_later_sync_records_an_issue_instead_of_recreating_the_pupil(synced, client):
    pupil = someone(synced)
    held = Pupil.objects.filter(school=synced).count()
    erasure.erase(pupil, request="letter", by="cli:test")
    result = sync_school(synced, client=client, full=True)
    assert result.status == "completed"
    assert Pupil.objects.filter(school=synced).count() == held
    issues = SyncIssue.objects.filter(run=result.run, code=erased.ISSUE)
    assert issues.count() == 1
    assert issues[0].pupil_ref == "" and "Surname" not in issues[0].message


def test_once_the_school_clears_the_erasure_the_sync_brings_the_pupil_back(synced, client):
    pupil = someone(synced)
    upn = pupil.upn
    erasure.erase(pupil, request="letter", by="cli:test")
    run("pupil", "clear-erasure", synced.wonde_id, upn)
    result = sync_school(synced, client=client, full=True)
    assert len(result.plan.creates) == 1
    assert Pupil.objects.filter(school=synced, upn=upn).exists()


def test_the_erase_command_erases_on_a_request(synced):
    pupil = someone(synced)
    out = run("pupil", "erase", synced.wonde_id, pupil.upn, "--request", "ref 12", "--yes")
    assert "erased" in out
    assert Erasure.objects.get().request == "ref 12"
