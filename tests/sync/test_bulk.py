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
    return [{"school_id": school.pk, "surname": name} for name in surnames]


def insert_one(school, **fields):
    with transaction.atomic():
        [pk] = bulk.insert(Pupil, [{"school_id": school.pk, **fields}], returning=True)
    return Pupil.objects.get(pk=pk)


def test_it_returns_each_inserted_rows_id_in_order(school):
    with transaction.atomic():
        ids = bulk.insert(Pupil, pupils(school, "Adams", "Brown", "Clarke"), returning=True)
    assert [Pupil.objects.get(pk=pk).surname for pk in ids] == ["Adams", "Brown", "Clarke"]


def test_it_fills_defaults_and_creation_times_as_save_would(school):
    stored = insert_one(school, surname="Adams")
    assert (stored.on_roll, stored.contacts, stored.eal) == (True, [], None)
    assert stored.created_at is not None


def test_it_writes_dates_and_json_that_read_back_the_same(school):
    contacts = [{"name": "Mrs Adams", "emails": ["a@example.com"]}]
    born, synced = dt.date(2012, 2, 29), timezone.now()
    stored = insert_one(
        school, surname="Adams", date_of_birth=born, contacts=contacts, synced_at=synced
    )
    assert (stored.date_of_birth, stored.contacts, stored.synced_at) == (born, contacts, synced)


def test_it_takes_a_related_object_for_its_key(school):
    with transaction.atomic():
        [pk] = bulk.insert(Pupil, [{"school": school, "surname": "Adams"}], returning=True)
    assert Pupil.objects.get(pk=pk).school == school


def test_it_inserts_rows_without_asking_for_their_ids(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    year = {"pupil_id": pupil.pk, "school_id": school.pk, "academic_year": 2026, "classes": ["7A"]}
    with transaction.atomic():
        assert bulk.insert(PupilYear, [year]) == []
    assert PupilYear.objects.get(pupil=pupil).classes == ["7A"]


def test_it_updates_the_clashing_row_on_upsert(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    PupilYear.objects.create(pupil=pupil, school=school, academic_year=2026, year_group="7")
    again = {"pupil": pupil, "school": school, "academic_year": 2026, "year_group": "8"}
    with transaction.atomic():
        bulk.upsert(PupilYear, [again], unique=["pupil", "academic_year"], update=["year_group"])
    assert list(PupilYear.objects.values_list("year_group", flat=True)) == ["8"]


def test_it_keeps_the_last_of_two_rows_for_one_key_on_upsert(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    first = {"pupil": pupil, "school": school, "academic_year": 2026, "year_group": "7"}
    last = {**first, "year_group": "8"}
    with transaction.atomic():
        bulk.upsert(
            PupilYear, [first, last], unique=["pupil", "academic_year"], update=["year_group"]
        )
    assert list(PupilYear.objects.values_list("year_group", flat=True)) == ["8"]


def test_it_inserts_on_upsert_when_nothing_clashes(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    photo = {
        "pupil": pupil, "school": school, "wonde_hash": "h", "image": b"\xff\xd8", "width": 150,
        "height": 200, "updated_at": timezone.now(),
    }  # fmt: skip
    with transaction.atomic():
        bulk.upsert(PupilPhoto, [photo], unique=["pupil"], update=["wonde_hash", "image"])
    assert bytes(PupilPhoto.objects.get(pupil=pupil).image) == b"\xff\xd8"


def test_it_updates_only_the_named_fields(school):
    pupil = Pupil.objects.create(school=school, surname="Adams", forename="Amy")
    with transaction.atomic():
        bulk.update(Pupil, [{"id": pupil.pk, "surname": "Baker", "forename": ""}], ["surname"])
    stored = Pupil.objects.get(pk=pupil.pk)
    assert (stored.surname, stored.forename) == ("Baker", "Amy")


def test_it_updates_many_rows_each_to_its_own_value(school):
    made = [Pupil.objects.create(school=school, surname=f"Old{n}") for n in range(3)]
    with transaction.atomic():
        bulk.update(
            Pupil, [{"id": p.pk, "surname": f"New{n}"} for n, p in enumerate(made)], ["surname"]
        )
    assert [Pupil.objects.get(pk=p.pk).surname for p in made] == ["New0", "New1", "New2"]


def test_it_sends_one_statement_for_many_rows(school):
    many = pupils(school, *(f"Pupil{n}" for n in range(300)))
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        bulk.insert(Pupil, many)
    assert len(captured) == 1


def test_it_sends_nothing_for_no_rows(school):
    with CaptureQueriesContext(connection) as captured:
        bulk.insert(Pupil, [])
        bulk.update(Pupil, [], ["surname"])
        bulk.upsert(PupilPhoto, [], unique=["pupil"], update=["image"])
    assert len(captured) == 0


def test_it_raises_djangos_integrity_error_for_a_clash(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    PupilYear.objects.create(pupil=pupil, school=school, academic_year=2026)
    twin = {"pupil": pupil, "school": school, "academic_year": 2026}
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(PupilYear, [twin])


def test_it_leaves_other_schools_rows_alone(school):
    other = School.objects.create(name="Elsewhere", wonde_id="B2")
    theirs = Pupil.objects.create(school=other, surname="Keep")
    mine = Pupil.objects.create(school=school, surname="Adams")
    with transaction.atomic():
        bulk.update(Pupil, [{"id": mine.pk, "surname": "Baker"}], ["surname"])
    assert Pupil.objects.get(pk=theirs.pk).surname == "Keep"


def test_it_updates_rows_found_by_other_key_fields(school):
    pupil = Pupil.objects.create(school=school, surname="Adams")
    PupilYear.objects.create(pupil=pupil, school=school, academic_year=2025, att_present=1)
    PupilYear.objects.create(pupil=pupil, school=school, academic_year=2026, att_present=1)
    row = {"pupil_id": pupil.pk, "academic_year": 2026, "att_present": 9}
    with transaction.atomic():
        bulk.update(PupilYear, [row], ["att_present"], key=["pupil", "academic_year"])
    years = PupilYear.objects.order_by("academic_year").values_list("att_present", flat=True)
    assert list(years) == [1, 9]
