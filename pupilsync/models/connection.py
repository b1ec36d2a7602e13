"""The story of a school's connection to Wonde: access requests and each change of state."""

from __future__ import annotations

from django.db import models


class AccessRequest(models.Model):
    """A request for access sent to Wonde, with the member of staff Wonde should contact."""

    school = models.ForeignKey(
        "pupilsync.School", on_delete=models.CASCADE, related_name="access_requests"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    notes = models.TextField(blank=True)
    wonde_state = models.CharField(max_length=32, blank=True)  # what Wonde answered
    wonde_message = models.CharField(max_length=300, blank=True)
    requested_at = models.DateTimeField()

    class Meta:
        ordering = ["-requested_at"]


class ConnectionEvent(models.Model):
    """One change of a school's connection state, and what told us of it."""

    class Source(models.TextChoices):
        ADD = "add"
        REQUEST = "request"
        POLL = "poll"
        WEBHOOK = "webhook"

    school = models.ForeignKey(
        "pupilsync.School", on_delete=models.CASCADE, related_name="connection_events"
    )
    old = models.CharField(max_length=16)
    new = models.CharField(max_length=16)
    source = models.CharField(max_length=16, choices=Source.choices)
    reason = models.TextField(blank=True)  # Wonde's revoke or decline reason, if it gave one
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
