"""Which Wonde permissions each feature needs, and what a run may read given those granted.

A denied scope is never read as empty data: a feature without its permissions is not fetched at
all, its fields are left as we hold them, and the run says so in one issue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pupilsync.sync.connect import wonde_client
from pupilsync.sync.records import Problem
from pupilsync.sync.rules import Rules
from wonde.models import Permission

# The permission identities the project asks for, with Wonde's names for them.
NAMES = {
    "students.read": "Students read",
    "students.education_details.read": "Students education details read",
    "students.extended_details.read": "Students extended details read",
    "students.sen.read": "Students SEN read",
    "attendance.summaries.read": "Attendance summaries read",
    "contacts.read": "Contacts read",
    "contacts.contact_details.read": "Contacts contact details read",
    "photos.read": "Photos read",
    "classes.read": "Classes read",
    "groups.read": "Groups read",
}


@dataclass(frozen=True)
class Feature:
    key: str
    label: str
    permissions: tuple[str, ...]
    includes: tuple[str, ...] = ()  # /students includes that bring it
    setting: str | None = None  # the sync setting that turns it on, if any
    required: bool = False  # without it there is nothing to sync


FEATURES = (
    Feature(
        "pupils",
        "Pupils",
        ("students.read", "students.education_details.read"),
        ("education_details", "year"),
        required=True,
    ),
    Feature(
        "extended",
        "FSM, pupil premium, EAL, ethnicity and in care",
        ("students.extended_details.read",),
        ("extended_details",),
    ),
    Feature(
        "sen",
        "SEN provision and needs",
        ("students.extended_details.read", "students.sen.read"),
        ("extended_details", "sen_needs"),
    ),
    Feature("attendance", "Attendance summaries", ("attendance.summaries.read",)),
    Feature(
        "contacts",
        "Pupil contacts",
        ("contacts.read", "contacts.contact_details.read"),
        ("contacts", "contacts.contact_details"),
        setting="sync_contacts",
    ),
    Feature("photos", "Pupil photos", ("photos.read",), setting="sync_photos"),
    Feature("classes", "Classes", ("classes.read",), ("classes",)),
    Feature("groups", "Registration groups", ("groups.read",), ("registration",)),
)
BY_KEY = {feature.key: feature for feature in FEATURES}


@dataclass(frozen=True)
class Access:
    """What one run reads: the features that are on and granted."""

    features: frozenset[str]
    problems: tuple[Problem, ...] = ()
    blocked: str = ""  # why nothing at all can be synced, if so

    @property
    def includes(self) -> tuple[str, ...]:
        names = [name for f in FEATURES if f.key in self.features for name in f.includes]
        return tuple(dict.fromkeys(names))

    def reads(self, feature: str) -> bool:
        return feature in self.features


def granted(permissions: Iterable[Permission]) -> frozenset[str]:
    return frozenset(p.identity for p in permissions if p.approved)


def resolve(granted: frozenset[str], rules: Rules) -> Access:
    """The features a run reads, and an issue for each one that is on but not granted."""
    features: set[str] = set()
    problems: list[Problem] = []
    for feature in FEATURES:
        if not _wanted(feature, rules):
            continue
        missing = [p for p in feature.permissions if p not in granted]
        if not missing:
            features.add(feature.key)
        elif feature.required:
            return Access(frozenset(), blocked=_blocked(missing))
        else:
            problems.append(_denied(feature, missing))
    return Access(frozenset(features), tuple(problems))


def report(permissions: Iterable[Permission]) -> list[dict[str, Any]]:
    """Each permission the features need: granted or denied, and the features that use it."""
    given = granted(permissions)
    return [
        {
            "identity": identity,
            "name": name,
            "granted": identity in given,
            "features": [f.label for f in FEATURES if identity in f.permissions],
        }
        for identity, name in NAMES.items()
    ]


def school_report(wonde_id: str) -> list[dict[str, Any]]:
    """`report` for one school, read from Wonde now."""
    with wonde_client() as client:
        return report(client.permissions(wonde_id))


def _wanted(feature: Feature, rules: Rules) -> bool:
    if feature.key == "sen":
        return rules.sync_sen_types or rules.sync_sen_provision
    return feature.setting is None or bool(getattr(rules, feature.setting))


def _names(missing: list[str]) -> str:
    return " and ".join(f"'{NAMES[p]}'" for p in missing)


def _denied(feature: Feature, missing: list[str]) -> Problem:
    lead = f"{feature.label} are on" if feature.setting else f"{feature.label} are synced"
    message = (
        f"{lead}, but the school has not granted {_names(missing)} in Wonde, so they were not "
        "read this time and what we hold was kept. Grant the permission in the school's "
        "Wonde portal (Permissions page)."
    )
    return Problem("permission_denied", message, "warning")


def _blocked(missing: list[str]) -> str:
    return (
        f"The school has not granted {_names(missing)} in Wonde, which the sync needs to read "
        "any pupils; nothing was changed. Grant it in the school's Wonde portal."
    )
