"""The host app's API: per-school keys, the change feed, and outbound webhooks.

A key's secret is never stored: only its SHA-256 and a short prefix to find it by.
"""

from __future__ import annotations

from django.db import models


class ApiKey(models.Model):
    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)  # shown in lists, used for lookup
    digest = models.CharField(max_length=64)  # sha256 hex of the whole key
    created_by = models.CharField(max_length=200)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"


class FeedCounter(models.Model):
    """A school's last change-feed sequence number. Writers take its row lock (an UPDATE) in
    their own transaction, so sequence numbers are handed out in commit order."""

    school = models.OneToOneField(
        "pupilsync.School", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last = models.BigIntegerField(default=0)


class FeedEntry(models.Model):
    """One change to one pupil, as the host app follows it: `seq` is the cursor."""

    class Kind(models.TextChoices):
        CREATED = "created"
        UPDATED = "updated"
        ARCHIVED = "archived"
        RESTORED = "restored"

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    seq = models.BigIntegerField()
    # Not a foreign key: the entry outlives a deleted pupil, so the feed's order never changes.
    pupil_id = models.BigIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    fields = models.JSONField(default=list, blank=True)  # the API's fields that changed
    at = models.DateTimeField()

    class Meta:
        ordering = ["school", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["school", "seq"], name="unique_feed_entry_seq")
        ]


class Webhook(models.Model):
    """An address the school's changes are POSTed to, signed with `secret` (HMAC-SHA256)."""

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=64)
    active = models.BooleanField(default=True)
    delivered_seq = models.BigIntegerField(default=0)  # the feed up to here has been accepted
    created_by = models.CharField(max_length=200)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]


class WebhookDelivery(models.Model):
    """One attempt to deliver a batch of changes, for the admins' delivery log."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    first_seq = models.BigIntegerField()
    last_seq = models.BigIntegerField()
    attempt = models.PositiveSmallIntegerField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)
    delivered = models.BooleanField(default=False)
    at = models.DateTimeField()
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["school", "-at"])]
