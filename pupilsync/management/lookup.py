from __future__ import annotations

from django.core.management.base import CommandError

from pupilsync.models import School


def school_arg(value: str) -> School:
    """SCHOOL on the command line: our id, or the school's Wonde id."""
    school = (
        School.objects.filter(pk=int(value)).first()
        if value.isdigit()
        else School.objects.filter(wonde_id=value).first()
    )
    if school is None:
        raise CommandError(f"no school with id or Wonde id {value!r} (see `pupilsync school list`)")
    return school
