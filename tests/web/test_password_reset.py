"""Forgotten password: a link by email, a new password, then signing in with it."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-brand-new-passphrase-42"


def reset_link(client: Client, email: str) -> str:
    client.post(reverse("password-reset"), {"email": email})
    [message] = mail.outbox
    return re.search(r"https?://[^/\s]+(/sign-in/reset/\S+)", message.body).group(1)


def test_the_sign_in_page_links_to_forgotten_password(client):
    page = Client().get(reverse("login")).content.decode()
    assert f'href="{reverse("password-reset")}">Forgotten your password?' in page


def test_asking_for_a_reset_emails_a_link_to_the_account(admin):
    response = Client().post(reverse("password-reset"), {"email": admin.user.email})
    assert response.status_code == 302 and response["Location"] == reverse("password-reset-done")
    [message] = mail.outbox
    assert message.to == [admin.user.email]
    assert "/sign-in/reset/" in message.body


def test_an_address_with_no_account_is_told_the_same_and_sent_nothing(synced):
    response = Client().post(reverse("password-reset"), {"email": "nobody@oakfield.example"})
    assert response["Location"] == reverse("password-reset-done")
    assert mail.outbox == []


def test_the_sent_page_says_to_check_the_email(synced):
    page = Client().get(reverse("password-reset-done")).content.decode()
    assert "If that address belongs to a pupilsync account" in page


def test_the_link_sets_a_new_password_that_signs_in(admin):
    browser = Client()
    form = browser.get(reset_link(browser, admin.user.email), follow=True)
    assert "Choose a new password" in form.content.decode()
    passwords = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    done = browser.post(form.redirect_chain[-1][0], passwords, follow=True)
    assert "Your new password is saved." in done.content.decode()
    signed_in = Client().post(
        reverse("login"), {"username": admin.user.email, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("pupils")


def test_a_used_link_no_longer_works(admin):
    browser = Client()
    form = browser.get(reset_link(browser, admin.user.email), follow=True)
    passwords = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    browser.post(form.redirect_chain[-1][0], passwords)
    again = Client().get(reset_link_from_outbox())
    assert again.status_code == 404
    assert "This link does not work" in again.content.decode()


def reset_link_from_outbox() -> str:
    return re.search(r"https?://[^/\s]+(/sign-in/reset/\S+)", mail.outbox[-1].body).group(1)


def test_a_made_up_link_is_a_404(synced):
    response = Client().get(reverse("password-reset-confirm", args=["MQ", "made-up-token"]))
    assert response.status_code == 404
    assert "Ask for a new link" in response.content.decode()
