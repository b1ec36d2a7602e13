"""Issue 12's scenario: five pupils each get one odd value on the wire after a clean full sync.

Before the fix, each odd value made its whole record unreadable and the next full sync archived
all five children as leavers.
"""

import copy
import datetime as dt

import httpx
import pytest

from fakewonde import DEMO_SCHOOL_ID, DEMO_TOKEN
from pupilsync.models import Pupil, SyncIssue
from pupilsync.sync.engine import sync_school
from wonde import RetryPolicy, WondeClient

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 3, 2, tzinfo=dt.UTC)
ZERO_DATE = {"date": "-0001-11-30 00:00:00.000000", "timezone_type": 3, "timezone": "Europe/London"}


def _with(records, key):
    return next(r for r in records if (r.get(key) or {}).get("data"))


def five_odd_values(records):
    """One odd value each for five different pupils; returns their Wonde ids by odd value."""
    eal, dob, name = records[0], records[1], records[2]
    contact = _with(records[3:], "contacts")
    need = _with([r for r in records[3:] if r is not contact], "sen_needs")
    eal["extended_details"]["data"]["english_as_additional_language"] = "Not applicable"
    dob["date_of_birth"] = ZERO_DATE
    contact["contacts"]["data"][0]["relationship"] = "Mother"
    need["sen_needs"]["data"][0]["rank"] = "primary"
    name["forename"] = ""
    return {"eal": eal, "dob": dob, "contact": contact, "need": need, "name": name}


class OddValues(httpx.BaseTransport):
    """The fake's transport, with the first /students page passed through `five_odd_values`."""

    def __init__(self, inner):
        self.inner = inner
        self.odd = {}
        self.on = True

    def handle_request(self, request):
        response = self.inner.handle_request(request)
        response.read()
        if not (self.on and request.url.path.endswith("/students")):
            return response
        body = response.json()
        params = request.url.params
        if params.get("page", "1") != "1" or params.get("cursor", "true") != "true":
            return response  # only the first page
        self.odd = {k: copy.deepcopy(v) for k, v in five_odd_values(body["data"]).items()}
        return httpx.Response(response.status_code, json=body)


@pytest.fixture
def odd(world):
    return OddValues(world.transport())


@pytest.fixture
def odd_client(odd):
    return WondeClient(DEMO_TOKEN, transport=odd, retry=RetryPolicy(sleep=lambda s: None))


def pupil(wonde_id):
    return Pupil.objects.get(wonde_id=wonde_id)


def values(wonde_id):
    """The pupil's values; `synced_at` says when a sync last wrote the row, not a value."""
    held = Pupil.objects.filter(wonde_id=wonde_id).values().get()
    held.pop("synced_at")
    return held


def test_five_odd_values_archive_no_one(world, client, odd_client, school):
    sync_school(school, client=client, now=NOW)
    result = sync_school(school, client=odd_client, full=True, now=NOW + dt.timedelta(hours=1))
    roll = len(world.schools[DEMO_SCHOOL_ID].students)
    assert result.status == "completed"
    assert result.plan.archived == 0
    assert Pupil.objects.filter(school=school, on_roll=True).count() == roll


def test_each_odd_value_keeps_the_pupils_other_values(
    frozen_clock, client, odd, odd_client, school
):
    now = frozen_clock  # the fake's data is dated by the same clock
    sync_school(school, client=client, now=now)
    before = {p["wonde_id"]: values(p["wonde_id"]) for p in Pupil.objects.values("wonde_id")}
    sync_school(school, client=odd_client, full=True, now=now + dt.timedelta(hours=1))
    ids = {kind: record["id"] for kind, record in odd.odd.items()}
    assert values(ids["dob"]) == before[ids["dob"]]  # the zero date did not clear the held one
    assert values(ids["name"]) == before[ids["name"]]  # an unusable record changes nothing
    assert values(ids["eal"]) == before[ids["eal"]] | {"eal": False}  # "Not applicable": no EAL
    contacts = pupil(ids["contact"]).contacts
    assert "Mother" in [c["relationship"] for c in contacts]
    held = before[ids["contact"]]["contacts"]
    assert sorted(c["name"] for c in contacts) == sorted(c["name"] for c in held)
    need = pupil(ids["need"])
    assert values(ids["need"]) == before[ids["need"]]
    assert need.years.get().sen_needs  # the needs we held are kept


def test_each_unreadable_odd_value_is_an_issue_naming_the_pupil(odd, client, odd_client, school):
    sync_school(school, client=client, now=NOW)
    result = sync_school(school, client=odd_client, full=True, now=NOW + dt.timedelta(hours=1))
    issues = SyncIssue.objects.filter(run=result.run)
    ids = {kind: record["id"] for kind, record in odd.odd.items()}
    rank = issues.get(code="unreadable_value", pupil=pupil(ids["need"]))
    assert "sen_needs.0.rank" in rank.message and "'primary'" in rank.message
    assert "a whole number" in rank.message
    assert issues.filter(code="missing_date_of_birth", pupil=pupil(ids["dob"])).exists()
    assert issues.filter(code="missing_name", pupil=pupil(ids["name"])).exists()


def test_it_converges_once_the_values_are_clean(client, odd, odd_client, school):
    sync_school(school, client=client, now=NOW)
    before = {p["wonde_id"]: p for p in Pupil.objects.values()}
    sync_school(school, client=odd_client, full=True, now=NOW + dt.timedelta(hours=1))
    odd.on = False
    result = sync_school(school, client=odd_client, full=True, now=NOW + dt.timedelta(hours=2))
    assert not result.plan.problems
    after = {p["wonde_id"]: p for p in Pupil.objects.values()}
    changed = {field for k, v in after.items() for field in v if v[field] != before[k][field]}
    assert changed <= {"synced_at"}  # the pupils that changed, and back
