"""Account > Admin > Import > MIS Sync > Sync Settings: the school's sync settings and its
custom SEN codes. Every change goes through `school_settings.update`, which validates it, saves
it in one transaction and keeps it in the audit log; a refused change changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from pupilsync import school_settings
from pupilsync.census import PROVISIONS
from pupilsync.models import SenCode, SyncSettings
from pupilsync.school_settings import PERCENTS, SETTINGS, SettingsError
from pupilsync.sync.options import options_for
from pupilsync.web.access import admin_required, school_of

REREAD_NOTE = "The next sync re-reads every pupil, so your change reaches everyone."
# The guide's groups, in its order; the circuit breaker's thresholds come last.
GROUPS = ("Attendance Summaries", "SEND", "Pupil Contacts", "Pupil Photos", "Safety")


@require_GET
@admin_required
def sync_settings(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _page(request: HttpRequest, replacing: dict[str, str] | None = None) -> HttpResponse:
    school = school_of(request)
    described = school_settings.describe(options_for(school))
    context = {
        "groups": _grouped(described["settings"]),
        "sen_codes": described["sen_codes"],
        "provisions": SenCode.Provision.choices,
        "reread": SyncSettings.reread_pending(school),
        "reread_note": REREAD_NOTE,
        "replacing": replacing,
    }
    return render(request, "pupilsync/admin/sync_settings.html", context)


@require_POST
@admin_required
def save_settings(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    current = options_for(school)
    changed = {
        key: value
        for key, value in _posted(request).items()
        if value != _as_text(key, getattr(current, key))
    }
    if not changed:
        messages.info(request, "Nothing was changed.")
        return redirect("sync-settings")
    return _update(request, "Sync settings saved.", values=changed)


@require_POST
@admin_required
def add_sen_code(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("code", "")
    provision = request.POST.get("provision", "")
    name, new = code.strip().upper(), provision.strip().upper()
    old = SenCode.objects.filter(school=school_of(request), code=name).first()
    if old is not None and old.provision == new:
        messages.info(request, f"Custom SEN code {name} already means {_meaning(new)}.")
        return redirect("sync-settings")
    if old is not None and request.POST.get("replace") != "yes":
        # Re-adding a code replaces its meaning: ask first, changing nothing yet.
        return _page(
            request,
            {
                "code": name,
                "old": _meaning(old.provision),
                "new": new,
                "new_meaning": _meaning(new),
            },
        )
    message = (
        f"Custom SEN code {name} now means {_meaning(new)}: it replaced {_meaning(old.provision)}."
        if old is not None
        else f"Custom SEN code {name} added."
    )
    return _update(request, message, add_codes={code: provision})


def _meaning(provision: str) -> str:
    return f"{provision} ({PROVISIONS.get(provision, provision)})"


@require_POST
@admin_required
def remove_sen_code(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("code", "")
    return _update(request, f"Custom SEN code {code} removed.", remove_codes=[code])


def _update(request: HttpRequest, done: str, **change: Any) -> HttpResponse:
    school = school_of(request)
    before = SyncSettings.reread_pending(school)
    try:
        school_settings.update(school, user=request.user, **change)
    except SettingsError as error:
        messages.error(request, f"Not saved: {error}. Nothing was changed.")
    else:
        after = SyncSettings.reread_pending(school)
        messages.success(request, f"{done} {REREAD_NOTE}" if after and after != before else done)
    return redirect("sync-settings")


def _posted(request: HttpRequest) -> dict[str, str]:
    """Every setting as the form sent it: an unticked box is not sent at all, so it is off."""
    return {
        s.key: request.POST.get(s.key, "").strip()
        if s.key in PERCENTS
        else ("on" if s.key in request.POST else "off")
        for s in SETTINGS
    }


def _as_text(key: str, value: bool | int) -> str:
    if key in PERCENTS:
        return str(value)
    return "on" if value else "off"


def _grouped(settings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [
        {**row, "default": _default(row["key"]), "percent": row["key"] in PERCENTS}
        for row in settings
    ]
    return [
        {"label": group, "settings": [row for row in rows if row["group"] == group]}
        for group in GROUPS
        if any(row["group"] == group for row in rows)
    ]


def _default(key: str) -> str:
    # A school without a settings row has the model's defaults: the guide's.
    value = getattr(SyncSettings(), key)
    if key in PERCENTS:
        return f"{value}%"
    return "ticked" if value else "not ticked"
