"""What a CTF would change: the pupils' plan, and the results to add. Pure: no database.

The pupils go through the sync's own plan, with two differences a CTF needs: identities are
matched on UPN first (matching.py), and nobody is archived, since a file names only the pupils
it carries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from pupilsync.ctf.assessments import AssessmentRow
from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.mapping import Mapped, map_pupil
from pupilsync.ctf.matching import Flagged, Matching, match
from pupilsync.ctf.parser import CtfFile, Rejected
from pupilsync.sync.diff import HeldPupil, Plan, make_plan
from pupilsync.sync.records import Incoming, Problem
from pupilsync.sync.rules import Rules

# A result we hold from an earlier CTF: (pupil id, subject, name) -> (assessment id, result).
HeldResults = dict[tuple[int, str, str], tuple[int, str]]


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

    def fingerprint(self) -> tuple[object, ...]:
        """What the import would write, to tell whether a preview still holds."""
        plan = self.plan
        return (
            tuple(sorted(repr(sorted(n.fields.items())) for n in plan.creates)),
            tuple(sorted((c.pupil_id, repr(c.fields), repr(c.year)) for c in plan.changes)),
            tuple(sorted(repr(r) for r in self.results)),
        )


def plan_import(
    ctf: CtfFile, held: list[HeldPupil], results: HeldResults, rules: Rules, today: dt.date
) -> CtfPlan:
    mapped = [map_pupil(pupil, rules, today) for pupil in ctf.pupils]
    matching = match(held, mapped)
    problems = _problems(matching, mapped)
    problems += [_file_problem(w) for w in ctf.warnings]
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
    out = CtfPlan(plan, flagged=matching.flagged, rejected=rejected)
    _results(out, matching, results)
    return out


def _results(out: CtfPlan, matching: Matching, held: HeldResults) -> None:
    """Results to add or correct; a result we hold with the same value is left alone."""
    seen: set[tuple[object, str, str]] = set()
    for position, (record, source) in enumerate(
        zip(matching.records, matching.sources, strict=True)
    ):
        pupil_id = matching.held_ids.get(position)
        for row in source.assessments:
            key = (pupil_id or record.identity.upn, row.subject, row.name)
            if key in seen:  # the same pupil twice in a file, or a result sent twice
                continue
            seen.add(key)
            known = held.get((pupil_id, row.subject, row.name)) if pupil_id else None
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
