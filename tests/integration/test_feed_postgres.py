"""The change feed under concurrent syncs, on PostgreSQL (tests/api/test_feed_postgres.py).

That file needs the suite's database to be PostgreSQL, so it runs here in a pytest of its own
with DATABASE_URL pointing at the server (pytest-django makes and drops its test database).
PostgreSQL is started if it is down; where it cannot be, the test is skipped, except in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from scripts import services

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


def test_concurrent_syncs_lose_and_repeat_no_change_on_postgresql():
    problem = services.ensure(services.POSTGRES)
    if problem:
        if services.in_ci():
            pytest.fail(problem)
        pytest.skip(problem)
    database = f"{services.POSTGRES.url}/pupilsync_feed_{uuid.uuid4().hex[:8]}"
    command = [
        sys.executable, "-m", "pytest", "tests/api/test_feed_postgres.py", "-n", "0",
        "-p", "no:cacheprovider", "-rs",
    ]  # fmt: skip
    env = {**os.environ, "DATABASE_URL": database}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 passed" in done.stdout and "skipped" not in done.stdout
