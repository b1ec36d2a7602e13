"""Answers that asking again will not change are raised at once, and say what went wrong."""

import httpx
import pytest

from tests.wonde.wire import TOKEN, Script, failure, page
from wonde import errors

PERMANENT = [
    (401, "invalid_token", errors.Unauthorized),
    (403, "access_denied", errors.AccessDenied),
    (404, "not_found", errors.NotFound),
    (422, "validation_error", errors.ValidationFailed),
]


@pytest.mark.parametrize(("status", "code", "kind"), PERMANENT)
def test_a_permanent_error_is_raised_as_its_own_kind(status, code, kind, connect):
    client, _ = connect(Script(failure(status, code, "no")))
    with pytest.raises(kind) as raised:
        client.school("A1")
    assert (raised.value.status, raised.value.code, raised.value.permanent) == (status, code, True)


@pytest.mark.parametrize(("status", "code", "kind"), PERMANENT)
def test_a_permanent_error_is_asked_for_only_once(status, code, kind, connect):
    script = Script(failure(status, code))
    client, delays = connect(script, attempts=5)
    with pytest.raises(kind):
        client.school("A1")
    assert (len(script.requests), delays, client.request_count) == (1, [], 1)


def test_a_permanent_error_on_a_list_is_raised_at_once(connect):
    script = Script(failure(403, "access_denied", "Scope students.read not granted"))
    client, _ = connect(script)
    with pytest.raises(errors.AccessDenied):
        list(client.students("A1"))
    assert len(script.requests) == 1


def test_the_error_message_carries_the_code_and_the_description(connect):
    script = Script(failure(403, "access_denied", "The school has revoked access"))
    client, _ = connect(script)
    with pytest.raises(errors.AccessDenied) as raised:
        client.school("A1")
    assert "access_denied" in str(raised.value)
    assert "The school has revoked access" in str(raised.value)


def test_the_error_message_names_the_status_and_the_path(connect):
    client, _ = connect(Script(failure(404, "not_found")))
    with pytest.raises(errors.NotFound, match=r"404 .*/v1\.0/schools/A9"):
        client.school("A9")


def test_the_error_message_never_carries_the_token(connect):
    client, _ = connect(Script(failure(401, "invalid_token", "Bad token")))
    with pytest.raises(errors.Unauthorized) as raised:
        client.school("A1")
    assert TOKEN not in str(raised.value)


@pytest.mark.parametrize("status", [400, 405, 409, 410, 413])
def test_any_other_4xx_is_a_permanent_error(status, connect):
    script = Script(failure(status, "whatever"))
    client, _ = connect(script)
    with pytest.raises(errors.PermanentError) as raised:
        list(client.deletions("A1"))
    assert type(raised.value) is errors.PermanentError
    assert (raised.value.status, raised.value.permanent, len(script.requests)) == (status, True, 1)


def test_an_error_body_that_is_not_json_is_tolerated(connect):
    script = Script(httpx.Response(403, text="<html>Forbidden</html>"))
    client, _ = connect(script)
    with pytest.raises(errors.AccessDenied) as raised:
        client.school("A1")
    assert raised.value.code is None


def test_an_empty_error_body_is_tolerated(connect):
    client, _ = connect(Script(httpx.Response(502)), attempts=1)
    with pytest.raises(errors.ServerError) as raised:
        client.school("A1")
    assert raised.value.status == 502


def test_an_error_body_with_other_keys_is_tolerated(connect):
    body = {"message": "Unauthenticated.", "error": {"nested": True}}
    client, _ = connect(Script(httpx.Response(401, json=body)))
    with pytest.raises(errors.Unauthorized) as raised:
        client.school("A1")
    assert raised.value.code is None


def test_every_error_is_a_wonde_error(connect):
    client, _ = connect(Script(page([]), failure(401, "invalid_token")))
    list(client.students("A1"))
    with pytest.raises(errors.WondeError):
        client.school("A1")
