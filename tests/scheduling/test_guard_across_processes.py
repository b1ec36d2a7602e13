"""The queued marker is claimed in the database, so it holds between separate processes."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLAIM = """
import time, django
django.setup()
from django.utils import timezone
from pupilsync.models import School, SyncSlot
school = School.objects.get(wonde_id="A1")
while time.time() < {start}:
    time.sleep(0.005)
print(SyncSlot.objects.claim(school, trigger="manual", full=False, now=timezone.now()))
"""
SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from pupilsync.models import School
School.objects.create(name="Oakfield", wonde_id="A1")
"""


@pytest.mark.real_clock  # the processes meet at a moment of the real clock
def test_of_four_processes_claiming_at_once_exactly_one_queues(tmp_path: Path) -> None:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "pupilsync.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'guard.sqlite3'}",
        "PUPILSYNC_VAR_DIR": str(tmp_path),
    }
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)
    start = time.time() + 3  # every process is ready before any claims
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIM.format(start=start)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    answers = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert answers == ["False", "False", "False", "True"]
