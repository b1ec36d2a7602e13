from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class PupilChange(models.Model):
    """One change a sync or an import made to one synced field of a pupil: why a value is so."""

    class Source(models.TextChoices):
        WONDE = "wonde", "Wonde sync"
        CTF = "ctf", "CTF import"

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey("pupilsync.Pupil", on_delete=models.CASCADE, related_name="history")
    field = models.CharField(max_length=40)
    academic_year = models.PositiveSmallIntegerField(null=True, blank=True)
    old = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    new = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    source = models.CharField(max_length=8, choices=Source.choices)
    run = models.ForeignKey(
        "pupilsync.SyncRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_name = models.CharField(max_length=200, blank=True)  # e.g. the CTF file's name
    changed_at = models.DateTimeField()
    # When the source said the new value, if not when it changed: a CTF's DateTime. A file
    # made before this never overwrites the value.
    as_of = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["pupil", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.old!r} -> {self.new!r}"
