"""One sync of one school, in two steps: `plan_sync` reads and plans, `apply_sync` writes.

Planning writes nothing, so a failed or partial fetch changes no data; the plan is applied in
one transaction together with the run's outcome. Entry points do not call this module: they
go through pupilsync.admission, which asks the schedule and hands its answer in.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pupilsync.models import School, SyncRun, SyncSettings
from pupilsync.sync import breaker, erased, permissions, signals, store
from pupilsync.sync.breaker import Hold
from pupilsync.sync.connect import follow_region, wonde_client
from pupilsync.sync.diff import HeldPupil, Plan, make_plan
from pupilsync.sync.fetch import Cursors, dump_cursors, fetch, parse_cursors
from pupilsync.sync.mapping import incoming_from
from pupilsync.sync.options import SyncOptions, options_for
from pupilsync.sync.outcome import RunOutcome
from pupilsync.sync.photos import BadPhoto, Thumbnail, make_thumbnail
from pupilsync.sync.records import Identity, Incoming, PhotoRecord, Problem
from pupilsync.termdates import academic_year_for
from wonde import WondeClient, errors

log = logging.getLogger(__name__)


@dataclass
class SyncResult:
    school: School
    status: RunOutcome
    full: bool
    plan: Plan = field(default_factory=Plan)
    run: SyncRun | None = None
    photos: int = 0
    http_requests: int = 0
    error: str = ""
    photos_checked: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status.ok


@dataclass(frozen=True)
class Failure:
    code: str  # permission_denied | fetch_failed | internal_error
    message: str


@dataclass(frozen=True)
class Planned:
    """What one sync read and would do, before anything is written: plan_sync's answer."""

    school: School
    full: bool
    year: int
    now: dt.datetime
    plan: Plan = field(default_factory=Plan)
    held: tuple[HeldPupil, ...] = ()
    read: tuple[Identity, ...] = ()  # every pupil and departure the sync re-read
    cursors: dict[str, str] = field(default_factory=dict)
    thumbnails: Mapping[str, tuple[str, Thumbnail]] = field(default_factory=dict)
    hold: Hold | None = None
    failure: Failure | None = None
    permissions: tuple[str, ...] | None = None  # the identities Wonde listed, once read
    photos_checked: bool = False
    http_requests: int = 0
    reread_version: int = 0


def sync_school(
    school: School,
    *,
    trigger: str = SyncRun.Trigger.CLI,
    full: bool = False,
    dry_run: bool = False,
    approve: bool = False,
    client: WondeClient | None = None,
    now: dt.datetime | None = None,
    academic_year: int | None = None,
    warnings: tuple[str, ...] = (),
) -> SyncResult:
    """Bring one school's pupils in step with its MIS: plan, then apply. Raises AlreadyRunning.

    The caller has asked the schedule (pupilsync.admission): `academic_year` and `warnings` are
    its answer; without them the year is the school's by its term dates. `approve` applies a
    plan even if the circuit breaker would hold it (an admin said so).
    """
    now = now or timezone.now()
    year = academic_year
    if year is None:
        year = academic_year_for(school, timezone.localdate(now))
    last = school.runs.last_completed()
    full = full or _needs_full(school, last, year, now)
    run = None
    if not dry_run:
        run = SyncRun.objects.start(school, trigger=trigger, full=full, academic_year=year, now=now)
    owned = client is None
    client = client or wonde_client()  # follow_region sends it to the school's region
    try:
        planned = plan_sync(
            school, client, full=full, year=year, now=now, last=last, warnings=warnings,
            approve=approve,
        )  # fmt: skip
    finally:
        if owned:
            client.close()
    result = _result(planned, run, dry_run, warnings)
    if run is not None:
        try:
            apply_sync(run, planned, approve=approve)
        except Exception:
            log.exception("sync of school %s failed while writing", school.pk)
            failure = Failure("internal_error", "the sync stopped on an unexpected error")
            run.fail(failure.code, failure.message, requests=planned.http_requests)
            result.status, result.error = RunOutcome.FAILED, failure.message
    _log(result)
    return result


def _result(
    planned: Planned, run: SyncRun | None, dry_run: bool, warnings: tuple[str, ...]
) -> SyncResult:
    if planned.failure is not None:
        status, error = RunOutcome.FAILED, planned.failure.message
    elif planned.hold is not None:
        status, error = RunOutcome.HELD, planned.hold.message
    else:
        status, error = (RunOutcome.DRY_RUN if dry_run else RunOutcome.COMPLETED), ""
    return SyncResult(
        school=planned.school,
        status=status,
        full=planned.full,
        plan=planned.plan,
        run=run,
        photos=len(planned.thumbnails),
        http_requests=planned.http_requests,
        error=error,
        photos_checked=planned.photos_checked,
        warnings=warnings,
    )


