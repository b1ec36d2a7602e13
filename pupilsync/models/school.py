from __future__ import annotations

from django.db import models


class School(models.Model):
    class Connection(models.TextChoices):
        NOT_CONNECTED = "not_connected", "Not connected"
        REQUESTED = "requested", "Requested, pending approval"
        APPROVED = "approved", "Approved"
        REVOKED = "revoked", "Revoked"
        DECLINED = "declined", "Declined"

    name = models.CharField(max_length=200)
    wonde_id = models.CharField(max_length=32, unique=True)
    # Wonde's `region.domain` for the school (api.wonde.com, api-ap-southeast-2.wonde.com, ...):
    # its requests go there, since another region answers with no data. Empty: not read yet.
    wonde_domain = models.CharField(max_length=200, blank=True)
    urn = models.CharField(max_length=16, blank=True)
    la_code = models.CharField(max_length=8, blank=True)
    establishment_number = models.CharField(max_length=8, blank=True)
    connection = models.CharField(
        max_length=16, choices=Connection.choices, default=Connection.APPROVED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
