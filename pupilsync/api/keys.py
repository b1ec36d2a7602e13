"""Per-school API keys: made and revoked by the school's admins, audited, stored hashed.

A key reads `psk_<prefix>_<secret>`. Only the prefix (to find the row) and the SHA-256 of the
whole key are kept, so the key is shown once, when made, and a stolen database opens nothing.
A random 32-byte secret needs no slow hash: there is nothing to guess from its digest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from pupilsync import audit
from pupilsync.models import ApiKey, School

SCHEME = "psk"
KEY_CREATED = "api_key_created"
KEY_REVOKED = "api_key_revoked"
# last_used_at is written at most this often per key, not on every request.
USE_RESOLUTION = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class NewKey:
    key: ApiKey
    secret: str  # the whole key, to show once


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create(school: School, name: str, *, user: Any = None, by: str | None = None) -> NewKey:
    prefix = secrets.token_hex(4)
    raw = f"{SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        school=school,
        name=name.strip()[:100] or "API key",
        prefix=prefix,
        digest=digest(raw),
        created_by=_actor(user, by),
        created_at=timezone.now(),
    )
    audit.record(school, KEY_CREATED, user=user, by=by, name=key.name, prefix=prefix)
    return NewKey(key, raw)


def revoke(school: School, key_id: int, *, user: Any = None, by: str | None = None) -> ApiKey:
    """Revoke one of the school's keys (another school's id raises DoesNotExist)."""
    key = ApiKey.objects.get(school=school, pk=key_id, revoked_at__isnull=True)
    key.revoked_at = timezone.now()
    key.revoked_by = _actor(user, by)
    key.save(update_fields=["revoked_at", "revoked_by"])
    audit.record(school, KEY_REVOKED, user=user, by=by, name=key.name, prefix=key.prefix)
    return key


def authenticate(raw: str) -> ApiKey | None:
    """The live key `raw` is, or None. The digest is compared in constant time."""
    parts = raw.split("_", 2)
    if len(parts) != 3 or parts[0] != SCHEME:
        return None
    key = (
        ApiKey.objects.select_related("school")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if key is None or not hmac.compare_digest(key.digest, digest(raw)):
        return None
    _note_use(key)
    return key


def _note_use(key: ApiKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= USE_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)


def _actor(user: Any, by: str | None) -> str:
    if by:
        return by[:200]
    if user is not None and user.is_authenticated:
        return (getattr(user, "email", "") or str(user))[:200]
    return audit.cli_actor()
