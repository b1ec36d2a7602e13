"""The permission scopes a school grants the app (the contract's Permissions table)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fakewonde.dates import stamp


@dataclass(frozen=True)
class Scope:
    identity: str
    name: str
    description: str
    group: str
    optional: bool
    parent: str | None = None


SCOPES: tuple[Scope, ...] = (
    Scope("students.read", "Students read", "Pupils on roll and leavers", "Students", False),
    Scope(
        "students.education_details.read",
        "Students education details read",
        "UPN, year group, admission and leaving dates",
        "Students",
        False,
        "students.read",
    ),
    Scope(
        "students.extended_details.read",
        "Students extended details read",
        "Free school meals, pupil premium, EAL, ethnicity and care status",
        "Students",
        True,
        "students.read",
    ),
    Scope(
        "students.sen.read",
        "Students SEN read",
        "SEN provision and ranked SEN needs",
        "Students",
        True,
        "students.read",
    ),
    Scope(
        "attendance.summaries.read",
        "Attendance summaries read",
        "Each pupil's attendance totals for the academic year",
        "Attendance",
        True,
    ),
    Scope("contacts.read", "Contacts read", "Pupils' contacts", "Contacts", True),
    Scope(
        "contacts.contact_details.read",
        "Contacts contact details read",
        "Contacts' email addresses, phone numbers and addresses",
        "Contacts",
        True,
        "contacts.read",
    ),
    Scope("photos.read", "Photos read", "Pupil photos", "Photos", True),
    Scope("classes.read", "Classes read", "Teaching classes and their pupils", "Classes", True),
    Scope(
        "groups.read", "Groups read", "Registration groups, year groups and houses", "Groups", True
    ),
)

IDENTITIES = frozenset(scope.identity for scope in SCOPES)


def all_granted() -> dict[str, bool]:
    return {scope.identity: True for scope in SCOPES}


def permission_list(granted: dict[str, bool], active_from: dt.datetime) -> list[dict[str, Any]]:
    return [
        {
            "identity": scope.identity,
            "name": scope.name,
            "description": scope.description,
            "parent": scope.parent,
            "group": scope.group,
            "active_from": stamp(active_from),
            "optional": scope.optional,
            "approved": granted.get(scope.identity, False),
        }
        for scope in SCOPES
    ]
