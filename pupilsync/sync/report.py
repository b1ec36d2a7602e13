"""Sync results in words and in JSON, for the CLI and the logs."""

from __future__ import annotations

from typing import Any

from pupilsync.sync.engine import SyncResult


def result_summary(result: SyncResult) -> dict[str, Any]:
    plan, run = result.plan, result.run
    return {
        "school": result.school.pk,
        "wonde_id": result.school.wonde_id,
        "run": run.pk if run else None,
        "status": result.status,
        "full": result.full,
        "created": len(plan.creates),
        "updated": plan.updated,
        "unchanged": plan.unchanged,
        "archived": plan.archived,
        "restored": plan.restored,
        "photos": result.photos,
        "issues": len(plan.problems) + (1 if result.error else 0),
        "http_requests": result.http_requests,
        "started_at": run.started_at.isoformat() if run else None,
        "finished_at": run.finished_at.isoformat() if run and run.finished_at else None,
        "error": result.error or None,
    }


def plan_lines(result: SyncResult) -> list[str]:
    """What a sync would do, a line a pupil: the output of --dry-run."""
    plan = result.plan
    lines = [f"+ new      {_name(p.fields)} ({_year(p.year)})" for p in plan.creates]
    for change in plan.changes:
        if change.archived:
            left = change.fields.get("leaving_date", (None, None))[1]
            lines.append(f"- archive  {change.name}" + (f" (left {left})" if left else ""))
            continue
        verb = "^ restore " if change.restored else "~ update  "
        what = ", ".join(
            f"{name}: {_show(old)} -> {_show(new)}"
            for name, (old, new) in {**change.fields, **change.year}.items()
        )
        lines.append(f"{verb}{change.name}: {what}")
    lines += [f"! {p.severity:<7} {p.pupil_name or '-'}: {p.message}" for p in plan.problems]
    return lines


def _name(fields: dict[str, Any]) -> str:
    return f"{fields.get('forename') or ''} {fields.get('surname') or ''}".strip()


def _year(year: dict[str, Any]) -> str:
    return f"year {year.get('year_group') or '?'}"


def _show(value: Any) -> str:
    text = str(value) if value is not None else "-"
    return text if len(text) <= 40 else text[:37] + "..."
