"""Small template filters for the web UI's wording."""

from __future__ import annotations

from django import template

register = template.Library()

TRIGGERS = {
    "cli": "Command line",
    "manual": "Start Sync",
    "schedule": "Nightly",
    "webhook": "Wonde update",
}


@register.filter
def trigger_label(trigger: str) -> str:
    """How a sync run was started, as an admin would say it."""
    return TRIGGERS.get(trigger, trigger)
