"""Every Wonde fault either completes with clean data or fails changing nothing."""

import pytest

from benchmarks.reliability.faults import SCENARIOS, Outcome, run_scenario

NAMES = [s.name for s in SCENARIOS]
_RUN: dict[str, Outcome] = {}


@pytest.fixture
def outcomes(db) -> dict[str, Outcome]:
    """Each scenario runs once for all the tests below; it rolls back what it wrote."""
    for scenario in SCENARIOS:
        if scenario.name not in _RUN:
            _RUN[scenario.name] = run_scenario(scenario)
    return _RUN


@pytest.mark.parametrize("scenario", SCENARIOS, ids=NAMES)
def test_no_fault_loses_a_pupil_or_an_assessment(outcomes, scenario):
    outcome = outcomes[scenario.name]
    assert (outcome.pupils_lost, outcome.assessments_lost) == (0, 0)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=NAMES)
def test_each_fault_ends_as_expected(outcomes, scenario):
    outcome = outcomes[scenario.name]
    assert outcome.outcome == scenario.expect, outcome.detail


@pytest.mark.parametrize("scenario", SCENARIOS, ids=NAMES)
def test_a_failed_run_changes_nothing_and_the_next_sync_converges(outcomes, scenario):
    outcome = outcomes[scenario.name]
    assert outcome.intact and outcome.converged
