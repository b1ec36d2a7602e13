from __future__ import annotations

from django.db import models


class CtfImport(models.Model):
    """One CTF a school imported: where it came from and what it changed, for the record.

    The file itself is not kept (it holds more personal data than we import); its hash tells
    when the same file comes again.
    """

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    run = models.OneToOneField(
        "pupilsync.SyncRun", null=True, on_delete=models.SET_NULL, related_name="ctf_import"
    )
    file_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    version = models.CharField(max_length=16, blank=True)
    qualifier = models.CharField(max_length=16, blank=True)  # full | partial
    supplier = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=255, blank=True)  # the sending school
    made_at = models.DateTimeField(null=True, blank=True)  # the header's DateTime
    academic_year = models.PositiveSmallIntegerField(null=True, blank=True)  # written into
    pupils = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    flagged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    assessments = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-imported_at"]
        indexes = [models.Index(fields=["school", "sha256"])]

    def __str__(self) -> str:
        return f"{self.file_name or self.sha256[:12]} ({self.imported_at:%Y-%m-%d})"
