"""The fake's MIS migration keeps every link between a pupil and their data."""

from fakewonde import DEMO_SCHOOL_ID, FakeWonde


def test_a_migrated_pupil_keeps_upn_attendance_photo_and_groups(world: FakeWonde) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    old_id = next(i for i in school.photos if i in school.students and i in school.attendance)
    pupil = school.students[old_id]
    upn, group_id = pupil.upn, pupil.group_ids[0]
    renamed = world.migrate(DEMO_SCHOOL_ID)
    new_id = renamed[old_id]
    assert school.students[new_id].upn == upn
    assert school.attendance[new_id].student_id == new_id
    assert (
        new_id in school.groups[group_id].student_ids
        and old_id not in school.groups[group_id].student_ids
    )
    assert school.photos[new_id].student_id == new_id


def test_a_migration_may_take_away_some_upis(world: FakeWonde) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    first = next(iter(school.students.values()))
    old_upi = first.upi
    world.migrate(DEMO_SCHOOL_ID, new_upis=[old_upi])
    assert first.upi != old_upi
