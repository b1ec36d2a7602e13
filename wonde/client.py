"""A small, typed client for the Wonde API v1.0.

One `httpx.Client` underneath; tests pass an httpx transport (the fake Wonde's, or a
MockTransport) and nothing deeper is patched. Every list is read page by page, following the
absolute `meta.pagination.next` URL verbatim. Students are paged by cursor (`cursor=true`), so
a pupil who joins or leaves between two pages does not shift the others; a server that refuses
cursors is read by `page=` instead.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, ValidationError

from wonde import adapter, errors, reading
from wonde.dates import format_updated_after
from wonde.models import (
    AttendanceSummary,
    Deletion,
    Invalid,
    Permission,
    Photo,
    School,
    SchoolMeta,
    Student,
)
from wonde.retry import RetryPolicy

DEFAULT_BASE_URL = "https://api.wonde.com/v1.0"
PER_PAGE = 200  # Wonde's maximum for these endpoints
SMALL_ANSWER = 50  # Wonde's default page size: a list this small may come without pagination

M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")
E = TypeVar("E", bound=Exception)


@dataclass(frozen=True)
class AccessContact:
    """The member of school staff Wonde should contact about an access request."""

    first_name: str
    last_name: str
    email_address: str
    phone_number: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Page:
    url: str
    data: list[Any]
    next: str | None


@cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for every client in the process: loading the CA bundle costs about
    60 ms of CPU, more than the rest of a small school's delta sync. Contexts are thread-safe."""
    return httpx.create_ssl_context()


