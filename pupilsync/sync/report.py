"""Sync results in words and in JSON, for the CLI and the logs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pupilsync.sync.diff import Change, NewPupil, Plan
from pupilsync.sync.records import Problem

if TYPE_CHECKING:  # the plan's words need no engine (a CTF preview has none)
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
    return PlanLines().lines(result.plan)


class PlanLines:
    """A plan in words: a line a pupil, then a line a problem. A CTF preview
    (`pupilsync.ctf.report`) writes its plan with its own columns, and adds what only a file
    has around it."""

    NEW = "+ new      "
    ARCHIVE = "- archive  "
    RESTORE = "^ restore "
    UPDATE = "~ update  "
    PROBLEM = "! {severity:<7} {pupil}: {message}"

    def lines(self, plan: Plan) -> list[str]:
        return self.pupils(plan) + self.problems(plan.problems)

    def pupils(self, plan: Plan) -> list[str]:
        return [self.new(p) for p in plan.creates] + [self.change(c) for c in plan.changes]

    def new(self, pupil: NewPupil) -> str:
        return f"{self.NEW}{pupil.fields.name} ({year_group_words(pupil)})"

    def change(self, change: Change) -> str:
        if change.archived:
            left = change.fields.get("leaving_date", (None, None))[1]
            return f"{self.ARCHIVE}{change.name}" + (f" (left {left})" if left else "")
        verb = self.RESTORE if change.restored else self.UPDATE
        return f"{verb}{change.name}: {moves_words(change)}"

    def problems(self, problems: Iterable[Problem]) -> list[str]:
        return [
            self.PROBLEM.format(severity=p.severity, pupil=p.pupil_name or "-", message=p.message)
            for p in problems
        ]


def year_group_words(pupil: NewPupil) -> str:
    return f"year {pupil.year.year_group or '?'}"


def moves_words(change: Change) -> str:
    """What changes, as `field: old -> new, ...`."""
    return ", ".join(
        f"{name}: {_show(old)} -> {_show(new)}" for name, (old, new) in change.moves.items()
    )


def _show(value: object) -> str:
    text = str(value) if value is not None else "-"
    return text if len(text) <= 40 else text[:37] + "..."
