"""CTF import for a school: preview what a file would change, then apply exactly that.

    preview = build_preview(school, data, file_name="year6.xml")  # reads, writes nothing
    result = apply(preview)                                       # one transaction

Both raise CtfError for a file we will not import; `apply` also raises AlreadyRunning
while a sync of the school is running, and CtfError if the pupils changed since the preview.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from pupilsync import audit
from pupilsync.ctf.assessments import AssessmentRow
from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.freshness import HeldDates
from pupilsync.ctf.parser import CtfFile, parse
from pupilsync.ctf.plan import CtfPlan, HeldResults, ResultChange, plan_import
from pupilsync.ctf.reader import DEFAULT_LIMITS, Limits
from pupilsync.ctf.years import FileYear, SchoolIds, file_year, is_transfer
from pupilsync.models import Assessment, CtfImport, PupilChange, School, SyncRun
from pupilsync.sync import store
from pupilsync.sync.diff import HeldPupil
from pupilsync.sync.options import SyncOptions, options_for
from pupilsync.sync.records import Identity
from pupilsync.termdates import academic_year_on, terms_for

SOURCE_PREFIX = "CTF"
log = logging.getLogger(__name__)


@dataclass
class Preview:
    school: School
    ctf: CtfFile
    file_name: str
    today: dt.date
    rules: SyncOptions
    result: CtfPlan
    year: FileYear
    made: dt.datetime | None  # when the file was made, in our time zone
    previously_imported: dt.datetime | None = None  # the same file, imported before

    @property
    def academic_year(self) -> int:
        """The academic year this import writes into."""
        return self.year.target


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
    rules: SyncOptions | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Preview:
    """Parse the file and plan the import against what the school holds; nothing is written."""
    today = today or timezone.localdate()
    rules = rules or options_for(school)
    ctf = parse(data, limits)
    year, made = _file_year(school, ctf, today), _made(ctf)
    try:
        result, _ = _plan(school, ctf, rules, today, year, made)
    except Exception as error:  # a bug of ours must reach the user as a refusal, not a 500
        log.exception("planning a CTF import for school %s failed", school.pk)
        raise CtfError("the file could not be imported; the error was logged") from error
    before = (
        CtfImport.objects.filter(school=school, sha256=ctf.sha256)
        .values_list("imported_at", flat=True)
        .first()
    )
    return Preview(school, ctf, file_name, today, rules, result, year, made, before)


def apply(
    preview: Preview, *, now: dt.datetime | None = None, by: str | None = None, user: Any = None
) -> Imported:
    """Write what the preview showed, in one transaction, as a run of its own; audited."""
    now = now or timezone.now()
    school, year = preview.school, preview.academic_year
    if not preview.result.importable:
        # Nothing to write: no run is started, so none is recorded as a completed import.
        raise CtfError(nothing_importable(preview))
    run = SyncRun.objects.start(school, trigger=SyncRun.Trigger.CTF, full=False, academic_year=year)
    try:
        with transaction.atomic():
            result, held = _plan(
                school, preview.ctf, preview.rules, preview.today, preview.year, preview.made
            )
            if result.fingerprint() != preview.result.fingerprint():
                raise CtfError(
                    "the pupils changed since this preview (a sync or another import ran); "
                    "preview the file again"
                )
            source = store.Source(
                PupilChange.Source.CTF, run, preview.file_name, as_of=preview.made
            )
            ids = store.apply(result.plan, school, year, now, held, source=source)
            added = _write_results(result.results, school, ids, preview)
            record = _record(preview, run, added, now)
            run.complete(
                created=len(result.plan.creates),
                updated=result.plan.updated,
                unchanged=result.plan.unchanged,
                finished_at=now,
            )
            store.record_issues(run, result.plan.problems, ids)
            audit.record(
                school, audit.CTF_IMPORTED, by=by, user=user, file=preview.file_name, run=run.pk
            )
    except CtfError as error:
        run.fail("ctf_refused", error.message)
        raise
    except Exception:
        run.fail("internal_error", "the CTF import stopped on an unexpected error")
        raise
    return Imported(preview, record, run)


def nothing_importable(preview: Preview) -> str:
    result = preview.result
    if not preview.ctf.pupils and not preview.ctf.rejected:
        return "the file has no pupils; nothing was changed"
    return (
        f"no pupil in the file could be imported ({len(result.rejected)} rejected, "
        f"{len(result.flagged)} to review); nothing was changed"
    )


def _plan(
    school: School,
    ctf: CtfFile,
    rules: SyncOptions,
    today: dt.date,
    year: FileYear,
    made: dt.datetime | None,
) -> tuple[CtfPlan, list[HeldPupil]]:
    held = store.load_held(school, year.target)
    dates = _held_dates(school, year.target) if made is not None else {}
    plan = plan_import(
        ctf, held, _held_results(school), rules, today, year=year, dates=dates, made=made
    )
    return plan, held


def _file_year(school: School, ctf: CtfFile, today: dt.date) -> FileYear:
    """The file's year, placed by the school's term dates exactly as the Wonde sync places
    today, so the two sources never disagree about which year it is."""
    terms = terms_for(school)
    ours = SchoolIds(school.urn, school.la_code, school.establishment_number)
    return file_year(
        ctf.header,
        academic_year_on(today, terms),
        lambda day: academic_year_on(day, terms),
        transfer=is_transfer(ctf.header, ours),
    )


def _made(ctf: CtfFile) -> dt.datetime | None:
    made = ctf.header.made
    if made is None:
        return None
    return timezone.make_aware(made) if timezone.is_naive(made) else made


def _held_dates(school: School, year: int) -> HeldDates:
    """When each value we hold was said, from the history: one grouped query."""
    rows = (
        PupilChange.objects.filter(school=school)
        .filter(Q(academic_year__isnull=True) | Q(academic_year=year))
        .values("pupil_id", "field")
        .annotate(at=Max(Coalesce("as_of", "changed_at")))
        .values_list("pupil_id", "field", "at")
    )
    return {(pupil, name): at for pupil, name, at in rows}


def _held_results(school: School) -> HeldResults:
    rows = Assessment.objects.filter(school=school, source__startswith=SOURCE_PREFIX).values_list(
        "id", "pupil_id", "subject", "name", "qualifier", "result"
    )
    return {
        (pupil, subject, name, qualifier): (pk, result)
        for pk, pupil, subject, name, qualifier, result in rows
    }


def _write_results(
    changes: list[ResultChange], school: School, ids: store.PupilIds, preview: Preview
) -> int:
    header = preview.ctf.header
    source = f"{SOURCE_PREFIX} {header.version or ''} from {header.source() or 'unknown'}"
    new, corrected = [], []
    for change in changes:
        row = change.row
        if change.assessment_id is not None:
            corrected.append(Assessment(id=change.assessment_id, **_codes(row)))
            continue
        pupil_id = change.pupil_id or ids.get(Identity(upn=change.upn))
        if pupil_id is None:
            continue  # its pupil was not written (a duplicate in the file); reported there
        new.append(
            Assessment(
                school=school,
                pupil_id=pupil_id,
                subject=row.subject,
                name=row.name,
                source=source[:200],
                **_codes(row),
            )
        )
    Assessment.objects.bulk_create(new, batch_size=store.BATCH)
    Assessment.objects.bulk_update(corrected, list(CODES), batch_size=store.BATCH)
    return len(new) + len(corrected)


CODES = (
    "result",
    "assessed_on",
    "stage",
    "subject_code",
    "method",
    "component",
    "qualifier",
    "assessment_year",
)


def _codes(row: AssessmentRow) -> dict[str, Any]:
    return {
        "result": row.result,
        "assessed_on": row.assessed_on,
        "stage": row.stage,
        "subject_code": row.subject_code,
        "method": row.method,
        "component": row.component,
        "qualifier": row.qualifier,
        "assessment_year": row.year,
    }


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
        made_at=preview.made,
        academic_year=preview.academic_year,
        pupils=len(preview.ctf.pupils) + len(preview.ctf.rejected),
        created=len(plan.plan.creates),
        updated=plan.plan.updated,
        flagged=len(plan.flagged),
        rejected=len(plan.rejected),
        assessments=assessments,
        imported_at=now,
    )