class WondeClient:
    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        per_page: int = PER_PAGE,
        observe: Callable[[str, str], None] | None = None,
        auth: str = "bearer",
    ) -> None:
        """`observe(event, status)` hears of each "request" and each "retry", with the HTTP
        status or "timeout" / "connection_error" (for metrics; it must not raise)."""
        self.retry = retry or RetryPolicy()
        self._observe = observe or _ignore
        self.per_page = per_page
        self.request_count = 0
        # One client may read several lists at once (see pupilsync.sync.fetch): what they share
        # is the count and a pause a Retry-After asked for, which holds back every list.
        self._lock = threading.Lock()
        self._resume_at = 0.0  # time.monotonic() before which no request is sent
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + "/",
            transport=transport,
            timeout=timeout,
            verify=tls_context(),
            headers={"Authorization": authorization(token, auth), "User-Agent": "pupilsync"},
        )

    @property
    def host(self) -> str:
        return self._http.base_url.netloc.decode()

    def use_region(self, domain: str) -> None:
        """Send this school's requests to its own regional domain (scheme and path kept)."""
        self._http.base_url = regional_url(str(self._http.base_url), domain)

    def __enter__(self) -> WondeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def __repr__(self) -> str:  # never show the token
        return f"<WondeClient {self._http.base_url}>"

    # Schools and the connection --------------------------------------------------------------

    def school(self, school_id: str) -> School:
        return _validated(School, self.get(f"schools/{school_id}")["data"])

    def approved_schools(self) -> Iterator[School]:
        return self._strict(self.records("schools"), School)

    def pending_schools(self) -> Iterator[School]:
        return self._strict(self.records("schools/pending"), School)

    def revoked_schools(self) -> Iterator[School]:
        return self._strict(self.records("schools/revoked"), School)

    def declined_schools(self) -> Iterator[School]:
        return self._strict(self.records("schools/declined"), School)

    def request_access(self, school_id: str, contacts: Sequence[AccessContact]) -> dict[str, Any]:
        body = {"contacts": [c.__dict__ for c in contacts]}
        # Wonde answers {"success": true, "state": ..., "message": ...}: no `data` envelope.
        path = f"schools/{school_id}/request-access"
        return self.request("POST", path, json=body, enveloped=False)

    def school_meta(self, school_id: str) -> SchoolMeta:
        return _validated(SchoolMeta, self.get(f"meta/schools/{school_id}")["data"])

    def permissions(self, school_id: str) -> list[Permission]:
        body = self.get(f"meta/schools/{school_id}/permissions")
        return [_validated(Permission, item) for item in body["data"] or []]

    def student_count(self, school_id: str) -> int | None:
        body = self.get(f"schools/{school_id}/counts", {"include": "students"})
        data = body["data"] if isinstance(body["data"], dict) else {}
        students = adapter.unwrap_one(data.get("students"))
        count = adapter.to_int(students.get("count")) if isinstance(students, dict) else None
        return count if isinstance(count, int) and not isinstance(count, bool) else None

    # School data -----------------------------------------------------------------------------

    def students(
        self,
        school_id: str,
        *,
        include: Iterable[str] = adapter.STUDENT_INCLUDES,
        updated_after: dt.datetime | None = None,
    ) -> Iterator[Student | Invalid]:
        params = _list_params(include, updated_after)
        path = f"schools/{school_id}/students"
        return self._parse(self._by_cursor(path, params), Student)

    def leavers(
        self, school_id: str, *, updated_after: dt.datetime | None = None
    ) -> Iterator[Student | Invalid]:
        params = _list_params(("education_details",), updated_after)
        return self._parse(self.records(f"schools/{school_id}/students-leaver", params), Student)

    def deletions(
        self, school_id: str, *, type: str = "student", updated_after: dt.datetime | None = None
    ) -> Iterator[Deletion | Invalid]:
        params = {**_list_params((), updated_after), "type": type}
        return self._parse(self.records(f"schools/{school_id}/deletions", params), Deletion)

    def attendance_summaries(
        self, school_id: str, *, updated_after: dt.datetime | None = None
    ) -> Iterator[AttendanceSummary | Invalid]:
        params = _list_params((), updated_after)
        path = f"schools/{school_id}/attendance-summaries"
        return self._parse(self.records(path, params), AttendanceSummary)

    def photos(
        self, school_id: str, *, updated_after: dt.datetime | None = None
    ) -> Iterator[Photo | Invalid]:
        params = _list_params((), updated_after)
        return self._parse(self.records(f"schools/{school_id}/photos", params), Photo)

    # Transport -------------------------------------------------------------------------------

    def records(self, path: str, params: dict[str, Any] | None = None) -> Iterator[Any]:
        for page in self.pages(path, params):
            yield from page.data

    def _by_cursor(self, path: str, params: dict[str, Any]) -> Iterator[Any]:
        """Records paged by cursor; by `page=` when the first cursor request is refused."""
        pages = self.pages(path, {**params, "cursor": "true"})
        try:
            first = next(pages, None)
        except errors.PermanentError as error:
            if isinstance(error, errors.Unauthorized | errors.AccessDenied | errors.NotFound):
                raise
            pages, first = self.pages(path, params), None
        if first is not None:
            yield from first.data
        for page in pages:
            yield from page.data

    def pages(self, path: str, params: dict[str, Any] | None = None) -> Iterator[Page]:
        """Every page of a list, first to last. A `next` that loops back is an error."""
        params = {"per_page": self.per_page, **(params or {})}
        url: str | None = str(self._http.build_request("GET", path, params=params).url)
        seen: set[str] = set()
        while url:
            if url in seen:
                raise errors.MalformedResponse(
                    f"pagination loops back to a page read before: {url}"
                )
            seen.add(url)
            # A page cut short is as transient as a 503: it is checked inside the retries.
            page = self._retrying(partial(self._page, url))
            yield page
            url = page.next

    def get(self, url: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.request("GET", url, params=params)

    def request(
        self, method: str, url: str, *, enveloped: bool = True, **kwargs: Any
    ) -> dict[str, Any]:
        """One call with bounded retries on transient errors; the parsed JSON envelope.

        `enveloped=False` accepts any JSON object, for the few answers without `data`.
        """
        return self._retrying(lambda: self._send(method, url, enveloped=enveloped, **kwargs))

    def _page(self, url: str) -> Page:
        return _page(url, self._send("GET", url), self.per_page)

    def _retrying(self, call: Callable[[], R]) -> R:
        attempt = 1
        while True:
            try:
                return call()
            except errors.TransientError as error:
                if attempt >= self.retry.attempts:
                    raise
                retry_after = getattr(error, "retry_after", None)
                self._observe("retry", getattr(error, "observed_status", "error"))
                self._wait(self.retry.delay(attempt, retry_after), shared=retry_after is not None)
                attempt += 1

    def _wait(self, seconds: float, *, shared: bool) -> None:
        """Sleep before a retry; a server-given wait holds back the other lists' requests too."""
        if not shared:
            self.retry.sleep(seconds)
            return
        resume_at = time.monotonic() + seconds
        with self._lock:
            self._resume_at = max(self._resume_at, resume_at)
        self.retry.sleep(seconds)
        with self._lock:  # waited out: by this thread's clock the pause is over
            if self._resume_at <= resume_at:
                self._resume_at = 0.0

    def _hold_off(self) -> None:
        with self._lock:
            self.request_count += 1
            wait = self._resume_at - time.monotonic()
        if wait > 0:
            self.retry.sleep(wait)

    def _send(
        self, method: str, url: str, *, enveloped: bool = True, **kwargs: Any
    ) -> dict[str, Any]:
        self._hold_off()
        try:
            response = self._http.request(method, url, **kwargs)
        except httpx.TimeoutException as error:
            self._observe("request", "timeout")
            raise _observed(
                errors.NetworkError(f"Wonde did not answer in time ({type(error).__name__})"),
                "timeout",
            ) from None
        except httpx.TransportError as error:
            self._observe("request", "connection_error")
            raise _observed(
                errors.NetworkError(f"connection to Wonde failed ({type(error).__name__})"),
                "connection_error",
            ) from None
        self._observe("request", str(response.status_code))
        if response.status_code >= 300:
            raise _observed(_error_for(response), str(response.status_code))
        return _envelope(response, enveloped)

    # Parsing ---------------------------------------------------------------------------------

    @staticmethod
    def _parse(items: Iterator[Any], model: type[M]) -> Iterator[M | Invalid]:
        """Each record read field by field: a bad value is dropped and noted on the record."""
        for item in items:
            try:
                record, _ = reading.read(model, item)
            except reading.Unusable as error:
                yield _invalid(item, str(error))
                continue
            yield record

    @staticmethod
    def _strict(items: Iterator[Any], model: type[M]) -> Iterator[M]:
        for item in items:
            yield _validated(model, item)


def authorization(token: str, scheme: str = "bearer") -> str:
    """Wonde takes the token as a Bearer token, or as a Basic user name with no password."""
    if scheme.lower() == "basic":
        return "Basic " + base64.b64encode(f"{token}:".encode()).decode()
    if scheme.lower() != "bearer":
        raise ValueError(f"unknown Wonde auth scheme {scheme!r}: use bearer or basic")
    return f"Bearer {token}"


def regional_url(base_url: str, domain: str) -> str:
    """`base_url` with its host replaced by a school's `region.domain`."""
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, domain, parts.path, "", "")).rstrip("/") + "/"


