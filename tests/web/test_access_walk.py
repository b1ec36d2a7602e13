"""Every URL of the app, found by walking the URL resolver (so a view added later is walked too),
requested as a user of another school, as staff where an admin is needed, and signed out: each
answers 403, 404, 405 or a redirect to sign-in, and never shows the school's data.

Every path parameter is filled with one id that belongs, in every table, to the school under
attack: whatever a new view looks up by id, it finds that school's object unless it scopes
the query to the user's own school.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from pupilsync.accounts import add_member
from pupilsync.api import keys
from pupilsync.models import (
    ApiKey,
    AuditEvent,
    Erasure,
    FeedEntry,
    Pupil,
    PupilAccess,
    PupilChange,
    PupilPhoto,
    PupilYear,
    School,
    SenCode,
    SyncIssue,
    SyncRun,
    Webhook,
    WebhookDelivery,
)

pytestmark = pytest.mark.django_db

ID = 424242
SECRETS = (
    "Zephyrine", "Quillfeather", "Oakfield Primary", "only-oakfield-sees-this", "A123456789012"
)  # fmt: skip
# Pages open to anyone: they must still show no school's data.
PUBLIC = {"login", "logout", "home", "admin:login", "admin:logout", "healthz"} | {
    "api:openapi-json",
    "password-reset",
    "password-reset-done",
    "password-reset-confirm",  # a link that is not a real one's is a 404
    "password-reset-complete",
}
# Pages for every member of a school, staff included.
MEMBER = {"pupils", "pupil", "pupil-photo"}
# Pages for the service's operators (Django staff in no school), which show every school.
OPERATOR = {"operator-board", "operator-school"}
SIGN_IN = ("/sign-in/", "/admin/login/")
REFUSED = {401, 403, 404, 405}  # 401: the API, without a key of the school


@dataclass(frozen=True)
class Route:
    name: str
    url: str
    has_params: bool


def routes() -> list[Route]:
    return list(_walk(get_resolver(), "", ""))


def _walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            pattern = prefix + str(entry.pattern)
            url, has_params = _fill(pattern)
            name = f"{namespace}{entry.name}" if entry.name else pattern
            yield Route(name, url, has_params)


def _fill(pattern: str) -> tuple[str, bool]:
    """A concrete path for a route or regex pattern, every parameter given the shared id."""
    filled, count = re.subn(r"<(?:(\w+):)?\w+>", lambda m: _value(m.group(1) or "str"), pattern)
    while "(?P<" in filled:
        filled = _fill_group(filled)
        count += 1
    path = "/" + filled.replace("^", "").replace("$", "")
    return path, count > 0


def _value(converter: str) -> str:
    return "00000000-0000-0000-0000-000000424242" if converter == "uuid" else str(ID)


def _fill_group(pattern: str) -> str:
    start = pattern.index("(?P<")
    depth, end = 0, start
    for end in range(start, len(pattern)):
        depth += {"(": 1, ")": -1}.get(pattern[end], 0)
        if depth == 0:
            break
    inner = pattern[pattern.index(">", start) + 1 : end]
    value = next(v for v in ("pupilsync", str(ID), "x") if re.fullmatch(inner, v))
    return pattern[:start] + value + pattern[end + 1 :]


ROUTES = routes()


@pytest.fixture
def oakfield(db: None) -> School:
    """The school under attack: one object of each kind, all with the same id."""
    school = School.objects.create(pk=ID, name="Oakfield Primary", wonde_id="A000000001")
    pupil = Pupil.objects.create(
        pk=ID, school=school, forename="Zephyrine", surname="Quillfeather", upn="A123456789012"
    )
    PupilYear.objects.create(pk=ID, pupil=pupil, school=school, academic_year=2026, year_group="4")
    PupilPhoto.objects.create(
        pupil=pupil,
        school=school,
        wonde_hash="h",
        image=b"\xff\xd8only-oakfield-sees-this",
        width=1,
        height=1,
        updated_at=timezone.now(),
    )
    now = timezone.now()
    run = SyncRun.objects.create(
        pk=ID, school=school, trigger="cli", status="held", started_at=now, error="Zephyrine"
    )
    SyncIssue.objects.create(
        pk=ID, run=run, school=school, pupil=pupil, code="x", severity="error", message="Zephyrine"
    )
    PupilChange.objects.create(
        pk=ID, school=school, pupil=pupil, field="surname", old="A", new="Quillfeather",
        source="wonde", changed_at=now,
    )  # fmt: skip
    SenCode.objects.create(pk=ID, school=school, code="ZQ", provision="K")
    AuditEvent.objects.create(pk=ID, school=school, by="Zephyrine", action="sync_started")
    Erasure.objects.create(
        pk=ID, school=school, pupil=pupil, keys=["k"], request="Zephyrine", by="x", erased_at=now
    )
    PupilAccess.objects.create(
        pk=ID, school=school, pupil=pupil, by="Zephyrine", kind="page", day=now.date(), first_at=now
    )
    _host_app(school, now)
    return school


def _host_app(school: School, now) -> None:
    """Oakfield's API key, change feed and webhook, under the shared id."""
    ApiKey.objects.create(
        pk=ID, school=school, name="Zephyrine", prefix="oak", digest="x", created_by="x",
        created_at=now,
    )  # fmt: skip
    FeedEntry.objects.create(
        pk=ID, school=school, seq=1, pupil_id=ID, kind="created", fields=["surname"], at=now
    )
    webhook = Webhook.objects.create(
        pk=ID, school=school, url="https://only-oakfield-sees-this.example/", secret="s",
        created_by="x", created_at=now,
    )  # fmt: skip
    WebhookDelivery.objects.create(
        pk=ID, webhook=webhook, school=school, first_seq=1, last_seq=1, attempt=1, at=now
    )


