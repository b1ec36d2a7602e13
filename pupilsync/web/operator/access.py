"""Who is an operator: an active Django staff user who belongs to no school.

A school account never opens the operator's pages, even one a superuser was given (the demo's
`admin`): those pages show every school, and a school's people see their own school only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from pupilsync.web.access import membership

View = TypeVar("View", bound=Callable[..., HttpResponse])


def is_operator(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff) and (
        membership(request) is None
    )


def operator_required(view: View) -> View:
    """An operator; anyone else signed in gets 403, and a visitor the sign-in page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_operator(request):
            raise PermissionDenied("Only the service's operators can open this page.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)  # type: ignore[return-value]