def _validated(model: type[M], item: Any) -> M:
    """A record the caller cannot do without: unreadable, it is a malformed response."""
    try:
        return model.model_validate(item)
    except ValidationError as error:
        raise errors.MalformedResponse(f"an unreadable {model.__name__} record: {error}") from None


def _ignore(event: str, status: str) -> None:
    pass


def _observed(error: E, status: str) -> E:
    """The error, remembering the status that caused it, for the retry's `observe`."""
    error.observed_status = status  # type: ignore[attr-defined]
    return error


def _list_params(include: Iterable[str], updated_after: dt.datetime | None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    include = ",".join(include)
    if include:
        params["include"] = include
    if updated_after is not None:
        params["updated_after"] = format_updated_after(updated_after)
    return params


def _envelope(response: httpx.Response, enveloped: bool = True) -> dict[str, Any]:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        path = response.url.path
        raise errors.MalformedResponse(f"Wonde sent a body that is not JSON ({path})") from None
    if not isinstance(body, dict) or (enveloped and "data" not in body):
        raise errors.MalformedResponse(f"Wonde sent JSON without `data` ({response.url.path})")
    return body


def _page(url: str, body: dict[str, Any], per_page: int) -> Page:
    data = body["data"]
    if not isinstance(data, list):
        raise errors.MalformedResponse(f"expected a list of records from {url}")
    meta = body.get("meta")
    pagination = meta.get("pagination") if isinstance(meta, dict) else None
    if not isinstance(pagination, dict):
        # Wonde leaves pagination out of an answer of up to 50 records (its default page size).
        # A bigger page without it may have been cut short, and reading it as the last would
        # make every later pupil "leave".
        if len(data) < per_page and len(data) <= SMALL_ANSWER:
            return Page(url=url, data=data, next=None)
        raise errors.MalformedResponse(f"a full page without pagination metadata from {url}")
    next_url = pagination.get("next")
    if next_url is not None and not isinstance(next_url, str):
        raise errors.MalformedResponse(f"a page whose `next` is not a URL from {url}")
    return Page(url=url, data=data, next=next_url or None)


def _error_for(response: httpx.Response) -> errors.WondeError:
    code, text = _error_body(response)
    status = response.status_code
    message = f"Wonde answered {status} {code or ''} for {response.request.url.path}".strip()
    if text:
        message += f": {text}"
    if status == 429:
        return errors.RateLimited(message, retry_after=_retry_after(response), code=code)
    kind: type[errors.WondeError] = {
        401: errors.Unauthorized,
        403: errors.AccessDenied,
        404: errors.NotFound,
        422: errors.ValidationFailed,
    }.get(status, errors.PermanentError if status < 500 else errors.ServerError)
    return kind(message, status=status, code=code)


def _error_body(response: httpx.Response) -> tuple[str | None, str | None]:
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None, None
    if not isinstance(body, dict):
        return None, None
    code = body.get(adapter.ERROR_CODE_KEY)
    text = body.get(adapter.ERROR_TEXT_KEY)
    return (code if isinstance(code, str) else None, text if isinstance(text, str) else None)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _invalid(item: Any, problems: str) -> Invalid:
    """An unusable record, with whatever identities in it are readable."""
    fields = item if isinstance(item, dict) else {}
    education = adapter.unwrap_one(fields.get("education_details"))
    upn = education.get("upn") if isinstance(education, dict) else None
    return Invalid(
        id=_ident(fields.get("id")),
        upi=_ident(fields.get("upi")),
        mis_id=_ident(fields.get("mis_id")),
        upn=_ident(upn),
        error=problems or "the record is not an object",
    )


def _ident(value: Any) -> str | None:
    value = adapter.to_text(value)
    return (value.strip() or None) if isinstance(value, str) else None
