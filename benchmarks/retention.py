"""Benchmark: the nightly retention pass over a school's leavers.

    .venv/bin/python -m benchmarks.retention [--leavers 1200]

Builds a school with that many leavers (each with a photo, a contact, two history rows, a
year row and an assessment) and 300 pupils on roll, then times and counts the SQL statements of
a dry run, of the pass on the night after they left (photos and contacts deleted) and of the pass
once their retention has run out (all anonymised). It does the same for a tenth of the leavers
and fails (exit 1) unless the statement counts are the same: bounded, not one per pupil.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from benchmarks.database import fresh_database

LEFT = dt.date(2026, 7, 20)
NIGHTS = {
    "dry run, night after leaving": (dt.datetime(2026, 7, 21, 0, 20), True),
    "night after leaving": (dt.datetime(2026, 7, 21, 0, 20), False),
    "retention over": (dt.datetime(2027, 9, 1, 0, 20), False),
    "next night, nothing to do": (dt.datetime(2027, 9, 2, 0, 20), False),
}


def main() -> int:
    args = argparse.ArgumentParser()
    args.add_argument("--leavers", type=int, default=1200)
    leavers = args.parse_args().leavers
    fresh_database("pupilsync-bench-retention-")
    small = run(max(1, leavers // 10), quiet=True)
    large = run(leavers, quiet=False)
    bounded = small == large
    print(f"  statements the same for {max(1, leavers // 10)} and {leavers} leavers: {bounded}")
    return 0 if bounded else 1


def run(leavers: int, *, quiet: bool) -> list[int]:
    from django.utils import timezone

    from benchmarks.harness import measure
    from pupilsync.models import Pupil
    from pupilsync.privacy.retention import apply_retention

    school = _school(leavers)
    counts = []
    if not quiet:
        print(f"Retention benchmark: {leavers} leavers and 300 pupils on roll")
    for label, (moment, dry_run) in NIGHTS.items():
        with measure() as m:
            result = apply_retention(school, now=timezone.make_aware(moment), dry_run=dry_run)
        counts.append(m.statements)
        if not quiet:
            print(
                f"  {label:<30} {m.seconds:6.2f} s, {m.statements:3d} SQL statements: "
                f"{result.photos} photos, {result.contacts} contacts deleted, "
                f"{result.anonymised} anonymised"
            )
    assert Pupil.objects.filter(school=school, anonymised_at__isnull=False).count() == leavers
    return counts


def _school(leavers: int):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from pupilsync.models import Assessment, Pupil, PupilChange, PupilPhoto, PupilYear, School

    school = School.objects.create(name=f"Bench {leavers}", wonde_id=f"bench-{leavers}")
    now = timezone.now()
    contact = [{"name": "A Parent", "relationship": "Mother", "email": "parent@example.com"}]
    pupils = Pupil.objects.bulk_create(
        Pupil(
            school=school,
            upi=f"upi-{leavers}-{n}",
            upn=f"A{n:012d}",
            forename=f"Forename{n}",
            surname=f"Surname{n}",
            date_of_birth=dt.date(2010, 1 + n % 12, 1 + n % 28),
            leaving_date=LEFT if n < leavers else None,
            on_roll=n >= leavers,
            contacts=contact,
        )
        for n in range(leavers + 300)
    )
    PupilYear.objects.bulk_create(
        PupilYear(pupil=p, school=school, academic_year=2025, year_group="11") for p in pupils
    )
    PupilPhoto.objects.bulk_create(
        PupilPhoto(pupil=p, school=school, wonde_hash="h", image=b"x" * 2000, width=1, height=1,
                   updated_at=now)
        for p in pupils
    )  # fmt: skip
    Assessment.objects.bulk_create(
        Assessment(school=school, pupil=p, subject="Maths", name="GCSE", result="7") for p in pupils
    )
    PupilChange.objects.bulk_create(
        PupilChange(school=school, pupil=p, field=name, old="a", new="b", source="wonde",
                    changed_at=now)
        for p in pupils
        for name in ("surname", "year_group")
    )  # fmt: skip
    return school


if __name__ == "__main__":
    sys.exit(main())
