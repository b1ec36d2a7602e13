"""Signing out after an idle spell: a request pushes the session's expiry SESSION_COOKIE_AGE
ahead again.

Django's SESSION_SAVE_EVERY_REQUEST would write the session on every request, photos
included: a page of fifty pupils would be fifty concurrent writes of one row (SQLite locks on
them). Here the session is written at most once a minute, so the idle time is kept to the
minute with one write.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

TOUCHED = "_pupilsync_touched"
EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.session_key is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(TOUCHED, 0)) >= EVERY_SECONDS:
                session[TOUCHED] = now  # modified: saved with a fresh expiry
        return self.get_response(request)
