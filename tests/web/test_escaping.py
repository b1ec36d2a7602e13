"""MIS data is not trusted: a pupil named <script> is text on every page that shows it, and no
cell of a download starts a spreadsheet formula."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from pupilsync import audit
from pupilsync.models import Pupil, PupilChange, SyncIssue, SyncRun

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def hostile(synced) -> Pupil:
    """A synced pupil whose MIS record, contacts, issue and history all carry a script."""
    pupil = synced.pupils.filter(on_roll=True).first()
    pupil.forename = SCRIPT
    pupil.contacts = [{"name": SCRIPT, "relationship": SCRIPT, "email": "a@example.org"}]
    pupil.save()
    run = SyncRun.objects.filter(school=synced).latest("started_at")
    SyncIssue.objects.create(
        run=run, school=synced, pupil=pupil, code="x", severity="error", message=SCRIPT
    )
    PupilChange.objects.create(
        school=synced, pupil=pupil, field="forename", old="Amy", new=SCRIPT, source="wonde",
        run=run, changed_at=timezone.now(),
    )  # fmt: skip
    return pupil


@pytest.fixture
def held_by_a_script(synced) -> SyncRun:
    return SyncRun.objects.create(
        school=synced,
        trigger="schedule",
        status="held",
        started_at=timezone.now(),
        error=f"This sync was held: {SCRIPT}",
        held={"roll": 9, "archived": {"count": 1, "pupils": [{"pupil": SCRIPT}]}},
    )


def pages(pupil: Pupil) -> list[str]:
    return [
        reverse("pupils"),
        reverse("pupils") + "?q=script",
        reverse("pupil", args=[pupil.pk]),
        reverse("mis-sync"),
    ]


def test_a_pupil_named_script_is_text_on_every_page_that_shows_them(as_admin, hostile):
    for url in pages(hostile):
        page = as_admin.get(url).content.decode()
        assert SCRIPT not in page, url
        assert ESCAPED in page, url


def test_contacts_and_history_of_synced_changes_are_escaped_too(as_admin, hostile):
    page = as_admin.get(reverse("pupil", args=[hostile.pk])).content.decode()
    contacts = page.split('id="h-contacts"', 1)[1].split("</section>", 1)[0]
    history = page.split('id="h-history"', 1)[1].split("</section>", 1)[0]
    assert ESCAPED in contacts and SCRIPT not in contacts
    assert ESCAPED in history and SCRIPT not in history


def test_a_held_syncs_reason_and_pupils_are_escaped(as_admin, held_by_a_script):
    page = as_admin.get(reverse("mis-sync")).content.decode()
    panel = page.split('id="h-held"', 1)[1].split("</section>", 1)[0]
    assert SCRIPT not in panel
    assert panel.count(ESCAPED) == 2


def test_the_audit_log_escapes_what_it_shows(as_admin, synced):
    audit.record(synced, audit.SETTINGS_CHANGED, by=SCRIPT, note=SCRIPT)
    page = as_admin.get(reverse("audit-log")).content.decode()
    assert SCRIPT not in page
    assert page.count(ESCAPED) == 2


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_no_issues_csv_cell_starts_a_formula(as_admin, hostile, start):
    hostile.forename = f"{start}cmd|' /C calc'!A0"
    hostile.save()
    SyncIssue.objects.filter(pupil=hostile).update(message=f"{start}1+1")
    body = as_admin.get(reverse("mis-sync-issues")).content.decode()
    cells = [cell for row in csv.reader(io.StringIO(body)) for cell in row]
    assert f"'{start}1+1" in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"}]
