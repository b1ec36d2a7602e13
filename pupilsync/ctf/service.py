"""CTF import for a school: preview what a file would change, then apply exactly that.

    preview = build_preview(school, data, file_name="year6.xml")  # reads, writes nothing
    result = apply(preview)                                       # one transaction

Both raise CtfError for a file we will not import; `apply` also raises runs.AlreadyRunning
while a sync of the school is running, and CtfError if the pupils changed since the preview.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from pupilsync import audit
from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.parser import CtfFile, parse
from pupilsync.ctf.plan import CtfPlan, HeldResults, ResultChange, plan_import
from pupilsync.ctf.reader import DEFAULT_LIMITS, Limits
from pupilsync.models import Assessment, CtfImport, PupilChange, School, SyncRun
from pupilsync.sync import runs, store
from pupilsync.sync.academic import academic_year
from pupilsync.sync.rules import Rules
from pupilsync.sync.school_settings import rules_for

SOURCE_PREFIX = "CTF"
log = logging.getLogger(__name__)


@dataclass
class Preview:
    school: School
    ctf: CtfFile
    file_name: str
    today: dt.date
    rules: Rules
    result: CtfPlan
    previously_imported: dt.datetime | None = None  # the same file, imported before

    @property
    def academic_year(self) -> int:
        return academic_year(self.today)


@dataclass
class Imported:
    preview: Preview
    record: CtfImport
    run: SyncRun


def build_preview(
    school: School,
    data: bytes,
    *,
    file_name: str = "",
    today: dt.date | None = None,
    rules: Rules | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Preview:
    """Parse the file and plan the import against what the school holds; nothing is written."""
    today = today or timezone.localdate()
    rules = rules or rules_for(school)
    ctf = parse(data, limits)
    try:
        result = _plan(school, ctf, rules, today)
    except Exception as error:  # a bug of ours must reach the user as a refusal, not a 500
        log.exception("planning a CTF import for school %s failed", school.pk)
        raise CtfError("the file could not be imported; the error was logged") from error
    before = (
        CtfImport.objects.filter(school=school, sha256=ctf.sha256)
        .values_list("imported_at", flat=True)
        .first()
    )
    return Preview(school, ctf, file_name, today, rules, result, before)


def apply(
    preview: Preview, *, now: dt.datetime | None = None, by: str | None = None, user: Any = None
) -> Imported:
    """Write what the preview showed, in one transaction, as a run of its own; audited."""
    now = now or timezone.now()
    school, year = preview.school, preview.academic_year
    run = runs.start(school, trigger=SyncRun.Trigger.CTF, full=False, academic_year=year)
    try:
        with transaction.atomic():
            held = store.load_held(school, year)
            result = plan_import(
                preview.ctf, held, _held_results(school), preview.rules, preview.today
            )
            if result.fingerprint() != preview.result.fingerprint():
                raise CtfError(
                    "the pupils changed since this preview (a sync or another import ran); "
                    "preview the file again"
                )
            source = store.Source(PupilChange.Source.CTF, run, preview.file_name)
            ids = store.apply(result.plan, school, year, now, held, source=source)
            added = _write_results(result.results, school, ids, preview)
            record = _record(preview, run, added, now)
            _complete(run, result, now)
            store.record_issues(run, result.plan.problems, ids)
            audit.record(
                school, audit.CTF_IMPORTED, by=by, user=user, file=preview.file_name, run=run.pk
            )
    except CtfError as error:
        runs.fail(run, "ctf_refused", error.message)
        raise
    except Exception:
        runs.fail(run, "internal_error", "the CTF import stopped on an unexpected error")
        raise
    return Imported(preview, record, run)


def _plan(school: School, ctf: CtfFile, rules: Rules, today: dt.date) -> CtfPlan:
    held = store.load_held(school, academic_year(today))
    return plan_import(ctf, held, _held_results(school), rules, today)


def _held_results(school: School) -> HeldResults:
    rows = Assessment.objects.filter(school=school, source__startswith=SOURCE_PREFIX).values_list(
        "id", "pupil_id", "subject", "name", "result"
    )
    return {(pupil, subject, name): (pk, result) for pk, pupil, subject, name, result in rows}


def _write_results(
    changes: list[ResultChange], school: School, ids: dict[str, int], preview: Preview
) -> int:
    header = preview.ctf.header
    source = f"{SOURCE_PREFIX} {header.version or ''} from {header.source() or 'unknown'}"
    new, corrected = [], []
    for change in changes:
        row = change.row
        if change.assessment_id is not None:
            corrected.append(
                Assessment(id=change.assessment_id, result=row.result, assessed_on=row.assessed_on)
            )
            continue
        pupil_id = change.pupil_id or ids.get(f"upn:{change.upn}")
        if pupil_id is None:
            continue  # its pupil was not written (a duplicate in the file); reported there
        new.append(
            Assessment(
                school=school,
                pupil_id=pupil_id,
                subject=row.subject,
                name=row.name,
                result=row.result,
                assessed_on=row.assessed_on,
                source=source[:200],
            )
        )
    Assessment.objects.bulk_create(new, batch_size=store.BATCH)
    Assessment.objects.bulk_update(corrected, ["result", "assessed_on"], batch_size=store.BATCH)
    return len(new) + len(corrected)


def _record(preview: Preview, run: SyncRun, assessments: int, now: dt.datetime) -> CtfImport:
    header, plan = preview.ctf.header, preview.result
    return CtfImport.objects.create(
        school=preview.school,
        run=run,
        file_name=preview.file_name[:255],
        sha256=preview.ctf.sha256,
        version=(header.version or "")[:16],
        qualifier=(header.qualifier or "")[:16],
        supplier=(header.supplier or "")[:100],
        source=header.source()[:255],
        pupils=len(preview.ctf.pupils) + len(preview.ctf.rejected),
        created=len(plan.plan.creates),
        updated=plan.plan.updated,
        flagged=len(plan.flagged),
        rejected=len(plan.rejected),
        assessments=assessments,
        imported_at=now,
    )


def _complete(run: SyncRun, result: CtfPlan, now: dt.datetime) -> None:
    run.status = SyncRun.Status.COMPLETED
    run.finished_at = now
    run.created = len(result.plan.creates)
    run.updated = result.plan.updated
    run.unchanged = result.plan.unchanged
    run.save()
