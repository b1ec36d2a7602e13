"""Which Wonde permissions each feature needs, and what a run may read given those Wonde lists.

The table lives in `data/wonde_permissions.toml`. Its identity strings are guesses no public
source confirms, so a guess cannot lock a school out: an identity missing from the school's
list is *unknown* and the feature is read anyway (what comes back decides). Only an identity
Wonde lists with `approved: false` is *denied*: that feature is not fetched at all, its fields
are left as we hold them, and the run says so in one issue.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from pupilsync.sync.connect import wonde_client
from pupilsync.sync.options import SyncOptions
from pupilsync.sync.records import Problem
from wonde.models import Permission

if TYPE_CHECKING:
    from pupilsync.models import School

GRANTED, DENIED, UNKNOWN = "granted", "denied", "unknown"


@dataclass(frozen=True)
class Feature:
    key: str
    label: str
    permissions: tuple[str, ...]
    includes: tuple[str, ...] = ()  # /students includes that bring it
    setting: str | None = None  # the sync setting that turns it on, if any
    required: bool = False  # without it there is nothing to sync


def _load() -> tuple[dict[str, str], tuple[Feature, ...]]:
    text = resources.files("pupilsync.sync").joinpath("data/wonde_permissions.toml").read_text()
    table = tomllib.loads(text)
    features = tuple(
        Feature(
            key=row["key"],
            label=row["label"],
            permissions=tuple(row["permissions"]),
            includes=tuple(row.get("includes", ())),
            setting=row.get("setting"),
            required=bool(row.get("required", False)),
        )
        for row in table["features"]
    )
    return dict(table["identities"]), features


# The permission identities the project asks for, with Wonde's names for them; the features.
NAMES, FEATURES = _load()
BY_KEY = {feature.key: feature for feature in FEATURES}


@dataclass(frozen=True)
class Access:
    """What one run reads: the features that are on and granted."""

    features: frozenset[str]
    problems: tuple[Problem, ...] = ()
    blocked: str = ""  # why nothing at all can be synced, if so
    sent: tuple[str, ...] = ()  # every identity Wonde listed for the school, as it sent them
    unknown: frozenset[str] = frozenset()  # features read although Wonde did not list them

    @property
    def includes(self) -> tuple[str, ...]:
        names = [name for f in FEATURES if f.key in self.features for name in f.includes]
        return tuple(dict.fromkeys(names))

    def reads(self, feature: str) -> bool:
        return feature in self.features


def states(permissions: Iterable[Permission]) -> dict[str, str]:
    """Each of our identities: granted, denied (listed with approved false) or unknown."""
    listed = {p.identity: p.approved for p in permissions}
    return {
        identity: UNKNOWN
        if identity not in listed
        else (DENIED if listed[identity] is False else GRANTED)
        for identity in NAMES
    }


def granted(permissions: Iterable[Permission]) -> frozenset[str]:
    return frozenset(p.identity for p in permissions if p.approved)


def resolve(permissions: Iterable[Permission], rules: SyncOptions) -> Access:
    """The features a run reads, and an issue for each one that is on but denied.

    A feature whose identities Wonde does not list at all is read anyway, with one issue for
    the run naming the unknown identities, so the table can be checked against what Wonde sent.
    """
    permissions = list(permissions)
    state = states(permissions)
    sent = tuple(sorted(p.identity for p in permissions))
    features: set[str] = set()
    unknown: set[str] = set()
    problems: list[Problem] = []
    for feature in FEATURES:
        if not _wanted(feature, rules):
            continue
        denied = [p for p in feature.permissions if state[p] == DENIED]
        if denied and feature.required:
            return Access(frozenset(), blocked=_blocked(denied), sent=sent)
        if denied:
            problems.append(_denied(feature, denied))
            continue
        features.add(feature.key)
        if any(state[p] == UNKNOWN for p in feature.permissions):
            unknown.add(feature.key)
    if unknown:
        missing = sorted({p for k in unknown for p in BY_KEY[k].permissions if state[p] == UNKNOWN})
        problems.append(_unknown(missing, sent))
    return Access(frozenset(features), tuple(problems), sent=sent, unknown=frozenset(unknown))


def report(permissions: Iterable[Permission]) -> list[dict[str, Any]]:
    """Each permission the features need: granted, denied or unknown, and the features using it."""
    state = states(permissions)
    return [
        {
            "identity": identity,
            "name": name,
            "state": state[identity],
            "granted": state[identity] == GRANTED,
            "features": [f.label for f in FEATURES if identity in f.permissions],
        }
        for identity, name in NAMES.items()
    ]


def school_report(school: School) -> list[dict[str, Any]]:
    """`report` for one school, read from Wonde now (at the school's region)."""
    with wonde_client(school) as client:
        return report(client.permissions(school.wonde_id))


def _wanted(feature: Feature, rules: SyncOptions) -> bool:
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


def _unknown(missing: list[str], sent: tuple[str, ...]) -> Problem:
    listed = ", ".join(sent) or "none"
    message = (
        f"Wonde's permission list for this school does not mention {', '.join(missing)}, so "
        "the features needing them were read anyway and what Wonde sent was used. If Wonde "
        f"names these permissions differently, correct pupilsync's table. Wonde listed: {listed}."
    )
    return Problem("permission_unknown", message, "info")


def _blocked(missing: list[str]) -> str:
    return (
        f"The school has not granted {_names(missing)} in Wonde, which the sync needs to read "
        "any pupils; nothing was changed. Grant it in the school's Wonde portal."
    )
