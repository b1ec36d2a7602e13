"""Pupils a school erased stay erased: a sync or import that still sends them leaves them out.

Only keyed hashes of an erased pupil's identifiers are kept (pupilsync.privacy.erasure makes
them), so a record is recognised without holding again who it was.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import replace

from django.conf import settings

from pupilsync.models import Erasure, School
from pupilsync.sync.records import Identity, Incoming, Problem

ISSUE = "erased_pupil"


def key(school_id: int, kind: str, value: str) -> str:
    message = f"{school_id}:{kind}:{value.strip().upper()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def identity_keys(school_id: int, identity: Identity) -> set[str]:
    pairs = (
        ("upi", identity.upi),
        ("mis_id", identity.mis_id),
        ("wonde_id", identity.wonde_id),
        ("upn", identity.upn),
    )
    return {key(school_id, kind, value) for kind, value in pairs if value}


def active_keys(school: School) -> frozenset[str]:
    rows = Erasure.objects.filter(school=school, cleared_at__isnull=True).values_list("keys")
    return frozenset(k for (keys,) in rows for k in keys)


def withhold(incoming: Incoming, keys: frozenset[str], school_id: int) -> Incoming:
    """The incoming records without erased pupils, and one issue for each left out. Pure."""
    if not keys:
        return incoming
    kept, problems = [], list(incoming.problems)
    seen: set[str] = set()  # one pupil may come as several records (roll, attendance)
    for record in incoming.pupils:
        hit = identity_keys(school_id, record.identity) & keys
        if not hit:
            kept.append(record)
        elif not hit & seen:
            problems.append(_issue())
        seen |= hit
    departures = [d for d in incoming.departures if not identity_keys(school_id, d.identity) & keys]
    return replace(incoming, pupils=kept, departures=departures, problems=problems)


def _issue() -> Problem:
    # No name or identifier: the issue must not hold again what the erasure removed.
    return Problem(
        ISSUE,
        "The MIS still sends a pupil whose data this school had erased, so they were not "
        "recreated.",
        "warning",
    )
