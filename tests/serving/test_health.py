from __future__ import annotations

import pytest
from django.test import Client

from pupilsync.serving import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_and_the_queue_answer():
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] and body["database"] == {"ok": True}
    assert body["queue"]["ok"] and isinstance(body["queue"]["pending"], int)
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_naming_the_broken_part_but_not_its_message(monkeypatch):
    def down() -> dict:
        raise ConnectionError("redis://:hunter2@queue.internal:6379 refused")

    monkeypatch.setitem(health.CHECKS, "queue", down)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["queue"] == {"ok": False, "error": "ConnectionError"}
    assert b"hunter2" not in response.content
