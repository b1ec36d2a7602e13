"""A CTF preview in words (for the command line) and as JSON (for scripts and the web page)."""

from __future__ import annotations

from typing import Any

from pupilsync.ctf.service import Imported, Preview
from pupilsync.sync.diff import Change, NewPupil


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
        "issues": len(result.plan.problems),
    }


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
        },
        "summary": summary(preview),
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
                "old_result": r.old_result,
            }
            for r in result.results
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
        f"{header.source() or 'an unnamed school'}, made {header.created or '?'}"
    ]
    if preview.previously_imported:
        lines.append(f"! this file was imported before, on {preview.previously_imported:%d %B %Y}")
    for new in result.plan.creates:
        lines.append(
            f"+ new       {_name(new.fields)} ({new.fields.get('upn')}, "
            f"year {new.year.get('year_group') or '?'})"
        )
    for change in result.plan.changes:
        what = ", ".join(
            f"{name}: {_show(old)} -> {_show(new)}"
            for name, (old, new) in {**change.fields, **change.year}.items()
        )
        lines.append(f"~ update    {change.name}: {what}")
    for flag in result.flagged:
        lines.append(
            f"? review    {flag.mapped.record.name} (line {flag.mapped.line}): {flag.reason}"
        )
    for rejected in result.rejected:
        lines.append(f"x rejected  {rejected.label}: {rejected.reason}")
    for res in result.results:
        verb = "correct" if res.assessment_id else "add"
        old = f" (was {res.old_result})" if res.old_result else ""
        lines.append(f"= result    {res.pupil_name}: {verb} {res.row.name}: {res.row.result}{old}")
    shown = {"ctf_pupil_rejected", "ctf_needs_review"}
    lines += [
        f"! {p.severity:<8}  {p.pupil_name or '-'}: {p.message}"
        for p in result.plan.problems
        if p.code not in shown
    ]
    counts = summary(preview)
    lines.append(
        "{new} new, {updated} updated, {unchanged} unchanged, {flagged} to review, "
        "{rejected} rejected, {results} results to add or correct".format(**counts)
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
        "pupil": _name(new.fields),
        "upn": new.fields.get("upn"),
        "year_group": new.year.get("year_group"),
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "pupil": change.name,
        "pupil_id": change.pupil_id,
        "changes": {
            name: {"old": _plain(old), "new": _plain(new)}
            for name, (old, new) in {**change.fields, **change.year}.items()
        },
    }


def _name(fields: dict[str, Any]) -> str:
    return f"{fields.get('forename') or ''} {fields.get('surname') or ''}".strip()


def _show(value: Any) -> str:
    text = str(value) if value is not None else "-"
    return text if len(text) <= 40 else text[:37] + "..."


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
