import pytest

from fakewonde import FakeWonde
from fakewonde.generate import generate_school
from pupilsync.connection import add_school

NEW_ID = "A2000000001"


@pytest.fixture
def newcomer(world: FakeWonde):
    """A school in the fake Wonde that has not asked for access yet."""
    school = generate_school(seed=99, phase="primary", forms=1, school_id=NEW_ID, clock=world.clock)
    school.state = "not_requested"
    return world.add_school(school)


@pytest.fixture
def added(db, wonde, newcomer):
    """The newcomer added to pupilsync: not connected."""
    school, _ = add_school("Elm Primary", NEW_ID)
    return school
