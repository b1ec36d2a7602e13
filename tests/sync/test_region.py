"""Each school's requests go to its own Wonde region."""

import datetime as dt

import httpx
import pytest

from fakewonde import DEMO_TOKEN
from pupilsync.models import School
from pupilsync.sync.connect import wonde_client
from pupilsync.sync.engine import sync_school
from wonde import RetryPolicy, WondeClient

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 3, 2, tzinfo=dt.UTC)
AU = "api-ap-southeast-2.wonde.com"


class Regions(httpx.BaseTransport):
    """The fake behind two hosts: the school says it lives in AU and only AU answers with data."""

    def __init__(self, inner):
        self.inner, self.hosts = inner, []

    def handle_request(self, request):
        self.hosts.append(request.url.host)
        response = self.inner.handle_request(request)
        response.read()
        path = request.url.path
        if path.endswith(("/schools/A1930499544", "/schools/A1930499544/")):
            body = response.json()
            body["data"]["region"]["domain"] = AU
            return httpx.Response(200, json=body)
        if request.url.host != AU and "/schools/A1930499544/" in path:
            return httpx.Response(200, json={"data": [], "meta": {"pagination": {"next": None}}})
        return response


def test_a_sync_reads_the_schools_region_and_keeps_it(world, school):
    regions = Regions(world.transport())
    client = WondeClient(DEMO_TOKEN, transport=regions, retry=RetryPolicy(sleep=lambda s: None))
    result = sync_school(school, client=client, now=NOW)
    assert result.status == "completed" and result.plan.creates
    assert School.objects.get(pk=school.pk).wonde_domain == AU
    assert regions.hosts[0] == "api.wonde.com" and set(regions.hosts[1:]) == {AU}


def test_a_school_with_a_region_gets_a_client_for_it(school, settings):
    settings.WONDE_API_URL = "https://api.wonde.com/v1.0"
    school.wonde_domain = AU
    assert wonde_client(school).host == AU
    assert wonde_client().host == "api.wonde.com"


def test_the_auth_scheme_comes_from_the_settings(settings):
    settings.WONDE_AUTH = "basic"
    assert wonde_client()._http.headers["Authorization"].startswith("Basic ")


def test_a_fake_or_proxy_in_the_settings_is_used_whatever_the_region(school, settings):
    settings.WONDE_API_URL = "http://127.0.0.1:8765/v1.0"
    school.wonde_domain = AU
    assert wonde_client(school).host == "127.0.0.1:8765"
