"""A pupil, what belongs to them in each academic year, and their photo.

Synced columns carry the MIS's values; whatever the MIS does not send (assessments, our own
notes) lives elsewhere and is never touched by a sync.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Pupil(models.Model):
    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="pupils")

    # Identity. `upi` is the match key: it survives re-enrolment, unlike the Wonde id.
    upi = models.CharField(max_length=64, null=True, blank=True)
    wonde_id = models.CharField(max_length=32, null=True, blank=True)
    mis_id = models.CharField(max_length=64, null=True, blank=True)
    upn = models.CharField(max_length=13, null=True, blank=True)
    former_upn = models.CharField(max_length=13, null=True, blank=True)

    forename = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, null=True, blank=True)
    surname = models.CharField(max_length=100, blank=True)
    legal_forename = models.CharField(max_length=100, null=True, blank=True)
    legal_surname = models.CharField(max_length=100, null=True, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=16, null=True, blank=True)
    admission_date = models.DateField(null=True, blank=True)
    leaving_date = models.DateField(null=True, blank=True)
    on_roll = models.BooleanField(default=True)

    # Contextual data that does not follow the academic year.
    ethnicity = models.CharField(max_length=8, null=True, blank=True)
    first_language = models.CharField(max_length=8, null=True, blank=True)
    eal = models.BooleanField(null=True)
    fsm = models.BooleanField(null=True)
    fsm_ever6 = models.BooleanField(null=True)
    in_care = models.BooleanField(null=True)
    # [{name, relationship, email, priority, parental_responsibility}], first contact first.
    contacts = models.JSONField(default=list, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    synced_at = models.DateTimeField(null=True, blank=True)
    # Set when retention or an erasure removed who they were; assessments and years stay.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["surname", "forename"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "upi"], condition=Q(upi__isnull=False), name="unique_pupil_upi"
            )
        ]
        indexes = [
            models.Index(fields=["school", "upn"]),
            models.Index(fields=["school", "on_roll", "surname"]),
        ]

    def __str__(self) -> str:
        return f"{self.forename} {self.surname}"


class PupilYear(models.Model):
    """What belongs to one academic year (labelled by its start: 2026 is 2026/27).

    Last year's row stays exactly as it was when the September rollover starts a new one.
    """

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="years")
    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    academic_year = models.PositiveSmallIntegerField()

    on_roll = models.BooleanField(default=True)
    year_group = models.CharField(max_length=8, null=True, blank=True)
    registration_group = models.CharField(max_length=32, null=True, blank=True)
    classes = models.JSONField(default=list, blank=True)  # class names, sorted
    pupil_premium = models.BooleanField(null=True)
    sen_provision = models.CharField(max_length=1, null=True, blank=True)  # N, K or E
    sen_needs = models.JSONField(default=list, blank=True)  # [{type, rank}], rank 1 first

    # Attendance summary in sessions, as the MIS counts them. Unexplained (code N) absences are
    # kept apart from unauthorised ones; whether to add them is a school setting.
    att_possible = models.PositiveIntegerField(null=True)
    att_present = models.PositiveIntegerField(null=True)
    att_authorised = models.PositiveIntegerField(null=True)
    att_unauthorised = models.PositiveIntegerField(null=True)
    att_unexplained = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "academic_year"], name="unique_pupil_year")
        ]
        indexes = [models.Index(fields=["school", "academic_year"])]


class PupilPhoto(models.Model):
    """A thumbnail re-encoded from the MIS photo; `wonde_hash` tells when it changed."""

    pupil = models.OneToOneField(
        Pupil, on_delete=models.CASCADE, primary_key=True, related_name="photo"
    )
    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    wonde_hash = models.CharField(max_length=128)
    image = models.BinaryField()
    width = models.PositiveSmallIntegerField()
    height = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField()
