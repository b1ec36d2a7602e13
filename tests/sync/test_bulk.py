"""Bulk writes through the driver land what the ORM would have written (SQLite here; the
PostgreSQL integration test runs this file again on PostgreSQL)."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pupilsync.models import Pupil, PupilPhoto, PupilYear, School
from pupilsync.sync import bulk

pytestmark = pytest.mark.django_db


def pupils(school, *surnames):
    return [Pupil(school=school, surname=name, upn=None) for name in surnames]


def test_it_gives_each_inserted_row_its_own_id_in_order(school):
    made = pupils(school, "Adams", "Brown", "Clarke")
    with transaction.atomic():
        bulk.insert(made, returning=True)
    assert [Pupil.objects.get(pk=p.pk).surname for p in made] == ["Adams", "Brown", "Clarke"]


def test_it_fills_defaults_and_creation_times_as_save_would(school):
    [pupil] = pupils(school, "Adams")
    with transaction.atomic():
        bulk.insert([pupil], returning=True)
    stored = Pupil.objects.get(pk=pupil.pk)
    assert (stored.on_roll, stored.contacts, stored.eal) == (True, [], None)
    assert stored.created_at is not None


def test_it_writes_dates_and_json_that_read_back_the_same(school):
    [pupil] = pupils(school, "Adams")
    pupil.date_of_birth = dt.date(2012, 2, 29)
    pupil.contacts = [{"name": "Mrs Adams", "emails": ["a@example.com"]}]
    pupil.synced_at = timezone.now()
    with transaction.atomic():
        bulk.insert([pupil], returning=True)
    stored = Pupil.objects.get(pk=pupil.pk)
    assert (stored.date_of_birth, stored.contacts) == (pupil.date_of_birth, pupil.contacts)
    assert stored.synced_at == pupil.synced_at


def test_it_inserts_rows_without_asking_for_their_ids(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    year = PupilYear(pupil=pupil, school=school, academic_year=2026, classes=["7A/Ma"])
    with transaction.atomic():
        bulk.insert([year])
    assert PupilYear.objects.get(pupil=pupil).classes == ["7A/Ma"]


def test_it_updates_the_clashing_row_on_upsert(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    PupilYear.objects.create(pupil=pupil, school=school, academic_year=2026, year_group="7")
    again = PupilYear(pupil=pupil, school=school, academic_year=2026, year_group="8")
    with transaction.atomic():
        bulk.upsert([again], unique=["pupil", "academic_year"], update=["year_group"])
    assert list(PupilYear.objects.values_list("year_group", flat=True)) == ["8"]


def test_it_inserts_on_upsert_when_nothing_clashes(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    photo = PupilPhoto(
        pupil=pupil, school=school, wonde_hash="h", image=b"\xff\xd8", width=150, height=200,
        updated_at=timezone.now(),
    )  # fmt: skip
    with transaction.atomic():
        bulk.upsert([photo], unique=["pupil"], update=["wonde_hash", "image"])
    assert bytes(PupilPhoto.objects.get(pupil=pupil).image) == b"\xff\xd8"


def test_it_updates_only_the_named_fields(school):
    pupil = Pupil.objects.create(school=school, surname="Adams", forename="Amy")
    with transaction.atomic():
        bulk.update([Pupil(id=pupil.pk, surname="Baker", forename="")], ["surname"])
    stored = Pupil.objects.get(pk=pupil.pk)
    assert (stored.surname, stored.forename) == ("Baker", "Amy")


def test_it_sends_one_statement_for_many_rows(school):
    made = pupils(school, *(f"Pupil{n}" for n in range(300)))
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        bulk.insert(made)
    assert len(captured) == 1


def test_it_sends_nothing_for_no_rows(school):
    with CaptureQueriesContext(connection) as captured:
        bulk.insert([])
        bulk.update([], ["surname"])
        bulk.upsert([], unique=["pupil"], update=["image"])
    assert len(captured) == 0


def test_it_raises_djangos_integrity_error_for_a_clash(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    PupilYear.objects.create(pupil=pupil, school=school, academic_year=2026)
    twin = PupilYear(pupil=pupil, school=school, academic_year=2026)
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert([twin])


def test_it_leaves_other_schools_rows_alone(school):
    other = School.objects.create(name="Elsewhere", wonde_id="B2")
    theirs = Pupil.objects.create(school=other, surname="Keep")
    mine = Pupil.objects.create(school=school, surname="Adams")
    with transaction.atomic():
        bulk.update([Pupil(id=mine.pk, surname="Baker")], ["surname"])
    assert Pupil.objects.get(pk=theirs.pk).surname == "Keep"
