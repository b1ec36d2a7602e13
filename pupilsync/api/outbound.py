"""Outbound webhooks: a school's changes POSTed to its host app as they commit.

Each webhook follows the change feed with a cursor of its own (`delivered_seq`): a delivery
sends the next batch of entries after it, and only a 2xx answer moves it on. So the receiver
gets every change in order, at least once (a batch may come again after a timeout: its
`cursor` tells a repeat). A failed batch is retried with backoff; after the last attempt the
webhook waits for the school's next change to try again. Every attempt is in the delivery log.

The body is signed: `X-Pupilsync-Signature: sha256=HEX`, the HMAC-SHA256 with the webhook's
secret of `TIMESTAMP.BODY`, where TIMESTAMP is `X-Pupilsync-Timestamp` (Unix seconds), so a
receiver can refuse a replayed delivery.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from typing import Any

import httpx
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from huey.contrib.djhuey import db_task

from pupilsync.api import addresses
from pupilsync.models import School, Webhook, WebhookDelivery
from pupilsync.sync import feed

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Pupilsync-Signature"
TIMESTAMP_HEADER = "X-Pupilsync-Timestamp"
BATCH = 100
TIMEOUT = 10.0
# Seconds before each retry of a failed batch: 1 min, 5 min, 30 min, 2 h, 6 h; then it waits.
BACKOFF = (60, 300, 1800, 7200, 21600)
Post = Callable[..., httpx.Response]


def create(school: School, url: str, *, by: str) -> Webhook:
    """A webhook from now on: it starts at the feed's head, not with the school's history."""
    return Webhook.objects.create(
        school=school,
        url=url,
        secret=secrets.token_hex(32),
        delivered_seq=feed.head(school),
        created_by=by[:200],
        created_at=timezone.now(),
    )


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def changed(school_id: int, **_: Any) -> None:
    """The school's feed grew (`feed.grew`, once its transaction committed): deliver it. A webhook
    waiting for a retry is left to it: the retry sends everything after its cursor anyway."""
    now = timezone.now()
    for webhook_id in Webhook.objects.filter(school_id=school_id, active=True).values_list(
        "pk", flat=True
    ):
        if not _retry_pending(webhook_id, now):
            enqueue(webhook_id, attempt=1)


def _retry_pending(webhook_id: int, now: dt.datetime) -> bool:
    latest = WebhookDelivery.objects.filter(webhook_id=webhook_id).order_by("-at", "-id")
    retry_at = latest.values_list("retry_at", flat=True).first()
    return retry_at is not None and retry_at > now


def enqueue(webhook_id: int, *, attempt: int, delay: int = 0) -> None:
    deliver_webhook_task.schedule((webhook_id, attempt), delay=delay)


@db_task()
def deliver_webhook_task(webhook_id: int, attempt: int = 1) -> str:
    """One school webhook's pending changes; a failure schedules the next attempt itself."""
    return deliver(webhook_id, attempt)


def deliver(webhook_id: int, attempt: int = 1, *, post: Post = httpx.post) -> str:
    """Send the webhook's pending batches; "delivered", "retrying", "gave_up" or "idle"."""
    webhook = Webhook.objects.select_related("school").filter(pk=webhook_id, active=True).first()
    if webhook is None:
        return "idle"
    outcome = "idle"
    while rows := feed.entries(webhook.school, webhook.delivered_seq, BATCH):
        delivery = _send(webhook, rows, attempt, post)
        if not delivery.delivered:
            return _retry_later(webhook, delivery, attempt)
        outcome, attempt = "delivered", 1
    return outcome


def _send(webhook: Webhook, rows: list[Any], attempt: int, post: Post) -> WebhookDelivery:
    last = rows[-1].seq
    payload = {
        "school": webhook.school.wonde_id,
        "cursor": str(last),
        "changes": feed.describe(webhook.school, rows),
    }
    body = json.dumps(payload, cls=DjangoJSONEncoder).encode()
    now = timezone.now()
    stamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(stamp),
        SIGNATURE_HEADER: sign(webhook.secret, stamp, body),
    }
    status, error = None, ""
    try:
        if not addresses.is_public(webhook.url):
            error = "not a public address"
        else:
            status = post(webhook.url, content=body, headers=headers, timeout=TIMEOUT).status_code
    except httpx.HTTPError as failure:
        error = type(failure).__name__  # never the URL or the message: they may hold a token
    ok = status is not None and 200 <= status < 300
    delivery = WebhookDelivery.objects.create(
        webhook=webhook, school=webhook.school, first_seq=rows[0].seq, last_seq=last,
        attempt=attempt, status_code=status, error=error or _status_error(status),
        delivered=ok, at=now,
    )  # fmt: skip
    if ok:
        # Conditional, so a slower delivery of the same batch never moves the cursor back.
        Webhook.objects.filter(pk=webhook.pk, delivered_seq__lt=last).update(delivered_seq=last)
        webhook.delivered_seq = max(webhook.delivered_seq, last)
    return delivery


def _status_error(status: int | None) -> str:
    return "" if status is None or 200 <= status < 300 else f"answered {status}"


def _retry_later(webhook: Webhook, delivery: WebhookDelivery, attempt: int) -> str:
    if attempt > len(BACKOFF):
        log.warning("webhook %s of school %s: gave up after %s attempts", webhook.pk,
                    webhook.school_id, attempt)  # fmt: skip
        return "gave_up"
    delay = BACKOFF[attempt - 1]
    delivery.retry_at = timezone.now() + dt.timedelta(seconds=delay)
    delivery.save(update_fields=["retry_at"])
    enqueue(webhook.pk, attempt=attempt + 1, delay=delay)
    return "retrying"
