"""What the client puts on the wire: auth, page size, includes and the delta filter."""

import datetime as dt
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.wonde.wire import API, TOKEN, Script, envelope, page
from wonde import WondeClient, adapter
from wonde import client as client_module

LONDON = ZoneInfo("Europe/London")


def first_params(script: Script) -> dict[str, str]:
    return dict(script.requests[0].url.params)


def test_it_sends_the_token_as_a_bearer_header(connect):
    script = Script(envelope({"id": "A1"}))
    client, _ = connect(script)
    client.school("A1")
    assert script.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_it_never_shows_the_token_in_its_repr(connect):
    client, _ = connect(Script(envelope({})))
    assert TOKEN not in repr(client)


def test_it_calls_the_v1_api_by_default(connect):
    script = Script(envelope({"id": "A1"}))
    client, _ = connect(script)
    client.school("A1")
    assert str(script.requests[0].url) == f"{API}/schools/A1"


@pytest.mark.parametrize(
    "read",
    [
        lambda client: client.students("A1"),
        lambda client: client.leavers("A1"),
        lambda client: client.deletions("A1"),
        lambda client: client.attendance_summaries("A1"),
        lambda client: client.photos("A1"),
        lambda client: client.approved_schools(),
        lambda client: client.pending_schools(),
    ],
)
def test_it_asks_for_200_records_a_page_on_every_list(read, connect):
    script = Script(page([]))
    client, _ = connect(script)
    list(read(client))
    assert first_params(script)["per_page"] == "200"


def test_it_joins_includes_with_commas(connect):
    script = Script(page([]))
    client, _ = connect(script)
    list(client.students("A1", include=("year", "classes", "contacts.contact_details")))
    assert first_params(script)["include"] == "year,classes,contacts.contact_details"


def test_it_asks_for_every_student_include_by_default(connect):
    script = Script(page([]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert first_params(script)["include"] == ",".join(adapter.STUDENT_INCLUDES)


def test_it_sends_no_include_when_there_is_none_to_ask_for(connect):
    script = Script(page([]))
    client, _ = connect(script)
    list(client.students("A1", include=()))
    assert "include" not in first_params(script)


def test_it_sends_updated_after_in_utc_from_london_summer_time(connect):
    script = Script(page([]))
    client, _ = connect(script)
    moment = dt.datetime(2026, 7, 1, 9, 30, 15, tzinfo=LONDON)
    list(client.students("A1", updated_after=moment))
    assert first_params(script)["updated_after"] == "2026-07-01 08:30:15"


def test_it_sends_updated_after_in_utc_from_london_winter_time(connect):
    script = Script(page([]))
    client, _ = connect(script)
    moment = dt.datetime(2026, 1, 15, 0, 5, tzinfo=LONDON)
    list(client.deletions("A1", updated_after=moment))
    assert first_params(script)["updated_after"] == "2026-01-15 00:05:00"


def test_it_drops_the_fraction_of_a_second_from_updated_after(connect):
    script = Script(page([]))
    client, _ = connect(script)
    moment = dt.datetime(2026, 7, 1, 9, 30, 15, 999999, tzinfo=LONDON)
    list(client.photos("A1", updated_after=moment))
    assert first_params(script)["updated_after"] == "2026-07-01 08:30:15"


def test_it_sends_no_updated_after_for_a_full_read(connect):
    script = Script(page([]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert "updated_after" not in first_params(script)


def test_it_asks_for_student_deletions_by_default(connect):
    script = Script(page([]))
    client, _ = connect(script)
    list(client.deletions("A1"))
    assert script.requests[0].url.path == "/v1.0/schools/A1/deletions"
    assert first_params(script)["type"] == "student"


def test_it_reads_leavers_from_the_leavers_list_with_their_education_details(connect):
    script = Script(page([]))
    client, _ = connect(script)
    list(client.leavers("A1"))
    assert script.requests[0].url.path == "/v1.0/schools/A1/students-leaver"
    assert first_params(script)["include"] == "education_details"


def test_it_loads_the_certificate_bundle_once_for_every_client(monkeypatch):
    made = []
    real = httpx.create_ssl_context
    monkeypatch.setattr(httpx, "create_ssl_context", lambda: made.append(1) or real())
    client_module.tls_context.cache_clear()
    try:
        for _ in range(3):
            WondeClient(TOKEN).close()
    finally:
        client_module.tls_context.cache_clear()
    assert made == [1]
