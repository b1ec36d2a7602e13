import datetime as dt

import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, FakeWonde

from .helpers import SCHOOL, every_page


def _ids(api: httpx.Client, path: str, **params: str) -> set[str]:
    return {r["id"] for r in every_page(api, f"{SCHOOL}/{path}", per_page=200, **params)}


def _since(world: FakeWonde) -> str:
    return world.clock.strftime("%Y-%m-%d %H:%M:%S")


def test_nothing_has_changed_since_now(api: httpx.Client, world: FakeWonde) -> None:
    assert _ids(api, "students", updated_after=_since(world)) == set()


def test_it_returns_only_students_changed_after_the_moment(
    api: httpx.Client, world: FakeWonde
) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    pupil = min(school.students)
    since = _since(world)
    world.clock += dt.timedelta(minutes=5)
    school.touch_student(pupil, world.clock)
    assert _ids(api, "students", updated_after=since) == {pupil}


def test_a_date_alone_means_midnight(api: httpx.Client, world: FakeWonde) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    midnight = dt.datetime.combine(world.clock.date(), dt.time(), dt.UTC)
    expected = {s.id for s in school.students.values() if s.updated_at > midnight}
    assert _ids(api, "students", updated_after=world.clock.date().isoformat()) == expected


def test_iso_8601_with_a_zone_is_accepted(api: httpx.Client, world: FakeWonde) -> None:
    assert _ids(api, "students", updated_after=world.clock.isoformat()) == set()


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01 00:00:00"])
def test_a_malformed_moment_is_a_validation_error(api: httpx.Client, bad: str) -> None:
    response = api.get(f"{SCHOOL}/students", params={"updated_after": bad})
    assert (response.status_code, response.json()["error"]) == (422, "validation_error")


def test_a_contact_email_change_moves_its_pupils_updated_at(
    api: httpx.Client, world: FakeWonde
) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    contact = next(c for c in school.contacts.values() if len(c.student_ids) > 1)
    since = _since(world)
    world.clock += dt.timedelta(minutes=5)
    contact.emails = {"email": "new.address@example.com"}
    school.touch_contact(contact.id, world.clock)
    assert _ids(api, "students", updated_after=since) == set(contact.student_ids)


def test_attendance_and_photos_do_not_move_the_students_updated_at(
    api: httpx.Client, world: FakeWonde
) -> None:
    since = _since(world)
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=5)
    changed = _ids(api, "students", updated_after=since)
    expected = {*changes.joined, *changes.reenrolled, *changes.sen_changed}
    school = world.schools[DEMO_SCHOOL_ID]
    for contact_id in changes.contacts_changed:
        expected |= {i for i in school.contacts[contact_id].student_ids if i in school.students}
    assert changed == expected
    assert len(_ids(api, "attendance-summaries", updated_after=since)) == len(school.students)


def test_next_keeps_the_updated_after_filter(api: httpx.Client, world: FakeWonde) -> None:
    since = _since(world)
    world.advance_day(DEMO_SCHOOL_ID, seed=5)
    first = api.get(f"{SCHOOL}/attendance-summaries", params={"updated_after": since}).json()
    assert "updated_after=" in first["meta"]["pagination"]["next"]


def test_deletions_filter_on_deleted_or_restored_time(api: httpx.Client, world: FakeWonde) -> None:
    since = _since(world)
    changes = world.advance_day(DEMO_SCHOOL_ID, seed=5)
    deletions = _ids(api, "deletions", type="student", updated_after=since)
    assert deletions == {*changes.left, *changes.reenrolled_from}
