"""A sync the circuit breaker held, answered from the MIS Sync page: approve it, or discard it.

Approving re-runs the sync past the thresholds, which takes as long as any sync: it is queued
like Start Sync and the page follows its progress.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from pupilsync.models import SyncRun
from pupilsync.sync import approval, runs
from pupilsync.tasks import sync_school_task
from pupilsync.web.access import admin_required, school_of


@require_POST
@admin_required
def approve(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    if runs.latest_held(school) is None:
        messages.info(request, "There is no held sync to approve.")
        return redirect("mis-sync")
    sync_school_task(school.pk, SyncRun.Trigger.MANUAL, approve=True, user_id=request.user.pk)
    messages.success(request, "Approved: the held sync runs now and applies its changes.")
    return redirect("mis-sync")


@require_POST
@admin_required
def discard(request: HttpRequest) -> HttpResponse:
    try:
        approval.discard(school_of(request), user=request.user)
    except approval.NothingHeld:
        messages.info(request, "There is no held sync to discard.")
    else:
        messages.success(request, "The held sync was discarded: nothing was changed.")
    return redirect("mis-sync")
