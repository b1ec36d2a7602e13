"""The operator's board in a real browser: as an operator, and refused to a school admin."""

from __future__ import annotations

import datetime as dt

import pytest

from pupilsync.accounts import add_member
from pupilsync.models import AccessRequest, School
from tests.browser.steps import sign_in
from tests.operator.factories import NIGHT, NOW, operator, run, school

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pw-operator-123"
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def frozen(monkeypatch) -> None:
    monkeypatch.setattr("pupilsync.web.operator.views.now", lambda: NOW)


@pytest.fixture
def fleet(db: None) -> School:
    """A handful of schools, one of each kind of trouble; returns the one that failed twice."""
    for n, name in enumerate(("Ash Academy", "Birch Primary", "Cedar Infant School")):
        calm = school(name, f"A{n}", urn=f"10000{n}")
        run(calm, seconds=20 + 15 * n, updated=n, http_requests=30)
    failing = school("Elm High School", "A5", urn="100005")
    run(failing, "failed", at=NIGHT - DAY, seconds=4, issues=("wonde_unavailable",))
    run(failing, "failed", at=NIGHT, seconds=5, issues=("wonde_unavailable",))
    run(school("Hazel Junior School", "A6"), "held", seconds=61, archived=140)
    run(school("Maple Primary", "A7"), seconds=33, issues=("permission_denied",), http_requests=41)
    run(school("Oak Academy", "A8", term_dates=False), seconds=28, created=2)
    pending = school("Willow School", "A9", connection=School.Connection.REQUESTED)
    AccessRequest.objects.create(
        school=pending, first_name="Ada", last_name="Head", email="ada@willow.example",
        requested_at=NOW - 12 * DAY,
    )  # fmt: skip
    return failing


def test_an_operator_finds_a_failing_school_and_reads_its_runs(
    live_server, fleet, open_page, screenshot
):
    operator("ops@pupilsync.example")
    page = open_page()
    sign_in(page, live_server, "ops@pupilsync.example", PASSWORD)
    page.get_by_role("heading", name="Operator board").wait_for()
    assert page.get_by_role("heading", name="Last night (Wed 2 Dec 2026)").is_visible()
    assert page.get_by_text("8 schools").is_visible()
    screenshot(page, "operator-board")

    page.get_by_role("link", name="Failed twice").click()
    page.get_by_text("1 school", exact=True).wait_for()
    page.get_by_role("link", name="Elm High School").click()
    page.get_by_role("heading", name="Run history").wait_for()
    assert page.get_by_text("wonde_unavailable happened").is_visible()
    assert page.get_by_text("Read the last run's error").is_visible()
    screenshot(page, "operator-school")


def test_a_school_admin_is_refused_the_board(live_server, fleet, open_page):
    add_member(fleet, "head@elm.example", "admin", PASSWORD)
    page = open_page()
    sign_in(page, live_server, "head@elm.example", PASSWORD)
    page.get_by_role("heading", name="Pupils").wait_for()
    response = page.goto(live_server.url + "/operator/")
    assert response.status == 403
    assert page.get_by_text("Only the service's operators can open this page.").is_visible()
    assert "Ash Academy" not in page.content()
