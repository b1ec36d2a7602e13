"""The circuit breaker: a plan that would change too much of the roll at once is held.

An MIS rollover gone wrong or a half-extracted school looks, to a sync, like most pupils leaving
or changing year group overnight. Such a plan is not applied until an admin has seen it. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pupilsync.sync.diff import Change, Plan
from pupilsync.sync.options import SyncOptions

# Below this many pupils a change is never "too much": small schools see small numbers move.
MIN_PUPILS = 5
NAMES_KEPT = 200


@dataclass(frozen=True)
class Hold:
    reasons: list[str]
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return (
            "This sync was held, not applied: it would "
            + " and ".join(self.reasons)
            + ". If that is right (say, after a restructure), approve it; otherwise fix the MIS "
            "and discard it. Nothing was changed."
        )


def check(plan: Plan, roll: int, rules: SyncOptions) -> Hold | None:
    """A Hold if the plan crosses the school's thresholds, else None. `roll`: pupils on roll."""
    archived = [c for c in plan.changes if c.archived]
    sen = [c for c in plan.changes if _moved(c, "sen_provision")]
    years = [c for c in plan.changes if _moved(c, "year_group")]
    reasons = []
    if _over(len(archived), roll, rules.hold_archive_percent):
        reasons.append(f"archive {_share(len(archived), roll)}")
    if _over(len(sen), roll, rules.hold_change_percent):
        reasons.append(f"change the SEN provision of {_share(len(sen), roll)}")
    if _over(len(years), roll, rules.hold_change_percent):
        reasons.append(f"change the year group of {_share(len(years), roll)}")
    if not reasons:
        return None
    summary = {
        "roll": roll,
        "created": len(plan.creates),
        "updated": plan.updated,
        "archived": _names(archived),
        "sen_changed": _names(sen, "sen_provision"),
        "year_changed": _names(years, "year_group"),
    }
    return Hold(reasons, summary)


def _moved(change: Change, name: str) -> bool:
    """A value that changes from one we held (a first value for a new year is not a move)."""
    if name not in change.year or change.archived:
        return False
    old, new = change.year[name]
    return old is not None and old != new


def _over(count: int, roll: int, percent: int) -> bool:
    return percent > 0 and count >= MIN_PUPILS and count * 100 > roll * percent


def _share(count: int, roll: int) -> str:
    return f"{count} of {roll} pupils ({round(100 * count / max(roll, 1))}%)"


def _names(changes: list[Change], name: str | None = None) -> dict[str, Any]:
    rows = [
        {"pupil": c.name, **({"from": c.year[name][0], "to": c.year[name][1]} if name else {})}
        for c in changes[:NAMES_KEPT]
    ]
    return {"count": len(changes), "pupils": rows}
