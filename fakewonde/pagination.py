"""Offset (`page`) and cursor (`cursor=true`) pagination over a list sorted by id.

The cursor is keyset pagination: its opaque token says "after this id", so pupils who join or
leave between two pages neither repeat nor go missing, while offset pages may shift, as they
would on any real server.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, TypeVar

from fakewonde.http import Request, Response, raw_json_response
from fakewonde.render import dumps

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
CURSOR_STARTS = ("true", "1")

T = TypeVar("T")
Renderer = Callable[[Any], str]  # a record's JSON text


class BadPageRequest(ValueError):
    pass


@dataclass(frozen=True)
class Page:
    items: list[Any]
    pagination: dict[str, Any]


def paginate(request: Request, items: Sequence[T], key: Callable[[T], str]) -> Page:
    """One page of `items` (sorted by `key`) and its `meta.pagination`."""
    per_page = _per_page(request.param("per_page"))
    cursor = request.param("cursor")
    if cursor is not None and cursor.lower() not in ("", "false", "0"):
        return _cursor_page(request, items, key, per_page, cursor)
    return _offset_page(request, items, per_page)


def _per_page(raw: str | None) -> int:
    try:
        wanted = int(raw) if raw else DEFAULT_PER_PAGE
    except ValueError:
        wanted = DEFAULT_PER_PAGE
    return max(1, min(wanted, MAX_PER_PAGE))


def _offset_page(request: Request, items: Sequence[T], per_page: int) -> Page:
    try:
        page = max(1, int(request.param("page") or 1))
    except ValueError:
        page = 1
    start = (page - 1) * per_page
    more = len(items) > start + per_page
    pagination = {
        "next": request.url_with(page=str(page + 1)) if more else None,
        "previous": request.url_with(page=str(page - 1)) if page > 1 else None,
        "more": more,
        "per_page": per_page,
        "current_page": page,
    }
    return Page(list(items[start : start + per_page]), pagination)


def _cursor_page(
    request: Request, items: Sequence[T], key: Callable[[T], str], per_page: int, cursor: str
) -> Page:
    after = None if cursor.lower() in CURSOR_STARTS else decode_cursor(cursor)
    start = 0 if after is None else bisect.bisect_right(items, after, key=key)
    chunk = list(items[start : start + per_page])
    more = start + per_page < len(items)
    pagination = {
        "next": request.url_with(cursor=encode_cursor(key(chunk[-1]))) if more else None,
        "previous": None,
        "more": more,
        "per_page": None,
        "current_page": None,
    }
    return Page(chunk, pagination)


def encode_cursor(after_id: str) -> str:
    raw = json.dumps({"after": after_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> str:
    try:
        padded = token + "=" * (-len(token) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded))["after"]
    except (binascii.Error, ValueError, KeyError, TypeError) as problem:
        raise BadPageRequest(f"invalid cursor {token!r}") from problem
    if not isinstance(after, str):
        raise BadPageRequest(f"invalid cursor {token!r}")
    return after


def page_response(request: Request, records: Sequence[Any], renderer: Renderer) -> Response:
    """A list response: one page of `records` (sorted by id) and its pagination."""
    page = paginate(request, records, attrgetter("id"))
    data = ",".join([renderer(record) for record in page.items])
    meta = dumps({"pagination": page.pagination})
    return raw_json_response('{"data":[' + data + '],"meta":' + meta + "}")
