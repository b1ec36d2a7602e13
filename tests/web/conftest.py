"""A synced school with an admin and a member of staff, and a second school they must not see."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from pupilsync.accounts import add_member
from pupilsync.models import Pupil, PupilPhoto, PupilYear, School, Staff, SyncIssue, SyncRun

PASSWORD = "correct-horse-battery"


@pytest.fixture
def admin(synced: School) -> Staff:
    return add_member(synced, "head@oakfield.example", "admin", PASSWORD)


@pytest.fixture
def staff(synced: School) -> Staff:
    return add_member(synced, "teacher@oakfield.example", "staff", PASSWORD)


@pytest.fixture
def as_admin(admin: Staff) -> Client:
    browser = Client()
    browser.force_login(admin.user)
    return browser


@pytest.fixture
def as_staff(staff: Staff) -> Client:
    browser = Client()
    browser.force_login(staff.user)
    return browser


@pytest.fixture
def elsewhere(db: None) -> dict[str, int]:
    """Another school's pupil, photo, run and issue: ids a user of Oakfield might guess."""
    other = School.objects.create(name="Riverside School", wonde_id="B000000001")
    pupil = Pupil.objects.create(school=other, forename="Secret", surname="Pupil", upn="X1")
    PupilYear.objects.create(pupil=pupil, school=other, academic_year=2026, year_group="5")
    PupilPhoto.objects.create(
        pupil=pupil,
        school=other,
        wonde_hash="h",
        image=b"\xff\xd8not-really-a-jpeg",
        width=1,
        height=1,
        updated_at=timezone.now(),
    )
    run = SyncRun.objects.create(
        school=other, trigger="cli", status="completed", started_at=timezone.now()
    )
    SyncIssue.objects.create(
        run=run, school=other, pupil=pupil, code="x", severity="error", message="Riverside only"
    )
    return {"school": other.pk, "pupil": pupil.pk, "run": run.pk}
