"""An admin answers a subject access request in a real browser, and reads Data Protection."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.accounts import add_member
from pupilsync.models import Assessment, Pupil, PupilPhoto, PupilYear, School
from pupilsync.sync.engine import sync_school
from pupilsync.termdates import give_typical_term_dates
from tests.browser.steps import PASSWORD, sign_in_to_pupils

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def oakfield(db: None, fake_wonde) -> School:
    school = School.objects.create(name="Oakfield Primary", wonde_id=DEMO_SCHOOL_ID)
    give_typical_term_dates(school, timezone.localdate())
    add_member(school, "head@oakfield.example", "admin", PASSWORD)
    assert sync_school(school).status == "completed"
    return school


def demo_pupil(school: School) -> Pupil:
    """A pupil with a photo and contacts, given a KS1 result so the export shows one."""
    pupil = (
        Pupil.objects.filter(school=school, on_roll=True, photo__isnull=False)
        .exclude(contacts=[])
        .order_by("surname", "forename")[0]
    )
    Assessment.objects.create(
        school=school, pupil=pupil, subject="Reading", name="KS1 teacher assessment", result="EXS"
    )
    return pupil


def test_an_admin_opens_the_subject_access_export_of_a_pupil(
    live_server, oakfield, open_page, screenshot
):
    pupil = demo_pupil(oakfield)
    page = open_page()
    sign_in_to_pupils(page, live_server, "head@oakfield.example")

    page.goto(live_server.url + reverse("pupil", args=[pupil.pk]))
    page.get_by_role("link", name="Subject access export").click()
    page.get_by_role("heading", name="Why each field is held, and for how long").wait_for()
    assert page.get_by_role("cell", name="KS1 teacher assessment").is_visible()
    assert page.get_by_text(pupil.contacts[0]["name"]).first.is_visible()
    assert page.get_by_role("img", name="The photo held of this pupil").is_visible()
    year = PupilYear.objects.filter(pupil=pupil).order_by("-academic_year")[0]
    assert page.get_by_role("heading", name=f"{year.academic_year}/").first.is_visible()
    screenshot(page, "subject-access")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as JSON").click()
    assert download.value.suggested_filename == f"subject-access-{pupil.pk}.json"

    page.goto(live_server.url + reverse("data-protection"))
    page.get_by_role("heading", name="Who looked").wait_for()
    assert page.get_by_role("cell", name="Subject access export").first.is_visible()
    assert PupilPhoto.objects.filter(school=oakfield).count() > 0
    screenshot(page, "data-protection")
