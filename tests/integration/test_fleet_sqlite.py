"""The laptop set-up runs the same task code: two consumers on SQLite and SQLite-backed Huey."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = 8


def test_two_sqlite_consumers_sync_each_school_once_without_errors():
    command = [
        sys.executable, "-m", "scripts.fleet", "--json", "--sqlite", "--schools", str(SCHOOLS),
        "--twice", "3", "--workers", "2", "--timeout", "90",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    completed = Counter(r["school_id"] for r in report["runs"] if r["status"] == "completed")
    assert len(report["runs"]) == len(completed) == SCHOOLS
    assert report["task_errors"] == report["consumer_errors"] == []


def test_the_night_after_every_school_syncs_its_delta():
    command = [
        sys.executable, "-m", "scripts.fleet", "--json", "--sqlite", "--schools", "4",
        "--workers", "2", "--timeout", "90", "--night",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    night = json.loads(done.stdout.strip().splitlines()[-1])["night"]
    assert night["outcomes"] == {"completed": 4} and night["errors"] == []
    assert night["pupils_changed"] > 0 and night["cpu"]["consumers"] > 0
