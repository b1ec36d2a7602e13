import datetime as dt

from fakewonde import demo_world


def test_it_moves_the_clock_one_day_for_the_whole_fleet() -> None:
    world = demo_world(seed=3, phase="primary", forms=1, schools=3)
    before = world.clock
    world.advance_night(seed=1)
    assert world.clock - before == dt.timedelta(days=1)


def test_it_moves_every_schools_attendance_on() -> None:
    world = demo_world(seed=3, phase="primary", forms=1, schools=3)
    summaries = {school.id: len(school.attendance) for school in world.schools.values()}
    changes = world.advance_night(seed=1)
    assert {school: day.attendance_updated for school, day in changes.items()} == summaries
