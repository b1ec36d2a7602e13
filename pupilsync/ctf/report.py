"""A CTF preview in words (for the command line) and as JSON (for scripts and the web page)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pupilsync.ctf.freshness import Kept
from pupilsync.ctf.service import Imported, Preview
from pupilsync.sync.diff import Change, NewPupil
from pupilsync.sync.records import known
from pupilsync.sync.report import PlanLines, year_group_words
from pupilsync.termdates import label

SHOWN = {"ctf_pupil_rejected", "ctf_needs_review", "ctf_year"}  # each has its own line


class _PlanLines(PlanLines):
    """The sync's plan in words, in a preview's wider columns, a new pupil with their UPN."""

    NEW = "+ new       "
    UPDATE = "~ update    "
    PROBLEM = "! {severity:<8}  {pupil}: {message}"

    def new(self, pupil: NewPupil) -> str:
        upn = known(pupil.fields.upn)
        return f"{self.NEW}{pupil.fields.name} ({upn}, {year_group_words(pupil)})"


def summary(preview: Preview) -> dict[str, int]:
    result = preview.result
    return {
        "pupils": len(preview.ctf.pupils) + len(preview.ctf.rejected),
        "new": len(result.plan.creates),
        "updated": result.plan.updated,
        "unchanged": result.plan.unchanged,
        "flagged": len(result.flagged),
        "rejected": len(result.rejected),
        "results": len(result.results),
        "kept": len(result.kept),
        "unknown_results": result.unknown_results,
        "issues": len(result.plan.problems),
    }


def year_words(preview: Preview) -> str | None:
    """Why this file's year is not simply the current year, as a sentence; None when it is."""
    warning = preview.year.warning()
    return warning[0].upper() + warning[1:] + "." if warning else None


def unknown_codes_words(preview: Preview) -> str | None:
    """All the results the code table cannot name, once for the file."""
    codes = preview.result.unknown_codes
    if not codes:
        return None
    listed = ", ".join(f"{code} ({n})" for code, n in sorted(codes.items()))
    count = preview.result.unknown_results
    results = "result" if count == 1 else "results"
    return f"{count} {results} with codes we do not know: {listed}; kept as sent"


def kept_words(kept: Kept) -> str:
    since = f"{timezone.localtime(kept.held_since):%d %B %Y}"
    return f"{', '.join(kept.fields)}: older than what we hold, kept (ours from {since})"


def preview_dict(preview: Preview) -> dict[str, Any]:
    header, result = preview.ctf.header, preview.result
    return {
        "file": {
            "name": preview.file_name,
            "sha256": preview.ctf.sha256,
            "version": header.version,
            "qualifier": header.qualifier,
            "supplier": header.supplier,
            "source": header.source(),
            "created": header.created,
            "previously_imported": _iso(preview.previously_imported),
            "academic_year": preview.year.year,
            "academic_year_label": label(preview.year.year),
            "imports_into": preview.year.target,
            "imports_into_label": label(preview.year.target),
            "current_year_label": label(preview.year.current),
            "transfer": preview.year.transfer,
            "year_warning": year_words(preview),
            "unknown_codes": unknown_codes_words(preview),
        },
        "summary": summary(preview),
        "importable": preview.result.importable > 0,
        "new": [_new(n) for n in result.plan.creates],
        "updated": [_change(c) for c in result.plan.changes],
        "flagged": [
            {
                "pupil": f.mapped.record.name,
                "upn": f.mapped.record.identity.upn,
                "line": f.mapped.line,
                "candidates": [c.id for c in f.candidates],
                "reason": f.reason,
            }
            for f in result.flagged
        ],
        "rejected": [
            {"pupil": r.label, "line": r.line, "reason": r.reason} for r in result.rejected
        ],
        "results": [
            {
                "pupil": r.pupil_name,
                "upn": r.upn,
                "subject": r.row.subject,
                "name": r.row.name,
                "result": r.row.result,
                "qualifier": r.row.qualifier,
                "reading": r.row.reading,
                "codes": r.row.codes,
                "known": r.row.known,
                "old_result": r.old_result,
            }
            for r in result.results
        ],
        "kept": [
            {
                "pupil": k.pupil_name,
                "pupil_id": k.pupil_id,
                "fields": list(k.fields),
                "held_since": _iso(k.held_since),
            }
            for k in result.kept
        ],
        "issues": [
            {"severity": p.severity, "code": p.code, "pupil": p.pupil_name, "message": p.message}
            for p in result.plan.problems
        ],
    }


def preview_lines(preview: Preview) -> list[str]:
    header, result = preview.ctf.header, preview.result
    lines = [
        f"CTF {header.version or '?'} ({header.qualifier or 'partial'}) from "
        f"{header.source() or 'an unnamed school'}, made {header.created or '?'}, "
        f"for {label(preview.year.year)}"
    ]
    if words := year_words(preview):
        lines.append(f"! {words}")
    if preview.previously_imported:
        lines.append(f"! this file was imported before, on {preview.previously_imported:%d %B %Y}")
    plan_lines = _PlanLines()
    lines += plan_lines.pupils(result.plan)
    for held_back in result.kept:
        lines.append(f"= kept      {held_back.pupil_name}: {kept_words(held_back)}")
    for flag in result.flagged:
        lines.append(
            f"? review    {flag.mapped.record.name} (line {flag.mapped.line}): {flag.reason}"
        )
    for rejected in result.rejected:
        lines.append(f"x rejected  {rejected.label}: {rejected.reason}")
    for res in result.results:
        verb = "correct" if res.assessment_id else "add"
        old = f" (was {res.old_result})" if res.old_result else ""
        lines.append(f"= result    {res.pupil_name}: {verb} {res.row.name}: {res.row.reading}{old}")
    if words := unknown_codes_words(preview):
        lines.append(f"! {words}")
    lines += plan_lines.problems(p for p in result.plan.problems if p.code not in SHOWN)
    counts = summary(preview)
    tail = ", {kept} kept (older than what we hold)".format(**counts) if result.kept else ""
    lines.append(
        "{new} new, {updated} updated, {unchanged} unchanged, {flagged} to review, "
        "{rejected} rejected, {results} results to add or correct".format(**counts)
        + tail
    )
    return lines


def imported_dict(imported: Imported) -> dict[str, Any]:
    record = imported.record
    return {
        "import": record.pk,
        "run": imported.run.pk,
        "created": record.created,
        "updated": record.updated,
        "flagged": record.flagged,
        "rejected": record.rejected,
        "assessments": record.assessments,
    }


def _new(new: NewPupil) -> dict[str, Any]:
    return {
        "pupil": new.fields.name,
        "upn": known(new.fields.upn),
        "year_group": known(new.year.year_group),
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "pupil": change.name,
        "pupil_id": change.pupil_id,
        "changes": {
            name: {"old": _plain(old), "new": _plain(new)}
            for name, (old, new) in change.moves.items()
        },
    }


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
