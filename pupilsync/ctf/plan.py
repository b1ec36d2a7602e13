"""What a CTF would change: the pupils' plan, and the results to add. Pure: no database.

The pupils go through the sync's own plan, with two differences a CTF needs: identities are
matched on UPN first (matching.py), and nobody is archived, since a file names only the pupils
it carries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pupilsync.ctf.assessments import AssessmentRow
from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.freshness import HeldDates, Kept, keep_newer
from pupilsync.ctf.mapping import Context, Mapped, map_pupil
from pupilsync.ctf.matching import Flagged, Matching, match
from pupilsync.ctf.parser import CtfFile, Rejected
from pupilsync.ctf.years import FileYear, file_year
from pupilsync.sync.diff import HeldPupil, Plan, make_plan
from pupilsync.sync.options import SyncOptions
from pupilsync.sync.records import Incoming, Problem
from pupilsync.termdates import Terms, academic_year_on, label

# A result we hold from an earlier CTF: (pupil id, subject, name, qualifier) -> (assessment
# id, result). Results imported before qualifiers were kept have the qualifier "".
HeldResults = dict[tuple[int, str, str, str], tuple[int, str]]


@dataclass(frozen=True)
class ResultChange:
    """A result to add (assessment_id None) or to correct, for a held or a new pupil."""

    row: AssessmentRow
    pupil_id: int | None  # None: a pupil this import creates, known by `upn`
    upn: str | None
    pupil_name: str
    assessment_id: int | None = None
    old_result: str | None = None


@dataclass
class CtfPlan:
    plan: Plan
    results: list[ResultChange] = field(default_factory=list)
    flagged: list[Flagged] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    unchanged_results: int = 0
    year: FileYear | None = None
    kept: list[Kept] = field(default_factory=list)  # older than what we hold
    unknown_codes: Counter[str] = field(default_factory=Counter)  # results we cannot name
    importable: int = 0  # pupils the file can write: new or matched

    @property
    def unknown_results(self) -> int:
        return sum(self.unknown_codes.values())

    def fingerprint(self) -> tuple[object, ...]:
        """What the import would write, to tell whether a preview still holds."""
        plan = self.plan
        return (
            tuple(sorted(repr(n.fields) for n in plan.creates)),
            tuple(sorted((c.pupil_id, repr(c.fields), repr(c.year)) for c in plan.changes)),
            tuple(sorted(repr(r) for r in self.results)),
        )


def plan_import(
    ctf: CtfFile,
    held: list[HeldPupil],
    results: HeldResults,
    rules: SyncOptions,
    today: dt.date,
    *,
    year: FileYear | None = None,
    terms: Sequence[Terms] = (),
    dates: HeldDates | None = None,
    made: dt.datetime | None = None,
) -> CtfPlan:
    """The plan for `held`, the pupils with their rows for `year.target`; without `year`, the
    file is placed by the school's `terms`. `made` is when the file was made (aware), to hold
    back what it would roll back in `dates`."""
    if year is None:
        current = academic_year_on(today, terms)
        year = file_year(
            ctf.header, current, lambda day: academic_year_on(day, terms), transfer=False
        )
    context = _context(ctf, year, today, made)
    mapped = [map_pupil(pupil, rules, today, context) for pupil in ctf.pupils]
    matching = match(held, mapped)
    kept = _keep_newer(matching, held, made, dates or {})
    problems = _problems(matching, mapped)
    problems += [_file_problem(w) for w in ctf.warnings]
    if warning := year.warning():
        problems.append(Problem("ctf_year", warning[0].upper() + warning[1:] + ".", "info"))
    if note := _other_attendance(ctf, context.attendance_year):
        problems.append(Problem("ctf_attendance_years", note, "info"))
    incoming = Incoming(pupils=matching.records, problems=problems, complete=False)
    plan = make_plan(held, incoming, today=today, rules=rules)
    rejected = list(ctf.rejected) + [_unidentified(m) for m in matching.unidentified]
    for rejection in rejected:
        plan.problems.append(
            Problem("ctf_pupil_rejected", rejection.reason, "error", None, rejection.label)
        )
    for flag in matching.flagged:
        plan.problems.append(
            Problem(
                "ctf_needs_review",
                flag.reason,
                "warning",
                flag.mapped.record.identity,
                flag.mapped.record.name,
            )
        )
    out = CtfPlan(
        plan,
        flagged=matching.flagged,
        rejected=rejected,
        year=year,
        kept=kept,
        importable=len(matching.records),
    )
    _results(out, matching, results)
    return out


def _context(ctf: CtfFile, year: FileYear, today: dt.date, made: dt.datetime | None) -> Context:
    day = min(made.date(), today) if made is not None else today
    shift = year.shift if year.transfer else 0
    # A joiner's attendance is their last school's, for a year that is not theirs here.
    attendance = year.year if shift == 0 else None
    # A full file in which no pupil has the block was exported without it (an MIS lets the
    # sender leave SEN or FSM out): that says nothing about anyone's SEN or FSM.
    full = not ctf.header.partial
    full_fsm = full and any(p.fsm is not None for p in ctf.pupils)
    full_sen = full and any(p.sen is not None for p in ctf.pupils)
    return Context(
        day, full_fsm=full_fsm, full_sen=full_sen, attendance_year=attendance, year_shift=shift
    )


def _other_attendance(ctf: CtfFile, taken: int | None) -> str | None:
    """Attendance the file carries for other years: said once, not dropped without a word."""
    years = {
        row.year
        for pupil in ctf.pupils
        for row in pupil.attendance or []
        if row.year is not None and row.year != taken
    }
    if not years:
        return None
    listed = ", ".join(label(y) for y in sorted(years))
    kept = (
        f"only {label(taken)}'s, the file's year, is imported"
        if taken is not None
        else ("none is imported: it is the pupils' last school's")
    )
    return f"The file has attendance for {listed}; {kept}."


def _keep_newer(
    matching: Matching, held: list[HeldPupil], made: dt.datetime | None, dates: HeldDates
) -> list[Kept]:
    by_id = {pupil.id: pupil for pupil in held}
    kept = []
    for position, pupil_id in matching.held_ids.items():
        record, held_back = keep_newer(matching.records[position], by_id[pupil_id], made, dates)
        matching.records[position] = record
        if held_back is not None:
            kept.append(held_back)
    return kept


def _results(out: CtfPlan, matching: Matching, held: HeldResults) -> None:
    """Results to add or correct; a result we hold with the same value is left alone."""
    seen: set[tuple[object, str, str, str]] = set()
    for position, (record, source) in enumerate(
        zip(matching.records, matching.sources, strict=True)
    ):
        pupil_id = matching.held_ids.get(position)
        for row in source.assessments:
            key = (pupil_id or record.identity.upn, row.subject, row.name, row.qualifier)
            if key in seen:  # the same pupil twice in a file, or a result sent twice
                continue
            seen.add(key)
            if not row.known:
                out.unknown_codes[row.codes] += 1
            known = _held_result(held, pupil_id, row)
            if known is not None and known[1] == row.result:
                out.unchanged_results += 1
                continue
            out.results.append(
                ResultChange(
                    row,
                    pupil_id,
                    record.identity.upn,
                    record.name,
                    assessment_id=known[0] if known else None,
                    old_result=known[1] if known else None,
                )
            )


def _held_result(
    held: HeldResults, pupil_id: int | None, row: AssessmentRow
) -> tuple[int, str] | None:
    if pupil_id is None:
        return None
    return held.get((pupil_id, row.subject, row.name, row.qualifier)) or held.get(
        (pupil_id, row.subject, row.name, "")
    )


def _problems(matching: Matching, mapped: list[Mapped]) -> list[Problem]:
    """Each pupil's problems, naming the pupil we matched them to so an issue links to them."""
    problems = []
    for record, source in zip(matching.records, matching.sources, strict=True):
        problems += [replace(p, identity=record.identity) for p in source.problems]
    matched = {id(source) for source in matching.sources}
    problems += [p for m in mapped if id(m) not in matched for p in m.problems]
    return problems


def _unidentified(mapped: Mapped) -> Rejected:
    reason = CtfError(
        "has no valid UPN and matches no pupil we hold; correct the UPN in the MIS and export "
        "again",
        line=mapped.line,
        element="Pupil",
    )
    return Rejected(mapped.line, mapped.record.name, str(reason))


def _file_problem(message: str) -> Problem:
    return Problem("ctf_file", message, "warning")
