"""Account > Admin > Import > MIS Sync > Permissions: each Wonde permission the features need,
read from Wonde now, granted or denied, and the features it serves."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pupilsync.sync import permissions
from pupilsync.web.access import admin_required, school_of
from wonde.errors import (
    AccessDenied,
    NotFound,
    TransientError,
    Unauthorized,
    WondeError,
)

# Wonde's school portal, where a school's Wonde admin grants an app's permissions. The
# reference documents give no deep link to one app's permissions page, so this is the portal's
# front door; set WONDE_PORTAL_URL to change it.
PORTAL_URL = "https://edu.wonde.com/"


@require_GET
@admin_required
def permissions_page(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    rows: list[dict[str, object]] = []
    problem = ""
    try:
        rows = permissions.school_report(school)
    except WondeError as error:
        problem = _explain(error)
    context = {
        "rows": rows,
        "problem": problem,
        "denied": sum(1 for row in rows if row["state"] == "denied"),
        "unknown": sum(1 for row in rows if row["state"] == "unknown"),
        "portal_url": getattr(settings, "WONDE_PORTAL_URL", PORTAL_URL),
    }
    return render(request, "pupilsync/admin/permissions.html", context)


def _explain(error: WondeError) -> str:
    """A sentence for the admin; never the error's own text, which may carry request details."""
    if isinstance(error, Unauthorized):
        return "Wonde did not accept pupilsync's credentials, so the permissions cannot be read."
    if isinstance(error, AccessDenied):
        return (
            "Wonde refused: the school has not approved pupilsync, or has revoked its access, "
            "in the Wonde portal."
        )
    if isinstance(error, NotFound):
        return "Wonde does not know this school's Wonde id."
    if isinstance(error, TransientError):
        return "Wonde could not be reached just now. Try again in a few minutes."
    return "Wonde could not report the school's permissions."
