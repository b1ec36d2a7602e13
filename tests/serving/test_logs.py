from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from pupilsync.logs import JsonFormatter, bind

pytestmark = pytest.mark.django_db


def line(message: str, **extra: object) -> dict:
    record = logging.LogRecord("pupilsync.sync", logging.INFO, __file__, 1, message, (), None)
    for key, value in extra.items():
        setattr(record, key, value)
    return json.loads(JsonFormatter().format(record))


def test_a_json_line_carries_the_school_and_run_it_was_bound_to():
    with bind(school=7, run=42):
        found = line("sync completed")
    assert found["message"] == "sync completed" and found["level"] == "INFO"
    assert (found["school"], found["run"]) == (7, 42)
    assert "request_id" not in found


def test_extra_fields_win_over_the_bound_ones():
    with bind(school=7):
        assert line("x", school=8)["school"] == 8


def test_each_response_carries_a_request_id_taken_from_the_proxy_when_plain():
    assert Client().get("/healthz", headers={"X-Request-ID": "abc-123"})["X-Request-ID"] == (
        "abc-123"
    )
    made = Client().get("/healthz", headers={"X-Request-ID": "bad\nid"})["X-Request-ID"]
    assert made != "bad\nid" and len(made) == 32
