"""One sync of one school: fetch, plan, apply.

Fetching writes nothing and planning does no I/O, so a failed or partial fetch changes no data;
the plan is applied in one transaction together with the run's outcome.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from pupilsync.models import School, SyncRun, SyncSettings
from pupilsync.privacy import erasure, retention
from pupilsync.scheduling.gate import sync_gate
from pupilsync.sync import breaker, permissions, runs, store
from pupilsync.sync.connect import follow_region, wonde_client
from pupilsync.sync.diff import HeldPupil, Plan, make_plan
from pupilsync.sync.fetch import Cursors, dump_cursors, fetch, parse_cursors
from pupilsync.sync.mapping import incoming_from
from pupilsync.sync.options import SyncOptions, options_for
from pupilsync.sync.photos import BadPhoto, Thumbnail, make_thumbnail
from pupilsync.sync.records import Identity, Incoming, PhotoRecord, Problem
from wonde import WondeClient, errors

log = logging.getLogger(__name__)


@dataclass
class SyncResult:
    school: School
    status: str  # completed | failed | dry_run | blocked (the schedule rules said no)
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
        return self.status in (SyncRun.Status.COMPLETED, "dry_run")


def sync_school(
    school: School,
    *,
    trigger: str = SyncRun.Trigger.CLI,
    full: bool = False,
    dry_run: bool = False,
    approve: bool = False,
    client: WondeClient | None = None,
    now: dt.datetime | None = None,
) -> SyncResult:
    """Bring one school's pupils in step with its MIS. Raises runs.AlreadyRunning.

    `approve` applies a plan even if the circuit breaker would hold it (an admin said so).
    """
    now = now or timezone.now()
    gate = sync_gate(school, now)  # approval, summer pause, term dates: scheduling.calendar
    if not gate.allowed:
        return SyncResult(school=school, status="blocked", full=full, error=gate.reason)
    year = gate.academic_year
    last = runs.last_completed(school)
    cursors = parse_cursors(last.cursors) if last else None
    version = SyncSettings.reread_version_of(school)  # before the rules are read: see reread_done
    full = full or _needs_full(school, last, year, now)
    result = SyncResult(school=school, status="dry_run", full=full, warnings=gate.warnings)
    run = None
    if not dry_run:
        run = runs.start(school, trigger=trigger, full=result.full, academic_year=year, now=now)
        result.run = run
    owned = client is None
    client = client or wonde_client()  # follow_region sends it to the school's region
    try:
        _sync(result, client, cursors, year, now, approve, version)
    except Blocked as error:
        _failed(result, "permission_denied", str(error), client)
    except errors.WondeError as error:
        _failed(result, "fetch_failed", _explain(error), client)
    except Exception:
        log.exception("sync of school %s failed", school.pk)
        _failed(result, "internal_error", "the sync stopped on an unexpected error", client)
    finally:
        if owned:
            client.close()
    _log(result)
    return result


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


def _sync(
    result: SyncResult,
    client: WondeClient,
    cursors: Cursors | None,
    year: int,
    now: dt.datetime,
    approve: bool,
    version: int = 0,
) -> None:
    school = result.school
    rules = options_for(school)
    follow_region(school, client)
    access = permissions.resolve(client.permissions(school.wonde_id), rules)
    if access.blocked:
        raise Blocked(access.blocked)
    features = access.features
    result.photos_checked = _photos_due(school, rules, access, cursors, now)
    if not result.photos_checked:
        features = features - {"photos"}
    log.debug("sync of school %s: fetching", school.pk)
    if result.run is not None:
        runs.note_permissions(result.run, access.sent)
    fetched = fetch(
        client,
        school.wonde_id,
        full=result.full,
        cursors=_kept(cursors, rules),
        features=features,
        tentative=access.unknown,
    )
    result.http_requests = client.request_count
    log.debug("sync of school %s: planning", school.pk)
    incoming = erasure.withhold(
        incoming_from(fetched, rules), erasure.active_keys(school), school.pk
    )
    incoming.problems.extend(access.problems)
    held = [] if _read_nothing(incoming, result.full) else store.load_held(school, year)
    result.plan = make_plan(held, incoming, today=timezone.localdate(now), rules=rules)
    result.plan.problems.extend(Problem("term_dates", w, "warning") for w in result.warnings)
    hold = None if approve else breaker.check(result.plan, _on_roll(held), rules)
    if hold is not None:
        result.status, result.error = SyncRun.Status.HELD, hold.message
        if result.run is not None:
            runs.hold(result.run, hold.message, hold.summary, result.plan, client.request_count)
        return
    photos = _thumbnails(incoming, store.load_photo_hashes(school), result.plan.problems)
    result.photos = len(photos)
    if result.run is None:
        return
    log.debug("sync of school %s: applying", school.pk)
    with transaction.atomic():
        source = store.Source(run=result.run)
        ids = store.apply(result.plan, school, year, now, held, photos, source)
        _complete(result.run, result, dump_cursors(fetched.cursors))
        if approve:
            runs.approve_held(school)
        store.record_issues(result.run, result.plan.problems, ids)
        if result.full:
            SyncSettings.reread_done(school, version)
        else:
            read = [pupil.identity for pupil in incoming.pupils]
            read += [departure.identity for departure in incoming.departures]
            store.carry_open_issues(result.run, read, ids)
        if result.plan.archived:
            retention.strip_leavers(school, by="sync")  # their photo and contacts go at once
    result.status = SyncRun.Status.COMPLETED


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


def _complete(run: SyncRun, result: SyncResult, cursors: dict[str, str]) -> None:
    plan = result.plan
    run.status = SyncRun.Status.COMPLETED
    run.finished_at = timezone.now()
    run.created = len(plan.creates)
    run.updated = plan.updated
    run.unchanged = plan.unchanged
    run.archived = plan.archived
    run.restored = plan.restored
    run.photos = result.photos
    run.http_requests = result.http_requests
    run.photos_checked = result.photos_checked
    run.cursors = cursors
    run.save()


def _failed(result: SyncResult, code: str, message: str, client: WondeClient) -> None:
    result.status = SyncRun.Status.FAILED
    result.error = message
    result.http_requests = client.request_count
    if result.run is not None:
        runs.fail(result.run, code, message, requests=client.request_count)


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
    last = runs.last_photo_check(school)
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
    last_full = runs.last_full(school)
    every = dt.timedelta(days=settings.FULL_SYNC_EVERY_DAYS)
    return last_full is None or now - last_full.started_at >= every


def _explain(error: errors.WondeError) -> str:
    if isinstance(error, errors.Unauthorized):
        return f"Wonde refused our token; check WONDE_API_TOKEN. ({error})"
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
