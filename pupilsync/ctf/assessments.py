"""CTF stage assessments as the app's own assessments, named through a table that can grow.

A CTF has no KS2 or phonics element: every result is one `StageAssessment` identified by
stage, subject, method and component, read through its qualifier (an NC level, a scaled
score, a mark...). We keep every code as sent, so a result the table does not name keeps its
sense; the table only gives it a name a teacher recognises. The codes the DfE uses for phonics
are not published in any form we could check, so phonics is recognised by its subject code in
any stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pupilsync.ctf.pupil import StageResult

Key = tuple[str | None, str | None, str | None, str | None]

# (stage, subject, method, component) -> (our subject, our assessment name); None is any
# value, and "{stage}" in a name is the stage as a teacher says it.
NAMES: dict[Key, tuple[str, str]] = {
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
    ("KS1", "ENG", "TA", "REA"): ("English", "KS1 reading teacher assessment"),
    ("KS1", "ENG", "TA", "WRI"): ("English", "KS1 writing teacher assessment"),
    ("KS1", "MAT", "TA", "MAT"): ("Maths", "KS1 maths teacher assessment"),
    ("KS1", "SCI", "TA", "SCI"): ("Science", "KS1 science teacher assessment"),
    ("KS1", "ENG", "TT", "REA"): ("English", "KS1 reading test"),
    ("KS1", "ENG", "TT", "GPS"): ("English", "KS1 grammar, punctuation and spelling test"),
    ("KS1", "MAT", "TT", "MAT"): ("Maths", "KS1 maths test"),
    # English attainment targets of the levelled National Curriculum (to 2015).
    (None, "ENG", "TA", "AT1"): ("English", "{stage} speaking and listening teacher assessment"),
    (None, "ENG", "TA", "AT2"): ("English", "{stage} reading teacher assessment"),
    (None, "ENG", "TA", "AT3"): ("English", "{stage} writing teacher assessment"),
    (None, "PHO", None, None): ("Phonics", "Phonics screening check"),
    (None, "PSC", None, None): ("Phonics", "Phonics screening check"),
}
SUBJECTS = {"ENG": "English", "MAT": "Maths", "SCI": "Science", "COM": "Communication"}
STAGES = {"EYF": "EYFS", "KS1": "KS1", "KS2": "KS2"}

# EYFS profile areas of learning (subject codes) and, for the profile of 2013 to 2021, its 17
# early learning goals in their published order (component codes G01 to G17).
EYFS_AREAS = {
    "COM": "Communication and language",
    "PHY": "Physical development",
    "PSE": "Personal, social and emotional development",
    "LIT": "Literacy",
    "MAT": "Mathematics",
    "UTW": "Understanding the world",
    "EXP": "Expressive arts and design",
}
EYFS_GOALS_2013 = {
    "G01": "listening and attention",
    "G02": "understanding",
    "G03": "speaking",
    "G04": "moving and handling",
    "G05": "health and self-care",
    "G06": "self-confidence and self-awareness",
    "G07": "managing feelings and behaviour",
    "G08": "making relationships",
    "G09": "reading",
    "G10": "writing",
    "G11": "numbers",
    "G12": "shape, space and measures",
    "G13": "people and communities",
    "G14": "the world",
    "G15": "technology",
    "G16": "exploring and using media and materials",
    "G17": "being imaginative",
}
LAST_2013_PROFILE = 2021  # the reformed profile of 2022 numbers different goals

# How to read a result: its qualifier. Codes we cannot name are shown as sent.
QUALIFIERS = {
    "NC": "NC level",
    "SS": "scaled score",
    "MT": "check mark",
    "EY": "EYFS outcome",
}


@dataclass(frozen=True)
class AssessmentRow:
    """One result to hold for a pupil; (subject, name, qualifier) is its key among a pupil's
    CTF results. `known` says whether the code table names it."""

    subject: str
    name: str
    result: str
    assessed_on: dt.date | None
    stage: str = ""
    subject_code: str = ""
    method: str = ""
    component: str = ""
    qualifier: str = ""
    year: int | None = None
    known: bool = True

    @property
    def codes(self) -> str:
        """The result's codes as the file sent them: KS2 ENG/TA/AT3."""
        codes = "/".join(c for c in (self.subject_code, self.method, self.component) if c)
        return f"{self.stage} {codes}".strip()

    @property
    def reading(self) -> str:
        """The result with what it is: '5 (NC level)'."""
        if not self.qualifier:
            return self.result
        return f"{self.result} ({QUALIFIERS.get(self.qualifier, self.qualifier)})"


def row_for(result: StageResult) -> AssessmentRow:
    named = _name(result)
    known = named is not None
    subject, name = named or _raw_name(result)
    year = f" {result.year}" if result.year else ""
    return AssessmentRow(
        subject[:100],
        f"{name}{year}"[:200],
        str(result.result)[:100],
        result.date,
        stage=result.stage[:8],
        subject_code=(result.subject or "")[:8],
        method=(result.method or "")[:8],
        component=(result.component or "")[:16],
        qualifier=(result.qualifier or "")[:8],
        year=result.year,
        known=known,
    )


def _name(result: StageResult) -> tuple[str, str] | None:
    stage = STAGES.get(result.stage, result.stage)
    keys: tuple[Key, ...] = (
        (result.stage, result.subject, result.method, result.component),
        (None, result.subject, result.method, result.component),
        (None, result.subject, None, None),
    )
    for key in keys:
        if key in NAMES:
            subject, name = NAMES[key]
            return subject, name.format(stage=stage)
    if result.stage == "EYF" and result.subject in EYFS_AREAS:
        return _eyfs(result)
    return None


def _eyfs(result: StageResult) -> tuple[str, str] | None:
    area = EYFS_AREAS[result.subject or ""]
    goal = EYFS_GOALS_2013.get(result.component or "")
    if goal is not None and (result.year is None or result.year <= LAST_2013_PROFILE):
        return area, f"EYFS profile: {goal} ({result.component})"
    if result.component:  # a later profile's goal: the area is sure, the goal's name is not
        return area, f"EYFS profile: {area.lower()} goal {result.component}"
    return None


def _raw_name(result: StageResult) -> tuple[str, str]:
    codes = "/".join(c for c in (result.subject, result.method, result.component) if c)
    subject = SUBJECTS.get(result.subject or "", result.subject or result.stage)
    return subject, f"{result.stage} {codes}"
