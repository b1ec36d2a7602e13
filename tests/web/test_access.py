"""Every page is for a signed-in member of a school, shows only that school, and admin pages
only to admins."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["pupils"]
ADMIN_PAGES = [
    "account-admin",
    "manage-pupils",
    "update-pupils",
    "mis-sync",
    "mis-sync-issues",
    "sync-settings",
    "sync-permissions",
    "audit-log",
]


@pytest.mark.parametrize("name", MEMBER_PAGES + ADMIN_PAGES)
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(name, db):
    response = Client().get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", [*ADMIN_PAGES, "mis-sync-progress"])
def test_staff_cannot_open_an_admin_page(as_staff, name):
    assert as_staff.get(reverse(name)).status_code == 403


def test_staff_cannot_start_a_sync(as_staff):
    assert as_staff.post(reverse("mis-sync-start")).status_code == 403


def test_staff_see_no_admin_menu(as_staff):
    page = as_staff.get(reverse("pupils")).content.decode()
    assert reverse("mis-sync") not in page
    assert reverse("account-admin") not in page


def test_an_admin_sees_the_admin_menu(as_admin):
    page = as_admin.get(reverse("pupils")).content.decode()
    assert reverse("mis-sync") in page
    assert reverse("update-pupils") in page


def test_a_user_without_a_school_gets_403(db):
    user = get_user_model().objects.create_user("loner", password="x")
    browser = Client()
    browser.force_login(user)
    assert browser.get(reverse("pupils")).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        lambda ids: reverse("pupil", args=[ids["pupil"]]),
        lambda ids: reverse("pupil-photo", args=[ids["pupil"]]),
        lambda ids: reverse("mis-sync") + f"?run={ids['run']}",
        lambda ids: reverse("mis-sync-issues") + f"?run={ids['run']}",
    ],
)
def test_another_schools_objects_are_not_found(as_admin, elsewhere, url):
    assert as_admin.get(url(elsewhere)).status_code == 404


def test_another_schools_pupils_never_appear_in_the_list(as_admin, elsewhere):
    page = as_admin.get(reverse("pupils"), {"roll": "all", "q": "Secret"}).content.decode()
    assert "Secret" not in page.split("<main", 1)[1].split("</form>", 1)[1]


def test_starting_a_sync_without_the_csrf_token_is_refused(admin):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin.user)
    assert browser.post(reverse("mis-sync-start")).status_code == 403


def test_signing_out_without_the_csrf_token_is_refused(admin):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(admin.user)
    assert browser.post(reverse("logout")).status_code == 403


@pytest.mark.parametrize(
    "name", [*MEMBER_PAGES, "account-admin", "update-pupils", "mis-sync", "sync-settings"]
)
def test_every_post_form_carries_a_csrf_token(as_admin, name):
    page = as_admin.get(reverse(name)).content.decode()
    forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", page, flags=re.S)
    assert forms, "each of these pages has at least the sign-out form"
    assert all("csrfmiddlewaretoken" in form for form in forms)


def test_the_wonde_token_never_reaches_a_page(as_admin, settings, synced, served):
    settings.WONDE_API_TOKEN = "tok-that-must-never-show-0123456789abcdef"
    pupil = synced.pupils.first()
    urls = [reverse(n) for n in MEMBER_PAGES + ADMIN_PAGES] + [reverse("pupil", args=[pupil.pk])]
    for url in urls:
        assert settings.WONDE_API_TOKEN not in as_admin.get(url).content.decode(), url


def test_the_wonde_token_never_reaches_the_permissions_page_when_wonde_refuses_it(
    as_admin, settings, served
):
    settings.WONDE_API_TOKEN = "tok-that-must-never-show-0123456789abcdef"
    page = as_admin.get(reverse("sync-permissions")).content.decode()
    assert "did not accept pupilsync&#x27;s credentials" in page
    assert settings.WONDE_API_TOKEN not in page


def test_the_wonde_token_never_reaches_a_permissions_page_that_read_wonde(as_admin, served):
    from fakewonde import DEMO_TOKEN

    page = as_admin.get(reverse("sync-permissions")).content.decode()
    assert "Students read" in page
    assert DEMO_TOKEN not in page


def test_a_user_without_a_school_can_still_sign_out(db):
    user = get_user_model().objects.create_user("loner", password="x")
    browser = Client()
    browser.force_login(user)
    assert reverse("logout") in browser.get(reverse("pupils")).content.decode()


def test_pages_load_scripts_and_styles_only_from_our_own_static_files(as_admin):
    page = as_admin.get(reverse("mis-sync")).content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources
    assert all(source.startswith("/static/pupilsync/") for source in sources)