@pytest.fixture
def outsider(oakfield: School) -> Client:
    """An admin of another school, which is not connected (so nothing is queued by a POST)."""
    other = School.objects.create(name="Riverside School", wonde_id="B000000002")
    browser = Client()
    browser.force_login(add_member(other, "head@riverside.example", "admin", "pw-123456789").user)
    return browser


@pytest.fixture
def staff(oakfield: School) -> Client:
    browser = Client()
    browser.force_login(add_member(oakfield, "t@oakfield.example", "staff", "pw-123456789").user)
    return browser


def test_the_walk_finds_every_page_of_the_app():
    names = {route.name for route in ROUTES}
    assert {"pupils", "pupil", "mis-sync", "sync-settings", "sync-permissions"} <= names
    assert {"data-protection", "pupil-subject-access", "pupil-subject-access-json"} <= names
    assert {"password-reset", "password-reset-confirm", "password-reset-complete"} <= names
    assert all(resolve(route.url) for route in ROUTES)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_user_of_another_school_never_sees_its_data(outsider, route, method):
    response = getattr(outsider, method)(route.url)
    assert not _leaks(response), f"{method.upper()} {route.url} shows Oakfield's data"
    if route.has_params:
        assert _refused(response), f"{method.upper()} {route.url} answered {response.status_code}"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.name not in MEMBER | PUBLIC], ids=lambda r: r.name
)
def test_staff_cannot_use_a_page_that_needs_an_admin(staff, route, method):
    response = getattr(staff, method)(route.url)
    assert _refused(response), f"{method.upper()} {route.url} answered {response.status_code}"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(oakfield, route, method):
    response = getattr(Client(), method)(route.url)
    assert not _leaks(response), f"{method.upper()} {route.url} shows Oakfield's data"
    if route.name not in PUBLIC:
        assert _refused(response), f"{method.upper()} {route.url} answered {response.status_code}"


@pytest.fixture
def superuser_admin(oakfield: School) -> Client:
    """Oakfield's own admin, made a Django superuser (as the demo's `admin` is)."""
    member = add_member(oakfield, "head@oakfield.example", "admin", "pw-123456789")
    member.user.is_staff = member.user.is_superuser = True
    member.user.save()
    browser = Client()
    browser.force_login(member.user)
    return browser


def test_the_walk_finds_the_operators_pages():
    assert {route.name for route in ROUTES} >= OPERATOR


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", [r for r in ROUTES if r.name in OPERATOR], ids=lambda r: r.name)
def test_a_school_account_never_opens_an_operators_page(superuser_admin, route, method):
    response = getattr(superuser_admin, method)(route.url)
    assert _refused(response), f"{method.upper()} {route.url} answered {response.status_code}"


API = [r for r in ROUTES if r.name.startswith("api:")]


@pytest.fixture
def outsider_key(oakfield: School) -> Client:
    """The API, with a key of another school."""
    other = School.objects.create(name="Riverside School", wonde_id="B000000002")
    secret = keys.create(other, "Riverside app", by="test").secret
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_the_walk_finds_the_apis_endpoints():
    assert {"api:pupils", "api:pupil", "api:changes", "api:openapi-json"} <= {r.name for r in API}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", API, ids=lambda r: r.name)
def test_a_key_of_another_school_never_reads_its_data(outsider_key, route, method):
    response = getattr(outsider_key, method)(route.url)
    assert not _leaks(response), f"{method.upper()} {route.url} shows Oakfield's data"
    if route.has_params:
        assert _refused(response), f"{method.upper()} {route.url} answered {response.status_code}"


def _refused(response) -> bool:
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and response["Location"].startswith(SIGN_IN)


def _leaks(response) -> bool:
    """Oakfield's data, or the Wonde token (the conftest sets one), in the answer."""
    body = b"".join(response) if response.streaming else response.content
    shown = body + str(response.headers).encode()
    return any(secret.encode() in shown for secret in (*SECRETS, settings.WONDE_API_TOKEN))


# Headers: every URL, whoever asks, answers with the same protective headers.

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
    ),
    "Cache-Control": ("no-store", "private"),
    "Referrer-Policy": ("same-origin",),
    "Permissions-Policy": ("camera=()", "geolocation=()", "microphone=()"),
    "X-Content-Type-Options": ("nosniff",),
    "X-Frame-Options": ("DENY",),
    "Cross-Origin-Opener-Policy": ("same-origin",),
}


@pytest.fixture
def owner(oakfield: School) -> Client:
    """Oakfield's own admin, who is shown every page (and the pupil data on it)."""
    browser = Client()
    browser.force_login(add_member(oakfield, "head@oakfield.example", "admin", "pw-123456789").user)
    return browser


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_page_sends_the_protective_headers_to_its_school(owner, route):
    assert _missing_headers(owner.get(route.url)) == {}, route.url


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_every_page_sends_the_protective_headers_to_a_visitor(oakfield, route):
    assert _missing_headers(Client().get(route.url)) == {}, route.url


def _missing_headers(response) -> dict[str, str]:
    return {
        name: response.headers.get(name, "(none)")
        for name, wanted in HEADERS.items()
        if not all(part in response.headers.get(name, "") for part in wanted)
    }
