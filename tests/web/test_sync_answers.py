"""The MIS Sync page tells the truth: Start Sync always answers, the counts read as words,
a settings change says the next sync reads everyone, and a CTF import is an import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pupilsync import school_settings
from pupilsync.models import AuditEvent, SyncIssue, SyncRun, SyncSlot
from pupilsync.web.freshness import freshness
from pupilsync.web.run_words import in_words

pytestmark = pytest.mark.django_db


def page_of(browser) -> str:
    return browser.get(reverse("mis-sync")).content.decode()


def answer_to_start(browser) -> str:
    return browser.post(reverse("mis-sync-start"), follow=True).content.decode()


@pytest.fixture
def nothing_runs(monkeypatch) -> list[tuple]:
    queued: list[tuple] = []
    monkeypatch.setattr("pupilsync.admission.enqueue", lambda *a, **kw: queued.append(a))
    return queued


def test_start_sync_says_it_is_queued_and_where_in_the_queue(as_admin, synced, nothing_runs):
    page = answer_to_start(as_admin)
    assert f"A sync of {synced.name} is queued." in page
    assert "Sync queued" in page and "next in line" in page


def test_start_sync_while_one_runs_says_so_and_records_no_start(as_admin, synced, nothing_runs):
    SyncRun.objects.create(school=synced, trigger="schedule", started_at=timezone.now())
    page = answer_to_start(as_admin)
    assert "A sync is already running" in page and "nothing more was queued" in page
    assert not AuditEvent.objects.filter(action="sync_started").exists() and not nothing_runs


def test_start_sync_with_a_retry_waiting_gives_its_time_and_a_run_it_now_button(
    as_admin, synced, nothing_runs
):
    failed_at = timezone.now()
    due = failed_at + dt.timedelta(minutes=10)
    SyncSlot.objects.create(school=synced, queued_at=failed_at, due_at=due, attempt=2)
    page = answer_to_start(as_admin)
    clock = f"{timezone.localtime(due):%H:%M}"
    assert f"its retry is already queued for {clock}" in page
    assert "Run it now" in page and f"Retry queued for {clock}" in page
    assert not AuditEvent.objects.filter(action="sync_started").exists() and not nothing_runs


def test_the_next_sync_line_shows_a_pending_retry(as_admin, synced):
    due = timezone.now() + dt.timedelta(minutes=10)
    SyncSlot.objects.create(school=synced, queued_at=timezone.now(), due_at=due, attempt=2)
    assert "Retry of the failed sync:" in page_of(as_admin)


def test_run_it_now_queues_the_retry_and_records_who(as_admin, synced, nothing_runs):
    due = timezone.now() + dt.timedelta(minutes=10)
    SyncSlot.objects.create(school=synced, queued_at=timezone.now(), due_at=due, attempt=2)
    page = as_admin.post(reverse("mis-sync-retry-now"), follow=True).content.decode()
    assert "is queued now" in page and nothing_runs[0][1] == "retry"
    assert AuditEvent.objects.get(action="sync_started").detail == {"retry": True}


def test_a_refused_start_gives_the_reason_and_records_no_start(as_admin, synced):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "pupilsync.admission.start_sync",
            lambda *a, **kw: _refused("The sync is paused for the summer."),
        )
        page = answer_to_start(as_admin)
    assert "Nothing was started: The sync is paused for the summer." in page
    assert not AuditEvent.objects.filter(action="sync_started").exists()


def _refused(reason: str):
    from pupilsync.admission import Admitted
    from pupilsync.scheduling.calendar import Decision
    from pupilsync.sync.outcome import RunOutcome

    decision = Decision(False, "summer_pause", reason, 2026)
    return Admitted(RunOutcome.BLOCKED, reason, decision)


def test_the_last_sync_reads_as_words(as_admin, synced):
    run = SyncRun.objects.get(school=synced)
    assert f"Full sync: {run.created:,} pupils checked, {run.created:,} new." in page_of(as_admin)


def test_a_full_sync_that_changed_nothing_says_so():
    run = SyncRun(trigger="schedule", full=True, unchanged=1188)
    assert in_words(run) == ["Full sync: 1,188 pupils checked, none changed."]


def test_a_delta_says_it_was_one_and_when_the_last_full_sync_was():
    full = SyncRun(full=True, started_at=dt.datetime(2026, 11, 30, 2, 11, tzinfo=dt.UTC))
    run = SyncRun(trigger="manual", full=False, updated=2, unchanged=1)
    words = in_words(run, full)
    assert words[0] == (
        "Delta sync: read the 3 pupils whose MIS record changed since the sync before: 2 updated."
    )
    assert words[1].startswith("The last full sync, which reads every pupil, was on Monday 30")


def test_a_settings_change_says_the_next_sync_reads_everyone(as_admin, synced):
    page = as_admin.post(
        reverse("sen-code-add"), {"code": "MP", "provision": "E"}, follow=True
    ).content.decode()
    assert "The next sync re-reads every pupil, so your change reaches everyone." in page
    assert "The next sync re-reads every pupil" in page_of(as_admin)


def test_issues_wait_for_the_next_sync_after_a_settings_change(as_admin, synced):
    run = SyncRun.objects.get(school=synced)
    SyncIssue.objects.create(
        run=run, school=synced, code="unknown_sen_code", severity="warning", message="has MP"
    )
    school_settings.update(synced, add_codes={"MP": "E"})
    assert "Waiting for the next sync" in page_of(as_admin)


def test_an_issue_on_the_page_says_where_to_fix_it(as_admin, synced):
    run = SyncRun.objects.get(school=synced)
    SyncIssue.objects.create(
        run=run, school=synced, code="unknown_sen_code", severity="warning", message="has MP."
    )
    assert "has MP. Map it to N, K or E under MIS Sync &gt; Sync Settings" in page_of(as_admin)


def test_the_issues_csv_says_where_to_fix_it_too(as_admin, synced):
    run = SyncRun.objects.get(school=synced)
    SyncIssue.objects.create(
        run=run, school=synced, code="unknown_sen_code", severity="warning", message="has MP."
    )
    body = as_admin.get(reverse("mis-sync-issues")).content.decode()
    assert "has MP. Map it to N, K or E under MIS Sync > Sync Settings" in body


def test_re_adding_a_custom_code_says_what_it_replaced_and_the_log_keeps_the_old_value(
    as_admin, synced
):
    add = reverse("sen-code-add")
    as_admin.post(add, {"code": "MP", "provision": "K"})
    asked = as_admin.post(add, {"code": "MP", "provision": "E"}).content.decode()
    assert "already means K (SEN support)" in asked  # asked first: nothing changed yet
    replace = {"code": "MP", "provision": "E", "replace": "yes"}
    page = as_admin.post(add, replace, follow=True).content.decode()
    assert "Custom SEN code MP now means E (EHC plan): it replaced K (SEN support)." in page
    latest = AuditEvent.objects.filter(action="settings_changed").first()
    assert latest.detail["sen_codes_changed"] == {"MP": "K -> E"}


def test_a_ctf_import_is_not_the_last_sync(as_admin, synced):
    sync = SyncRun.objects.get(school=synced)
    SyncRun.objects.create(
        school=synced,
        trigger="ctf",
        status="completed",
        started_at=sync.started_at + dt.timedelta(hours=1),
        finished_at=sync.finished_at + dt.timedelta(hours=1),
        created=3,
    )
    page = page_of(as_admin)
    assert "Since then: a CTF import on" in page and "CTF import</td>" in page
    assert freshness(synced, sync.finished_at + dt.timedelta(hours=2)).startswith(
        "Data as of today's CTF import"
    )


@pytest.mark.parametrize(
    ("trigger", "label"),
    [
        ("schedule", "Nightly"),
        ("manual", "Start Sync"),
        ("retry", "Retry"),
        ("ctf", "CTF import"),
        ("cli", "Command line"),
        ("connected", "Connection approved"),
    ],
)
def test_triggers_read_as_words(trigger, label):
    from pupilsync.templatetags.pupilsync import trigger_label

    assert trigger_label(trigger) == label


@pytest.fixture
def deputy(synced):
    from django.test import Client

    from pupilsync.accounts import add_member

    browser = Client()
    browser.force_login(add_member(synced, "deputy@oakfield.example", "admin", "pw-12345678").user)
    return browser


def test_a_sync_another_admin_queued_is_shown_with_who_started_it(
    as_admin, deputy, synced, nothing_runs
):
    deputy.post(reverse("mis-sync-start"))
    page = page_of(as_admin)
    assert "Sync queued" in page
    assert "Start Sync by deputy@oakfield.example at" in page
    assert "next in line" in page


def test_a_sync_the_admin_queued_says_it_was_them(as_admin, synced, nothing_runs):
    as_admin.post(reverse("mis-sync-start"))
    assert "Start Sync by you at" in page_of(as_admin)


def test_a_nightly_sync_waiting_in_the_queue_is_shown(as_admin, synced):
    queued = timezone.now()
    SyncSlot.objects.create(school=synced, queued_at=queued, due_at=queued, trigger="schedule")
    page = page_of(as_admin)
    clock = timezone.localtime(queued).strftime("%H:%M")
    assert f"<strong>Sync queued</strong> · Nightly at {clock}" in page


def test_the_live_progress_names_who_started_the_sync(as_admin, deputy, synced, nothing_runs):
    deputy.post(reverse("mis-sync-start"))
    fragment = as_admin.get(reverse("mis-sync-progress")).content.decode()
    assert "Start Sync by deputy@oakfield.example" in fragment
