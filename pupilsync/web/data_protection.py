"""Account > Admin > Data Protection (what we hold, retention settings, erasures, who looked)
and a pupil's subject access export (a page and a JSON file), for admins."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pupilsync import audit
from pupilsync.models import Erasure, Pupil
from pupilsync.models.privacy import MAX_EXTRA_YEARS
from pupilsync.privacy import access_log, erasure, retention, subject_access
from pupilsync.privacy.overview import overview
from pupilsync.web.access import admin_required, school_of


@require_GET
@admin_required
def data_protection(request: HttpRequest) -> HttpResponse:
    context = overview(school_of(request)) | {"year_choices": range(MAX_EXTRA_YEARS + 1)}
    return render(request, "pupilsync/admin/data_protection.html", context)


@require_POST
@admin_required
def save_retention(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("extra_years", "")
    try:
        retention.update_settings(
            school_of(request),
            extra_years=int(raw) if raw.isdigit() else -1,
            delete_photo_on_leaving="delete_photo_on_leaving" in request.POST,
            delete_contacts_on_leaving="delete_contacts_on_leaving" in request.POST,
            user=request.user,
        )
    except retention.RetentionError as error:
        messages.error(request, f"Not saved: {error}. Nothing was changed.")
    else:
        messages.success(request, "Retention settings saved.")
    return redirect("data-protection")


@require_POST
@admin_required
def clear_erasure(request: HttpRequest, erasure_id: int) -> HttpResponse:
    school = school_of(request)
    get_object_or_404(Erasure, pk=erasure_id, school=school, cleared_at__isnull=True)
    try:
        erasure.clear(school, erasure_id, user=request.user)
    except erasure.ErasureError as error:
        messages.error(request, f"Not cleared: {error}.")
    else:
        messages.success(request, "Erasure cleared: the next sync may bring the pupil back.")
    return redirect("data-protection")


@require_GET
@admin_required
def subject_access_page(request: HttpRequest, pupil_id: int) -> HttpResponse:
    pupil = _pupil(request, pupil_id)
    data = subject_access.export(pupil)
    photo = reverse("pupil-photo", args=[pupil.pk]) if data["photo"] else ""
    context = {"pupil": pupil, "data": data, "photo_src": photo}
    return render(request, "pupilsync/privacy/subject_access.html", context)


@require_GET
@admin_required
def subject_access_json(request: HttpRequest, pupil_id: int) -> HttpResponse:
    data = subject_access.export(_pupil(request, pupil_id))
    body = json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="subject-access-{pupil_id}.json"'
    response["Cache-Control"] = "private, no-store"
    return response


def _pupil(request: HttpRequest, pupil_id: int) -> Pupil:
    """The pupil, from the admin's own school only; the export is recorded as an access."""
    school = school_of(request)
    pupil = get_object_or_404(Pupil.objects.select_related("school"), pk=pupil_id, school=school)
    access_log.record(request.user, pupil.pk, school, access_log.Kind.EXPORT)
    audit.record(school, subject_access.EXPORTED, user=request.user, pupil=pupil.pk)
    return pupil
