"""CTF stage assessments as the app's own assessments, named through a table that can grow.

A CTF has no KS2 or phonics element: every result is one `StageAssessment` identified by
stage, subject, method and component. The codes the DfE uses for phonics are not published
in any form we could check, so phonics is recognised by its subject code in any stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pupilsync.ctf.pupil import StageResult

# (stage, subject, method, component) -> (our subject, our assessment name); None is any value.
NAMES: dict[tuple[str | None, str | None, str | None, str | None], tuple[str, str]] = {
    ("KS2", "MAT", "TT", "MTC"): ("Maths", "Multiplication tables check"),
    ("KS2", "ENG", "TT", "GPS"): ("English", "KS2 grammar, punctuation and spelling test"),
    ("KS2", "ENG", "TT", "REA"): ("English", "KS2 reading test"),
    ("KS2", "ENG", "TT", "RE"): ("English", "KS2 reading test"),
    ("KS2", "MAT", "TT", "MAT"): ("Maths", "KS2 maths test"),
    ("KS2", "ENG", "TA", "WRI"): ("English", "KS2 writing teacher assessment"),
    ("KS2", "ENG", "TA", "WR"): ("English", "KS2 writing teacher assessment"),
    ("KS2", "ENG", "TA", "REA"): ("English", "KS2 reading teacher assessment"),
    ("KS2", "MAT", "TA", "MAT"): ("Maths", "KS2 maths teacher assessment"),
    ("KS2", "SCI", "TA", "SCI"): ("Science", "KS2 science teacher assessment"),
    (None, "PHO", None, None): ("Phonics", "Phonics screening check"),
    (None, "PSC", None, None): ("Phonics", "Phonics screening check"),
}
SUBJECTS = {"ENG": "English", "MAT": "Maths", "SCI": "Science", "COM": "Communication"}


@dataclass(frozen=True)
class AssessmentRow:
    """One result to hold for a pupil; (subject, name) is its key among a pupil's CTF results."""

    subject: str
    name: str
    result: str
    assessed_on: dt.date | None


def row_for(result: StageResult) -> AssessmentRow:
    subject, name = _name(result)
    year = f" {result.year}" if result.year else ""
    return AssessmentRow(
        subject[:100], f"{name}{year}"[:200], str(result.result)[:100], result.date
    )


def _name(result: StageResult) -> tuple[str, str]:
    keys = (
        (result.stage, result.subject, result.method, result.component),
        (None, result.subject, None, None),
    )
    for key in keys:
        if key in NAMES:
            return NAMES[key]
    codes = "/".join(c for c in (result.subject, result.method, result.component) if c)
    subject = SUBJECTS.get(result.subject or "", result.subject or result.stage)
    return subject, f"{result.stage} {codes}"
