"""A school's connection to its data in Wonde: one function a step.

not_connected -> requested (pending in the school's Wonde portal) -> approved (syncing) ->
revoked or declined. We learn of each change by polling Wonde's school lists and from its
webhooks; either way `set_connection` records it and does what follows from it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from pupilsync import admission
from pupilsync.models import AccessRequest, ConnectionEvent, School, SyncRun, SyncSlot
from pupilsync.privacy import departure
from pupilsync.sync.connect import region_of, wonde_client
from wonde import AccessContact, WondeClient, errors

log = logging.getLogger(__name__)
T = TypeVar("T")
State = School.Connection
Source = ConnectionEvent.Source

# Wonde's name for a state -> ours.
FROM_WONDE = {
    "approved": State.APPROVED,
    "pending": State.REQUESTED,
    "revoked": State.REVOKED,
    "declined": State.DECLINED,
}


class ConnectionProblem(Exception):
    """A step that cannot be taken, in words for the person who asked. `field` is the form
    field it is about, if any."""

    field: str | None = None


class WondeIdProblem(ConnectionProblem):
    """The Wonde school id is wrong: Wonde does not know it, or it cannot be used."""

    field = "wonde_id"


# A Wonde school id is a letter and digits (A1930499544); the column holds 32.
WONDE_ID = re.compile(r"[A-Za-z0-9]{1,32}")
# Where a school may correct its Wonde id: never approved, so nothing was synced by the old one.
CORRECTABLE = {State.NOT_CONNECTED, State.DECLINED}


@dataclass(frozen=True)
class Contact:
    first_name: str
    last_name: str
    email: str
    phone: str = ""
    notes: str = ""

    def problems(self) -> list[str]:
        found = [
            f"give the contact's {label}"
            for label, value in (
                ("first name", self.first_name),
                ("last name", self.last_name),
                ("email", self.email),
            )
            if not value.strip()
        ]
        if self.email.strip():
            try:
                validate_email(self.email.strip())
            except ValidationError:
                found.append(f"{self.email!r} is not an email address")
        return found

    def for_wonde(self) -> AccessContact:
        return AccessContact(
            first_name=self.first_name.strip(),
            last_name=self.last_name.strip(),
            email_address=self.email.strip(),
            phone_number=self.phone.strip() or None,
            notes=self.notes.strip() or None,
        )


def add_school(
    name: str, wonde_id: str, *, urn: str = "", client: WondeClient | None = None
) -> tuple[School, str]:
    """Add a school. One Wonde already lists as approved starts approved (and can sync at
    once); the rest start not connected, for the access request flow."""
    wonde_id = wonde_id.strip()
    if School.objects.filter(wonde_id=wonde_id).exists():
        raise ConnectionProblem(f"a school with Wonde id {wonde_id} already exists")
    domain = ""
    try:
        approved = _with_client(
            client, lambda c: any(s.id == wonde_id for s in c.approved_schools())
        )
        if approved:
            domain = _with_client(client, lambda c: region_of(c, wonde_id))
        note = "" if approved else "Wonde has not approved access yet: request it next."
    except errors.WondeError as error:
        approved = False
        note = f"Could not ask Wonde whether access is approved ({error}); polling will find out."
    state = State.APPROVED if approved else State.NOT_CONNECTED
    with transaction.atomic():
        school = School.objects.create(
            name=name.strip(),
            wonde_id=wonde_id,
            urn=urn.strip(),
            connection=state,
            wonde_domain=domain,
        )
        _event(school, State.NOT_CONNECTED, state, Source.ADD, "", timezone.now())
    return school, note


def request_access(
    school: School,
    contact: Contact,
    *,
    wonde_id: str | None = None,
    client: WondeClient | None = None,
) -> AccessRequest:
    """Ask Wonde for access to the school's data, naming who at the school to contact.

    `wonde_id` corrects the school's Wonde id as part of the request: it is kept only if Wonde
    takes the request, so a mistyped correction changes nothing."""
    found = contact.problems()
    if found:
        raise ConnectionProblem("; ".join(found))
    if school.connection == State.APPROVED:
        raise ConnectionProblem(f"{school.name} is already approved: nothing to request")
    asked = school.wonde_id if wonde_id is None else wonde_id.strip()
    if asked != school.wonde_id:
        check_new_wonde_id(school, asked)
    answer = _ask_for_access(asked, contact, client)
    now = timezone.now()
    state = str(answer.get("state") or "pending")
    with transaction.atomic():
        if asked != school.wonde_id:
            School.objects.filter(pk=school.pk).update(wonde_id=asked)
            school.wonde_id = asked
        request = _keep_request(school, contact, state, answer, now)
    set_connection(school, FROM_WONDE.get(state, State.REQUESTED), source=Source.REQUEST, now=now)
    return request


def can_correct_wonde_id(school: School) -> bool:
    """Only a school never approved: once approved, pupils were synced by the id it has."""
    if school.connection not in CORRECTABLE:
        return False
    return not ConnectionEvent.objects.filter(school=school, new=State.APPROVED).exists()


def check_new_wonde_id(school: School, wonde_id: str) -> None:
    if not can_correct_wonde_id(school):
        raise WondeIdProblem(
            "The Wonde school id cannot be changed once the school has been connected"
        )
    if not WONDE_ID.fullmatch(wonde_id):
        raise WondeIdProblem(
            f"“{wonde_id}” is not a Wonde school id: it is a letter and digits, like A1930499544"
        )
    if School.objects.filter(wonde_id=wonde_id).exclude(pk=school.pk).exists():
        raise WondeIdProblem(
            f"Another school already uses the Wonde school id {wonde_id}: check it, or ask "
            "pupilsync support"
        )


def _ask_for_access(wonde_id: str, contact: Contact, client: WondeClient | None) -> dict[str, Any]:
    """Wonde's answer, or a ConnectionProblem saying whose the failure was: an unknown id is the
    school's to correct, an unreachable Wonde is worth trying again, the rest is ours."""
    try:
        return _with_client(client, lambda c: c.request_access(wonde_id, [contact.for_wonde()]))
    except errors.NotFound:
        raise WondeIdProblem(
            f"Wonde does not know the school id {wonde_id}, so nothing was requested. Check "
            "your school's Wonde id and correct it here."
        ) from None
    except errors.ValidationFailed as error:
        raise ConnectionProblem(f"Wonde refused the request: {error}") from None
    except errors.NetworkError:
        raise ConnectionProblem(
            "Could not reach Wonde, so nothing was requested. Try again in a few minutes."
        ) from None
    except errors.TransientError as error:
        raise ConnectionProblem(
            f"Wonde could not take the request just now ({_status(error)}), so nothing was "
            "requested. Try again in a few minutes."
        ) from None
    except errors.WondeError as error:
        log.warning("request access for %s refused: %s", wonde_id, error)
        raise ConnectionProblem(
            f"Wonde refused pupilsync's request ({_status(error)}), so nothing was requested. "
            "This is not something the school can fix: please contact pupilsync support."
        ) from None


