"""What every page's layout needs: the user's school and role, the Admin menu, the banners."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pupilsync.web.access import membership
from pupilsync.web.banners import banners_for
from pupilsync.web.menu import ADMIN_MENU


def layout(request: HttpRequest) -> dict[str, Any]:
    # Django's own admin (/admin/) has its own layout and needs none of this.
    member = None if request.path.startswith("/admin/") else membership(request)
    return {
        "member": member,
        "admin_menu": ADMIN_MENU if member and member.is_admin else (),
        "banners": banners_for(member),
    }
