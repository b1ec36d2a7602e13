"""Pupils anonymised by retention or erased on request are changes the host app must follow."""

from __future__ import annotations

import datetime as dt

import pytest

from pupilsync.models import FeedEntry, School
from pupilsync.privacy.erasure import erase
from pupilsync.privacy.retention import apply_retention
from pupilsync.sync import feed
from tests.privacy.builders import at, pupil

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(db: None) -> School:
    return School.objects.create(name="Oakfield Primary", wonde_id="A1")


def test_a_leaver_anonymised_by_retention_is_an_update_of_their_names(school):
    leaver = pupil(school, 1, left=dt.date(2025, 7, 20))
    apply_retention(school, now=at(2026, 9, 1))
    entry = FeedEntry.objects.get(school=school)
    assert (entry.pupil_id, entry.kind) == (leaver.pk, "updated")
    assert {"forename", "surname", "upn", "date_of_birth"} <= set(entry.fields)


def test_a_pupil_erased_on_roll_is_archived_in_the_feed(school):
    on_roll = pupil(school, 1)
    erase(on_roll, request="letter of 1 June", by="test", now=at(2026, 6, 2))
    entry = FeedEntry.objects.get(school=school)
    assert (entry.pupil_id, entry.kind) == (on_roll.pk, "archived")
    assert feed.head(school) == 1


def test_a_retention_run_that_anonymises_no_one_adds_nothing(school):
    pupil(school, 1)
    apply_retention(school, now=at(2026, 9, 1))
    assert feed.head(school) == 0
