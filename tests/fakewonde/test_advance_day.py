import datetime as dt

import httpx

from fakewonde import DEMO_SCHOOL_ID, FakeWonde

from .helpers import SCHOOL, every_page


def test_it_moves_the_clock_on_one_day(world: FakeWonde) -> None:
    before = world.clock
    world.advance_day(DEMO_SCHOOL_ID, seed=1)
    assert world.clock - before == dt.timedelta(days=1)


def test_it_is_deterministic_for_a_seed(world: FakeWonde) -> None:
    twin = FakeWonde(clock=world.clock)
    twin.add_school(world.schools[DEMO_SCHOOL_ID].clone())
    assert world.advance_day(DEMO_SCHOOL_ID, seed=4) == twin.advance_day(DEMO_SCHOOL_ID, seed=4)


def test_one_to_three_pupils_join_and_leave(world: FakeWonde) -> None:
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    assert 1 <= len(changes.joined) <= 3
    assert 1 <= len(changes.left) <= 3


def test_joiners_are_on_roll_from_today(api: httpx.Client, world: FakeWonde) -> None:
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    pupil = api.get(f"{SCHOOL}/students/{changes.joined[0]}",
                    params={"include": "education_details"}).json()["data"]  # fmt: skip
    admitted = pupil["education_details"]["data"]["admission_date"]["date"]
    assert admitted.startswith(world.clock.date().isoformat())


def test_leavers_move_to_students_leaver_with_todays_leaving_date(
    api: httpx.Client, world: FakeWonde
) -> None:
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    leavers = {r["id"]: r for r in every_page(api, f"{SCHOOL}/students-leaver",
                                              include="education_details")}  # fmt: skip
    on_roll = {r["id"] for r in every_page(api, f"{SCHOOL}/students", per_page=200)}
    for left in changes.left:
        assert left in leavers and left not in on_roll
        leaving = leavers[left]["education_details"]["data"]["leaving_date"]["date"]
        assert leaving.startswith(world.clock.date().isoformat())


def test_leavers_get_an_unrestored_deletion(api: httpx.Client, world: FakeWonde) -> None:
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    deletions = {d["id"]: d for d in every_page(api, f"{SCHOOL}/deletions", type="student")}
    assert all(deletions[left]["restored_at"] is None for left in changes.left)


def test_a_returning_pupil_keeps_the_upi_and_mis_id_with_a_new_id(
    api: httpx.Client, world: FakeWonde
) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    before = {i: (s.upi, s.mis_id) for i, s in school.leavers.items()}
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    old_id, new_id = changes.reenrolled_from[0], changes.reenrolled[0]
    returned = api.get(f"{SCHOOL}/students/{new_id}").json()["data"]
    assert new_id != old_id
    assert (returned["upi"], returned["mis_id"]) == before[old_id]
    assert returned["restored_at"] is not None


def test_a_returning_pupils_old_deletion_is_restored(api: httpx.Client, world: FakeWonde) -> None:
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    deletions = {d["id"]: d for d in every_page(api, f"{SCHOOL}/deletions", type="student")}
    restored = deletions[changes.reenrolled_from[0]]["restored_at"]
    assert restored["date"].startswith(world.clock.strftime("%Y-%m-%d %H:%M:%S"))


def test_a_returning_pupil_is_no_longer_a_leaver(api: httpx.Client, world: FakeWonde) -> None:
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    leavers = {r["id"] for r in every_page(api, f"{SCHOOL}/students-leaver")}
    assert changes.reenrolled_from[0] not in leavers


def test_sen_changes_are_stamped_with_the_new_clock(world: FakeWonde) -> None:
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    school = world.schools[DEMO_SCHOOL_ID]
    assert 1 <= len(changes.sen_changed) <= 3
    assert all(school.students[i].updated_at == world.clock for i in changes.sen_changed)


def test_one_contact_gets_a_new_email(world: FakeWonde) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    before = {c.id: dict(c.emails) for c in school.contacts.values()}
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=1)
    (changed,) = changes.contacts_changed
    assert school.contacts[changed].emails != before[changed]


def test_every_pupils_attendance_gains_two_sessions(world: FakeWonde) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    before = {i: s.possible for i, s in school.attendance.items()}
    world.advance_day(DEMO_SCHOOL_ID, seed=1)
    stayed = before.keys() & school.attendance.keys()
    assert all(school.attendance[i].possible == before[i] + 2 for i in stayed)
    assert all(school.attendance[i].is_consistent() for i in stayed)


def test_a_week_of_days_keeps_every_record_consistent(world: FakeWonde) -> None:
    for day in range(7):
        world.advance_day(DEMO_SCHOOL_ID, seed=day)
    school = world.schools[DEMO_SCHOOL_ID]
    assert all(s.is_consistent() for s in school.attendance.values())
    assert not school.students.keys() & school.leavers.keys()


def test_a_retaken_photo_has_a_new_hash_and_the_clock_as_updated_at(
    api: httpx.Client, world: FakeWonde
) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    pupil_id = min(school.photos)
    before = school.photos[pupil_id].hash
    world.clock += dt.timedelta(hours=1)
    world.retake_photo(DEMO_SCHOOL_ID, pupil_id)
    since = (world.clock - dt.timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    (photo,) = every_page(api, f"{SCHOOL}/photos", updated_after=since)
    assert photo["student"] == pupil_id and photo["hash"] != before
