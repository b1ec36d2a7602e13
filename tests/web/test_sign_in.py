import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username: str, password: str = PASSWORD) -> tuple[Client, object]:
    browser = Client()
    response = browser.post(reverse("login"), {"username": username, "password": password})
    return browser, response


def test_a_member_signs_in_with_their_email_and_lands_on_pupils(staff):
    browser, response = sign_in("Teacher@Oakfield.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("pupils")
    assert browser.get(reverse("pupils")).status_code == 200


def test_a_member_can_sign_in_with_their_username(staff):
    staff.user.username = "teacher"
    staff.user.save()
    _, response = sign_in("teacher")
    assert response.status_code == 302


def test_a_wrong_password_is_refused_with_a_message(staff):
    _, response = sign_in("teacher@oakfield.example", "wrong")
    assert response.status_code == 200
    assert "did not match" in response.content.decode()


def test_signing_out_ends_the_session(as_staff):
    as_staff.post(reverse("logout"))
    assert as_staff.get(reverse("pupils")).status_code == 302


def test_the_home_page_is_the_app_not_the_django_admin(as_staff):
    response = as_staff.get("/")
    assert response["Location"] == reverse("pupils")


def test_an_email_shared_by_two_accounts_signs_neither_in(django_user_model):
    for username in ("first", "second"):
        django_user_model.objects.create_user(
            username, email="shared@oakfield.example", password=PASSWORD
        )
    _, response = sign_in("shared@oakfield.example")
    assert response.status_code == 200
