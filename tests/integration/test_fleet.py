"""Two consumer processes sync 50 fake schools on PostgreSQL and Redis.

The consumers are separate processes reading one fresh database, so this test keeps away from
pytest-django's test database: scripts.fleet creates, migrates and drops its own, and reports
every run. PostgreSQL and Redis are started if they are down; where they cannot be, the test is
skipped, except in CI (CI=1), where that is a failure. Deselect with `-m "not integration"`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from scripts import services
from scripts.fleet import parse_times

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = 50
TWICE = 10  # schools asked to sync a second time while the first request is queued
CONSUMERS = 2


@pytest.fixture(scope="module")
def fleet() -> dict[str, Any]:
    problems = services.ensure_all()
    if problems:
        message = "PostgreSQL and Redis are needed: " + "; ".join(problems)
        if services.in_ci():
            pytest.fail(message)
        pytest.skip(message)
    command = [
        sys.executable, "-m", "scripts.fleet", "--json", "--schools", str(SCHOOLS),
        "--twice", str(TWICE), "--consumers", str(CONSUMERS), "--timeout", "120",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return report


def test_every_school_completes_exactly_one_sync(fleet):
    completed = Counter(r["school_id"] for r in fleet["runs"] if r["status"] == "completed")
    assert len(completed) == SCHOOLS
    assert set(completed.values()) == {1}


def test_no_school_ever_has_two_syncs_running_at_once(fleet):
    by_school = defaultdict(list)
    for school, start, end in parse_times(fleet["runs"]):
        by_school[school].append((start, end))
    overlaps = [
        school
        for school, spans in by_school.items()
        for (_, first_end), (second_start, _) in pairwise(sorted(spans))
        if first_end is None or second_start < first_end
    ]
    assert overlaps == []


def test_a_second_request_for_a_queued_school_runs_no_second_sync(fleet):
    refused = fleet["outcomes"].get("already_running", 0) + fleet["outcomes"].get(
        "already_synced", 0
    )
    assert refused == TWICE
    assert fleet["outcomes"]["completed"] == SCHOOLS


def test_no_sync_fails(fleet):
    assert [r for r in fleet["runs"] if r["status"] != "completed"] == []


def test_no_task_or_consumer_reports_an_error(fleet):
    assert fleet["task_errors"] == []
    assert fleet["consumer_errors"] == []


def test_both_consumer_processes_share_the_work(fleet):
    assert len(fleet["executed"]) == CONSUMERS
    assert all(count > 0 for count in fleet["executed"])
    assert sum(fleet["executed"]) == SCHOOLS + TWICE
