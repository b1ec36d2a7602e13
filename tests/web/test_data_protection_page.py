"""Account > Admin > Data Protection, the subject access export, and who looked."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from pupilsync.models import AuditEvent, Erasure, Pupil, PupilAccess, PupilPhoto
from pupilsync.privacy import erasure, retention

pytestmark = pytest.mark.django_db


def first_pupil(school) -> Pupil:
    return Pupil.objects.filter(school=school, photo__isnull=False).order_by("pk")[0]


def test_the_page_shows_the_counts_the_settings_and_every_field(as_admin, synced):
    page = as_admin.get(reverse("data-protection")).content.decode()
    on_roll = Pupil.objects.filter(school=synced, on_roll=True).count()
    assert f"<dt>Pupils on roll</dt><dd>{on_roll}</dd>" in page
    assert f"<dt>Photos</dt><dd>{PupilPhoto.objects.filter(school=synced).count()}</dd>" in page
    assert "<code>Pupil.date_of_birth</code>" in page
    assert "Extra years to keep a leaver" in page


def test_an_admin_saves_the_retention_settings_and_it_is_audited(as_admin, synced):
    as_admin.post(reverse("data-protection-retention"), {"extra_years": "3"})
    saved = retention.settings_for(synced)
    assert saved.extra_years == 3
    assert not saved.delete_photo_on_leaving and not saved.delete_contacts_on_leaving
    assert AuditEvent.objects.filter(school=synced, action=retention.RETENTION_CHANGED).exists()


def test_more_than_six_extra_years_is_refused(as_admin, synced):
    response = as_admin.post(
        reverse("data-protection-retention"), {"extra_years": "9"}, follow=True
    )
    assert "Not saved" in response.content.decode()
    assert retention.settings_for(synced).extra_years == 0


def test_the_pupil_page_offers_the_export_to_admins_only(as_admin, as_staff, synced):
    url = reverse("pupil", args=[first_pupil(synced).pk])
    assert "Subject access export" in as_admin.get(url).content.decode()
    assert "Subject access export" not in as_staff.get(url).content.decode()


def test_the_export_page_and_file_hold_the_pupil_and_are_recorded(as_admin, admin, synced):
    pupil = first_pupil(synced)
    page = as_admin.get(reverse("pupil-subject-access", args=[pupil.pk])).content.decode()
    assert pupil.surname in page and "Why each field is held" in page
    response = as_admin.get(reverse("pupil-subject-access-json", args=[pupil.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["pupil"]["upn"] == pupil.upn
    assert PupilAccess.objects.filter(pupil=pupil, kind="export", user=admin.user).count() == 1


def test_opening_a_pupil_and_their_photo_is_logged_once_a_day(as_staff, staff, synced):
    pupil = first_pupil(synced)
    for _ in range(2):
        as_staff.get(reverse("pupil", args=[pupil.pk]))
        as_staff.get(reverse("pupil-photo", args=[pupil.pk]))
    kinds = sorted(PupilAccess.objects.filter(pupil=pupil).values_list("kind", flat=True))
    assert kinds == ["page", "photo"]
    assert PupilAccess.objects.filter(pupil=pupil).first().by == staff.user.email


def test_admins_see_who_looked_on_the_page(as_admin, as_staff, staff, synced):
    pupil = first_pupil(synced)
    as_staff.get(reverse("pupil", args=[pupil.pk]))
    page = as_admin.get(reverse("data-protection")).content.decode()
    assert staff.user.email in page


def test_an_admin_clears_an_erasure(as_admin, synced):
    done = erasure.erase(first_pupil(synced), request="letter", by="cli:test")
    as_admin.post(reverse("data-protection-clear-erasure", args=[done.pk]))
    assert Erasure.objects.get(pk=done.pk).cleared_at is not None


def test_the_pupils_list_logs_the_photos_it_shows(as_staff, synced):
    rows = as_staff.get(reverse("pupils")).context["rows"]
    shown = {row.year.pupil_id for row in rows if row.year.has_photo}
    logged = PupilAccess.objects.filter(school=synced, kind="photo")
    assert set(logged.values_list("pupil_id", flat=True)) == shown and shown


def test_a_photo_fetched_as_an_image_of_our_page_is_not_logged_again(as_staff, synced):
    pupil = first_pupil(synced)
    as_staff.get(reverse("pupil-photo", args=[pupil.pk]), headers={"Sec-Fetch-Dest": "image"})
    assert not PupilAccess.objects.filter(pupil=pupil).exists()
