from urllib.parse import parse_qs, urlsplit

import httpx

from fakewonde import FakeWonde

from .helpers import SCHOOL, client_for, every_page


def _page(api: httpx.Client, **params: str | int) -> dict:
    response = api.get(f"{SCHOOL}/students", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_it_serves_50_records_a_page_by_default(api: httpx.Client) -> None:
    body = _page(api)
    assert len(body["data"]) == 50
    assert body["meta"]["pagination"]["per_page"] == 50


def test_it_clamps_per_page_to_200(secondary_api: httpx.Client) -> None:
    body = secondary_api.get(f"{SCHOOL}/students", params={"per_page": 500}).json()
    assert len(body["data"]) == 200
    assert body["meta"]["pagination"]["per_page"] == 200


def test_its_first_page_says_there_is_more_and_has_no_previous(api: httpx.Client) -> None:
    pagination = _page(api, per_page=20)["meta"]["pagination"]
    assert pagination == {
        "next": pagination["next"],
        "previous": None,
        "more": True,
        "per_page": 20,
        "current_page": 1,
    }


def test_its_next_url_is_absolute_and_keeps_the_other_parameters(api: httpx.Client) -> None:
    nxt = _page(api, per_page=20, include="year")["meta"]["pagination"]["next"]
    parts = urlsplit(nxt)
    assert (parts.scheme, parts.netloc) == ("https", "api.wonde.com")
    assert parse_qs(parts.query) == {"per_page": ["20"], "include": ["year"], "page": ["2"]}


def test_its_second_page_points_back_to_the_first(api: httpx.Client) -> None:
    first = _page(api, per_page=20)
    second = api.get(first["meta"]["pagination"]["next"]).json()
    assert second["meta"]["pagination"]["current_page"] == 2
    assert parse_qs(urlsplit(second["meta"]["pagination"]["previous"]).query)["page"] == ["1"]


def test_its_last_page_has_no_next(api: httpx.Client, world: FakeWonde) -> None:
    pupils = len(world.schools[SCHOOL.split("/")[-1]].students)
    last = (pupils + 49) // 50
    pagination = _page(api, page=last)["meta"]["pagination"]
    assert (pagination["next"], pagination["more"]) == (None, False)


def test_following_next_visits_every_pupil_once_in_id_order(
    api: httpx.Client, world: FakeWonde
) -> None:
    ids = [record["id"] for record in every_page(api, f"{SCHOOL}/students", per_page=30)]
    assert ids == sorted(world.schools[SCHOOL.split("/")[-1]].students)


def test_cursor_pagination_visits_every_pupil_once(api: httpx.Client, world: FakeWonde) -> None:
    ids = [r["id"] for r in every_page(api, f"{SCHOOL}/students", cursor="true", per_page=40)]
    assert ids == sorted(world.schools[SCHOOL.split("/")[-1]].students)


def test_cursor_pages_report_null_per_page_and_current_page(api: httpx.Client) -> None:
    pagination = _page(api, cursor=1, per_page=40)["meta"]["pagination"]
    assert (pagination["per_page"], pagination["current_page"]) == (None, None)
    assert pagination["more"] is True


def test_a_cursor_next_carries_an_opaque_token_instead_of_a_page(api: httpx.Client) -> None:
    nxt = _page(api, cursor="true", per_page=40)["meta"]["pagination"]["next"]
    query = parse_qs(urlsplit(nxt).query)
    assert "page" not in query
    assert query["cursor"][0] not in ("true", "1")


def test_a_cursor_survives_a_pupil_leaving_between_pages(
    api: httpx.Client, world: FakeWonde
) -> None:
    school = world.schools[SCHOOL.split("/")[-1]]
    first = _page(api, cursor="true", per_page=40)
    school.withdraw(first["data"][0]["id"], at=world.clock, leaving_date=world.clock.date())
    rest = every_page(api, first["meta"]["pagination"]["next"])
    seen = [r["id"] for r in first["data"] + rest]
    assert len(seen) == len(set(seen)) == len(school.students) + 1


def test_a_garbled_cursor_is_a_validation_error(api: httpx.Client) -> None:
    response = api.get(f"{SCHOOL}/students", params={"cursor": "not-a-cursor!"})
    assert response.status_code == 422
    assert response.json()["error"] == "validation_error"


def test_next_urls_use_the_host_the_request_came_to(world: FakeWonde) -> None:
    with client_for(world) as client:
        client.base_url = httpx.URL("http://127.0.0.1:8765/v1.0/")
        nxt = client.get(f"{SCHOOL[1:]}/students").json()["meta"]["pagination"]["next"]
    assert nxt.startswith("http://127.0.0.1:8765/v1.0/schools/")


def test_school_lists_are_paginated_too(api: httpx.Client) -> None:
    pagination = api.get("/schools").json()["meta"]["pagination"]
    assert (pagination["more"], pagination["current_page"]) == (False, 1)
