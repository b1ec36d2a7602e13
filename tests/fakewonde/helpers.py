"""Constants and helpers shared by the fake Wonde's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN, FakeWonde

CLOCK = dt.datetime(2026, 11, 17, 3, 0, tzinfo=dt.UTC)  # a Tuesday in the autumn term
BASE_URL = "https://api.wonde.com/v1.0"
ADMIN_URL = "https://api.wonde.com/_fake"
SCHOOL = f"/schools/{DEMO_SCHOOL_ID}"
EVERY_INCLUDE = (
    "education_details,extended_details,classes,year,registration,sen_needs,contacts,"
    "contacts.contact_details,attendance_summary,photo,groups"
)


def client_for(world: FakeWonde, **headers: str) -> httpx.Client:
    return httpx.Client(
        transport=world.transport(),
        base_url=BASE_URL,
        headers=headers or {"Authorization": f"Bearer {DEMO_TOKEN}"},
    )


def every_page(client: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every record of a list, following `next` verbatim."""
    records: list[dict[str, Any]] = []
    # Without params, keep the URL verbatim: httpx would drop its query when merging none.
    url: str | None = str(client.build_request("GET", path, params=params or None).url)
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        records.extend(body["data"])
        url = body["meta"]["pagination"]["next"]
    return records


def one_student(client: httpx.Client, include: str) -> dict[str, Any]:
    response = client.get(f"{SCHOOL}/students", params={"include": include, "per_page": 1})
    assert response.status_code == 200, response.text
    record: dict[str, Any] = response.json()["data"][0]
    return record
