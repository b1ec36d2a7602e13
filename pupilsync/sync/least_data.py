"""Least data from Wonde: the permissions a school granted that none of its features uses under
its settings, so it can withdraw them (for `pupilsync wonde check` and the Permissions page)."""

from __future__ import annotations

from pupilsync.sync import permissions
from pupilsync.sync.options import SyncOptions
from wonde.models import Permission


def used_permissions(rules: SyncOptions) -> frozenset[str]:
    """Every permission a feature that is on under these settings reads with."""
    every = [Permission(identity=name, approved=True) for name in permissions.NAMES]
    wanted = permissions.resolve(every, rules).features
    return frozenset(p for f in permissions.FEATURES if f.key in wanted for p in f.permissions)


def unused_permissions(granted: frozenset[str], rules: SyncOptions) -> list[str]:
    """Granted permissions no feature reads with (any Wonde grants that we never ask for too)."""
    return sorted(granted - used_permissions(rules))
