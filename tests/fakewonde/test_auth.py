import base64

from fakewonde import DEMO_TOKEN, FakeWonde

from .helpers import SCHOOL, client_for


def test_it_answers_401_without_a_token(world: FakeWonde) -> None:
    with client_for(world, Accept="application/json") as client:
        response = client.get("/schools")
    assert response.status_code == 401


def test_its_401_carries_the_contract_error_body(world: FakeWonde) -> None:
    with client_for(world, Accept="application/json") as client:
        body = client.get("/schools").json()
    assert body["error"] == "invalid_token"
    assert body["error_description"]


def test_it_answers_401_to_a_wrong_token(world: FakeWonde) -> None:
    with client_for(world, Authorization="Bearer " + "f" * 40) as client:
        assert client.get(f"{SCHOOL}/students").status_code == 401


def test_it_accepts_a_bearer_token(world: FakeWonde) -> None:
    with client_for(world, Authorization=f"Bearer {DEMO_TOKEN}") as client:
        assert client.get("/schools").status_code == 200


def test_it_accepts_the_token_as_basic_auth_user_name(world: FakeWonde) -> None:
    basic = base64.b64encode(f"{DEMO_TOKEN}:".encode()).decode()
    with client_for(world, Authorization=f"Basic {basic}") as client:
        assert client.get("/schools").status_code == 200


def test_it_rejects_basic_auth_with_another_user_name(world: FakeWonde) -> None:
    basic = base64.b64encode(b"someone:").decode()
    with client_for(world, Authorization=f"Basic {basic}") as client:
        assert client.get("/schools").status_code == 401


def test_a_world_can_use_its_own_token() -> None:
    world = FakeWonde(token="a" * 40)
    with client_for(world, Authorization="Bearer " + "a" * 40) as client:
        assert client.get("/schools").json()["data"] == []
