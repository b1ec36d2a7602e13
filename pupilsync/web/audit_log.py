"""Account > Admin > Import > MIS Sync > Audit log: who changed what, and when."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pupilsync import audit
from pupilsync.web.access import admin_required, school_of


@require_GET
@admin_required
def audit_log(request: HttpRequest) -> HttpResponse:
    events = audit.events(school_of(request))
    return render(request, "pupilsync/admin/audit_log.html", {"events": events})
