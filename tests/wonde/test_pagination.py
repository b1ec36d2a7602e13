"""Reading a list page by page, following `meta.pagination.next` and nothing else."""

import httpx
import pytest

from tests.wonde.wire import API, TOKEN, Script, failure, page
from wonde import errors

REGIONAL = "https://api-ap-southeast-2.wonde.com/v1.0/schools/A1/students?cursor=eyJ%2Bx%3D%3D"


def test_it_follows_next_verbatim(connect):
    second = f"{API}/schools/A1/students?per_page=200&page=2&include=year"
    script = Script(page([{"id": "S1"}], second), page([{"id": "S2"}]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert script.urls[1] == second


def test_it_follows_next_to_another_host(connect):
    script = Script(page([{"id": "S1"}], REGIONAL), page([{"id": "S2"}]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert script.requests[1].url.host == "api-ap-southeast-2.wonde.com"


def test_it_keeps_an_opaque_cursor_exactly_as_wonde_wrote_it(connect):
    script = Script(page([{"id": "S1"}], REGIONAL), page([{"id": "S2"}]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert script.urls[1] == REGIONAL


def test_it_sends_the_token_to_the_page_that_next_names(connect):
    script = Script(page([{"id": "S1"}], REGIONAL), page([]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert script.requests[1].headers["Authorization"] == f"Bearer {TOKEN}"


def test_it_stops_when_next_is_null(connect):
    script = Script(page([{"id": "S1"}]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert len(script.requests) == 1


def test_it_yields_every_record_of_every_page_in_order(connect):
    script = Script(
        page([{"id": "S1"}, {"id": "S2"}], f"{API}/p2"),
        page([{"id": "S3"}], f"{API}/p3"),
        page([{"id": "S4"}]),
    )
    client, _ = connect(script)
    assert [s.id for s in client.students("A1")] == ["S1", "S2", "S3", "S4"]


FULL = [{"id": "S1"}, {"id": "S2"}]  # a full page at per_page=2


def test_a_full_page_without_pagination_metadata_is_malformed(connect):
    script = Script(httpx.Response(200, json={"data": FULL}))
    client, _ = connect(script, per_page=2)
    with pytest.raises(errors.MalformedResponse):
        list(client.students("A1"))


def test_a_small_page_without_pagination_metadata_is_the_last_page(connect):
    script = Script(httpx.Response(200, json={"data": [{"id": "S1"}]}))
    client, _ = connect(script, per_page=2)
    assert [s.id for s in client.students("A1")] == ["S1"]
    assert len(script.requests) == 1


def test_a_page_whose_meta_has_no_pagination_and_no_records_is_the_last_page(connect):
    script = Script(httpx.Response(200, json={"data": [], "meta": {"includes": ["cbds"]}}))
    client, _ = connect(script)
    assert list(client.students("A1")) == []


def test_a_full_page_without_pagination_metadata_is_asked_for_again_before_giving_up(connect):
    script = Script(httpx.Response(200, json={"data": FULL}))
    client, _ = connect(script, attempts=3, per_page=2)
    with pytest.raises(errors.MalformedResponse):
        list(client.students("A1"))
    assert len(script.requests) == 3


def test_a_page_cut_short_that_comes_back_whole_is_read(connect):
    script = Script(httpx.Response(200, json={"data": FULL}), page(FULL))
    client, _ = connect(script, per_page=2)
    assert [s.id for s in client.students("A1")] == ["S1", "S2"]


def test_a_next_that_loops_back_to_the_first_page_is_malformed(connect):
    def back_to_the_start(request: httpx.Request) -> httpx.Response:
        return page([{"id": "S2"}], script.urls[0])

    script = Script(page([{"id": "S1"}], f"{API}/p2"), back_to_the_start)
    client, _ = connect(script)
    with pytest.raises(errors.MalformedResponse, match="loops back"):
        list(client.students("A1"))


def test_a_next_that_names_its_own_page_is_malformed(connect):
    script = Script(page([{"id": "S1"}], f"{API}/p2"), page([{"id": "S2"}], f"{API}/p2"))
    client, _ = connect(script)
    with pytest.raises(errors.MalformedResponse, match="loops back"):
        list(client.students("A1"))


def test_a_pagination_loop_is_not_asked_for_again(connect):
    script = Script(page([{"id": "S1"}], f"{API}/p2"), page([{"id": "S2"}], f"{API}/p2"))
    client, delays = connect(script)
    with pytest.raises(errors.MalformedResponse):
        list(client.students("A1"))
    assert (len(script.requests), delays) == (2, [])


def test_a_body_without_data_is_malformed_after_the_retries(connect):
    script = Script(httpx.Response(200, json={"meta": {"pagination": {"next": None}}}))
    client, delays = connect(script, attempts=3)
    with pytest.raises(errors.MalformedResponse, match="without `data`"):
        list(client.students("A1"))
    assert (len(script.requests), len(delays)) == (3, 2)


def test_a_body_that_is_not_json_is_malformed_after_the_retries(connect):
    script = Script(httpx.Response(200, text='{"data": [{"id": "S1"'))
    client, delays = connect(script, attempts=3)
    with pytest.raises(errors.MalformedResponse, match="not JSON"):
        list(client.students("A1"))
    assert (len(script.requests), len(delays)) == (3, 2)


def test_a_list_whose_data_is_not_a_list_is_malformed(connect):
    script = Script(httpx.Response(200, json={"data": {"id": "S1"}, "meta": {"pagination": {}}}))
    client, _ = connect(script)
    with pytest.raises(errors.MalformedResponse):
        list(client.students("A1"))


def test_a_next_that_is_not_a_url_is_malformed(connect):
    body = {"data": [], "meta": {"pagination": {"next": 2}}}
    client, _ = connect(Script(httpx.Response(200, json=body)))
    with pytest.raises(errors.MalformedResponse):
        list(client.students("A1"))


def test_students_are_paged_by_cursor(connect):
    script = Script(page([{"id": "S1"}]))
    client, _ = connect(script)
    list(client.students("A1"))
    assert script.requests[0].url.params["cursor"] == "true"


def test_students_follow_the_cursor_in_next_verbatim(connect):
    second = "https://api.wonde.com/v1.0/schools/A1/students?cursor=eyJhZnRlciI6IlMxIn0"
    script = Script(page([{"id": "S1"}], second), page([{"id": "S2"}]))
    client, _ = connect(script)
    assert [s.id for s in client.students("A1")] == ["S1", "S2"]
    assert script.urls[1] == second


def test_students_are_paged_by_number_when_a_cursor_is_refused(connect):
    script = Script(failure(400, "bad_request"), page([{"id": "S1"}]))
    client, _ = connect(script)
    assert [s.id for s in client.students("A1")] == ["S1"]
    assert "cursor" not in script.requests[1].url.params


def test_a_refused_token_is_not_taken_for_a_refused_cursor(connect):
    script = Script(failure(401, "invalid_token"))
    client, _ = connect(script)
    with pytest.raises(errors.Unauthorized):
        list(client.students("A1"))
    assert len(script.requests) == 1
