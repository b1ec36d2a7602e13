import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, FakeWonde

from .helpers import ADMIN_URL, SCHOOL


@pytest.fixture
def admin(world: FakeWonde) -> httpx.Client:
    return httpx.Client(transport=world.transport(), base_url=ADMIN_URL)


def test_admin_routes_need_no_token(admin: httpx.Client) -> None:
    schools = admin.get("/schools").json()["schools"]
    assert [s["id"] for s in schools] == [DEMO_SCHOOL_ID]


def test_admin_can_advance_a_day(admin: httpx.Client, world: FakeWonde) -> None:
    before = world.clock
    body = admin.post(f"/schools/{DEMO_SCHOOL_ID}/advance-day", json={"seed": 2}).json()
    assert body["joined"] and world.clock > before


def test_admin_can_change_the_connection_state(admin: httpx.Client, world: FakeWonde) -> None:
    admin.post(f"/schools/{DEMO_SCHOOL_ID}/decline")
    assert world.schools[DEMO_SCHOOL_ID].state == "declined"
    admin.post(f"/schools/{DEMO_SCHOOL_ID}/approve")
    assert world.schools[DEMO_SCHOOL_ID].state == "approved"


def test_admin_can_inject_a_fault(admin: httpx.Client, api: httpx.Client, world: FakeWonde) -> None:
    admin.post("/faults", json={"kind": "429", "path": "/students", "retry_after": 3})
    assert api.get(f"{SCHOOL}/students").headers["Retry-After"] == "3"


def test_admin_can_clear_faults(admin: httpx.Client, api: httpx.Client) -> None:
    admin.post("/faults", json={"kind": "500", "times": 3})
    admin.delete("/faults")
    assert api.get(f"{SCHOOL}/students").status_code == 200


def test_admin_refuses_an_unknown_fault(admin: httpx.Client) -> None:
    assert admin.post("/faults", json={"kind": "teapot"}).status_code == 422


def test_admin_can_withhold_a_permission(admin: httpx.Client, api: httpx.Client) -> None:
    admin.post(f"/schools/{DEMO_SCHOOL_ID}/permissions", json={"photos.read": False})
    assert api.get(f"{SCHOOL}/photos").status_code == 403


def test_admin_refuses_an_unknown_permission(admin: httpx.Client) -> None:
    response = admin.post(f"/schools/{DEMO_SCHOOL_ID}/permissions", json={"pets.read": True})
    assert response.status_code == 422


def test_admin_says_404_for_an_unknown_school(admin: httpx.Client) -> None:
    assert admin.post("/schools/A1/approve").status_code == 404


def test_admin_can_migrate_a_school_to_another_mis(admin: httpx.Client, world: FakeWonde) -> None:
    before = set(world.schools[DEMO_SCHOOL_ID].students)
    body = admin.post(f"/schools/{DEMO_SCHOOL_ID}/migrate", json={"to": "Arbor"}).json()
    after = world.schools[DEMO_SCHOOL_ID]
    assert body["renamed"] >= len(before) and after.mis == "Arbor"
    assert not before & set(after.students)
