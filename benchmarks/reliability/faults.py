"""The fault matrix: every way Wonde can fail a sync, and proof that none of them loses data.

Each scenario starts from a synced school whose MIS then changed (a day of joiners, leavers and
edits), injects one fault into the fake Wonde and runs a sync. The sync must either complete
with exactly what a clean sync gives, or fail with a clear reason and leave every pupil,
assessment and setting as it was. Then, faults cleared, the next sync must converge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde, demo_world
from pupilsync.models import Assessment, Pupil, PupilYear, School
from pupilsync.sync.engine import sync_school
from wonde import RetryPolicy, WondeClient

Setup = Callable[[FakeWonde], None]


@dataclass(frozen=True)
class Scenario:
    name: str
    setup: Setup
    expect: str  # "completed" or "failed"


@dataclass
class Outcome:
    scenario: str
    runs: int
    outcome: str
    expected: str
    pupils_lost: int
    assessments_lost: int
    converged: bool
    intact: bool = True  # a failed run left everything as it was
    detail: str = ""

    @property
    def ok(self) -> bool:
        return (
            self.outcome == self.expected
            and self.pupils_lost == 0
            and self.assessments_lost == 0
            and self.converged
            and self.intact
        )


def _fault(kind: str, path: str = "/students", times: int = 1, **extra: Any) -> Setup:
    return lambda world: world.faults.inject(kind, path=path, times=times, **extra)


def _lasting(kind: str, path: str = "/students") -> Setup:
    return _fault(kind, path, times=50)


def _revoke_mid_sync(world: FakeWonde) -> None:
    # The students pages read fine; access is gone by the time attendance is read.
    world.faults.inject("403", path="/attendance", times=50)


def _deny_photos(world: FakeWonde) -> None:
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", False)


def _migrate(world: FakeWonde) -> None:
    world.migrate(DEMO_SCHOOL_ID)


SCENARIOS = (
    Scenario("429 with Retry-After", _fault("429", retry_after=1), "completed"),
    Scenario("429 without Retry-After", _fault("429"), "completed"),
    Scenario("500", _fault("500"), "completed"),
    Scenario("502", _fault("502"), "completed"),
    Scenario("503", _fault("503"), "completed"),
    Scenario("timeout", _fault("timeout"), "completed"),
    Scenario("dropped connection", _fault("drop"), "completed"),
    Scenario("malformed JSON", _fault("malformed_json"), "completed"),
    Scenario("truncated page", _fault("truncated_page"), "completed"),
    Scenario("5xx that never ends", _lasting("503"), "failed"),
    Scenario("next link loops back", _lasting("next_loop"), "failed"),
    Scenario("401 token revoked", _lasting("401"), "failed"),
    Scenario("403 on the school (revoked mid-sync)", _revoke_mid_sync, "failed"),
    Scenario("403 on one scope (photos denied)", _deny_photos, "completed"),
    Scenario("404 for the school", _lasting("404", path=""), "failed"),
    Scenario("school migration: every Wonde id changes", _migrate, "completed"),
)


def run_matrix(*, seed: int = 7, forms: int = 1) -> list[Outcome]:
    return [run_scenario(scenario, seed=seed, forms=forms) for scenario in SCENARIOS]


def run_scenario(scenario: Scenario, *, seed: int = 7, forms: int = 1) -> Outcome:
    """One scenario on a fresh school; every row it writes is rolled back afterwards."""
    with transaction.atomic():
        outcome = _run(scenario, seed, forms)
        transaction.set_rollback(True)
    return outcome


def _run(scenario: Scenario, seed: int, forms: int) -> Outcome:
    world = demo_world(seed=seed, phase="primary", forms=forms)
    client = WondeClient(
        DEMO_TOKEN, transport=world.transport(), retry=RetryPolicy(sleep=lambda s: None)
    )
    school = School.objects.create(name="Fault School", wonde_id=DEMO_SCHOOL_ID)
    sync_school(school, client=client)
    _mark_books(school)
    world.advance_day(DEMO_SCHOOL_ID, seed=seed)
    before = _state(school)
    scenario.setup(world)
    result = sync_school(school, client=client, full=True)
    after = _state(school)
    world.faults.clear()
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", True)
    runs = 1
    intact = result.status == "completed" or before == after
    if result.status != "completed":
        runs += 1
        sync_school(school, client=client, full=True)
    again = sync_school(school, client=client, full=True)
    return Outcome(
        scenario=scenario.name,
        runs=runs + 1,
        outcome=str(result.status),
        expected=scenario.expect,
        pupils_lost=_pupils_lost(before, _state(school), world),
        assessments_lost=before["assessments"] - Assessment.objects.filter(school=school).count(),
        converged=again.plan.is_empty and _roll_matches(school, world),
        intact=intact,
        detail=result.error[:80],
    )


def _mark_books(school: School) -> None:
    """Teachers' own records, which no sync may touch."""
    Assessment.objects.bulk_create(
        Assessment(school=school, pupil=pupil, subject="Maths", name="Autumn test", result="54")
        for pupil in Pupil.objects.filter(school=school)[:20]
    )


def _state(school: School) -> dict[str, Any]:
    return {
        "pupils": list(Pupil.objects.filter(school=school).order_by("pk").values()),
        "years": list(PupilYear.objects.filter(school=school).order_by("pk").values()),
        "assessments": Assessment.objects.filter(school=school).count(),
    }


def _pupils_lost(before: dict[str, Any], after: dict[str, Any], world: FakeWonde) -> int:
    """Pupils deleted, or archived though the MIS still has them on roll."""
    kept = {row["upi"]: row for row in after["pupils"]}
    on_roll = {s.upi for s in world.schools[DEMO_SCHOOL_ID].students.values()}
    return sum(
        1
        for row in before["pupils"]
        if row["upi"] not in kept or (row["upi"] in on_roll and not kept[row["upi"]]["on_roll"])
    )


def _roll_matches(school: School, world: FakeWonde) -> bool:
    ours = set(Pupil.objects.filter(school=school, on_roll=True).values_list("upi", flat=True))
    return ours == {s.upi for s in world.schools[DEMO_SCHOOL_ID].students.values()}
