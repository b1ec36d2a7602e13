"""The Wonde API v1.0 router: which handler answers which method and path under /v1.0."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fakewonde import api_data, api_schools
from fakewonde.api_schools import PREFIX, Handler
from fakewonde.http import Request, Response, error
from fakewonde.pagination import BadPageRequest

if TYPE_CHECKING:
    from fakewonde.world import FakeWonde

__all__ = ["PREFIX", "ROUTES", "dispatch"]


def dispatch(world: FakeWonde, request: Request) -> Response:
    path = request.path[len(PREFIX) :].rstrip("/") or "/"
    for method, pattern, handler in ROUTES:
        match = pattern.fullmatch(path)
        if match and method == request.method:
            try:
                return handler(world, request, match.groupdict())
            except BadPageRequest as problem:
                return error(422, str(problem))
    return error(404, f"No route for {request.method} {request.path}")


_SCHOOL = "(?P<school>[^/]+)"
_COLLECTION = "(?P<collection>" + "|".join(re.escape(name) for name in api_data.COLLECTIONS) + ")"

ROUTES: list[tuple[str, re.Pattern[str], Handler]] = [
    *(
        ("GET", re.compile(f"/schools{suffix}"), api_schools.school_list(states))
        for suffix, states in api_schools.SCHOOL_LISTS.items()
    ),
    ("GET", re.compile("/schools/all"), api_schools.all_schools),
    ("GET", re.compile(f"/schools/{_SCHOOL}"), api_schools.one_school),
    ("POST", re.compile(f"/schools/{_SCHOOL}/request-access"), api_schools.request_access),
    ("DELETE", re.compile(f"/schools/{_SCHOOL}/revoke-access"), api_schools.revoke_access),
    ("GET", re.compile(f"/meta/schools/{_SCHOOL}"), api_schools.meta),
    ("GET", re.compile(f"/meta/schools/{_SCHOOL}/permissions"), api_schools.permissions),
    ("GET", re.compile(f"/schools/{_SCHOOL}/counts"), api_data.counts),
    ("GET", re.compile(f"/schools/{_SCHOOL}/{_COLLECTION}"), api_data.collection_list),
    (
        "GET",
        re.compile(f"/schools/{_SCHOOL}/{_COLLECTION}/(?P<record>[^/]+)"),
        api_data.collection_one,
    ),
]
