"""Outbound webhooks: signed batches of the feed, in order, retried with backoff, logged."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
import pytest
from django.utils import timezone

from pupilsync.api import addresses, outbound
from pupilsync.models import FeedEntry, Pupil, Webhook, WebhookDelivery
from pupilsync.sync import feed
from pupilsync.sync.diff import Change, Plan
from pupilsync.sync.engine import sync_school
from pupilsync.sync.records import PupilFields

pytestmark = pytest.mark.django_db
URL = "https://host.example/pupilsync"


@pytest.fixture(autouse=True)
def public_host(monkeypatch) -> None:
    """host.example resolves to a public address (no test asks the real DNS)."""
    monkeypatch.setattr(addresses, "resolve", lambda host, port: ["93.184.215.14"])


class Receiver:
    """The host app's end: answers each POST with the next status (or raises), keeps them."""

    def __init__(self, *answers: int | Exception) -> None:
        self.answers = list(answers)
        self.posts: list[dict] = []

    def __call__(
        self, url: str, *, content: bytes, headers: dict, timeout: float
    ) -> httpx.Response:
        self.posts.append({"url": url, "body": content, "headers": headers})
        answer = self.answers.pop(0) if self.answers else 200
        if isinstance(answer, Exception):
            raise answer
        return httpx.Response(answer)

    def cursors(self) -> list[list[str]]:
        return [[c["cursor"] for c in json.loads(p["body"])["changes"]] for p in self.posts]


@pytest.fixture
def queued(monkeypatch) -> list[tuple[int, int, int]]:
    """Deliveries handed to Huey, recorded instead: (webhook, attempt, delay)."""
    calls: list[tuple[int, int, int]] = []

    def record(webhook_id: int, *, attempt: int, delay: int = 0) -> None:
        calls.append((webhook_id, attempt, delay))

    monkeypatch.setattr(outbound, "enqueue", record)
    return calls


@pytest.fixture
def webhook(synced) -> Webhook:
    return outbound.create(synced, URL, by="test")


def change_pupils(school, count: int) -> None:
    ids = list(Pupil.objects.filter(school=school).values_list("pk", flat=True)[:count])
    plan = Plan(
        changes=[Change(pk, PupilFields(surname="A"), PupilFields(surname="B")) for pk in ids]
    )
    feed.record(plan, [], school, timezone.now())


def test_a_new_webhook_starts_at_the_feeds_head(synced, webhook):
    assert webhook.delivered_seq == feed.head(synced) > 0
    assert outbound.deliver(webhook.pk, post=Receiver()) == "idle"


def test_it_posts_the_new_changes_and_moves_its_cursor(synced, webhook):
    change_pupils(synced, 3)
    receiver = Receiver(200)
    assert outbound.deliver(webhook.pk, post=receiver) == "delivered"
    start = webhook.delivered_seq
    assert receiver.cursors() == [[str(start + n) for n in (1, 2, 3)]]
    webhook.refresh_from_db()
    assert webhook.delivered_seq == start + 3


def test_each_post_is_signed_with_the_webhooks_secret(synced, webhook):
    change_pupils(synced, 1)
    receiver = Receiver(200)
    outbound.deliver(webhook.pk, post=receiver)
    post = receiver.posts[0]
    stamp = post["headers"][outbound.TIMESTAMP_HEADER]
    expected = hmac.new(
        webhook.secret.encode(), stamp.encode() + b"." + post["body"], hashlib.sha256
    ).hexdigest()
    assert post["headers"][outbound.SIGNATURE_HEADER] == f"sha256={expected}"


def test_the_timestamp_is_the_frozen_clocks(synced, webhook):
    change_pupils(synced, 1)
    receiver = Receiver(200)
    outbound.deliver(webhook.pk, post=receiver)
    stamp = int(receiver.posts[0]["headers"][outbound.TIMESTAMP_HEADER])
    assert abs(stamp - timezone.now().timestamp()) < 60


def test_many_changes_go_in_batches_in_order(synced, webhook):
    change_pupils(synced, outbound.BATCH + 5)
    receiver = Receiver()
    outbound.deliver(webhook.pk, post=receiver)
    sent = [cursor for batch in receiver.cursors() for cursor in batch]
    assert [len(b) for b in receiver.cursors()] == [outbound.BATCH, 5]
    assert sent == sorted(sent, key=int) and len(set(sent)) == len(sent)


def test_a_refused_batch_is_retried_after_the_first_backoff(synced, webhook, queued):
    change_pupils(synced, 2)
    assert outbound.deliver(webhook.pk, post=Receiver(503)) == "retrying"
    assert queued == [(webhook.pk, 2, outbound.BACKOFF[0])]
    webhook.refresh_from_db()
    assert webhook.delivered_seq == feed.head(synced) - 2


