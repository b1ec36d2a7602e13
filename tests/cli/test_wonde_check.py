"""`pupilsync wonde check SCHOOL`: one page of every endpoint, read against our models."""

import json

import pytest

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.sync.check import check_school, render
from tests.cli.shell import run
from tests.rewrite import Rewrite, client_over, edit_body

pytestmark = pytest.mark.django_db


def test_check_reports_every_endpoint_reached_on_the_fake(served):
    report = json.loads(run("wonde", "check", DEMO_SCHOOL_ID, "--json"))
    reached = {e["name"]: e["reached"] for e in report["endpoints"]}
    assert reached == dict.fromkeys(
        [
            "meta/permissions", "students", "students-leaver", "deletions",
            "attendance-summaries", "photos",
        ],
        True,
    )  # fmt: skip
    assert report["region"] == "127.0.0.1:" + served.split(":")[2].split("/")[0]
    assert report["unknown_permissions"] == [] and report["unreadable"] == {}
    students = next(e for e in report["endpoints"] if e["name"] == "students")
    assert students["pagination"] == "cursor" and students["records"] == 200


def test_check_prints_a_readable_report(served):
    text = run("wonde", "check", DEMO_SCHOOL_ID)
    assert "students" in text and "values we could not read" in text


def odd_dates(body):
    for record in body["data"][:3]:
        record["date_of_birth"] = "Jane's birthday"
        del record["gender"]


def odd_fake(world):
    return client_over(Rewrite(world.transport(), "/students", edit_body(odd_dates)))


def test_check_counts_unreadable_values_without_showing_them(world):
    report = check_school(odd_fake(world), DEMO_SCHOOL_ID)
    assert report.unreadable == {"students: date_of_birth": 3}
    assert report.missing_fields["gender"] == 3
    assert "Jane" not in json.dumps(report.as_dict()) and "Jane" not in render(report)
