"""A school's term dates for one academic year: they place each day in a year and a term."""

from __future__ import annotations

from django.db import models


class TermDates(models.Model):
    school = models.ForeignKey(
        "pupilsync.School", on_delete=models.CASCADE, related_name="term_dates"
    )
    academic_year = models.PositiveSmallIntegerField()  # 2026 is 2026/27
    # The first day of each half-term, and the last day of Summer 2.
    autumn1 = models.DateField()
    autumn2 = models.DateField()
    spring1 = models.DateField()
    spring2 = models.DateField()
    summer1 = models.DateField()
    summer2 = models.DateField()
    summer_end = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["school", "academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year"], name="one_term_dates_a_year"
            )
        ]
        verbose_name_plural = "term dates"

    def __str__(self) -> str:
        return f"{self.school} {self.academic_year}"
