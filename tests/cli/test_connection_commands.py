"""CLI: school add/request, connections poll, termdates, schedule, start, fakewonde actions."""

import datetime as dt
import json
import threading
from collections.abc import Iterator
from io import StringIO
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.management import CommandError, call_command

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN
from fakewonde.__main__ import main as fakewonde_main
from fakewonde.generate import generate_school
from pupilsync.models import School, TermDates

pytestmark = pytest.mark.django_db
NEW_ID = "A2000000002"
YEAR_2030 = [
    "--year", "2030", "--autumn2", "2030-11-04", "--spring1", "2031-01-06",
    "--spring2", "2031-02-24", "--summer1", "2031-04-22", "--summer2", "2031-06-02",
    "--summer-end", "2031-07-23",
]  # fmt: skip


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(world, settings) -> Iterator[str]:
    """The fake Wonde on a local port, with one school that has not asked for access."""
    newcomer = generate_school(seed=5, phase="primary", forms=1, school_id=NEW_ID)
    newcomer.state = "not_requested"
    world.add_school(newcomer)
    server = make_server("127.0.0.1", 0, world.wsgi_app(), handler_class=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WONDE_API_URL = f"http://127.0.0.1:{server.server_port}/v1.0"
    settings.WONDE_API_TOKEN = DEMO_TOKEN
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_school_add_starts_a_school_wonde_approved_as_approved(served):
    run("school", "add", "--name", "Oakfield", "--wonde-id", DEMO_SCHOOL_ID)
    assert School.objects.get(wonde_id=DEMO_SCHOOL_ID).connection == "approved"


def test_the_whole_connection_flow_from_the_command_line(served, world, enqueued):
    run("school", "add", "--name", "Elm", "--wonde-id", NEW_ID)
    out = run(
        "school",
        "request",
        NEW_ID,
        "--first-name",
        "Ann",
        "--last-name",
        "Oak",
        "--email",
        "ann@elm.example",
        "--phone",
        "01234 567890",
        "--notes",
        "Office",
    )
    assert "Requested" in out and world.school(NEW_ID).state == "pending"
    assert fakewonde_main(["approve", NEW_ID, "--url", served]) == 0
    changes = json.loads(run("connections", "poll", "--json"))
    assert changes == [
        {"school": changes[0]["school"], "wonde_id": NEW_ID, "from": "requested", "to": "approved"}
    ]
    assert len(enqueued) == 1


def test_school_request_refuses_a_bad_email(served):
    run("school", "add", "--name", "Elm", "--wonde-id", NEW_ID)
    with pytest.raises(CommandError, match="not an email address"):
        run("school", "request", NEW_ID, "--first-name", "A", "--last-name", "B", "--email", "x")


def test_the_fake_can_decline_and_revoke_from_the_command_line(served, world):
    fakewonde_main(["decline", NEW_ID, "--url", served])
    assert world.school(NEW_ID).state == "declined"
    fakewonde_main(["revoke", DEMO_SCHOOL_ID, "--url", served])
    assert world.school(DEMO_SCHOOL_ID).state == "revoked"


def test_the_fake_says_when_it_is_not_running():
    assert fakewonde_main(["approve", NEW_ID, "--url", "http://127.0.0.1:9"]) == 1


def test_termdates_sets_a_year_and_shows_it_as_json(school):
    run("termdates", DEMO_SCHOOL_ID, *YEAR_2030)
    [year] = [
        t
        for t in json.loads(run("termdates", DEMO_SCHOOL_ID, "--json"))
        if t["academic_year"] == 2030
    ]
    assert year["autumn1"] == "2030-09-01" and year["summer_end"] == "2031-07-23"


def test_termdates_refuses_dates_out_of_order(school):
    bad = [*YEAR_2030, "--summer1", "2031-03-01", "--spring2", "2031-03-02"]
    with pytest.raises(CommandError, match=r"Summer 1 \(01 Mar 2031\) must come after Spring 2"):
        run("termdates", DEMO_SCHOOL_ID, *bad)
    assert not TermDates.objects.filter(school=school, academic_year=2030).exists()


def test_termdates_refuses_a_long_summer_pause_without_despite_warnings(school):
    early = [*YEAR_2030, "--summer-end", "2031-07-01"]
    with pytest.raises(CommandError, match="add --despite-warnings"):
        run("termdates", DEMO_SCHOOL_ID, *early)
    assert not TermDates.objects.filter(school=school, academic_year=2030).exists()


def test_termdates_saves_a_long_summer_pause_with_despite_warnings(school):
    run("termdates", DEMO_SCHOOL_ID, *YEAR_2030, "--summer-end", "2031-07-01", "--despite-warnings")
    held = TermDates.objects.get(school=school, academic_year=2030)
    assert held.summer_end == dt.date(2031, 7, 1)


def test_termdates_needs_a_year_to_set_dates(school):
    with pytest.raises(CommandError, match="--year"):
        run("termdates", DEMO_SCHOOL_ID, "--summer-end", "2031-07-23")


def test_termdates_refuses_a_date_that_is_not_a_date(school):
    with pytest.raises(CommandError):
        run("termdates", DEMO_SCHOOL_ID, "--year", "2030", "--summer-end", "23/07/2031")


def test_schedule_explains_the_summer_pause(school):
    TermDates.objects.filter(school=school).delete()
    run("termdates", DEMO_SCHOOL_ID, *YEAR_2030)
    out = json.loads(run("schedule", DEMO_SCHOOL_ID, "--at", "2031-08-01T02:00", "--json"))
    assert out["allowed"] is False and out["code"] == "summer_pause"
    assert out["resumes_on"] == "2031-09-01"


def test_schedule_says_a_sync_would_run(school):
    out = run("schedule", DEMO_SCHOOL_ID, "--at", "2026-10-01")
    assert "would run" in out and "Nightly slot" in out


def test_schedule_refuses_a_bad_moment(school):
    with pytest.raises(CommandError, match="not a date"):
        run("schedule", DEMO_SCHOOL_ID, "--at", "tomorrow")


def test_start_queues_a_sync_and_refuses_a_second(school, enqueued):
    assert "is queued" in run("start", DEMO_SCHOOL_ID)
    with pytest.raises(SystemExit):
        run("start", DEMO_SCHOOL_ID)
    assert len(enqueued) == 1
