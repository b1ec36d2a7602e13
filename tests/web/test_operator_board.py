"""/operator/: the fleet board and a school's page, for operators only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pupilsync.accounts import add_member
from pupilsync.models import School
from tests.operator.factories import NIGHT, NOW, operator, run, school

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(monkeypatch) -> None:
    monkeypatch.setattr("pupilsync.web.operator.views.now", lambda: NOW)


@pytest.fixture
def ops() -> Client:
    browser = Client()
    browser.force_login(operator())
    return browser


@pytest.fixture
def oakfield() -> School:
    oak = school("Oakfield Primary", "A1930499544", urn="100001")
    run(oak, "completed", seconds=95, created=3, updated=4, http_requests=41)
    return oak


def test_an_operator_sees_every_school_with_its_last_sync_and_next_run(ops, oakfield):
    school("Riverside School", "B2", connection=School.Connection.REQUESTED)
    page = ops.get(reverse("operator-board")).content.decode()
    assert "Oakfield Primary" in page and "Riverside School" in page
    assert "1m 35s" in page  # the last sync's duration
    assert "Requested, pending approval" in page
    assert "access has been requested" in page  # why Riverside has no next run
    assert "Thu 3 Dec" in page  # Oakfield's next nightly run


def test_the_board_shows_last_nights_totals(ops, oakfield):
    page = ops.get(reverse("operator-board")).content.decode()
    assert "Last night (Wed 2 Dec 2026)" in page
    assert "<dt>Pupils changed</dt><dd>7</dd>" in page
    assert "<dt>Wonde requests</dt><dd>41</dd>" in page


def test_needs_action_lists_only_the_schools_that_need_it(ops, oakfield):
    held = school("Holly Primary", "A2")
    run(held, "held")
    page = ops.get(reverse("operator-board"), {"need": "any"}).content.decode()
    assert "Holly Primary" in page and "Held by the breaker" in page
    assert "Oakfield Primary" not in page


def test_the_board_pages_on_the_server_in_the_same_few_queries(ops):
    for n in range(60):
        run(school(f"School {n:02d}", f"W{n:04d}"), "completed")
    first = ops.get(reverse("operator-board"))
    assert first.context["page"].paginator.num_pages == 2
    assert len(first.context["rows"]) == 50
    second = ops.get(reverse("operator-board"), {"page": 2}).content.decode()
    assert "School 59" in second and "School 00" not in second


def test_the_number_of_queries_does_not_grow_with_the_schools(ops):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert ops.get(reverse("operator-board")).status_code == 200
        return len(captured)

    for n in range(3):
        run(school(f"School {n:02d}", f"W{n:04d}"), "failed")
    few = queries()
    for n in range(3, 40):
        run(school(f"School {n:02d}", f"W{n:04d}"), "failed", issues=("permission_denied",))
    assert queries() == few


def test_a_schools_run_history_and_issues_are_one_click_away(ops, oakfield):
    failed = run(oakfield, "failed", at=NIGHT.replace(day=1), issues=("wonde_unavailable",))
    page = ops.get(reverse("operator-school", args=[oakfield.pk]), {"run": failed.pk})
    body = page.content.decode()
    assert "Run history" in body and "wonde_unavailable happened" in body
    assert body.count('<span class="sev sev-failed">') == 1


def test_a_run_of_another_school_is_not_found_on_a_schools_page(ops, oakfield):
    other = run(school("Riverside School", "B2"), "failed")
    page = ops.get(reverse("operator-school", args=[oakfield.pk]), {"run": other.pk})
    assert page.status_code == 404


@pytest.mark.parametrize("name", ["operator-board", "operator-school"])
def test_a_school_admin_is_refused_even_one_who_is_a_django_superuser(oakfield, name):
    member = add_member(oakfield, "head@oakfield.example", "admin", "pw-123456789")
    member.user.is_staff = member.user.is_superuser = True
    member.user.save()
    browser = Client()
    browser.force_login(member.user)
    args = [oakfield.pk] if name == "operator-school" else []
    assert browser.get(reverse(name, args=args)).status_code == 403


def test_a_visitor_is_sent_to_sign_in(oakfield):
    response = Client().get(reverse("operator-board"))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_signing_in_takes_an_operator_to_the_board_and_a_school_admin_to_pupils(oakfield):
    operator("ops2@pupilsync.example")
    add_member(oakfield, "head@oakfield.example", "admin", "pw-123456789")
    for username, password, landing in (
        ("ops2@pupilsync.example", "pw-operator-123", "/operator/"),
        ("head@oakfield.example", "pw-123456789", "/pupils/"),
    ):
        browser = Client()
        signed_in = browser.post("/sign-in/", {"username": username, "password": password})
        assert signed_in["Location"] == landing
