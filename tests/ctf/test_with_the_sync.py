"""A CTF import and the Wonde sync together: the MIS wins once the sync reads the pupil."""

from __future__ import annotations

import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.ctf.service import apply, build_preview
from pupilsync.models import Pupil
from pupilsync.sync.engine import sync_school
from tests.ctf.builders import ctf, pupil

pytestmark = pytest.mark.django_db


def a_ctf_for(held: Pupil, ethnicity: str) -> bytes:
    return ctf(
        pupil(
            f"<BasicDetails><Ethnicity>{ethnicity}</Ethnicity></BasicDetails>",
            upn=str(held.upn),
            surname=held.surname,
            forename=held.forename,
            dob=str(held.date_of_birth),
        )
    )


def test_the_next_full_sync_puts_back_what_the_mis_says(client, school):
    sync_school(school, client=client)
    held = Pupil.objects.filter(school=school, upn__isnull=False).first()
    assert held is not None
    mis_value = held.ethnicity
    apply(build_preview(school, a_ctf_for(held, "ZZZZ")))
    held.refresh_from_db()
    assert held.ethnicity == "ZZZZ"
    sync_school(school, client=client, full=True)
    held.refresh_from_db()
    assert held.ethnicity == mis_value


def test_a_pupil_a_ctf_created_is_the_same_pupil_to_the_sync(world, client, school):
    sync_school(school, client=client)
    first = Pupil.objects.filter(school=school, upn__isnull=False).first()
    assert first is not None
    data = a_ctf_for(first, "WBRI")
    Pupil.objects.all().delete()
    apply(build_preview(school, data))
    sync_school(school, client=client, full=True)
    roll = len(world.schools[DEMO_SCHOOL_ID].students)
    assert Pupil.objects.filter(school=school).count() == roll
    assert Pupil.objects.get(upn=first.upn).upi == first.upi
