from __future__ import annotations

import datetime as dt

from django.db import models

from pupilsync.models.school import School


class SyncSettings(models.Model):
    """A school's sync settings. A school without a row has the guide's defaults."""

    school = models.OneToOneField(
        School, on_delete=models.CASCADE, primary_key=True, related_name="sync_settings"
    )
    add_unexplained_to_unauthorised = models.BooleanField(default=True)
    sync_sen_types = models.BooleanField(default=True)
    sync_sen_provision = models.BooleanField(default=True)
    null_means_no_sen = models.BooleanField(default=False)
    sync_contacts = models.BooleanField(default=True)
    sync_photos = models.BooleanField(default=True)
    # The circuit breaker: a sync that would archive, or change SEN provision or year group for,
    # more than this share of the roll is held for an admin to approve (0 turns it off).
    hold_archive_percent = models.PositiveSmallIntegerField(default=10)
    hold_change_percent = models.PositiveSmallIntegerField(default=10)
    updated_at = models.DateTimeField(auto_now=True)
    # A change that alters how unchanged MIS records read (SEN codes, the SEN, contacts and
    # photos switches) bumps reread_version; a full sync that read the settings at that version
    # sets reread_done_version. Until then every sync is a full one. Counters, not times, so a
    # change made while a sync runs is never taken as applied by it.
    reread_version = models.PositiveIntegerField(default=0)
    reread_done_version = models.PositiveIntegerField(default=0)
    reread_requested_at = models.DateTimeField(null=True, blank=True)  # for the pages

    class Meta:
        verbose_name_plural = "sync settings"

    def __str__(self) -> str:
        return f"Sync settings of {self.school}"

    def ask_reread(self, now: dt.datetime) -> None:
        """A change saved now needs every pupil re-read by the next full sync (unsaved)."""
        self.reread_version += 1
        self.reread_requested_at = now

    @classmethod
    def reread_pending(cls, school: School) -> dt.datetime | None:
        """When a change needing every pupil re-read was saved, if no full sync has applied it."""
        row = cls.objects.filter(school=school).first()
        if row is None or row.reread_version <= row.reread_done_version:
            return None
        return row.reread_requested_at or row.updated_at

    @classmethod
    def reread_version_of(cls, school: School) -> int:
        """The settings' version now: a sync reads it before the settings, to mark it done."""
        row = cls.objects.filter(school=school).values_list("reread_version", flat=True)
        return row.first() or 0

    @classmethod
    def reread_done(cls, school: School, version: int) -> None:
        """A full sync that read the settings at `version` has re-read every pupil."""
        cls.objects.filter(school=school, reread_done_version__lt=version).update(
            reread_done_version=version
        )


class SenCode(models.Model):
    """A school's own MIS code for SEN provision, and the official provision it stands for."""

    class Provision(models.TextChoices):
        NONE = "N", "N - No SEN"
        SUPPORT = "K", "K - SEN support"
        EHC_PLAN = "E", "E - EHC plan"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="sen_codes")
    code = models.CharField(max_length=20)
    provision = models.CharField(max_length=1, choices=Provision.choices)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["school", "code"], name="one_meaning_per_sen_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} = {self.provision}"
