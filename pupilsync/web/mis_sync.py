"""Account > Admin > Import > MIS Sync: the connection, the last sync, Start Sync, issues, runs.

Start Sync goes through the queue's `start_sync` (the schedule rules, one queued or running
sync a school); the page then polls a small progress fragment until
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

from pupilsync import audit
from pupilsync.models import School, SyncRun
from pupilsync.scheduling.queue import start_sync as start_sync_now
from pupilsync.sync import runs
from pupilsync.web import issues
from pupilsync.web.access import admin_required, school_of
from pupilsync.web.freshness import freshness
from pupilsync.web.schedule import next_sync

QUEUED_KEY = "sync_queued_at"
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
    context = {
        "school": school,
        "last": runs.last_completed(school),
        "held": runs.latest_held(school),
        "latest": _latest_finished(school),
        "progress": _progress(request, school),
        "issues_run": run,
        "issue_filters": form,
        "issue_page": page,
        "query": query.urlencode(),
        "history": _history(school),
        "freshness": freshness(school),
        "next_sync": next_sync(school),
    }
    return render(request, "pupilsync/admin/mis_sync.html", context)


@require_POST
@admin_required
def start_sync(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    if school.connection != School.Connection.APPROVED:
        messages.error(request, "The sync can start once the Wonde connection is approved.")
        return redirect("mis-sync")
    queued_at = timezone.now()
    outcome = start_sync_now(school, trigger=SyncRun.Trigger.MANUAL, now=queued_at)
    if outcome.queued:
        request.session[QUEUED_KEY] = queued_at.isoformat()
        audit.record(school, audit.SYNC_STARTED, user=request.user)
    elif outcome.decision.code not in ("queued", "running"):
        # Already queued or running shows as progress; anything else (summer pause...) is news.
        messages.warning(request, f"{outcome.message} {outcome.decision.what_to_do}".strip())
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
    if request.headers.get("HX-Request"):
        return _progress_fragment(request, school)
    return redirect("mis-sync")


@require_GET
@admin_required
def sync_progress(request: HttpRequest) -> HttpResponse:
    return _progress_fragment(request, school_of(request))


def _progress_fragment(request: HttpRequest, school: School) -> HttpResponse:
    progress = _progress(request, school)
    response = render(
        request, "pupilsync/admin/_sync_progress.html", {"progress": progress, "school": school}
    )
    if progress["state"] == "idle":
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
    finished = SyncRun.objects.filter(school=school).exclude(status=SyncRun.Status.RUNNING)
    return finished.order_by("-started_at").first()


def _running(school: School) -> SyncRun | None:
    return SyncRun.objects.filter(school=school, status=SyncRun.Status.RUNNING).first()


def _progress(request: HttpRequest, school: School) -> dict[str, object]:
    """running (a run holds the lock), queued (asked for, no worker has started it), or idle."""
    running = _running(school)
    if running is not None:
        return {"state": "running", "run": running, "seconds": _since(running.started_at)}
    queued = request.session.get(QUEUED_KEY)
    if queued:
        queued_at = dt.datetime.fromisoformat(queued)
        started = SyncRun.objects.filter(school=school, started_at__gte=queued_at).exists()
        if not started:
            return {"state": "queued", "seconds": _since(queued_at)}
        del request.session[QUEUED_KEY]
    return {"state": "idle"}


def _history(school: School) -> list[SyncRun]:
    rows = SyncRun.objects.filter(school=school).annotate(issue_count=Count("issues"))
    return list(rows.order_by("-started_at")[:HISTORY_SIZE])


def _since(moment: dt.datetime) -> int:
    return max(0, int((timezone.now() - moment).total_seconds()))
