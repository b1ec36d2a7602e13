"""Wonde's webhook: POSTed JSON events about a school's connection, told apart by
`payload_type`. docs/webhooks.md describes the payloads and how a delivery is authenticated.

A delivery proves itself with the shared secret in the X-Wonde-Secret header, or with an
HMAC-SHA256 of its body in X-Wonde-Signature; both are compared in constant time. A secret in
the URL is refused: URLs are written to access and proxy logs. Even an authentic event is only
a prompt: before acting we ask Wonde itself what state the school is in, and an event about a
school pupilsync never added is ignored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from pupilsync.connection import Source, State, migrated, set_connection, wonde_states
from pupilsync.models import School
from wonde import errors

log = logging.getLogger(__name__)
SECRET_HEADER = "X-Wonde-Secret"
SIGNATURE_HEADER = "X-Wonde-Signature"  # "sha256=" + hex HMAC-SHA256(secret, body)

# The state each event claims, which Wonde must confirm before we follow it.
CLAIMS = {
    "schoolApproved": State.APPROVED,
    "accessRevoked": State.REVOKED,
    "accessDeclined": State.DECLINED,
    "schoolMigration": State.APPROVED,  # a school changes MIS while connected
}
REASON_KEYS = {"accessRevoked": "revoke_reason", "accessDeclined": "decline_reason"}


def authentic(request: HttpRequest) -> bool:
    expected = settings.WONDE_WEBHOOK_SECRET.encode()
    if not expected:
        return False  # no secret configured: the webhook is off
    given = request.headers.get(SECRET_HEADER)
    if given is not None:
        return hmac.compare_digest(given.encode(), expected)
    signature = request.headers.get(SIGNATURE_HEADER, "")
    digest = hmac.new(expected, request.body, hashlib.sha256).hexdigest()
    return bool(signature) and hmac.compare_digest(
        signature.removeprefix("sha256=").encode(), digest.encode()
    )


@csrf_exempt
@require_POST
def wonde_webhook(request: HttpRequest) -> HttpResponse:
    if "secret" in request.GET:
        # Never accepted, even when right: it has been written to a log by now.
        log.warning("refused a webhook with a secret in its URL: move it to %s", SECRET_HEADER)
        return JsonResponse(
            {"error": f"send the secret in {SECRET_HEADER}, not the URL"}, status=403
        )
    if not authentic(request):
        log.warning("refused a webhook delivery that is not authenticated")
        return JsonResponse({"error": "forbidden"}, status=403)
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "expected a JSON object"}, status=400)
    if not isinstance(payload.get("school_id"), str):
        return JsonResponse({"result": "ignored: not about a school"})  # e.g. writeback
    try:
        return JsonResponse({"result": handle_event(payload)})
    except errors.WondeError as error:
        # Wonde retries a failed delivery; polling catches up if every retry fails too.
        log.warning("could not check a webhook event with Wonde: %s", error)
        return JsonResponse({"error": "could not check the event with Wonde"}, status=503)


def handle_event(payload: dict[str, Any]) -> str:
    """Follow one webhook event once Wonde confirms it; says what was done. Unknown events
    and schools are acknowledged, so Wonde does not retry them."""
    kind = str(payload.get("payload_type") or "")[:50]
    wonde_id = str(payload["school_id"])[:40]
    if kind not in CLAIMS:
        log.info("ignored a webhook of type %r", kind)
        return "ignored: not an event pupilsync follows"
    school = School.objects.filter(wonde_id=wonde_id).first()
    if school is None:
        log.warning(
            "ignored webhook %s for Wonde school %r: pupilsync never added it", kind, wonde_id
        )
        return "ignored: not a school pupilsync requested"
    told = wonde_states().get(school.wonde_id)
    if told != CLAIMS[kind]:
        log.warning(
            "ignored webhook %s for school %s: Wonde says it is %s",
            kind,
            school.pk,
            told or "unlisted",
        )
        return f"ignored: Wonde says the school is {told or 'not listed'}"
    if kind == "schoolMigration":
        return _migration(school, payload)
    reason = str(payload.get(REASON_KEYS.get(kind, "")) or "")
    # The school's own token in an approval is not needed (the app token reads every approved
    # school) and is never stored or logged.
    changed = set_connection(school, CLAIMS[kind], source=Source.WEBHOOK, reason=reason)
    if kind == "schoolApproved":
        return "approved; first sync queued" if changed else "already approved"
    return f"{CLAIMS[kind]}" if changed else f"already {CLAIMS[kind]}"


def _migration(school: School, payload: dict[str, Any]) -> str:
    old, new = payload.get("migrate_from") or "?", payload.get("migrate_to") or "?"
    moved = f"MIS changed from {old} to {new}"
    if not payload.get("completed_at"):
        return "noted: the migration has not completed yet"
    if school.connection != State.APPROVED:
        return "noted: the school is not approved, so nothing was queued"
    queued = migrated(school, reason=moved)
    return "full sync queued" if queued.queued else f"full sync asked for: {queued.message}"
