"""Account > Admin, and Manage Pupils > Update Pupils: where the guide sends an admin."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pupilsync.web.access import admin_required, school_of


@require_GET
@admin_required
def admin_home(request: HttpRequest) -> HttpResponse:
    return render(request, "pupilsync/admin/home.html")


@require_GET
@admin_required
def manage_pupils(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    context = {"on_roll": school.pupils.filter(on_roll=True).count()}
    return render(request, "pupilsync/admin/manage_pupils.html", context)


@require_GET
@admin_required
def update_pupils(request: HttpRequest) -> HttpResponse:
    return render(request, "pupilsync/admin/update_pupils.html", {"school": school_of(request)})
