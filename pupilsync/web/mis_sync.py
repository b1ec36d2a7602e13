"""Account > Admin > Import > MIS Sync: the connection, the last sync, Start Sync, issues, runs.

Start Sync goes through pupilsync.admission (the schedule, one queued or running sync a
school); the page then polls a small progress fragment until
the run has finished, and reloads to show the new counts.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from pupilsync import admission, audit
from pupilsync.models import School, SyncRun, SyncSettings
from pupilsync.scheduling.status import SyncState, sync_state
from pupilsync.web import issues, run_words
from pupilsync.web.access import admin_required, school_of
from pupilsync.web.freshness import freshness
from pupilsync.web.schedule import next_sync
from pupilsync.web.started_by import started_by
from pupilsync.web.sync_settings import REREAD_NOTE

HISTORY_SIZE = 20
ISSUES_PAGE_SIZE = 50


@require_GET
@admin_required
def mis_sync(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    run = _issues_run(request, school)
    form = issues.IssueFilters(request.GET)
    form.is_valid()
    issue_rows = issues.issues_of(run, form.cleaned_data) if run else None
    page = (
        Paginator(issue_rows, ISSUES_PAGE_SIZE).get_page(request.GET.get("page"))
        if issue_rows is not None
        else None
    )
    query = request.GET.copy()
    query.pop("page", None)
    last = school.runs.last_sync()
    reread = SyncSettings.reread_pending(school)
    context = {
        "school": school,
        "last": last,
        "last_words": run_words.in_words(last, school.runs.last_full()) if last else [],
        "last_import": _import_since(school, last),
        "held": school.runs.latest_held(),
        "latest": _latest_finished(school),
        "progress": _progress(school, request.user),
        "issues_run": run,
        "issue_filters": form,
        "issue_page": page,
        "query": query.urlencode(),
        "history": _history(school),
        "freshness": freshness(school),
        "next_sync": next_sync(school),
        "reread": reread,
        "reread_note": REREAD_NOTE,
        # No full sync has applied the change yet: the issues it answers wait for the next one.
        "waiting": bool(reread and run and run.trigger != SyncRun.Trigger.CTF),
    }
    return render(request, "pupilsync/admin/mis_sync.html", context)


@require_POST
@admin_required
def start_sync(request: HttpRequest) -> HttpResponse:
    """Start Sync always answers: queued, running, a retry already queued, or why not."""
    school = school_of(request)
    if school.connection != School.Connection.APPROVED:
        messages.error(request, "The sync can start once the Wonde connection is approved.")
        return _answer(request, school)
    state = sync_state(school)
    if not state.busy:
        outcome = admission.start_sync(school, trigger=SyncRun.Trigger.MANUAL)
        if outcome.queued:
            audit.record(school, audit.SYNC_STARTED, user=request.user)
            messages.success(request, outcome.message)
            return _answer(request, school)
        state = sync_state(school)
        if not state.busy:
            refused = f"Nothing was started: {outcome.message} {outcome.decision.what_to_do}"
            messages.warning(request, refused.strip())
            return _answer(request, school)
    messages.info(request, already(state))
    return _answer(request, school)


@require_POST
@admin_required
def retry_now(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    outcome = admission.run_retry_now(school)
    if outcome.queued:
        audit.record(school, audit.SYNC_STARTED, user=request.user, retry=True)
        messages.success(request, outcome.message)
    else:
        messages.warning(request, f"Nothing was started: {outcome.message}")
    return _answer(request, school)


def already(state: SyncState) -> str:
    """Why pressing Start Sync queued nothing new, in words."""
    if state.state == "running" and state.run is not None:
        started = timezone.localtime(state.run.started_at)
        return f"A sync is already running (started {started:%H:%M}); nothing more was queued."
    if state.state == "retry" and state.due_at is not None:
        due = timezone.localtime(state.due_at)
        return (
            f"The last sync failed and its retry is already queued for {due:%H:%M}; "
            "nothing more was queued. Use Run it now to start it at once."
        )
    return f"A sync is already queued ({place(state.position)}); nothing more was queued."


def place(position: int) -> str:
    if position <= 1:
        return "next in line"
    return f"number {position} in the queue"


def _answer(request: HttpRequest, school: School) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # Reload: the page shows the answer as a message, and the progress it now has.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect("mis-sync")


@require_GET
@admin_required
def sync_progress(request: HttpRequest) -> HttpResponse:
    return _progress_fragment(request, school_of(request))


def _progress_fragment(request: HttpRequest, school: School) -> HttpResponse:
    progress = _progress(school, request.user)
    response = render(
        request, "pupilsync/admin/_sync_progress.html", {"progress": progress, "school": school}
    )
    if progress["state"] in ("idle", "retry"):
        # The run this page was waiting for has finished: reload for its counts and issues.
        response["HX-Refresh"] = "true"
    return response


@require_GET
@admin_required
def issues_csv(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    run = _issues_run(request, school)
    form = issues.IssueFilters(request.GET)
    chosen = form.cleaned_data if form.is_valid() else {}
    body = issues.as_csv(issues.issues_of(run, chosen)) if run else ""
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"sync-issues-{run.started_at:%Y%m%d-%H%M}.csv" if run else "sync-issues.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _issues_run(request: HttpRequest, school: School) -> SyncRun | None:
    """The run whose issues are shown: ?run=ID of this school, else the latest finished run."""
    run_id = request.GET.get("run", "")
    if run_id.isdigit():
        return get_object_or_404(SyncRun, pk=int(run_id), school=school)
    return _latest_finished(school)


def _latest_finished(school: School) -> SyncRun | None:
    return school.runs.latest_finished()


def _progress(school: School, user: object) -> dict[str, object]:
    """running, queued (with its place), retry (failed, tried again later), or idle; a queued
    or running sync says who started it, which may be another admin or the nightly schedule."""
    state = sync_state(school)
    progress: dict[str, object] = {"state": state.state, "sync": state, "place": ""}
    if state.state == "running" and state.run is not None:
        run = state.run
        by = started_by(school, run.trigger, run.started_at, user)
        progress |= {"run": run, "seconds": _since(run.started_at), "started_by": by}
    elif state.state == "queued" and state.queued_at is not None:
        by = started_by(school, state.trigger, state.queued_at, user)
        progress |= {
            "seconds": _since(state.queued_at),
            "place": place(state.position),
            "started_by": by,
        }
    return progress


def _import_since(school: School, last: SyncRun | None) -> SyncRun | None:
    """The latest CTF import, if it came after the last sync."""
    imported = school.runs.last_import()
    if imported is None or (last is not None and imported.started_at < last.started_at):
        return None
    return imported


def _history(school: School) -> list[SyncRun]:
    rows = SyncRun.objects.filter(school=school).annotate(issue_count=Count("issues"))
    return list(rows.order_by("-started_at")[:HISTORY_SIZE])


def _since(moment: dt.datetime) -> int:
    return max(0, int((timezone.now() - moment).total_seconds()))
