"""Who may see what: a signed-in member of a school sees that school only; admins manage it.

Every view takes its school from `request.member`, never from the URL, so guessing another
school's ids finds nothing (404).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from pupilsync.models import School, Staff

View = TypeVar("View", bound=Callable[..., HttpResponse])


def membership(request: HttpRequest) -> Staff | None:
    """The signed-in user's place in a school (cached on the request), or None."""
    if not request.user.is_authenticated:
        return None
    if not hasattr(request, "_member"):
        request._member = (  # type: ignore[attr-defined]
            Staff.objects.select_related("school").filter(user=request.user).first()
        )
    return request._member  # type: ignore[attr-defined,no-any-return]


def member_required(view: View) -> View:
    """Signed in and belonging to a school; otherwise the sign-in page or 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if membership(request) is None:
            raise PermissionDenied("This account does not belong to a school.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)  # type: ignore[return-value]


def admin_required(view: View) -> View:
    """A school admin; staff get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        member = membership(request)
        if member is None or not member.is_admin:
            raise PermissionDenied("Only a school admin can open this page.")
        return view(request, *args, **kwargs)

    return login_required(wrapped)  # type: ignore[return-value]


def school_of(request: HttpRequest) -> School:
    member = membership(request)
    assert member is not None, "the view must be wrapped in member_required or admin_required"
    return member.school
