"""A synced school, a key for it, and another school with a key and a pupil of its own."""

from __future__ import annotations

import pytest
from django.test import Client

from pupilsync.api import keys
from pupilsync.models import Pupil, PupilYear, School


@pytest.fixture
def secret(synced: School) -> str:
    return keys.create(synced, "Host app", by="test").secret


@pytest.fixture
def api(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def riverside(db: None) -> School:
    other = School.objects.create(name="Riverside School", wonde_id="B000000001")
    pupil = Pupil.objects.create(school=other, forename="Secret", surname="Pupil", upn="X1")
    PupilYear.objects.create(pupil=pupil, school=other, academic_year=2026, year_group="5")
    return other


@pytest.fixture
def riverside_api(riverside: School) -> Client:
    secret = keys.create(riverside, "Riverside app", by="test").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


@pytest.fixture
def api_for(db: None):
    """A client with a new key of the given school."""

    def make(school: School) -> Client:
        secret = keys.create(school, "Host app", by="test").secret
        return Client(headers={"Authorization": f"Bearer {secret}"})

    return make
