"""The sync's hot path writes through the driver, and PostgreSQL's driver path differs from
SQLite's (COPY, server-side binding, RETURNING): the bulk writer's tests and the engine's run
again here on PostgreSQL, in a pytest of their own pointed at it (pytest-django makes and drops
its test database). Skipped where PostgreSQL cannot be started, except in CI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import services

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "tests/sync/test_bulk.py",
    "tests/sync/test_engine.py",
    # The change feed, and syncs writing it at once: tests/api/test_feed_postgres.py runs only here.
    "tests/api/test_feed.py",
    "tests/api/test_feed_postgres.py",
]


def test_the_bulk_writer_and_the_engine_pass_on_postgresql():
    problem = services.ensure(services.POSTGRES)
    if problem:
        if services.in_ci():
            pytest.fail(f"PostgreSQL is needed: {problem}")
        pytest.skip(f"PostgreSQL is needed: {problem}")
    # A name of this run's own: two suites on one machine must not share a test database.
    url = f"{services.POSTGRES.url}/pupilsync_pg_{os.getpid()}"
    command = [sys.executable, "-m", "pytest", *FILES, "-p", "no:cacheprovider", "-n", "0"]
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:]
