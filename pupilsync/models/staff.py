from __future__ import annotations

from django.conf import settings
from django.db import models

from pupilsync.models.school import School


class Staff(models.Model):
    """A user's place in one school: admins manage the sync, staff only see pupils."""

    class Role(models.TextChoices):
        ADMIN = "admin", "Admin"
        STAFF = "staff", "Staff"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.STAFF)

    class Meta:
        verbose_name_plural = "staff"

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.school})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


def admin_emails(school: School) -> list[str]:
    """Where to write to a school's admins (sync failures, blocked syncs)."""
    rows = Staff.objects.filter(school=school, role=Staff.Role.ADMIN).select_related("user")
    return sorted({row.user.email for row in rows if row.user.email})
