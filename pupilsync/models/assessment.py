from __future__ import annotations

from django.db import models


class Assessment(models.Model):
    """A result the app holds for a pupil: typed in by teachers or imported from a CTF.

    The MIS sync never writes, changes or deletes these. A CTF result keeps its codes as the
    file sent them, so one the code table cannot name still says what it is.
    """

    school = models.ForeignKey("pupilsync.School", on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(
        "pupilsync.Pupil", on_delete=models.PROTECT, related_name="assessments"
    )
    subject = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    result = models.CharField(max_length=100)
    assessed_on = models.DateField(null=True, blank=True)
    # A CTF's StageAssessment: stage (EYF, KS1, KS2), subject, method (TT test, TA teacher
    # assessment), component, the qualifier the result is read through (NC level, scaled
    # score...), and the year it was assessed.
    stage = models.CharField(max_length=8, blank=True)
    subject_code = models.CharField(max_length=8, blank=True)
    method = models.CharField(max_length=8, blank=True)
    component = models.CharField(max_length=16, blank=True)
    qualifier = models.CharField(max_length=8, blank=True)
    assessment_year = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=200, default="entered")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.subject} {self.name}: {self.result}"
