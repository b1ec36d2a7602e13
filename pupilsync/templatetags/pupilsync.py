"""Small template filters for the web UI's wording."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from pupilsync import labels
from pupilsync.school_settings import SETTINGS

register = template.Library()

TRIGGERS = {
    "cli": "Command line",
    "manual": "Start Sync",
    "schedule": "Nightly",
    "webhook": "Wonde update",
    "ctf": "CTF import",
    "retry": "Retry",
    "connected": "Connection approved",
}


@register.filter
def trigger_label(trigger: str) -> str:
    """How a sync run was started, as an admin would say it."""
    return TRIGGERS.get(trigger, trigger.replace("_", " ").capitalize())


SETTING_LABELS = {setting.key: setting.label for setting in SETTINGS}
AUDIT_ACTIONS = {
    "settings_changed": "Sync settings changed",
    "sync_started": "Sync started",
    "sync_approved": "Held sync approved",
    "sync_discarded": "Held sync discarded",
    "ctf_imported": "CTF imported",
    "connection_requested": "Wonde connection requested",
    "term_dates_changed": "Term dates changed",
    "sign_in_failed": "Failed sign-in",
    "sign_in_locked": "Sign-in locked out",
    "sign_in_unlocked": "Sign-in unlocked",
    "retention_changed": "Retention settings changed",
    "leaver_photos_deleted": "Leavers' photos deleted",
    "leaver_contacts_deleted": "Leavers' contacts deleted",
    "leavers_anonymised": "Leavers anonymised",
    "pupil_erased": "Pupil erased on request",
    "erasure_cleared": "Erasure cleared",
    "subject_access_export": "Subject access export",
    "school_deletion_scheduled": "Pupil data deletion scheduled",
    "school_deletion_cancelled": "Pupil data deletion cancelled",
    "school_data_deleted": "All pupil data deleted",
    "api_key_created": "API key made",
    "api_key_revoked": "API key revoked",
    "webhook_added": "Webhook added",
    "webhook_removed": "Webhook removed",
}


@register.simple_tag
def issue_text(issue: Any) -> str:
    return labels.issue_text(issue.code, issue.message)


@register.filter
def audit_action(action: str) -> str:
    return AUDIT_ACTIONS.get(action, action.replace("_", " ").capitalize())


@register.filter
def iso_datetime(text: str) -> dt.datetime | str:
    """An ISO timestamp (as `audit.events` gives it) as a datetime the `date` filter can format."""
    try:
        return timezone.localtime(dt.datetime.fromisoformat(text))
    except (TypeError, ValueError):
        return text


@register.filter
def audit_detail(detail: dict[str, Any]) -> list[str]:
    """An audit record's detail as short lines; empty parts are left out."""
    lines = []
    for key, value in (detail or {}).items():
        if value in ({}, [], "", None) or key == "pupil_ids":  # the count says it; ids are noise
            continue
        label = key.replace("_", " ")
        if isinstance(value, dict):
            text = "; ".join(f"{SETTING_LABELS.get(k, k)} = {_word(v)}" for k, v in value.items())
        elif isinstance(value, list):
            text = ", ".join(str(v) for v in value)
        else:
            text = _word(value)
        lines.append(f"{label}: {text}")
    return lines


def _word(value: Any) -> str:
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value)


@register.filter
def field_name(key: str) -> str:
    """A synced field by the guide's name: `former_upn` is "Former UPN"."""
    return labels.field_name(key)


@register.filter
def field_value(value: Any, key: str) -> str | list[str]:
    """{{ value|field_value:"ethnicity" }}: codes by name, contacts and needs as lines."""
    return labels.field_value(key, value)


@register.filter
def is_list(value: Any) -> bool:
    return isinstance(value, list)