def _log(result: SyncResult) -> None:
    plan = result.plan
    log.info(
        "sync of school %s (%s): %s, %d created, %d updated, %d unchanged, %d archived, "
        "%d restored, %d issues, %d requests%s",
        result.school.pk,
        "full" if result.full else "delta",
        result.status,
        len(plan.creates),
        plan.updated,
        plan.unchanged,
        plan.archived,
        plan.restored,
        len(plan.problems),
        result.http_requests,
        f": {result.error}" if result.error else "",
    )


def plan_sync(
    school: School,
    client: WondeClient,
    *,
    full: bool,
    year: int,
    now: dt.datetime,
    last: SyncRun | None = None,
    warnings: tuple[str, ...] = (),
    approve: bool = False,
) -> Planned:
    """Read the school from Wonde and plan what to write; writes nothing, whatever happens.

    A failure is part of the answer (Planned.failure), with whatever was learned before it."""
    base = Planned(school=school, full=full, year=year, now=now)
    learned: dict[str, Any] = {}
    try:
        return _plan(base, client, last, warnings, approve, learned)
    except Blocked as error:
        failure = Failure("permission_denied", str(error))
    except errors.WondeError as error:
        failure = Failure("fetch_failed", _explain(error))
    except Exception:
        log.exception("sync of school %s failed", school.pk)
        failure = Failure("internal_error", "the sync stopped on an unexpected error")
    return replace(base, failure=failure, http_requests=client.request_count, **learned)


def _plan(
    base: Planned,
    client: WondeClient,
    last: SyncRun | None,
    warnings: tuple[str, ...],
    approve: bool,
    learned: dict[str, Any],
) -> Planned:
    school, now = base.school, base.now
    cursors = parse_cursors(last.cursors) if last else None
    version = SyncSettings.reread_version_of(school)  # before the rules are read: see reread_done
    rules = options_for(school)
    follow_region(school, client)
    access = permissions.resolve(client.permissions(school.wonde_id), rules)
    learned["permissions"] = access.sent
    if access.blocked:
        raise Blocked(access.blocked)
    features = access.features
    photos_checked = _photos_due(school, rules, access, cursors, now)
    if not photos_checked:
        features = features - {"photos"}
    log.debug("sync of school %s: fetching", school.pk)
    fetched = fetch(
        client,
        school.wonde_id,
        full=base.full,
        cursors=_kept(cursors, rules),
        features=features,
        tentative=access.unknown,
    )
    log.debug("sync of school %s: planning", school.pk)
    incoming = erased.withhold(incoming_from(fetched, rules), erased.active_keys(school), school.pk)
    incoming.problems.extend(access.problems)
    held = [] if _read_nothing(incoming, base.full) else store.load_held(school, base.year)
    plan = make_plan(held, incoming, today=timezone.localdate(now), rules=rules)
    plan.problems.extend(Problem("term_dates", w, "warning") for w in warnings)
    hold = None if approve else breaker.check(plan, _on_roll(held), rules)
    thumbnails = (
        {} if hold else _thumbnails(incoming, store.load_photo_hashes(school), plan.problems)
    )
    read = [pupil.identity for pupil in incoming.pupils]
    read += [departure.identity for departure in incoming.departures]
    return replace(
        base,
        plan=plan,
        held=tuple(held),
        read=tuple(read),
        cursors=dump_cursors(fetched.cursors),
        thumbnails=thumbnails,
        hold=hold,
        permissions=access.sent,
        photos_checked=photos_checked,
        http_requests=client.request_count,
        reread_version=version,
    )