def _status(error: errors.WondeError) -> str:
    return f"it answered {error.status}" if error.status else "its answer could not be read"


def _keep_request(
    school: School, contact: Contact, state: str, answer: dict[str, Any], now: dt.datetime
) -> AccessRequest:
    return AccessRequest.objects.create(
        school=school,
        first_name=contact.first_name.strip(),
        last_name=contact.last_name.strip(),
        email=contact.email.strip(),
        phone=contact.phone.strip(),
        notes=contact.notes.strip(),
        wonde_state=state[:32],
        wonde_message=str(answer.get("message") or "")[:300],
        requested_at=now,
    )


def set_connection(
    school: School,
    new: str,
    *,
    source: str,
    reason: str = "",
    now: dt.datetime | None = None,
) -> bool:
    """Move the school to `new` and do what follows: approval queues the first sync; a revoke
    or decline stops queued syncs and keeps every record. False if nothing changed."""
    now = now or timezone.now()
    with transaction.atomic():
        # The row, not the caller's copy, says where the school is: a poll may have moved it.
        current = School.objects.select_for_update().get(pk=school.pk)
        old, school.connection = current.connection, new
        if old == new:
            return False
        School.objects.filter(pk=school.pk).update(connection=new)
        _event(school, old, new, source, reason, now)
    log.info("school %s connection %s -> %s (%s)", school.pk, old, new, source)
    departure.connection_changed(school, old, new, now=now)
    if new == State.APPROVED:
        # Not "Nightly": whenever the school approves, its first sync is the connection's.
        admission.start_sync(school, trigger=SyncRun.Trigger.CONNECTED, full=True, now=now)
    elif old == State.APPROVED:
        # Queued syncs would be refused by the rules anyway; free the marker for a later return.
        SyncSlot.objects.release(school.pk)
    return True


def wonde_states(*, client: WondeClient | None = None) -> dict[str, str]:
    """Each school's connection as Wonde's own lists say (Wonde id -> our state)."""

    def states(c: WondeClient) -> dict[str, str]:
        found: dict[str, str] = {}
        for state, listing in (
            (State.DECLINED, c.declined_schools),
            (State.REVOKED, c.revoked_schools),
            (State.REQUESTED, c.pending_schools),
            (State.APPROVED, c.approved_schools),  # last: approved wins if listed twice
        ):
            found |= {school.id: state for school in listing()}
        return found

    return _with_client(client, states)


def poll_connections(*, client: WondeClient | None = None) -> list[ConnectionEvent]:
    """Read Wonde's approved, pending, revoked and declined lists and follow what changed."""
    wonde = wonde_states(client=client)
    now = timezone.now()
    events = []
    for school in School.objects.filter(wonde_id__in=list(wonde)).order_by("pk"):
        if set_connection(school, wonde[school.wonde_id], source=Source.POLL, now=now):
            events.append(ConnectionEvent.objects.filter(school=school).first())
    return [e for e in events if e is not None]


def migrated(school: School, *, reason: str, now: dt.datetime | None = None) -> admission.Admitted:
    """The school changed MIS: Wonde ids change, so read the whole roll and rematch everyone
    by upi and UPN."""
    now = now or timezone.now()
    _event(school, school.connection, school.connection, Source.WEBHOOK, reason, now)
    return admission.start_sync(school, trigger=SyncRun.Trigger.WEBHOOK, full=True, now=now)


def _event(school: School, old: str, new: str, source: str, reason: str, now: dt.datetime) -> None:
    ConnectionEvent.objects.create(
        school=school, old=old, new=new, source=source, reason=reason[:2000], at=now
    )


def _with_client(client: WondeClient | None, call: Callable[[WondeClient], T]) -> T:
    if client is not None:
        return call(client)
    with wonde_client() as owned:
        return call(owned)
