"""API keys: stored hashed, shown once, refused when wrong, missing or revoked; never logged."""

from __future__ import annotations

import hashlib
import logging

import pytest
from django.test import Client, RequestFactory
from django.views.debug import get_default_exception_reporter_filter

from pupilsync.api import keys
from pupilsync.models import ApiKey, AuditEvent

pytestmark = pytest.mark.django_db
PUPILS = "/api/v1/pupils"


def test_it_stores_only_the_keys_digest_and_prefix(synced):
    made = keys.create(synced, "Host app", by="test")
    row = ApiKey.objects.values().get(pk=made.key.pk)
    assert row["digest"] == hashlib.sha256(made.secret.encode()).hexdigest()
    assert made.secret.startswith(f"psk_{row['prefix']}_")
    assert not any(made.secret in str(value) for value in row.values())


def test_it_answers_a_request_with_the_key(api):
    assert api.get(PUPILS).status_code == 200


def test_it_refuses_a_request_without_a_key(synced):
    assert Client().get(PUPILS).status_code == 401


def test_it_refuses_a_wrong_key(secret):
    wrong = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    answer = Client(headers={"Authorization": f"Bearer {wrong}"}).get(PUPILS)
    assert answer.status_code == 401


def test_it_refuses_a_key_sent_another_way(secret):
    assert Client().get(PUPILS, {"key": secret}).status_code == 401


def test_it_refuses_a_revoked_key(synced, secret, api):
    keys.revoke(synced, ApiKey.objects.get(school=synced).pk, by="test")
    assert api.get(PUPILS).status_code == 401


def test_a_school_cannot_revoke_another_schools_key(synced, riverside):
    theirs = keys.create(riverside, "Riverside app", by="test").key
    with pytest.raises(ApiKey.DoesNotExist):
        keys.revoke(synced, theirs.pk, by="test")


def test_making_and_revoking_a_key_are_in_the_audit_log_without_the_key(synced):
    made = keys.create(synced, "Host app", by="head@oakfield.example")
    keys.revoke(synced, made.key.pk, by="head@oakfield.example")
    events = AuditEvent.objects.filter(school=synced).order_by("id")
    assert [e.action for e in events] == [keys.KEY_CREATED, keys.KEY_REVOKED]
    assert all(made.secret not in str(e.detail) for e in events)


def test_it_notes_when_a_key_was_last_used(api):
    api.get(PUPILS)
    assert ApiKey.objects.get().last_used_at is not None


def test_the_key_is_never_written_to_the_log(secret, api, caplog):
    caplog.set_level(logging.DEBUG)
    api.get(PUPILS)
    api.get("/api/v1/pupils/999999")
    Client(headers={"Authorization": f"Bearer {secret}x"}).get(PUPILS)
    assert caplog.records and secret not in caplog.text


def test_an_error_report_hides_the_key(secret):
    request = RequestFactory().get(PUPILS, headers={"Authorization": f"Bearer {secret}"})
    meta = get_default_exception_reporter_filter().get_safe_request_meta(request)
    assert secret not in str(meta)
