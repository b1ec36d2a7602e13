"""Emails to a school's admins when its sync fails or is blocked (Django's email backend)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail

from pupilsync.models import School, admin_emails
from pupilsync.scheduling.calendar import Decision

log = logging.getLogger(__name__)

# Blocks a school can act on; a summer pause or a busy queue is no news.
WORTH_TELLING = {"term_dates_missing", "no_term_dates"}


def tell_admins(school: School, subject: str, body: str) -> int:
    recipients = admin_emails(school)
    if not recipients:
        log.warning("school %s has no admin with an email to tell: %s", school.pk, subject)
        return 0
    return send_mail(
        f"[pupilsync] {school.name}: {subject}", body, settings.DEFAULT_FROM_EMAIL, recipients
    )


def sync_failed(school: School, error: str, attempts: int) -> int:
    body = (
        f"The MIS sync of {school.name} failed {attempts} time(s) tonight and will not be "
        f"retried until the next nightly sync.\n\nReason: {error}\n\n"
        "What to do: check the sync issues page. If the reason names Wonde access, check that "
        "pupilsync is still approved in your Wonde portal; otherwise use Start Sync to try "
        "again, and contact support if it keeps failing. Nothing was changed by the failed sync."
    )
    return tell_admins(school, "the MIS sync failed", body)


def sync_blocked(school: School, decision: Decision) -> int:
    if decision.code not in WORTH_TELLING:
        return 0
    body = (
        f"The MIS sync of {school.name} did not run.\n\nReason: {decision.reason}\n\n"
        f"What to do: {decision.what_to_do}"
    )
    return tell_admins(school, "the MIS sync is stopped", body)
