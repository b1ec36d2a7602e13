"""The OpenAPI schema: served at /api/v1/schema, and the copy in docs/api/ is the same."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from pupilsync.api import schema

pytestmark = pytest.mark.django_db


def test_the_served_schema_is_the_committed_one():
    served = Client().get("/api/v1/schema").json()
    committed = json.loads(schema.COMMITTED.read_text())
    assert served == committed, "run `pupilsync api schema` and commit docs/api/openapi.json"


def test_the_schema_names_every_endpoint():
    paths = set(Client().get("/api/v1/schema").json()["paths"])
    assert paths == {
        "/api/v1/pupils", "/api/v1/pupils/by-upn", "/api/v1/pupils/{pupil_id}",
        "/api/v1/changes", "/api/v1/changes/head",
    }  # fmt: skip


def test_the_schema_says_every_endpoint_needs_a_key():
    described = Client().get("/api/v1/schema").json()
    operations = [op for path in described["paths"].values() for op in path.values()]
    assert all(op.get("security") == [{"KeyAuth": []}] for op in operations)


def test_the_check_command_passes_on_the_committed_file(capsys):
    call_command("api", "schema", "--check")
    assert "up to date" in capsys.readouterr().out


def test_the_check_command_fails_on_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "openapi.json"
    stale.write_text("{}\n")
    monkeypatch.setattr(schema, "COMMITTED", stale)
    with pytest.raises(Exception, match="out of date"):
        call_command("api", "schema", "--check")