def test_each_retry_waits_longer(synced, webhook, queued):
    change_pupils(synced, 1)
    for attempt in range(1, len(outbound.BACKOFF) + 1):
        outbound.deliver(webhook.pk, attempt, post=Receiver(500))
    assert [delay for _, _, delay in queued] == list(outbound.BACKOFF)


def test_it_gives_up_after_the_last_attempt(synced, webhook, queued):
    change_pupils(synced, 1)
    last = len(outbound.BACKOFF) + 1
    assert outbound.deliver(webhook.pk, last, post=Receiver(500)) == "gave_up"
    assert queued == []


def test_a_retry_sends_the_same_batch_again(synced, webhook, queued):
    change_pupils(synced, 2)
    receiver = Receiver(500, 200)
    outbound.deliver(webhook.pk, post=receiver)
    outbound.deliver(webhook.pk, 2, post=receiver)
    assert receiver.cursors()[0] == receiver.cursors()[1]


def test_every_attempt_is_in_the_delivery_log(synced, webhook, queued):
    change_pupils(synced, 2)
    receiver = Receiver(500, httpx.ConnectError("refused: https://secret@host"), 200)
    for attempt in (1, 2, 3):
        outbound.deliver(webhook.pk, attempt, post=receiver)
    log = WebhookDelivery.objects.filter(webhook=webhook).order_by("id")
    assert [(d.attempt, d.status_code, d.error, d.delivered) for d in log] == [
        (1, 500, "answered 500", False),
        (2, None, "ConnectError", False),  # the error's kind, never its message
        (3, 200, "", True),
    ]
    assert log[0].retry_at is not None and log[2].retry_at is None


def test_a_committed_sync_queues_a_delivery_for_each_active_webhook(
    synced, client, queued, django_capture_on_commit_callbacks
):
    live = outbound.create(synced, URL, by="test")
    Webhook.objects.create(
        school=synced, url=URL, secret="s", active=False, created_by="t", created_at=live.created_at
    )
    Pupil.objects.filter(pk=Pupil.objects.filter(school=synced).first().pk).update(surname="X")
    with django_capture_on_commit_callbacks(execute=True):
        sync_school(synced, client=client, full=True)
    assert queued == [(live.pk, 1, 0)]


def test_a_sync_that_changes_nothing_queues_nothing(
    synced, client, webhook, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sync_school(synced, client=client)
    assert queued == []


def test_a_removed_webhook_is_sent_nothing(synced, webhook):
    change_pupils(synced, 1)
    Webhook.objects.filter(pk=webhook.pk).update(active=False)
    receiver = Receiver()
    assert outbound.deliver(webhook.pk, post=receiver) == "idle" and receiver.posts == []


def test_the_payload_names_the_school_and_the_last_cursor(synced, webhook):
    change_pupils(synced, 2)
    receiver = Receiver()
    outbound.deliver(webhook.pk, post=receiver)
    body = json.loads(receiver.posts[0]["body"])
    last = FeedEntry.objects.filter(school=synced).order_by("-seq").first()
    assert body["school"] == synced.wonde_id and body["cursor"] == str(last.seq)


def test_a_name_that_now_points_inside_is_sent_nothing(synced, webhook, queued, monkeypatch):
    change_pupils(synced, 1)
    monkeypatch.setattr(addresses, "resolve", lambda host, port: ["169.254.169.254"])
    receiver = Receiver()
    assert outbound.deliver(webhook.pk, post=receiver) == "retrying" and receiver.posts == []
    assert WebhookDelivery.objects.get().error == "not a public address"


def test_a_change_while_a_retry_waits_queues_no_second_delivery(synced, webhook, queued):
    change_pupils(synced, 1)
    outbound.deliver(webhook.pk, post=Receiver(503))
    outbound.changed(synced.pk)
    assert queued == [(webhook.pk, 2, outbound.BACKOFF[0])]


def test_a_change_after_it_gave_up_starts_again(synced, webhook, queued):
    change_pupils(synced, 1)
    outbound.deliver(webhook.pk, len(outbound.BACKOFF) + 1, post=Receiver(503))
    outbound.changed(synced.pk)
    assert queued == [(webhook.pk, 1, 0)]


def test_the_huey_task_delivers_the_given_attempt(monkeypatch):
    from pupilsync import tasks

    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(outbound, "deliver", lambda pk, attempt: calls.append((pk, attempt)))
    tasks.deliver_webhook_task.call_local(7, 3)
    assert calls == [(7, 3)]
