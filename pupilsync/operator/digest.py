"""The operators' morning email: last night's totals and the schools needing action."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q

from pupilsync.models import Staff
from pupilsync.operator import fleet
from pupilsync.operator.totals import NightTotals, last_night, night_totals

# Schools named under each need; the rest are a link to the board away.
LISTED = 20


def operator_emails() -> list[str]:
    """OPERATOR_EMAILS, or else every active Django staff user who belongs to no school."""
    if settings.OPERATOR_EMAILS:
        return list(settings.OPERATOR_EMAILS)
    members = Staff.objects.values("user_id")
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(pk__in=members)
    return sorted({email for email in users.exclude(Q(email="")).values_list("email", flat=True)})


def send_digest(now: dt.datetime) -> int:
    recipients = operator_emails()
    if not recipients:
        return 0
    totals = night_totals(last_night(now))
    subject = (
        f"[pupilsync] {totals.night:%a %-d %b}: {totals.synced} synced, {totals.failed} failed, "
        f"{totals.held} held"
    )
    body = "\n".join([*_totals_lines(totals), "", *_needs_lines(now)])
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _totals_lines(t: NightTotals) -> list[str]:
    def took(value: dt.timedelta | None) -> str:
        return "-" if value is None else f"{value.total_seconds():.1f} s"

    return [
        f"Last night ({t.night:%A %-d %B %Y}), {t.runs} runs:",
        f"  schools synced   {t.synced}",
        f"  failed           {t.failed}",
        f"  held             {t.held}",
        *([f"  still running    {t.running}"] if t.running else []),
        f"  pupils changed   {t.pupils_changed}",
        f"  Wonde requests   {t.requests}",
        f"  duration p50     {took(t.p50)}",
        f"  duration p95     {took(t.p95)}",
    ]


def _needs_lines(now: dt.datetime) -> list[str]:
    board = settings.OPERATOR_BOARD_URL
    schools = fleet.fleet(now).order_by("name", "pk")
    lines: list[str] = []
    for need in fleet.NEEDS:
        found = schools.filter(**{f"needs_{need.key}": True})
        shown = list(found[:LISTED])
        if not shown:
            continue
        count = len(shown) if len(shown) < LISTED else found.count()
        lines += ["", f"{need.label} ({count}): {need.what_to_do}"]
        lines += [f"  - {school.name} ({school.wonde_id})" for school in shown]
        if count > len(shown):
            lines.append(f"  ... and {count - len(shown)} more: {board}?need={need.key}")
    if not lines:
        return ["No school needs action."]
    return ["Needing action:", *lines, "", f"The board: {board}"]
