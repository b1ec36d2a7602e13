"""SIGKILL a sync 21 times at random points of fetch, plan and apply: nothing half-written."""

import pytest

from benchmarks.reliability.crash import PHASES, crash_loop


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    return crash_loop(tmp_path_factory.mktemp("crash"), rounds=21, forms=1)


def test_it_kills_the_sync_at_least_twenty_times_across_every_phase(loop):
    assert sum(r.killed for r in loop.rounds) >= 20
    assert all(any(r.killed for r in loop.by_phase(phase)) for phase in PHASES)


def test_after_each_kill_the_database_is_as_before_or_as_after_the_run(loop):
    assert [r.state for r in loop.rounds if r.state not in ("before", "after")] == []


def test_the_next_sync_after_each_kill_converges_to_the_clean_result(loop):
    assert all(r.converged for r in loop.rounds)


def test_no_kill_loses_a_pupil_or_an_assessment(loop):
    assert sum(r.pupils_lost + r.assessments_lost for r in loop.rounds) == 0
