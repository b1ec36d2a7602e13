"""A subject access export holds everything we hold about the pupil."""

from __future__ import annotations

import json

import pytest

from pupilsync.models import AuditEvent, School
from pupilsync.privacy import access_log, retention, subject_access
from tests.cli.shell import run
from tests.privacy.builders import CONTACT, at, pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def oak(db: None) -> School:
    return School.objects.create(name="Oak Primary", wonde_id="A1")


def test_the_export_holds_every_field_year_contact_assessment_photo_and_change(oak):
    child = pupil(oak, 1)
    data = subject_access.export(child, now=at(2026, 12, 1))
    assert data["pupil"]["surname"] == "Surname1"
    assert data["pupil"]["date_of_birth"] == "2012-05-17"
    assert data["years"][0]["year_group"] == "9" and data["years"][0]["label"] == "2024/25"
    assert data["contacts"] == [CONTACT]
    assert data["assessments"][0]["result"] == "EXS"
    assert data["photo"]["jpeg_base64"]
    assert data["history"][0]["source"] == "Wonde sync"
    assert any(row["field"] == "Pupil.date_of_birth" for row in data["why_held"])


def test_the_export_shows_who_looked_and_the_audit_events_that_touched_the_pupil(oak):
    child = pupil(oak, 1, left=__import__("datetime").date(2026, 7, 20))
    other = pupil(oak, 2, left=__import__("datetime").date(2026, 7, 20))
    access_log.record("cli:someone", child.pk, oak, access_log.Kind.PAGE, now=at(2026, 11, 3))
    retention.apply_retention(oak, now=at(2026, 7, 21))
    data = subject_access.export(child)
    assert data["accesses"][0]["by"] == "cli:someone"
    actions = {e["action"] for e in data["audit_events"]}
    assert {retention.PHOTOS_DELETED, retention.CONTACTS_DELETED} <= actions
    assert all("pupil_ids" not in e["detail"] for e in data["audit_events"])
    assert other.pk not in [e["detail"].get("pupil") for e in data["audit_events"]]


def test_the_command_prints_the_json_and_writes_a_readable_page(oak, tmp_path):
    pupil(oak, 1)
    page = tmp_path / "sar.html"
    out = run("pupil", "export", "A1", "A000000000001", "--html", str(page))
    assert json.loads(out)["pupil"]["forename"] == "Forename1"
    html = page.read_text()
    assert "Forename1" in html and "data:image/jpeg;base64," in html
    assert AuditEvent.objects.filter(action=subject_access.EXPORTED).exists()
