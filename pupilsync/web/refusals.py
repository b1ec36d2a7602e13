"""One log line for each refused request (403, 404): who, what and why, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

log = logging.getLogger(__name__)
REFUSED = {403, 404}


class RefusalLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in REFUSED:
            log.warning(
                "refused %s %s %s to %s: %s",
                response.status_code,
                request.method,
                request.path[:200],  # the path only: a query string may hold a pupil's name
                who(request),
                getattr(request, "_refused_because", "") or response.reason_phrase,
            )
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied | Http404):
            request._refused_because = str(exception)[:200]  # type: ignore[attr-defined]


def who(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "a visitor not signed in"
    return f"user {user.pk} ({user.get_username()})"
