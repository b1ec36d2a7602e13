"""Schools and the connection: lists of schools, access requests and the student count."""

import base64
import json

import httpx
import pytest

from tests.wonde.wire import TOKEN, Script, envelope, failure, page
from wonde import AccessContact, errors
from wonde.client import authorization

REQUESTED = {"success": True, "state": "pending", "message": "Access request successfully received"}
JANE = AccessContact("Jane", "Smith", "jane.smith@school.example", "01234 567890", "Data manager")


def sent_json(request: httpx.Request):
    return json.loads(request.content)


def test_request_access_posts_to_the_school(connect):
    script = Script(httpx.Response(200, json=REQUESTED))
    client, _ = connect(script)
    client.request_access("A1", [JANE])
    assert script.requests[0].method == "POST"
    assert script.requests[0].url.path == "/v1.0/schools/A1/request-access"


def test_request_access_sends_each_contact_with_wondes_field_names(connect):
    script = Script(httpx.Response(200, json=REQUESTED))
    client, _ = connect(script)
    client.request_access("A1", [JANE])
    assert sent_json(script.requests[0]) == {
        "contacts": [
            {
                "first_name": "Jane",
                "last_name": "Smith",
                "email_address": "jane.smith@school.example",
                "phone_number": "01234 567890",
                "notes": "Data manager",
            }
        ]
    }


def test_request_access_sends_null_for_a_missing_phone_number_and_notes(connect):
    script = Script(httpx.Response(200, json=REQUESTED))
    client, _ = connect(script)
    client.request_access("A1", [AccessContact("Sam", "Lee", "sam@school.example")])
    (contact,) = sent_json(script.requests[0])["contacts"]
    assert (contact["phone_number"], contact["notes"]) == (None, None)


def test_request_access_sends_every_contact(connect):
    script = Script(httpx.Response(200, json=REQUESTED))
    client, _ = connect(script)
    client.request_access("A1", [JANE, AccessContact("Sam", "Lee", "sam@school.example")])
    names = [c["first_name"] for c in sent_json(script.requests[0])["contacts"]]
    assert names == ["Jane", "Sam"]


def test_request_access_returns_wondes_answer_which_has_no_data_envelope(connect):
    script = Script(httpx.Response(200, json=REQUESTED))
    client, _ = connect(script)
    assert client.request_access("A1", [JANE]) == REQUESTED
    assert len(script.requests) == 1


def test_request_access_with_bad_fields_is_raised_at_once(connect):
    script = Script(failure(422, "validation_error", "The contacts.0.email_address is required"))
    client, _ = connect(script)
    with pytest.raises(errors.ValidationFailed, match="email_address is required"):
        client.request_access("A1", [AccessContact("Jane", "Smith", "")])
    assert len(script.requests) == 1


def test_student_count_reads_the_counts_with_students_included(connect):
    script = Script(envelope({"students": {"data": {"count": 1234}}}))
    client, _ = connect(script)
    assert client.student_count("A1") == 1234
    request = script.requests[0]
    assert request.url.path == "/v1.0/schools/A1/counts"
    assert dict(request.url.params) == {"include": "students"}


def test_student_count_reads_a_count_sent_as_text(connect):
    client, _ = connect(Script(envelope({"students": {"data": {"count": "87"}}})))
    assert client.student_count("A1") == 87


@pytest.mark.parametrize(
    "data", [{"students": {"data": None}}, {"students": {"data": {}}}, {}, None]
)
def test_student_count_is_none_when_wonde_gives_no_count(data, connect):
    client, _ = connect(Script(envelope(data)))
    assert client.student_count("A1") is None


def test_it_reads_one_school(connect):
    school = {"id": "A1", "name": "Oakfield Primary", "urn": 100123, "mis": "SIMS", "x": {}}
    client, _ = connect(Script(envelope(school)))
    read = client.school("A1")
    assert (read.id, read.name, read.urn, read.mis) == ("A1", "Oakfield Primary", "100123", "SIMS")


@pytest.mark.parametrize(
    ("read", "path"),
    [
        (lambda client: client.approved_schools(), "/v1.0/schools"),
        (lambda client: client.pending_schools(), "/v1.0/schools/pending"),
        (lambda client: client.revoked_schools(), "/v1.0/schools/revoked"),
        (lambda client: client.declined_schools(), "/v1.0/schools/declined"),
    ],
)
def test_it_reads_each_list_of_schools_from_its_own_path(read, path, connect):
    script = Script(page([{"id": "A1"}, {"id": "A2"}]))
    client, _ = connect(script)
    assert [s.id for s in read(client)] == ["A1", "A2"]
    assert script.requests[0].url.path == path


def test_it_reads_the_permissions_of_a_school(connect):
    permissions = [
        {"identity": "students.read", "optional": False, "approved": True},
        {"identity": "photos.read", "optional": "Y", "approved": 0},
    ]
    script = Script(envelope(permissions))
    client, _ = connect(script)
    read = client.permissions("A1")
    assert script.requests[0].url.path == "/v1.0/meta/schools/A1/permissions"
    assert [(p.identity, p.optional, p.approved) for p in read] == [
        ("students.read", False, True),
        ("photos.read", True, False),
    ]


def test_an_unreadable_permission_is_a_malformed_response_not_a_crash(connect):
    client, _ = connect(Script(envelope([{"name": "Photos read"}])))
    with pytest.raises(errors.MalformedResponse, match="unreadable Permission"):
        client.permissions("A1")


def test_an_unreadable_school_in_a_list_is_a_malformed_response(connect):
    client, _ = connect(Script(page([{"name": "no id"}])))
    with pytest.raises(errors.MalformedResponse):
        list(client.approved_schools())


def test_a_school_carries_its_region_domain(connect):
    region = {"code": "AUS", "domain": "api-ap-southeast-2.wonde.com", "school_url": None}
    client, _ = connect(Script(envelope({"id": "A1", "region": region})))
    assert client.school("A1").region.host == "api-ap-southeast-2.wonde.com"


def test_a_region_with_only_a_school_url_gives_its_host(connect):
    url = "https://api-af-south-1.wonde.com/v1.0/schools/A1"
    client, _ = connect(Script(envelope({"id": "A1", "region": {"school_url": url}})))
    assert client.school("A1").region.host == "api-af-south-1.wonde.com"


def test_a_client_sent_to_a_region_keeps_the_scheme_and_version(connect):
    script = Script(page([]))
    client, _ = connect(script)
    client.use_region("api-ap-southeast-2.wonde.com")
    list(client.deletions("A1"))
    assert script.urls[0].startswith("https://api-ap-southeast-2.wonde.com/v1.0/schools/A1/")


def test_the_token_can_be_sent_as_basic_auth():
    assert authorization("abc", "basic") == "Basic " + base64.b64encode(b"abc:").decode()
    assert authorization("abc") == "Bearer abc"


def test_an_unknown_auth_scheme_is_refused():
    with pytest.raises(ValueError, match="bearer or basic"):
        authorization("abc", "digest")


def test_a_basic_auth_client_sends_the_token_as_user_name(connect):
    script = Script(page([]))
    client, _ = connect(script, auth="basic")
    list(client.deletions("A1"))
    sent = script.requests[0].headers["Authorization"]
    assert base64.b64decode(sent.removeprefix("Basic ")).decode() == f"{TOKEN}:"
