import base64
import hashlib

import httpx

from fakewonde import DEMO_SCHOOL_ID, FakeWonde

from .helpers import SCHOOL, every_page


def test_leavers_have_a_leaving_date(api: httpx.Client) -> None:
    leavers = every_page(api, f"{SCHOOL}/students-leaver", include="education_details")
    assert leavers
    assert all(r["education_details"]["data"]["leaving_date"] for r in leavers)


def test_leavers_are_not_on_roll(api: httpx.Client) -> None:
    leavers = {r["id"] for r in every_page(api, f"{SCHOOL}/students-leaver")}
    on_roll = {r["id"] for r in every_page(api, f"{SCHOOL}/students", per_page=200)}
    assert not leavers & on_roll


def test_every_leaver_has_a_student_deletion(api: httpx.Client) -> None:
    leavers = {r["id"] for r in every_page(api, f"{SCHOOL}/students-leaver")}
    deletions = every_page(api, f"{SCHOOL}/deletions", type="student")
    assert leavers <= {d["id"] for d in deletions}
    assert set(deletions[0]) == {"type", "id", "mis_id", "deleted_at", "restored_at"}


def test_deletions_of_another_type_are_empty(api: httpx.Client) -> None:
    assert every_page(api, f"{SCHOOL}/deletions", type="employee") == []


def test_classes_can_be_listed_with_their_subject(secondary_api: httpx.Client) -> None:
    body = secondary_api.get(f"{SCHOOL}/classes", params={"include": "subject"}).json()
    subject = body["data"][0]["subject"]["data"]
    assert {"id", "code", "name"} <= set(subject)


def test_classes_can_be_listed_with_their_students(secondary_api: httpx.Client) -> None:
    body = secondary_api.get(f"{SCHOOL}/classes", params={"include": "students"}).json()
    assert all(c["students"]["data"] for c in body["data"])


def test_groups_filter_by_type(api: httpx.Client) -> None:
    groups = every_page(api, f"{SCHOOL}/groups", type="REGISTRATION")
    assert groups and {g["type"] for g in groups} == {"REGISTRATION"}


def test_contacts_list_with_their_details(api: httpx.Client) -> None:
    body = api.get(f"{SCHOOL}/contacts", params={"include": "contact_details"}).json()
    assert "emails" in body["data"][0]["contact_details"]["data"]


def test_siblings_share_contacts(world: FakeWonde) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    assert any(len(c.student_ids) > 1 for c in school.contacts.values())


def test_attendance_summaries_name_their_student(api: httpx.Client, world: FakeWonde) -> None:
    summaries = every_page(api, f"{SCHOOL}/attendance-summaries", per_page=200)
    assert {s["student"] for s in summaries} == set(world.schools[DEMO_SCHOOL_ID].students)


def test_attendance_summaries_add_up(api: httpx.Client) -> None:
    for s in every_page(api, f"{SCHOOL}/attendance-summaries", per_page=200):
        absent = (s["authorised_absence_marks"] + s["unauthorised_absence_marks"]
                  + s["unexplained_absence_marks"])  # fmt: skip
        assert s["possible_marks"] == s["present_marks"] + absent
        assert s["approved_educational_activity_marks"] <= s["present_marks"]


def test_photos_list_and_fetch_one_by_id(api: httpx.Client) -> None:
    listed = api.get(f"{SCHOOL}/photos", params={"per_page": 1}).json()["data"][0]
    one = api.get(f"{SCHOOL}/photos/{listed['id']}").json()["data"]
    assert one == listed
    assert set(one) == {"id", "student", "hash", "content", "updated_at"}
    assert hashlib.sha1(base64.b64decode(one["content"])).hexdigest() == one["hash"]


def test_counts_give_students_and_contacts(api: httpx.Client, world: FakeWonde) -> None:
    school = world.schools[DEMO_SCHOOL_ID]
    body = api.get(f"{SCHOOL}/counts", params={"include": "students,contacts"}).json()
    assert body == {
        "data": {
            "students": {"data": {"count": len(school.students)}},
            "contacts": {"data": {"count": len(school.contacts)}},
        }
    }


def test_an_unknown_school_is_404(api: httpx.Client) -> None:
    response = api.get("/schools/A999/students")
    assert (response.status_code, response.json()["error"]) == (404, "not_found")


def test_data_of_a_school_that_has_not_approved_is_403(api: httpx.Client, world: FakeWonde) -> None:
    world.revoke(DEMO_SCHOOL_ID)
    response = api.get(f"{SCHOOL}/students")
    assert (response.status_code, response.json()["error"]) == (403, "access_denied")


def test_an_unknown_path_is_404(api: httpx.Client) -> None:
    assert api.get(f"{SCHOOL}/employees-typo").status_code == 404
