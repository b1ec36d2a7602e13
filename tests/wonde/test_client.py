"""The client end to end: what it sends, how it pages, retries and fails, what it reads."""

import datetime as dt
from zoneinfo import ZoneInfo

import httpx
import pytest

from tests.wonde.wire import API, TOKEN, Script, envelope, failure, page
from wonde import AccessContact, RetryPolicy, errors
from wonde.models import Invalid, Student


def test_it_sends_the_token_as_a_bearer(connect):
    script = Script(envelope({"id": "A1"}))
    connect(script)[0].school("A1")
    assert script.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_it_never_shows_the_token_in_its_repr(connect):
    assert TOKEN not in repr(connect(Script(envelope({})))[0])


def test_it_asks_for_200_a_page_with_the_includes_and_the_delta(connect):
    script = Script(page([]))
    moment = dt.datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    list(connect(script)[0].students("A1", include=("year", "classes"), updated_after=moment))
    params = script.requests[0].url.params
    assert params["per_page"] == "200"
    assert params["include"] == "year,classes"
    assert params["updated_after"] == "2026-07-01 08:30:00"


def test_it_follows_next_verbatim_to_the_last_page(connect):
    second = "https://api-ap-southeast-2.wonde.com/v1.0/schools/A1/students?cursor=opaque"
    script = Script(page([{"id": "A1"}], second), page([{"id": "A2"}]))
    students = list(connect(script)[0].students("A1"))
    assert [s.id for s in students] == ["A1", "A2"]
    assert str(script.requests[1].url) == second


def test_a_next_that_loops_back_is_an_error(connect):
    script = Script(lambda request: page([{"id": "A1"}], str(request.url)))
    with pytest.raises(errors.MalformedResponse, match="loops back"):
        list(connect(script)[0].students("A1"))


def test_a_small_list_page_without_pagination_is_the_last_page(connect):
    script = Script(httpx.Response(200, json={"data": [{"id": "A1"}]}))
    assert [s.id for s in connect(script)[0].students("A1")] == ["A1"]


def test_a_body_that_is_not_json_is_retried_then_an_error(connect):
    script = Script(httpx.Response(200, text='{"data": [{"id"'))
    with pytest.raises(errors.MalformedResponse):
        connect(script, attempts=3)[0].school("A1")
    assert len(script.requests) == 3


def test_it_waits_as_long_as_retry_after_says(connect):
    script = Script(failure(429, "rate_limited", **{"Retry-After": "7"}), envelope({"id": "A1"}))
    client, waits = connect(script)
    assert client.school("A1").id == "A1"
    assert waits == [7.0]


def test_it_caps_a_long_retry_after():
    policy = RetryPolicy(max_wait=30)
    assert policy.delay(1, retry_after=3600) == 30


def test_without_retry_after_it_backs_off_with_jitter_within_bounds():
    policy = RetryPolicy(base=0.5, max_wait=30)
    for attempt in range(1, 6):
        ceiling = min(0.5 * 2 ** (attempt - 1), 30)
        assert ceiling / 2 <= policy.delay(attempt) <= ceiling


@pytest.mark.parametrize("status", [500, 502, 503])
def test_it_retries_a_server_error_and_then_succeeds(status, connect):
    script = Script(failure(status, "server_error"), envelope({"id": "A1"}))
    assert connect(script)[0].school("A1").id == "A1"
    assert len(script.requests) == 2


def test_it_gives_up_after_the_set_number_of_tries(connect):
    script = Script(failure(503, "server_error"))
    client = connect(script, attempts=4)[0]
    with pytest.raises(errors.ServerError):
        client.school("A1")
    assert len(script.requests) == client.request_count == 4


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("slow"),
        httpx.ConnectError("refused"),
        httpx.RemoteProtocolError("dropped"),
    ],
)
def test_timeouts_and_dropped_connections_are_retried(failure, connect):
    script = Script(failure, envelope({"id": "A1"}))
    assert connect(script)[0].school("A1").id == "A1"


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, errors.Unauthorized),
        (403, errors.AccessDenied),
        (404, errors.NotFound),
        (422, errors.ValidationFailed),
        (400, errors.PermanentError),
    ],
)
def test_a_permanent_error_is_raised_at_once(status, kind, connect):
    script = Script(failure(status, "nope", "the reason"))
    with pytest.raises(kind) as raised:
        connect(script)[0].school("A1")
    assert raised.value.permanent and "the reason" in str(raised.value)
    assert len(script.requests) == 1


def test_an_error_without_a_json_body_is_still_typed(connect):
    script = Script(httpx.Response(403, text="<html>Forbidden</html>"))
    with pytest.raises(errors.AccessDenied):
        connect(script)[0].school("A1")


def test_a_bad_value_is_dropped_while_the_rest_of_the_page_comes_through(connect):
    odd = {"id": "A2", "upi": "u2", "date_of_birth": {"date": "31/02/2014"}}
    script = Script(page([{"id": "A1"}, odd, {"id": "A3"}]))
    students = list(connect(script)[0].students("A1"))
    assert [type(s) for s in students] == [Student, Student, Student]
    assert students[1].id == "A2" and students[1].broken("date_of_birth")


def test_a_record_without_an_id_is_invalid_while_the_rest_of_the_page_comes_through(connect):
    script = Script(page([{"id": "A1"}, {"upi": "u2"}, {"id": "A3"}]))
    students = list(connect(script)[0].students("A1"))
    assert [type(s) for s in students] == [Student, Invalid, Student]
    assert students[1].upi == "u2" and "id" in students[1].error


def test_it_posts_an_access_request_with_the_contacts(connect):
    script = Script(envelope({"success": True, "state": "pending"}))
    contact = AccessContact("Jane", "Smith", "jane@school.example", notes="Data manager")
    connect(script)[0].request_access("A1", [contact])
    request = script.requests[0]
    assert request.method == "POST" and request.url.path.endswith("/schools/A1/request-access")
    body = httpx.Response(200, content=request.content).json()
    assert body["contacts"][0] == {
        "first_name": "Jane",
        "last_name": "Smith",
        "email_address": "jane@school.example",
        "phone_number": None,
        "notes": "Data manager",
    }


def test_it_reads_the_student_count(connect):
    script = Script(envelope({"students": {"data": {"count": 1234}}}))
    assert connect(script)[0].student_count("A1") == 1234
    assert script.requests[0].url.params["include"] == "students"


def test_base_url_is_where_requests_go(connect):
    script = Script(envelope({"id": "A1"}))
    connect(script)[0].school("A1")
    assert str(script.requests[0].url) == f"{API}/schools/A1"


def test_a_page_of_more_than_fifty_without_pagination_is_read_again(connect):
    full = [{"id": f"A{n}"} for n in range(51)]
    script = Script(httpx.Response(200, json={"data": full}), page(full))
    assert len(list(connect(script)[0].students("A1"))) == 51
    assert len(script.requests) == 2
