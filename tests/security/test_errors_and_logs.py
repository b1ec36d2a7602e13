"""With debug off (the default) errors show a plain page and go to the log, a 404 lists no
URLs, a refused request is one log line, and no log at DEBUG carries a secret or token."""

import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN
from pupilsync.accounts import add_member
from pupilsync.models import School
from tests.cli.shell import run

pytestmark = pytest.mark.django_db
WEBHOOK_SECRET = "webhook-secret-never-logged-0123456789"
TEMPLATES = Path(__file__).resolve().parents[2] / "pupilsync" / "templates"


@pytest.fixture
def staff(db: None) -> Client:
    school = School.objects.create(name="Oakfield Primary", wonde_id="A000000001")
    browser = Client()
    browser.force_login(add_member(school, "t@oakfield.example", "staff", "pw-123456789").user)
    return browser


def test_a_missing_page_lists_no_urls(db):
    response = Client().get("/nonexistent/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "account/admin" not in body and "URLconf" not in body and "webhooks" not in body


def test_a_server_error_shows_a_plain_page_and_is_logged(staff, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the database fell over")

    monkeypatch.setattr("pupilsync.roster.pupil_rows", broken)
    browser = staff
    browser.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = browser.get(reverse("pupils"))
    body = response.content.decode()
    assert response.status_code == 500 and "Something went wrong" in body
    assert "Traceback" not in body and "the database fell over" not in body
    assert "SECRET_KEY" not in body and "settings" not in body.lower()
    assert any(
        r.exc_info and "the database fell over" in str(r.exc_info[1]) for r in caplog.records
    )


def test_debug_stays_off_when_nothing_turns_it_on(tmp_path):
    shown = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        env={"DJANGO_SETTINGS_MODULE": "pupilsync.settings", "PUPILSYNC_VAR_DIR": str(tmp_path)}
        | {k: v for k, v in __import__("os").environ.items() if k in {"PATH", "HOME"}},
        capture_output=True,
        text=True,
    )
    assert shown.stdout.strip() == "False", shown.stderr


def test_dev_py_run_turns_debug_on_for_the_demo_only():
    source = (TEMPLATES.parents[1] / "dev.py").read_text()
    assert 'env.setdefault("DJANGO_DEBUG", "1")' in source


def test_a_refused_request_is_one_line_saying_who_what_and_why(staff, caplog):
    with caplog.at_level(logging.DEBUG):
        response = staff.get(reverse("mis-sync"))
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "pupilsync.web.refusals"]
    assert len(refusals) == 1
    line = refusals[0].getMessage()
    assert "403 GET /account/admin/import/mis-sync/" in line
    assert "t@oakfield.example" in line and "Only a school admin" in line
    assert not any(r.exc_info for r in caplog.records)


def test_a_404_for_another_schools_pupil_is_one_line(staff, caplog):
    with caplog.at_level(logging.DEBUG):
        assert staff.get(reverse("pupil", args=[999999])).status_code == 404
    assert [r.name for r in caplog.records if r.levelno >= logging.WARNING] == [
        "pupilsync.web.refusals"
    ]
    assert not any(r.exc_info for r in caplog.records)


def test_the_access_log_never_prints_a_query_string():
    from pupilsync.logs import NoQueryStrings

    record = logging.LogRecord(
        "django.server", logging.INFO, "", 0, '"%s" %s %s',
        ("POST /webhooks/wonde/?secret=abc HTTP/1.1", "403", "20"), None,
    )  # fmt: skip
    NoQueryStrings().filter(record)
    assert "abc" not in record.getMessage() and "/webhooks/wonde/" in record.getMessage()


def test_no_log_at_debug_carries_the_webhook_secret_or_the_tokens(
    served, school, world, settings, caplog
):
    settings.WONDE_WEBHOOK_SECRET = WEBHOOK_SECRET
    caplog.set_level(logging.DEBUG)
    run("sync", DEMO_SCHOOL_ID)
    world.revoke(DEMO_SCHOOL_ID)
    body = json.dumps(
        {"payload_type": "accessRevoked", "school_id": DEMO_SCHOOL_ID, "school_token": "tok-9"}
    )
    for secret in (WEBHOOK_SECRET, "a-wrong-guess-of-the-secret"):
        Client().post(
            "/webhooks/wonde/", body, content_type="application/json", HTTP_X_WONDE_SECRET=secret
        )
    Client().post(f"/webhooks/wonde/?secret={WEBHOOK_SECRET}", body, "application/json")
    school.refresh_from_db()
    assert school.connection == "revoked"  # the webhook really ran, with its logs
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for secret in (WEBHOOK_SECRET, "a-wrong-guess-of-the-secret", DEMO_TOKEN, "tok-9"):
        assert secret not in logged


def test_the_fake_wonde_does_not_print_its_token_at_start(monkeypatch, capsys):
    from fakewonde import __main__ as fake

    monkeypatch.setattr(fake, "serve", lambda *args: None)
    assert fake.main(["--port", "0", "--forms", "1", "--phase", "primary"]) == 0
    printed = capsys.readouterr()
    assert "fake Wonde on" in printed.out and DEMO_TOKEN not in printed.out + printed.err
