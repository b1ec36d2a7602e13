"""Wonde's webhook: POSTed JSON events about a school's connection, told apart by
`payload_type`. docs/webhooks.md describes the payloads and how the secret is sent.

Wonde's dashboard takes one URL and no custom headers, so the shared secret travels in the
URL's query string (`?secret=`); a proxy may send it as the X-Webhook-Secret header instead.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pupilsync.connection import Source, State, migrated, set_connection
from pupilsync.models import School

log = logging.getLogger(__name__)

ENDS = {
    "accessRevoked": (State.REVOKED, "revoke_reason"),
    "accessDeclined": (State.DECLINED, "decline_reason"),
}


def secret_ok(given: str | None) -> bool:
    expected = settings.WONDE_WEBHOOK_SECRET
    if not expected or not given:
        return False  # no secret configured: the webhook is off
    return hmac.compare_digest(given.encode(), expected.encode())


@csrf_exempt
@require_POST
def wonde_webhook(request: HttpRequest) -> HttpResponse:
    given = request.headers.get("X-Webhook-Secret") or request.GET.get("secret")
    if not secret_ok(given):
        return JsonResponse({"error": "forbidden"}, status=403)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "expected a JSON object"}, status=400)
    if not isinstance(payload.get("school_id"), str):
        return JsonResponse({"result": "ignored: not about a school"})  # e.g. writeback
    return JsonResponse({"result": handle_event(payload)})


def handle_event(payload: dict[str, Any]) -> str:
    """Follow one webhook event; says what was done. Unknown events are acknowledged, so
    Wonde does not retry them."""
    kind = str(payload.get("payload_type") or "")
    school = School.objects.filter(wonde_id=payload["school_id"]).first()
    if kind == "schoolApproved":
        return _approved(school, payload)
    if school is None:
        return "ignored: no such school here"
    if kind in ENDS:
        state, reason_key = ENDS[kind]
        reason = str(payload.get(reason_key) or "")
        changed = set_connection(school, state, source=Source.WEBHOOK, reason=reason)
        return f"{state}" if changed else f"already {state}"
    if kind == "schoolMigration":
        return _migration(school, payload)
    log.info("ignored a webhook of type %r", kind[:50])
    return "ignored: not an event pupilsync follows"


def _approved(school: School | None, payload: dict[str, Any]) -> str:
    # The school's own token in the payload is not needed (the app token reads every
    # approved school) and is never stored or logged.
    if school is None:
        school = School.objects.create(
            name=str(payload.get("school_name") or payload["school_id"])[:200],
            wonde_id=payload["school_id"],
            urn=str(payload.get("school_urn") or "")[:16],
            la_code=str(payload.get("school_la_code") or "")[:8],
            establishment_number=str(payload.get("school_establishment_number") or "")[:8],
            connection=State.NOT_CONNECTED,
        )
    changed = set_connection(school, State.APPROVED, source=Source.WEBHOOK)
    return "approved; first sync queued" if changed else "already approved"


def _migration(school: School, payload: dict[str, Any]) -> str:
    old, new = payload.get("migrate_from") or "?", payload.get("migrate_to") or "?"
    moved = f"MIS changed from {old} to {new}"
    if not payload.get("completed_at"):
        return "noted: the migration has not completed yet"
    if school.connection != State.APPROVED:
        return "noted: the school is not approved, so nothing was queued"
    queued = migrated(school, reason=moved)
    return "full sync queued" if queued.queued else f"full sync asked for: {queued.message}"
