"""Notices shown across the top of pages: one function decides them, the layout shows them.

The scheduling work (summer pause, missing term dates) adds its banners here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pupilsync.models import School, Staff
from pupilsync.web.schedule import schedule_notices


@dataclass(frozen=True)
class Banner:
    level: str  # info | warning | error
    text: str
    link_label: str = ""
    url_name: str = ""


def banners_for(member: Staff | None) -> list[Banner]:
    if member is None or not member.is_admin:
        return []
    return _connection_banners(member.school) + _schedule_banners(member.school)


def _schedule_banners(school: School) -> list[Banner]:
    return [
        Banner(level, text, "Term Dates", "term-dates") for level, text in schedule_notices(school)
    ]


def _connection_banners(school: School) -> list[Banner]:
    state = school.connection
    if state == School.Connection.REVOKED:
        return [
            Banner(
                "error",
                "The school's Wonde connection was revoked: the MIS sync has stopped.",
                "MIS Sync",
                "mis-sync",
            )
        ]
    if state == School.Connection.DECLINED:
        return [
            Banner("error", "The Wonde connection request was declined.", "MIS Sync", "mis-sync")
        ]
    return []
