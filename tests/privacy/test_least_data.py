"""The sync asks Wonde only for what the school's features need under its settings."""

from __future__ import annotations

import itertools
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from fakewonde import DEMO_TOKEN
from pupilsync.school_settings import update
from pupilsync.sync import fetch, permissions
from pupilsync.sync.engine import sync_school
from pupilsync.sync.least_data import unused_permissions, used_permissions
from pupilsync.sync.options import DEFAULT_OPTIONS
from wonde import RetryPolicy, WondeClient, adapter

pytestmark = pytest.mark.django_db
TOGGLES = ("sync_contacts", "sync_photos", "sync_sen_types", "sync_sen_provision")


class Recording(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner, self.urls = inner, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(str(request.url))
        return self.inner.handle_request(request)


def includes_asked(urls: list[str]) -> set[str]:
    asked = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.path.endswith("/students"):
            for value in parse_qs(parts.query).get("include", []):
                asked |= set(value.split(","))
    return asked


def expected(settings: dict[str, bool]) -> set[str]:
    wanted = {"pupils", "extended", "classes", "groups"}
    if settings["sync_contacts"]:
        wanted.add("contacts")
    if settings["sync_sen_types"] or settings["sync_sen_provision"]:
        wanted.add("sen")
    return {name for f in permissions.FEATURES if f.key in wanted for name in f.includes}


@pytest.mark.parametrize(
    "values", list(itertools.product([True, False], repeat=len(TOGGLES))), ids=str
)
def test_each_include_and_the_photo_list_are_asked_only_when_a_setting_needs_them(
    school, world, values
):
    settings = dict(zip(TOGGLES, values, strict=True))
    update(school, values={k: "on" if v else "off" for k, v in settings.items()})
    recording = Recording(world.transport())
    client = WondeClient(DEMO_TOKEN, transport=recording, retry=RetryPolicy(sleep=lambda s: None))
    assert sync_school(school, client=client).status == "completed"
    assert includes_asked(recording.urls) == expected(settings)
    photos_read = any(urlsplit(u).path.endswith("/photos") for u in recording.urls)
    assert photos_read == settings["sync_photos"]


def test_every_include_the_client_knows_belongs_to_a_feature():
    claimed = {name for f in permissions.FEATURES for name in f.includes}
    assert set(adapter.STUDENT_INCLUDES) == claimed
    assert {n for names in fetch.INCLUDES.values() for n in names} == claimed


def test_a_permission_no_feature_uses_under_the_settings_is_listed_as_unused():
    from dataclasses import replace

    rules = replace(DEFAULT_OPTIONS, sync_contacts=False)
    granted = frozenset(permissions.NAMES) | {"timetable.read"}
    assert unused_permissions(granted, rules) == [
        "contacts.contact_details.read", "contacts.read", "timetable.read",
    ]  # fmt: skip
    assert "photos.read" in used_permissions(rules)