def apply_sync(run: SyncRun, planned: Planned, *, approve: bool = False) -> None:
    """Write what plan_sync planned, and end the run: failed, held, or completed in one
    transaction with everything it changed."""
    if planned.permissions is not None:
        run.note_permissions(planned.permissions)
    if planned.failure is not None:
        failure = planned.failure
        run.fail(failure.code, failure.message, requests=planned.http_requests)
        return
    plan, school = planned.plan, planned.school
    if planned.hold is not None:
        run.hold(
            planned.hold.message,
            planned.hold.summary,
            created=len(plan.creates),
            updated=plan.updated,
            archived=plan.archived,
            http_requests=planned.http_requests,
        )
        return
    log.debug("sync of school %s: applying", school.pk)
    with transaction.atomic():
        source = store.Source(run=run)
        held = list(planned.held)
        ids = store.apply(
            plan, school, planned.year, planned.now, held, dict(planned.thumbnails), source
        )
        run.complete(
            cursors=planned.cursors,
            created=len(plan.creates),
            updated=plan.updated,
            unchanged=plan.unchanged,
            archived=plan.archived,
            restored=plan.restored,
            photos=len(planned.thumbnails),
            http_requests=planned.http_requests,
            photos_checked=planned.photos_checked,
        )
        if approve:
            school.runs.approve_held()
        store.record_issues(run, plan.problems, ids)
        if planned.full:
            SyncSettings.reread_done(school, planned.reread_version)
        else:
            store.carry_open_issues(run, list(planned.read), ids)
        if plan.archived:
            signals.pupils_archived.send(sender=SyncRun, school=school)


def _read_nothing(incoming: Incoming, full: bool) -> bool:
    """A delta that brought no pupil, departure or photo plans nothing whatever we hold, so
    the school's pupils are not read (a quiet day costs a few requests, not the whole roll)."""
    brought = incoming.pupils or incoming.departures or incoming.sightings or incoming.photos
    return not (full or brought)


def _thumbnails(
    incoming: Incoming, held: dict[str, str], problems: list[Problem]
) -> dict[str, tuple[str, Thumbnail]]:
    """Thumbnails for photos whose hash changed; a bad photo is an issue, not a failure."""
    out: dict[str, tuple[str, Thumbnail]] = {}
    for photo in incoming.photos:
        if held.get(photo.wonde_id) == photo.hash:
            continue
        try:
            out[photo.wonde_id] = (photo.hash, make_thumbnail(photo.content))
        except BadPhoto as error:
            problems.append(_bad_photo(photo, error))
    return out


def _on_roll(held: list[HeldPupil]) -> int:
    return sum(1 for pupil in held if pupil.on_roll)


class Blocked(Exception):
    """The school has not granted what a sync needs to read any pupils."""


def _photos_due(
    school: School,
    rules: SyncOptions,
    access: permissions.Access,
    cursors: Cursors | None,
    now: dt.datetime,
) -> bool:
    """Photos are read weekly per school (and at once when turned on), not nightly."""
    if not (rules.sync_photos and access.reads("photos")):
        return False
    if not cursors or "photos" not in cursors:
        return True
    last = school.runs.last_photo_check()
    every = dt.timedelta(days=settings.PHOTO_REFRESH_DAYS)
    return last is None or now - last.started_at >= every


def _kept(cursors: Cursors | None, rules: SyncOptions) -> Cursors | None:
    """With photos off we hold none, so when they come back on every photo must be read."""
    if cursors is None or rules.sync_photos:
        return cursors
    return {name: value for name, value in cursors.items() if name != "photos"}


def _needs_full(school: School, last: SyncRun | None, year: int, now: dt.datetime) -> bool:
    """Whether this sync must read the whole roll rather than what changed."""
    if last is None or last.academic_year != year or not last.cursors:
        return True  # a first sync, or a new academic year: every pupil needs this year's row
    if SyncSettings.reread_pending(school) is not None:
        return True  # a settings change reaches pupils whose MIS record did not change
    last_full = school.runs.last_full()
    every = dt.timedelta(days=settings.FULL_SYNC_EVERY_DAYS)
    return last_full is None or now - last_full.started_at >= every


def _explain(error: errors.WondeError) -> str:
    # What happened, for staff and operators alike: the operator's fix (the token's setting)
    # is in docs/deploy.md, the school's (its approval, its Wonde id) on the pages.
    if isinstance(error, errors.Unauthorized):
        return f"Wonde refused pupilsync's token, so nothing was read. ({error})"
    if isinstance(error, errors.AccessDenied):
        return f"Wonde denied access to this school's data; check its approval. ({error})"
    if isinstance(error, errors.NotFound):
        return f"Wonde does not know this school; check its Wonde id. ({error})"
    return f"Reading from Wonde failed after retries, so nothing was changed. ({error})"


def _bad_photo(photo: PhotoRecord, error: BadPhoto) -> Problem:
    return Problem(
        "bad_photo",
        f"The photo {error}; it was not stored.",
        "warning",
        Identity(wonde_id=photo.wonde_id),
    )
