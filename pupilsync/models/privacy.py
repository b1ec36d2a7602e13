"""What a school decided about keeping pupils' data, and the records that show it was kept to.

Retention settings, a leaving school's deletion date, erased pupils (so a later sync does not
bring them back) and the compact log of who opened a pupil's page, photo or export.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

MAX_EXTRA_YEARS = 6


class RetentionSettings(models.Model):
    """A school's retention choices. A school without a row has these defaults."""

    school = models.OneToOneField(
        "pupilsync.School", on_delete=models.CASCADE, primary_key=True, related_name="retention"
    )
    # Years a leaver's full record is kept beyond the end of the academic year after they left.
    extra_years = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(MAX_EXTRA_YEARS)]
    )
    delete_photo_on_leaving = models.BooleanField(default=True)
    delete_contacts_on_leaving = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "retention settings"


class SchoolDeletion(models.Model):
    """A school that stopped using us (access revoked): its pupil data goes on `delete_on`."""

    school = models.OneToOneField(
        "pupilsync.School", on_delete=models.CASCADE, primary_key=True, related_name="deletion"
    )
    left_at = models.DateTimeField()
    delete_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    notified = models.PositiveSmallIntegerField(default=0)  # admins emailed the date
    deleted_at = models.DateTimeField(null=True, blank=True)


class Erasure(models.Model):
    """One pupil's data erased on request. `keys` are keyed hashes of their identifiers, so a
    later sync can recognise them without us keeping who they were."""

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(
        "pupilsync.Pupil", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    keys = models.JSONField(default=list)
    request = models.CharField(max_length=200)  # the school's reference for the written request
    by = models.CharField(max_length=200)
    erased_at = models.DateTimeField()
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-erased_at"]


class PupilAccess(models.Model):
    """Who opened a pupil's page, photo or export: one row a person, pupil, kind and day."""

    class Kind(models.TextChoices):
        PAGE = "page", "Pupil page"
        PHOTO = "photo", "Photo"
        EXPORT = "export", "Subject access export"

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey("pupilsync.Pupil", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    by = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    day = models.DateField()
    first_at = models.DateTimeField()

    class Meta:
        ordering = ["-first_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "by", "kind", "day"], name="one_access_a_person_kind_day"
            )
        ]
        indexes = [models.Index(fields=["school", "-first_at"])]
