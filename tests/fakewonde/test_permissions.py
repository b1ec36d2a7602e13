import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, FakeWonde

from .helpers import SCHOOL, one_student


def _deny(world: FakeWonde, identity: str) -> None:
    world.set_permission(DEMO_SCHOOL_ID, identity, False)


@pytest.mark.parametrize(
    ("identity", "endpoint"),
    [
        ("students.read", "students"),
        ("students.read", "students-leaver"),
        ("attendance.summaries.read", "attendance-summaries"),
        ("contacts.read", "contacts"),
        ("photos.read", "photos"),
        ("classes.read", "classes"),
        ("groups.read", "groups"),
    ],
)
def test_a_withheld_scope_closes_its_endpoint_with_403(
    api: httpx.Client, world: FakeWonde, identity: str, endpoint: str
) -> None:
    _deny(world, identity)
    response = api.get(f"{SCHOOL}/{endpoint}")
    assert (response.status_code, response.json()["error"]) == (403, "access_denied")


@pytest.mark.parametrize(
    ("identity", "include", "withheld"),
    [
        ("students.education_details.read", "education_details", {"data": None}),
        ("students.extended_details.read", "extended_details", {"data": None}),
        ("students.sen.read", "sen_needs", {"data": []}),
        ("attendance.summaries.read", "attendance_summary", {"data": None}),
        ("contacts.read", "contacts", {"data": []}),
        ("photos.read", "photo", {"data": None}),
        ("classes.read", "classes", {"data": []}),
        ("groups.read", "registration", {"data": None}),
        ("groups.read", "groups", {"data": []}),
    ],
)
def test_a_withheld_scope_empties_its_include(
    api: httpx.Client, world: FakeWonde, identity: str, include: str, withheld: dict
) -> None:
    _deny(world, identity)
    assert one_student(api, include)[include] == withheld


def test_withheld_sen_nulls_the_sen_status_only(api: httpx.Client, world: FakeWonde) -> None:
    _deny(world, "students.sen.read")
    details = one_student(api, "extended_details")["extended_details"]["data"]
    assert details["sen_status"] is None
    assert isinstance(details["free_school_meals"], bool)


def test_withheld_contact_details_null_each_contacts_details(
    api: httpx.Client, world: FakeWonde
) -> None:
    _deny(world, "contacts.contact_details.read")
    contacts = one_student(api, "contacts.contact_details")["contacts"]["data"]
    assert contacts and all(c["contact_details"] == {"data": None} for c in contacts)


def test_a_granted_scope_serves_the_data_again(api: httpx.Client, world: FakeWonde) -> None:
    _deny(world, "photos.read")
    one_student(api, "photo")
    world.set_permission(DEMO_SCHOOL_ID, "photos.read", True)
    assert one_student(api, "photo")["photo"]["data"] is not None


def test_meta_permissions_reflect_the_toggle(api: httpx.Client, world: FakeWonde) -> None:
    _deny(world, "photos.read")
    permissions = api.get(f"/meta{SCHOOL}/permissions").json()["data"]
    approved = {p["identity"]: p["approved"] for p in permissions}
    assert approved["photos.read"] is False and approved["students.read"] is True
