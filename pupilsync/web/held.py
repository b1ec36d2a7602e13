"""A sync the circuit breaker held, answered from the MIS Sync page: approve it, or discard it.

Approving re-runs the sync past the thresholds, which takes as long as any sync: it is admitted
like Start Sync (pupilsync.admission) and the page follows its progress.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from pupilsync import admission
from pupilsync.sync.outcome import RunOutcome
from pupilsync.web.access import admin_required, school_of


@require_POST
@admin_required
def approve(request: HttpRequest) -> HttpResponse:
    admitted = admission.approve_held(school_of(request), user=request.user)
    if admitted.queued:
        messages.success(request, "Approved: the held sync runs now and applies its changes.")
    elif admitted.outcome is RunOutcome.NOTHING_HELD:
        messages.info(request, admitted.message)
    else:
        messages.warning(request, f"Nothing was started: {admitted.message}")
    return redirect("mis-sync")


@require_POST
@admin_required
def discard(request: HttpRequest) -> HttpResponse:
    if admission.discard_held(school_of(request), user=request.user) is None:
        messages.info(request, "There is no held sync to discard.")
    else:
        messages.success(request, "The held sync was discarded: nothing was changed.")
    return redirect("mis-sync")
