"""A sign-in on a shared staff-room computer ends when the browser closes and after an idle
spell; its cookies are out of scripts' reach (and HTTPS-only in production)."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import F
from django.test import Client
from django.urls import reverse

from pupilsync.accounts import add_member
from pupilsync.models import School

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


@pytest.fixture
def signed_in(db: None) -> tuple[Client, object]:
    school = School.objects.create(name="Oakfield Primary", wonde_id="A000000001")
    add_member(school, "head@oakfield.example", "admin", PASSWORD)
    browser = Client()
    response = browser.post(
        reverse("login"), {"username": "head@oakfield.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    return browser, response


def test_the_session_cookie_ends_with_the_browser(signed_in):
    _, response = signed_in
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]


def test_the_session_and_csrf_cookies_are_out_of_reach_of_scripts(signed_in):
    _, response = signed_in
    assert response.cookies[settings.SESSION_COOKIE_NAME]["httponly"]
    assert settings.CSRF_COOKIE_HTTPONLY


def test_the_idle_time_defaults_to_eight_hours():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_a_session_idle_for_longer_than_the_idle_time_is_signed_out(signed_in):
    browser, _ = signed_in
    Session.objects.update(expire_date=F("expire_date") - dt.timedelta(hours=8, minutes=1))
    response = browser.get(reverse("pupils"))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_each_request_restarts_the_idle_clock(signed_in):
    browser, _ = signed_in
    Session.objects.update(expire_date=F("expire_date") - dt.timedelta(hours=7, minutes=59))
    nearly_idle = Session.objects.get().expire_date
    assert browser.get(reverse("pupils")).status_code == 200
    assert Session.objects.get().expire_date - nearly_idle > dt.timedelta(hours=7)


def test_production_cookies_are_https_only_and_out_of_reach_of_scripts(tmp_path):
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE,"
            " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY,"
            " s.SESSION_EXPIRE_AT_BROWSER_CLOSE, s.SESSION_COOKIE_AGE)",
        ],
        env={k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG"}}
        | {"DJANGO_SETTINGS_MODULE": "pupilsync.settings", "PUPILSYNC_VAR_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert shown.stdout.split() == ["True", "True", "True", "True", "True", "28800"], shown.stderr


def test_a_burst_of_requests_writes_the_session_once(signed_in):
    browser, _ = signed_in
    browser.get(reverse("pupils"))
    Session.objects.update(expire_date=F("expire_date") - dt.timedelta(hours=1))
    pushed_back = Session.objects.get().expire_date
    for _ in range(5):
        browser.get(reverse("pupils"))
    assert Session.objects.get().expire_date == pushed_back
