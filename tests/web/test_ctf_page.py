"""Update Pupils > CTF: upload, preview, confirm; bad and hostile files are refused clearly."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pupilsync.accounts import add_member
from pupilsync.ctf import service
from pupilsync.ctf.synthetic import make_ctf
from pupilsync.models import AuditEvent, CtfImport, Pupil, School
from pupilsync.termdates import academic_year_on

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parent.parent / "ctf" / "files"

HOSTILE = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE CTfile [ <!ENTITY school "Expanded Entity School"> ]>
<CTfile><Header><SourceSchool><SchoolName>&school;</SchoolName></SourceSchool></Header></CTfile>
"""


@pytest.fixture
def ctf() -> bytes:
    return make_ctf(3, seed=5, academic_year=academic_year_on(timezone.localdate(), []))


def upload(browser: Client, data: bytes, name: str = "year6.xml"):
    return browser.post(reverse("ctf-upload"), {"file": SimpleUploadedFile(name, data)})


def test_update_pupils_offers_the_ctf_import(as_admin):
    assert reverse("ctf-upload") in as_admin.get(reverse("update-pupils")).content.decode()


def test_an_upload_leads_to_the_preview_of_new_pupils(as_admin, ctf):
    response = upload(as_admin, ctf)
    assert response.status_code == 302
    page = as_admin.get(reverse("ctf-preview")).content.decode()
    assert "New pupils (3)" in page
    assert "Confirm import" in page


def test_the_preview_writes_nothing(as_admin, synced, ctf):
    before = Pupil.objects.filter(school=synced).count()
    upload(as_admin, ctf)
    as_admin.get(reverse("ctf-preview"))
    assert Pupil.objects.filter(school=synced).count() == before


def test_confirm_imports_the_pupils_and_shows_what_was_imported(as_admin, synced, ctf):
    before = Pupil.objects.filter(school=synced).count()
    upload(as_admin, ctf)
    as_admin.get(reverse("ctf-preview"))
    response = as_admin.post(reverse("ctf-confirm"), follow=True)
    assert Pupil.objects.filter(school=synced).count() == before + 3
    assert "Imported year6.xml" in response.content.decode()
    assert CtfImport.objects.filter(school=synced, file_name="year6.xml").count() == 1


def test_confirm_is_audited_with_the_admin(as_admin, admin, synced, ctf):
    upload(as_admin, ctf)
    as_admin.get(reverse("ctf-preview"))
    as_admin.post(reverse("ctf-confirm"))
    assert AuditEvent.objects.get(school=synced, action="ctf_imported").user == admin.user


def test_a_stale_preview_is_refused_with_a_clear_message(as_admin, synced, ctf):
    upload(as_admin, ctf)
    as_admin.get(reverse("ctf-preview"))
    # Someone else imports the same file first: the pupils changed since this preview.
    service.apply(service.build_preview(synced, ctf, file_name="other.xml"))
    response = as_admin.post(reverse("ctf-confirm"), follow=True)
    assert "Nothing was imported" in response.content.decode()
    assert "changed since this preview" in response.content.decode()
    assert CtfImport.objects.filter(school=synced).count() == 1


def test_a_file_that_is_not_a_ctf_gets_the_importers_error_with_its_line(as_admin):
    response = upload(as_admin, b"<?xml version='1.0'?>\n<CTfile>\n<Header>\n</Wrong>")
    assert response.status_code == 200
    assert "Line 4" in response.context["form"].errors["file"][0]


def test_a_file_with_entities_is_refused_without_expanding_them(as_admin, synced):
    response = upload(as_admin, HOSTILE)
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert "DTD" in error
    assert "Expanded Entity School" not in response.content.decode()


def test_confirm_before_the_preview_was_seen_imports_nothing(as_admin, synced, ctf):
    upload(as_admin, ctf)
    as_admin.post(reverse("ctf-confirm"))
    assert not CtfImport.objects.exists()


def test_confirm_without_an_upload_asks_for_one(as_admin, synced):
    response = as_admin.post(reverse("ctf-confirm"), follow=True)
    assert "upload the file again" in response.content.decode()
    assert not CtfImport.objects.exists()


def test_another_schools_admin_cannot_confirm_an_upload_by_sharing_its_session(
    as_admin, synced, ctf, elsewhere
):
    upload(as_admin, ctf)
    as_admin.get(reverse("ctf-preview"))
    other_admin = add_member(
        School.objects.get(pk=elsewhere["school"]), "head@riverside.example", "admin", "pw-123456"
    )
    as_admin.force_login(other_admin.user)  # same browser session, now Riverside's admin
    as_admin.post(reverse("ctf-confirm"))
    assert not CtfImport.objects.exists()


def test_staff_cannot_import(as_staff, ctf):
    assert upload(as_staff, ctf).status_code == 403
    assert as_staff.post(reverse("ctf-confirm")).status_code == 403


def test_the_upload_form_needs_its_csrf_token(admin, ctf):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin.user)
    assert upload(browser, ctf).status_code == 403


def test_the_preview_says_the_files_year_and_warns_when_it_is_not_the_current_one(as_admin):
    upload(as_admin, (FILES / "sims_old_year_v19.xml").read_bytes(), "old.xml")
    page = as_admin.get(reverse("ctf-preview")).content.decode()
    assert "for <strong>2019/20</strong>" in page
    assert "This file is for 2019/20, not the current year" in page


def test_a_file_with_no_importable_pupil_offers_no_confirm(as_admin):
    upload(as_admin, (FILES / "all_refused.xml").read_bytes(), "refused.xml")
    page = as_admin.get(reverse("ctf-preview")).content.decode()
    assert "No pupil in this file can be imported" in page
    assert "Confirm import" not in page
