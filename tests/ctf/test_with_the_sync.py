"""A CTF import and the Wonde sync together: the MIS wins once the sync reads the pupil."""

from __future__ import annotations

import datetime as dt

import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.ctf.service import apply, build_preview
from pupilsync.models import Pupil, PupilYear, TermDates
from pupilsync.sync.engine import sync_school
from tests.ctf.builders import ctf, pupil

pytestmark = pytest.mark.django_db


SYNCED = dt.datetime(2025, 6, 30, 1, 0, tzinfo=dt.UTC)
MADE = "2025-07-01T10:00:00"  # the day after the sync
LATER = dt.datetime(2025, 7, 2, 1, 0, tzinfo=dt.UTC)


def a_ctf_for(held: Pupil, ethnicity: str, made: str = MADE) -> bytes:
    return ctf(
        pupil(
            f"<BasicDetails><Ethnicity>{ethnicity}</Ethnicity></BasicDetails>",
            upn=str(held.upn),
            surname=held.surname,
            forename=held.forename,
            dob=str(held.date_of_birth),
        ),
        made=made,
    )


def imported(school, data: bytes, now: dt.datetime) -> None:
    apply(build_preview(school, data, today=now.date()), now=now)


def test_the_next_full_sync_puts_back_what_the_mis_says(client, school):
    sync_school(school, client=client, now=SYNCED)
    held = Pupil.objects.filter(school=school, upn__isnull=False).first()
    assert held is not None
    mis_value = held.ethnicity
    imported(school, a_ctf_for(held, "ZZZZ"), LATER)
    held.refresh_from_db()
    assert held.ethnicity == "ZZZZ"
    sync_school(school, client=client, full=True, now=LATER + dt.timedelta(hours=1))
    held.refresh_from_db()
    assert held.ethnicity == mis_value


def test_a_file_made_before_the_sync_read_the_pupil_keeps_what_the_mis_said(client, school):
    sync_school(school, client=client, now=SYNCED)
    held = Pupil.objects.filter(school=school, upn__isnull=False).first()
    assert held is not None
    preview = build_preview(
        school, a_ctf_for(held, "ZZZZ", made="2025-06-20T10:00:00"), today=LATER.date()
    )
    assert preview.result.kept[0].fields == ("ethnicity",)
    assert preview.result.plan.is_empty


def test_a_pupil_a_ctf_created_is_the_same_pupil_to_the_sync(world, client, school):
    sync_school(school, client=client, now=SYNCED)
    first = Pupil.objects.filter(school=school, upn__isnull=False).first()
    assert first is not None
    data = a_ctf_for(first, "WBRI")
    Pupil.objects.all().delete()
    imported(school, data, LATER)
    sync_school(school, client=client, full=True, now=LATER + dt.timedelta(hours=1))
    roll = len(world.schools[DEMO_SCHOOL_ID].students)
    assert Pupil.objects.filter(school=school).count() == roll
    assert Pupil.objects.get(upn=first.upn).upi == first.upi


def test_on_a_late_august_day_after_autumn_1_began_both_write_the_same_year(client, school):
    # 2026/27 began on 26 August; on the 28th the calendar would still say 2025/26.
    TermDates.objects.filter(school=school, academic_year=2026).update(autumn1=dt.date(2026, 8, 26))
    first = dt.datetime(2026, 8, 28, 1, 0, tzinfo=dt.UTC)
    sync_school(school, client=client, now=first)
    held = Pupil.objects.filter(school=school, upn__isnull=False).first()
    assert held is not None
    data = a_ctf_for(held, "WBRI", made="2026-08-28T10:00:00")
    Pupil.objects.all().delete()
    imported(school, data, first + dt.timedelta(hours=10))
    from_ctf = PupilYear.objects.get(pupil__upn=held.upn).academic_year
    sync_school(school, client=client, full=True, now=first + dt.timedelta(hours=11))
    years = PupilYear.objects.filter(pupil__upn=held.upn).values_list("academic_year", flat=True)
    assert from_ctf == 2026 and list(years) == [2026]
