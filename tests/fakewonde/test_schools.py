import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, FakeWonde, generate_school

from .helpers import CLOCK, SCHOOL


@pytest.fixture
def other(world: FakeWonde) -> str:
    """A second, small school that has not asked for anything yet."""
    school = generate_school(seed=99, phase="primary", forms=1, clock=CLOCK, photos=False)
    school.state = "not_requested"
    return world.add_school(school).id


def _ids(api: httpx.Client, path: str, **params: str) -> list[str]:
    return [s["id"] for s in api.get(path, params=params).json()["data"]]


def test_schools_lists_only_approved_schools(api: httpx.Client, other: str) -> None:
    assert _ids(api, "/schools") == [DEMO_SCHOOL_ID]


def test_schools_all_lists_every_school(api: httpx.Client, other: str) -> None:
    assert sorted(_ids(api, "/schools/all")) == sorted([DEMO_SCHOOL_ID, other])


def test_schools_all_filters_by_la_code_and_establishment(
    api: httpx.Client, world: FakeWonde, other: str
) -> None:
    school = world.schools[other]
    found = _ids(api, "/schools/all", la_code=school.la_code,
                 establishment_number=school.establishment_number)  # fmt: skip
    assert found == [other]


def test_schools_all_filters_by_postcode_prefix(
    api: httpx.Client, world: FakeWonde, other: str
) -> None:
    prefix = world.schools[other].postcode.split()[0].lower()
    assert other in _ids(api, "/schools/all", postcode=prefix)


def test_a_school_object_has_the_recorded_shape(api: httpx.Client, world: FakeWonde) -> None:
    school = api.get(SCHOOL).json()["data"]
    assert isinstance(school["urn"], int)
    assert isinstance(school["la_code"], str) and isinstance(school["establishment_number"], str)
    assert school["phase_of_education"] == "PRIMARY"
    assert school["region"]["domain"] == "api.wonde.com"
    assert school["region"]["school_url"] == f"https://api.wonde.com/v1.0{SCHOOL}"
    assert school["address"]["address_country"] == {"code": "GBR", "name": "England"}


def test_requesting_access_moves_a_school_to_pending(api: httpx.Client, other: str) -> None:
    contact = {"first_name": "Jane", "last_name": "Smith", "phone_number": None,
               "email_address": "jane.smith@school.example", "notes": None}  # fmt: skip
    response = api.post(f"/schools/{other}/request-access", json={"contacts": [contact]})
    assert response.json()["success"] is True
    assert response.json()["state"] == "pending"
    assert _ids(api, "/schools/pending") == [other]


def test_a_request_without_a_body_is_fine(api: httpx.Client, other: str) -> None:
    assert api.post(f"/schools/{other}/request-access").json()["state"] == "pending"


def test_a_request_with_an_incomplete_contact_is_422(api: httpx.Client, other: str) -> None:
    response = api.post(f"/schools/{other}/request-access",
                        json={"contacts": [{"first_name": "Jane"}]})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["error"] == "validation_error"
    assert _ids(api, "/schools/pending") == []


def test_a_declined_school_can_be_asked_again(
    api: httpx.Client, world: FakeWonde, other: str
) -> None:
    world.decline(other)
    assert _ids(api, "/schools/declined") == [other]
    assert api.post(f"/schools/{other}/request-access").json()["state"] == "pending"


def test_revoking_access_moves_a_school_to_revoked(api: httpx.Client) -> None:
    body = api.delete(f"{SCHOOL}/revoke-access").json()
    assert (body["success"], body["state"]) == (True, "revoked")
    assert _ids(api, "/schools/revoked") == [DEMO_SCHOOL_ID]


def test_meta_says_whether_the_school_approved(api: httpx.Client, world: FakeWonde) -> None:
    assert api.get(f"/meta{SCHOOL}").json()["data"]["approved"] is True
    world.revoke(DEMO_SCHOOL_ID)
    assert api.get(f"/meta{SCHOOL}").json()["data"]["approved"] is False


def test_meta_permissions_list_the_contract_identities(api: httpx.Client) -> None:
    permissions = api.get(f"/meta{SCHOOL}/permissions").json()["data"]
    assert {p["identity"] for p in permissions} >= {"students.read", "photos.read", "groups.read"}
    assert set(permissions[0]) == {"identity", "name", "description", "parent", "group",
                                   "active_from", "optional", "approved"}  # fmt: skip
    assert set(permissions[0]["active_from"]) == {"date", "timezone_type", "timezone"}
