"""The pupils endpoints: the key's school only, with each pupil's latest year, paged."""

from __future__ import annotations

import pytest

from pupilsync.models import Pupil, PupilYear

pytestmark = pytest.mark.django_db


def test_the_list_pages_through_every_pupil_on_roll_once(synced, api):
    seen: list[int] = []
    offset = 0
    while True:
        page = api.get("/api/v1/pupils", {"limit": 50, "offset": offset}).json()
        seen += [pupil["id"] for pupil in page["items"]]
        offset += 50
        if offset >= page["count"]:
            break
    on_roll = Pupil.objects.filter(school=synced, on_roll=True)
    assert sorted(seen) == seen == sorted(on_roll.values_list("pk", flat=True))


def test_each_pupil_comes_with_their_years_context(synced, api):
    first = api.get("/api/v1/pupils", {"limit": 1}).json()["items"][0]
    year = PupilYear.objects.filter(pupil_id=first["id"]).latest("academic_year")
    assert first["year"]["academic_year"] == year.academic_year
    assert first["year"]["year_group"] == year.year_group
    assert first["year"]["registration_group"] == year.registration_group
    assert first["year"]["classes"] == year.classes


def test_the_list_leaves_out_what_the_api_does_not_show(api):
    first = api.get("/api/v1/pupils", {"limit": 1}).json()["items"][0]
    assert not {"contacts", "upi", "wonde_id", "att_present"} & (first.keys() | first["year"])


def test_the_list_can_show_leavers(synced, api):
    Pupil.objects.filter(pk=Pupil.objects.filter(school=synced).first().pk).update(on_roll=False)
    left = api.get("/api/v1/pupils", {"status": "left"}).json()
    assert left["count"] == 1 and left["items"][0]["on_roll"] is False


def test_one_pupil_is_read_by_id(synced, api):
    pupil = Pupil.objects.filter(school=synced).first()
    answer = api.get(f"/api/v1/pupils/{pupil.pk}")
    assert answer.status_code == 200 and answer.json()["upn"] == pupil.upn


def test_one_pupil_is_read_by_upn(synced, api):
    pupil = Pupil.objects.filter(school=synced).exclude(upn=None).first()
    answer = api.get("/api/v1/pupils/by-upn", {"upn": pupil.upn})
    assert answer.status_code == 200 and answer.json()["id"] == pupil.pk


def test_a_pupil_of_another_school_is_not_found_by_id(api, riverside):
    theirs = Pupil.objects.get(school=riverside)
    assert api.get(f"/api/v1/pupils/{theirs.pk}").status_code == 404


def test_a_pupil_of_another_school_is_not_found_by_upn(api, riverside):
    assert api.get("/api/v1/pupils/by-upn", {"upn": "X1"}).status_code == 404


def test_another_schools_key_lists_only_its_own_pupils(synced, riverside_api):
    listed = riverside_api.get("/api/v1/pupils").json()
    assert [p["surname"] for p in listed["items"]] == ["Pupil"] and listed["count"] == 1


def test_a_page_of_pupils_costs_a_fixed_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        api.get("/api/v1/pupils", {"limit": 100})
