"""The pupils list and a pupil's page."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.models import Pupil, PupilYear
from pupilsync.roster import year_group_label
from pupilsync.sync.engine import sync_school

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return re.findall(r'<a href="/pupils/\d+/">([^<]+)</a>', response.content.decode())


def latest(pupil: Pupil) -> PupilYear:
    return pupil.years.order_by("-academic_year").first()


def test_the_list_shows_pupils_on_roll_with_their_photos(as_staff, synced):
    response = as_staff.get(reverse("pupils"))
    on_roll = synced.pupils.filter(on_roll=True).count()
    assert f"{on_roll} pupils" in response.content.decode()
    assert len(names(response)) == min(on_roll, 50)
    assert 'class="thumb" src="/pupils/' in response.content.decode()


def test_the_list_says_how_fresh_the_data_is(as_staff):
    assert "Data as of" in as_staff.get(reverse("pupils")).content.decode()


def test_the_list_filters_by_year_group(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).first()
    year = latest(pupil).year_group
    response = as_staff.get(reverse("pupils"), {"year": year})
    expected = PupilYear.objects.filter(
        school=synced, academic_year=latest(pupil).academic_year, year_group=year
    ).count()
    assert f"{expected} pupil" in response.content.decode()
    assert expected < synced.pupils.count()


def test_the_list_filters_by_class(as_staff, synced):
    year = latest(synced.pupils.filter(on_roll=True).first())
    response = as_staff.get(reverse("pupils"), {"group": year.registration_group})
    shown = names(response)
    assert f"{year.pupil.surname}, {year.pupil.forename}" in shown
    assert len(shown) < synced.pupils.count()


def test_the_list_searches_by_name(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).first()
    response = as_staff.get(reverse("pupils"), {"q": f"{pupil.forename} {pupil.surname}"})
    assert f"{pupil.surname}, {pupil.forename}" in names(response)


def test_the_list_filters_by_sen_pupil_premium_and_eal(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).first()
    year = latest(pupil)
    year.sen_provision, year.pupil_premium = "E", True
    year.save()
    pupil.eal = True
    pupil.save()
    response = as_staff.get(reverse("pupils"), {"sen": "E", "pp": "yes", "eal": "yes"})
    assert f"{pupil.surname}, {pupil.forename}" in names(response)
    assert all(
        PupilYear.objects.filter(
            pupil__surname=n.split(", ")[0], sen_provision="E", pupil_premium=True
        ).exists()
        for n in names(response)
    )


def test_pupils_who_left_are_listed_only_when_asked_for(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).first()
    pupil.on_roll = False
    pupil.save()
    label = f"{pupil.surname}, {pupil.forename}"
    assert label not in names(as_staff.get(reverse("pupils"), {"q": pupil.surname}))
    assert label in names(as_staff.get(reverse("pupils"), {"q": pupil.surname, "roll": "left"}))


def test_the_list_costs_the_same_queries_for_a_few_pupils_as_for_a_full_page(as_staff, synced):
    def queries(params: dict[str, str]) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_staff.get(reverse("pupils"), params).status_code == 200
        return len(captured)

    year = latest(synced.pupils.filter(on_roll=True).first()).year_group
    queries({})  # the first request after signing in also restarts the idle clock (one write)
    assert queries({"year": year}) == queries({})


def test_a_pupils_page_shows_their_data_and_says_the_mis_manages_it(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).exclude(contacts=[]).first()
    page = as_staff.get(reverse("pupil", args=[pupil.pk])).content.decode()
    assert pupil.upn in page
    assert latest(pupil).registration_group in page
    assert pupil.contacts[0]["email"] in page
    assert "edits will be overwritten" in page.lower()
    assert "Data as of" in page


def test_a_pupils_attendance_is_shown_as_a_percentage(as_staff, synced):
    year = latest(synced.pupils.first())  # set here: on 1 September nobody has any yet
    year.att_possible, year.att_present, year.att_authorised = 40, 37, 3
    year.save()
    page = as_staff.get(reverse("pupil", args=[year.pupil_id])).content.decode()
    assert "92.5%" in page


def test_a_pupils_sen_needs_are_named(as_staff, synced):
    year = latest(synced.pupils.first())
    year.sen_provision, year.sen_needs = "K", [{"type": "SLCN", "rank": 1}]
    year.save()
    page = as_staff.get(reverse("pupil", args=[year.pupil_id])).content.decode()
    assert "Speech, language and communication needs" in page
    assert "SEN support" in page


def test_a_photo_is_served_privately_to_a_member(as_staff, synced):
    pupil = synced.pupils.filter(photo__isnull=False).first()
    response = as_staff.get(reverse("pupil-photo", args=[pupil.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert response.content.startswith(b"\xff\xd8")


def test_an_unchanged_photo_is_not_sent_twice(as_staff, synced):
    url = reverse("pupil-photo", args=[synced.pupils.filter(photo__isnull=False).first().pk])
    etag = as_staff.get(url)["ETag"]
    assert as_staff.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_pupil_without_a_photo_has_no_photo_url(as_staff, synced):
    pupil = synced.pupils.filter(photo__isnull=True).first() or synced.pupils.first()
    pupil_photo = getattr(pupil, "photo", None)
    if pupil_photo is not None:
        pupil_photo.delete()
    assert as_staff.get(reverse("pupil-photo", args=[pupil.pk])).status_code == 404


def test_the_list_finds_a_pupil_by_upn(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).exclude(upn=None).last()
    assert names(as_staff.get(reverse("pupils"), {"q": pupil.upn})) == [
        f"{pupil.surname}, {pupil.forename}"
    ]


def test_the_pupil_page_shows_the_history_of_synced_changes(synced, as_staff, world, client):
    pupil = Pupil.objects.filter(school=synced).first()
    fake = world.schools[DEMO_SCHOOL_ID].students[pupil.wonde_id]
    fake.ethnicity = "WIRI"
    fake.touch(world.clock + dt.timedelta(minutes=1))
    sync_school(synced, client=client)
    page = as_staff.get(f"/pupils/{pupil.pk}/").content.decode()
    assert "History of synced changes" in page and "WIRI" in page


def test_the_list_finds_a_pupil_by_the_lists_own_surname_comma_forename(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).first()
    listed = f"{pupil.surname}, {pupil.forename}"
    assert listed in names(as_staff.get(reverse("pupils"), {"q": listed}))


def test_the_list_finds_a_pupil_by_part_of_a_upn(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).exclude(upn=None).last()
    part = pupil.upn[-6:]
    shown = names(as_staff.get(reverse("pupils"), {"q": part}))
    assert f"{pupil.surname}, {pupil.forename}" in shown
    assert len(shown) < 10


def test_two_digits_are_too_few_to_search_inside_upns(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).exclude(upn=None).last()
    assert names(as_staff.get(reverse("pupils"), {"q": pupil.upn[-2:]})) == []


def year_options(response) -> list[str]:
    select = re.search(r'<select name="year".*?</select>', response.content.decode(), re.S)
    return re.findall(r">([^<]+)</option>", select.group(0))


def test_a_year_no_current_pupil_is_in_is_not_offered(as_staff, synced):
    year = latest(synced.pupils.filter(on_roll=True).first()).year_group
    leaving = PupilYear.objects.filter(school=synced, year_group=year).values("pupil")
    Pupil.objects.filter(pk__in=leaving).update(on_roll=False)
    assert year_group_label(year) not in year_options(as_staff.get(reverse("pupils")))


def test_the_left_pupils_years_are_offered_when_listing_leavers(as_staff, synced):
    year = latest(synced.pupils.filter(on_roll=True).first()).year_group
    leaving = PupilYear.objects.filter(school=synced, year_group=year).values("pupil")
    Pupil.objects.filter(pk__in=leaving).update(on_roll=False)
    assert year_group_label(year) in year_options(as_staff.get(reverse("pupils"), {"roll": "left"}))


def test_the_class_dropdown_groups_classes_by_year_group(as_staff, synced):
    year = latest(synced.pupils.filter(on_roll=True).first())
    page = as_staff.get(reverse("pupils")).content.decode()
    label = year_group_label(year.year_group)
    group = re.search(rf'<optgroup label="{label}">(.*?)</optgroup>', page, re.S)
    assert group is not None
    assert f'value="{year.registration_group}"' in group.group(1)


def test_the_class_filter_still_filters_with_grouped_choices(as_staff, synced):
    year = latest(synced.pupils.filter(on_roll=True).first())
    shown = names(as_staff.get(reverse("pupils"), {"group": year.registration_group}))
    assert f"{year.pupil.surname}, {year.pupil.forename}" in shown


def test_the_pupil_page_names_ethnicity_and_language_with_the_code_beside(as_staff, synced):
    pupil = synced.pupils.filter(on_roll=True).first()
    Pupil.objects.filter(pk=pupil.pk).update(ethnicity="WBRI", first_language="ENG")
    page = as_staff.get(reverse("pupil", args=[pupil.pk])).content.decode()
    assert "White - British (WBRI)" in page
    assert "English (ENG)" in page
