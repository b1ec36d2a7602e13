"""Account > Admin > Import > MIS Sync: state, Start Sync with progress, issues, runs."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from pupilsync.models import School, SyncIssue, SyncRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def immediate():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture
def issues(synced):
    run = SyncRun.objects.filter(school=synced).latest("started_at")
    pupil = synced.pupils.first()
    SyncIssue.objects.create(
        run=run,
        school=synced,
        pupil=pupil,
        code="bad_dob",
        severity="error",
        message="=HYPERLINK(date of birth is not a date)",
    )
    SyncIssue.objects.create(
        run=run,
        school=synced,
        pupil_ref="UPN A123",
        code="photo",
        severity="warning",
        message="photo is not a JPEG",
    )
    return pupil


def test_the_page_shows_the_connection_and_the_last_syncs_counts(as_admin, synced):
    run = SyncRun.objects.get(school=synced)
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert "Approved" in page
    assert f"Full sync: {run.created:,} pupils checked, {run.created:,} new." in page
    assert "Start Sync" in page


def test_a_pending_connection_is_explained_and_cannot_start(as_admin, synced):
    School.objects.filter(pk=synced.pk).update(connection=School.Connection.REQUESTED)
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert "Wonde portal" in page
    assert "Wonde team will be in touch" in page
    response = as_admin.post(reverse("mis-sync-start"))
    assert response.status_code == 302
    assert SyncRun.objects.filter(school=synced).count() == 1


def test_start_sync_queues_one_manual_sync_that_runs(
    as_admin, synced, client, immediate, monkeypatch
):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)
    response = as_admin.post(reverse("mis-sync-start"))
    assert response.status_code == 302
    assert SyncRun.objects.filter(school=synced, trigger="manual", status="completed").count() == 1


def test_start_sync_from_htmx_answers_with_the_progress_fragment(
    as_admin, synced, client, immediate, monkeypatch
):
    monkeypatch.setattr("pupilsync.sync.engine.wonde_client", lambda: client)
    response = as_admin.post(reverse("mis-sync-start"), headers={"HX-Request": "true"})
    # Immediate mode finished the run already: the page is told to reload for its counts.
    assert response["HX-Refresh"] == "true"


def test_progress_polls_while_a_sync_runs(as_admin, synced):
    SyncRun.objects.create(school=synced, trigger="schedule", started_at=timezone.now())
    fragment = as_admin.get(reverse("mis-sync-progress")).content.decode()
    assert "Sync running" in fragment
    assert 'hx-trigger="every 1s"' in fragment


def test_a_queued_sync_shows_as_queued_until_a_worker_starts_it(as_admin, synced, monkeypatch):
    monkeypatch.setattr("pupilsync.admission.enqueue", lambda *args, **kw: None)
    as_admin.post(reverse("mis-sync-start"))
    fragment = as_admin.get(reverse("mis-sync-progress")).content.decode()
    assert "Sync queued" in fragment


def test_a_second_start_while_running_queues_nothing(as_admin, synced, monkeypatch):
    queued = []
    monkeypatch.setattr("pupilsync.admission.enqueue", lambda *a, **kw: queued.append(a))
    SyncRun.objects.create(school=synced, trigger="schedule", started_at=timezone.now())
    as_admin.post(reverse("mis-sync-start"))
    assert queued == []


def test_the_issues_list_filters_by_severity(as_admin, issues):
    page = as_admin.get(reverse("mis-sync"), {"severity": "warning"}).content.decode()
    assert "photo is not a JPEG" in page
    assert "date of birth" not in page


def test_the_issues_list_filters_by_pupil(as_admin, issues):
    page = as_admin.get(reverse("mis-sync"), {"pupil": issues.surname}).content.decode()
    assert "date of birth" in page
    assert "photo is not a JPEG" not in page


def test_the_issues_download_as_csv_with_formulas_defused(as_admin, issues):
    response = as_admin.get(reverse("mis-sync-issues"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["severity"] for row in rows} == {"error", "warning"}
    assert next(r for r in rows if r["code"] == "bad_dob")["message"].startswith("'=")


def test_the_run_history_lists_each_run_with_its_issue_count(as_admin, issues, synced):
    page = as_admin.get(reverse("mis-sync")).content.decode()
    run = SyncRun.objects.get(school=synced)
    assert f'?run={run.pk}#issues">2</a>' in page


def test_update_pupils_offers_wonde(as_admin):
    page = as_admin.get(reverse("update-pupils")).content.decode()
    assert "Choose Wonde" in page
    assert reverse("mis-sync") in page


def test_a_revoked_connection_puts_a_banner_on_admin_pages(as_admin, synced):
    School.objects.filter(pk=synced.pk).update(connection=School.Connection.REVOKED)
    page = as_admin.get(reverse("manage-pupils")).content.decode()
    assert "connection was revoked" in page


def test_a_failed_last_sync_is_explained_on_the_page(as_admin, synced):
    SyncRun.objects.create(
        school=synced,
        trigger="schedule",
        status="failed",
        started_at=timezone.now(),
        finished_at=timezone.now(),
        error="Wonde did not answer after 5 tries.",
    )
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert "failed: Wonde did not answer after 5 tries." in page


def test_the_next_scheduled_sync_is_the_schools_minute_in_the_window(as_admin, synced):
    from pupilsync.scheduling.window import slot_offset, window_from_settings

    window = window_from_settings()
    minute = window.opens(timezone.localdate()) + dt.timedelta(
        minutes=slot_offset(synced.wonde_id, window.minutes)
    )
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert "Next scheduled sync" in page
    assert minute.strftime("%H:%M") in page


def test_a_paused_sync_says_why_and_when_it_resumes(as_admin, synced):
    from pupilsync.models import TermDates
    from pupilsync.termdates import academic_year_for

    year = academic_year_for(synced, timezone.localdate())
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    TermDates.objects.filter(school=synced, academic_year=year).update(summer_end=yesterday)
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert "paused for the summer" in page


def test_start_sync_during_the_summer_pause_queues_nothing_and_says_why(
    as_admin, synced, monkeypatch
):
    from pupilsync.models import TermDates
    from pupilsync.termdates import academic_year_for

    queued = []
    monkeypatch.setattr("pupilsync.admission.enqueue", lambda *a, **kw: queued.append(a))
    year = academic_year_for(synced, timezone.localdate())
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    TermDates.objects.filter(school=synced, academic_year=year).update(summer_end=yesterday)
    page = as_admin.post(reverse("mis-sync-start"), follow=True).content.decode()
    assert queued == []
    assert "paused for the summer" in page
