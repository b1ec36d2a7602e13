"""What school staff can do about a decision of the schedule, in the pages' words.

The rules (calendar.py) say what is so: a code and its facts. These words name pages and
buttons, never a shell command; docs/schedule.md has the commands for operators.
"""

from __future__ import annotations

from pupilsync.scheduling.calendar import Decision
from pupilsync.termdates import label

ADD_TERM_DATES = "Add the {year_label} dates under Change School Settings > Term Dates."
BY_CODE = {
    "not_connected": "Request access under Manage Pupils > Update Pupils > Wonde; the sync "
    "starts once the school approves it in its Wonde portal.",
    "requested": "Ask the contact named in the request to approve pupilsync in the Wonde portal.",
    "revoked": "Request access again if the school wants the sync back.",
    "declined": "Request access again once the school is ready to approve it.",
    "running": "Wait for it to finish; nothing more was queued.",
    "queued": "It will run shortly; nothing more was queued.",
    "summer_pause": "Nothing to do: it resumes by itself.",
}
TERM_DATES = ("term_dates_missing", "no_term_dates")


def what_to_do(decision: Decision) -> str:
    """The next step for school staff, or "" when there is none."""
    if decision.code in TERM_DATES or decision.warnings:
        return ADD_TERM_DATES.format(year_label=label(decision.academic_year))
    return BY_CODE.get(decision.code, "")


def as_json(decision: Decision) -> dict[str, object]:
    return decision.as_json() | {"what_to_do": what_to_do(decision)}
