"""The crash loop: SIGKILL a sync at random points of fetch, plan and apply.

A child process syncs a school (SQLite file, fake Wonde over HTTP) and is killed at a random
moment inside the phase chosen for that round, timed from a clean run. After each kill the
database must hold exactly the state before the run or exactly the state after it, and the next
sync must converge to the clean result.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world
from fakewonde.server import background

PHASES = ("fetching", "planning", "applying")
# Columns that say when, not what: they differ between two runs that write the same data.
WHEN = {"synced_at", "updated_at", "changed_at", "started_at", "finished_at", "created_at"}
TABLES = ("pupilsync_pupil", "pupilsync_pupilyear", "pupilsync_pupilphoto", "pupilsync_assessment")


@dataclass
class Round:
    phase: str
    killed: bool  # False: the sync finished before the kill landed
    state: str  # "before" | "after" | "other"
    converged: bool
    pupils_lost: int
    assessments_lost: int


@dataclass
class Loop:
    rounds: list[Round] = field(default_factory=list)

    def by_phase(self, phase: str) -> list[Round]:
        return [r for r in self.rounds if r.phase == phase]


def crash_loop(workdir: Path, *, rounds: int = 21, forms: int = 2, seed: int = 3) -> Loop:
    world = demo_world(seed=seed, phase="primary", forms=forms)
    with background(world) as server:
        env = _env(workdir, server.base_url)
        before_db = _baseline(workdir, world, env)
        clean = _copy(before_db, workdir / "clean.sqlite3")
        timings = _run(clean, env)
        before, after = _canonical(before_db), _canonical(clean)
        rng = random.Random(seed)
        loop = Loop()
        for number in range(rounds):
            phase = PHASES[number % len(PHASES)]
            work = _copy(before_db, workdir / "work.sqlite3")
            killed = _run(work, env, kill=(phase, rng.uniform(0, 1)), timings=timings)
            state = _canonical(work)
            _run(work, env)  # the next sync, after the crash
            final = _canonical(work)
            loop.rounds.append(
                Round(
                    phase=phase,
                    killed=bool(killed.get("killed")),
                    state="before" if state == before else "after" if state == after else "other",
                    converged=final == after,
                    pupils_lost=_lost(before, final, "pupilsync_pupil"),
                    assessments_lost=_lost(before, final, "pupilsync_assessment"),
                )
            )
        return loop


def _env(workdir: Path, base_url: str) -> dict[str, str]:
    return os.environ | {
        "WONDE_API_URL": base_url,
        "WONDE_API_TOKEN": DEMO_TOKEN,
        "PUPILSYNC_VAR_DIR": str(workdir),
        "LOG_LEVEL": "DEBUG",
        "DJANGO_SETTINGS_MODULE": "pupilsync.settings",
    }


def _baseline(workdir: Path, world: FakeWonde, env: dict[str, str]) -> Path:
    """A synced school with teachers' assessments, whose MIS then had a day of changes."""
    db = workdir / "before.sqlite3"
    _manage(db, env, "migrate", "--verbosity", "0")
    _manage(db, env, "school", "add", "--name", "Crash School", "--wonde-id", DEMO_SCHOOL_ID)
    _run(db, env)
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO pupilsync_assessment (school_id, pupil_id, subject, name, result, "
            "source, created_at) SELECT school_id, id, 'Maths', 'Autumn test', '54', 'entered', "
            "'2026-11-01' FROM pupilsync_pupil LIMIT 30"
        )
    world.advance_day(DEMO_SCHOOL_ID, seed=11)
    world.retake_photo(DEMO_SCHOOL_ID, next(iter(world.schools[DEMO_SCHOOL_ID].students)))
    return db


def _manage(db: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", *args],
        env=env | {"DATABASE_URL": f"sqlite:///{db}"},
        check=True,
        capture_output=True,
    )


def _run(
    db: Path,
    env: dict[str, str],
    *,
    kill: tuple[str, float] | None = None,
    timings: dict[str, float] | None = None,
) -> dict[str, float]:
    """One full sync in a child process; with `kill`, SIGKILL it part-way into that phase.

    Returns when each phase began (seconds from start), or {"killed": 1} if it was killed.
    """
    command = [sys.executable, "-m", "django", "sync", DEMO_SCHOOL_ID, "--full"]
    child = subprocess.Popen(
        command,
        env=env | {"DATABASE_URL": f"sqlite:///{db}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    started = time.monotonic()
    seen: dict[str, float] = {}
    assert child.stderr is not None
    for line in child.stderr:
        for phase in (*PHASES, "completed"):
            if f": {phase}" in line and phase not in seen:
                seen[phase] = time.monotonic() - started
                if kill and phase == kill[0]:
                    _kill_later(child, _delay(kill, timings or {}))
    code = child.wait()
    if code == -signal.SIGKILL:
        return {"killed": 1}
    return seen


def _delay(kill: tuple[str, float], timings: dict[str, float]) -> float:
    """A moment inside the phase, as long as the clean run spent in it."""
    phase, fraction = kill
    order = (*PHASES, "completed")
    end = order[order.index(phase) + 1]
    length = max(timings.get(end, 0) - timings.get(phase, 0), 0.001)
    return fraction * length


def _kill_later(child: subprocess.Popen[str], seconds: float) -> None:
    def kill() -> None:
        time.sleep(seconds)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)

    threading.Thread(target=kill, daemon=True).start()


def _copy(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")
    return target


def _canonical(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The stored data, without the columns that only say when it was written."""
    with sqlite3.connect(db) as conn:
        state = {}
        for table in TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            kept = ", ".join(f'"{c}"' for c in columns if c not in WHEN)
            state[table] = conn.execute(f"SELECT {kept} FROM {table} ORDER BY 1").fetchall()
    return state


def _lost(before: dict[str, list[tuple[Any, ...]]], after: dict[str, Any], table: str) -> int:
    """Rows (by id) that were there before and are gone."""
    ids_after = {row[0] for row in after[table]}
    return sum(1 for row in before[table] if row[0] not in ids_after)
