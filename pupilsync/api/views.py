"""The API's endpoints, under /api/v1/: every query is scoped to the key's school.

The key comes in `Authorization: Bearer KEY`, never in the URL (URLs are logged).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer

from pupilsync.api import keys
from pupilsync.api.schemas import ChangesOut, CursorOut, PupilOut, pupil_dict
from pupilsync.models import ApiKey, PupilYear, School
from pupilsync.roster import latest_years
from pupilsync.sync import feed

MAX_CHANGES = 1000


class KeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return keys.authenticate(token)


api = NinjaAPI(
    title="pupilsync",
    version="1",
    description="A school's pupils and the changes to them, read with the school's API key.",
    urls_namespace="api",
    docs_url=None,  # Swagger UI needs scripts from a CDN, which the pages' CSP refuses
    openapi_url="/schema",
    auth=KeyAuth(),
)


def school(request: HttpRequest) -> School:
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    return key.school


class Rows(Sequence[dict[str, Any]]):
    """A queryset of year rows that pages like a list of PupilOut dicts, one slice at a time."""

    def __init__(self, rows: QuerySet[PupilYear]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return self.rows.count()

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [pupil_dict(row) for row in self.rows[index]]
        return pupil_dict(self.rows[index])


def _years(request: HttpRequest) -> QuerySet[PupilYear]:
    return latest_years(school(request)).select_related("pupil").order_by("pupil_id")


@api.get("/pupils", response=list[PupilOut], summary="The school's pupils, by id")
@paginate(LimitOffsetPagination)
def pupils(
    request: HttpRequest, status: str = Query("on_roll", pattern="^(on_roll|left|all)$")
) -> Rows:
    rows = _years(request)
    if status != "all":
        rows = rows.filter(pupil__on_roll=status == "on_roll")
    return Rows(rows)


@api.get("/pupils/by-upn", response=PupilOut, summary="One pupil, by UPN")
def pupil_by_upn(request: HttpRequest, upn: str = Query(..., max_length=13)) -> dict[str, Any]:
    # In the query string, not the path: a UPN is personal, and paths are logged.
    row = _years(request).filter(pupil__upn=upn.upper()).order_by("-pupil__on_roll", "-pk").first()
    if row is None:
        raise Http404("No such pupil.")
    return pupil_dict(row)


@api.get("/pupils/{pupil_id}", response=PupilOut, summary="One pupil, by id")
def pupil(request: HttpRequest, pupil_id: int) -> dict[str, Any]:
    row = _years(request).filter(pupil_id=pupil_id).first()
    if row is None:
        raise Http404("No such pupil.")
    return pupil_dict(row)


@api.get("/changes", response=ChangesOut, summary="Changes after a cursor, in commit order")
def changes(
    request: HttpRequest,
    since: int = Query(0, ge=0, description="the `next` cursor of the last answer; 0 at first"),
    limit: int = Query(500, ge=1, le=MAX_CHANGES),
) -> dict[str, Any]:
    rows = feed.entries(school(request), since, limit + 1)
    page = rows[:limit]
    return {
        "changes": feed.describe(school(request), page),
        "next": str(page[-1].seq if page else since),
        "more": len(rows) > limit,
    }


@api.get("/changes/head", response=CursorOut, summary="The cursor of the newest change")
def head(request: HttpRequest) -> dict[str, str]:
    return {"cursor": str(feed.head(school(request)))}
