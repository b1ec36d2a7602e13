"""A CTF pupil in our terms: the same records, problems and settings as the Wonde mapping.

Pure: no database. A record carries only the blocks the file sent, so a partial file leaves
everything else as we hold it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pupilsync import census
from pupilsync.ctf import la_codes, years
from pupilsync.ctf.assessments import AssessmentRow, row_for
from pupilsync.ctf.pupil import Contact, CtfPupil, Period
from pupilsync.sync.options import SyncOptions
from pupilsync.sync.records import Identity, Problem, PupilFields, PupilRecord, YearFields
from pupilsync.termdates import Terms, academic_year_on

# First languages that are English, or say nothing about it (not obtained, refused).
ENGLISH = {"ENG", "ENB"}
UNKNOWN_LANGUAGE = {"NOT", "REF"}
RELATIONSHIPS = {
    "PAM": "Mother",
    "PAF": "Father",
    "STM": "Step-mother",
    "STF": "Step-father",
    "FOM": "Foster mother",
    "FOF": "Foster father",
    "CAR": "Carer",
    "CHM": "Childminder",
    "DOC": "Doctor",
    "FAM": "Other family member",
    "HTC": "Head teacher",
    "OTH": "Other contact",
    "REL": "Other relative",
    "RLG": "Religious contact",
    "SWR": "Social worker",
    "TCH": "Teacher",
}


# Our columns' widths: a longer value from a file is cut rather than refused by the database.
WIDTHS = {
    "forename": 100,
    "surname": 100,
    "legal_forename": 100,
    "legal_surname": 100,
    "middle_names": 200,
    "gender": 16,
    "ethnicity": 8,
    "first_language": 8,
    "year_group": 8,
}


@dataclass(frozen=True)
class Context:
    """What a pupil's values mean in this file: as of which day, full or partial, which year."""

    day: dt.date  # the day the file speaks for: its date, never after today
    # A full file that exported the block: a pupil it gives no history for has none.
    full_fsm: bool = False
    full_sen: bool = False
    attendance_year: int | None = None  # the year whose attendance we take; None: none
    year_shift: int = 0  # joiners: how many years on from the file's year group

    @classmethod
    def for_today(cls, today: dt.date, terms: Sequence[Terms] = ()) -> Context:
        """A pupil read as of today, taking the attendance of the year the term dates place
        today in (an import gives its file's context instead)."""
        return cls(today, attendance_year=academic_year_on(today, terms))


@dataclass
class Mapped:
    """One pupil from a CTF, mapped: the record, what was wrong, and their results."""

    record: PupilRecord
    problems: list[Problem] = field(default_factory=list)
    assessments: list[AssessmentRow] = field(default_factory=list)
    former_upn: str | None = None
    line: int = 0


def map_pupil(
    pupil: CtfPupil, rules: SyncOptions, today: dt.date, context: Context | None = None
) -> Mapped:
    context = context or Context.for_today(today)
    day = context.day
    upn = pupil.upn if census.is_valid_upn(pupil.upn) else None
    identity = Identity(upn=upn)
    problems = _Problems(identity, pupil.name)
    _check_upns(pupil, upn, problems)
    fields: dict[str, Any] = {
        "legal_forename": pupil.forename,
        "legal_surname": pupil.surname,
        "date_of_birth": pupil.date_of_birth,
        "gender": census.normalise_gender(pupil.sex),
    }
    year: dict[str, Any] = {}
    _present(
        fields,
        upn=upn,
        former_upn=pupil.former_upn
        if pupil.former_upn and census.is_valid_upn(pupil.former_upn)
        else None,
        forename=pupil.preferred_forename,
        surname=pupil.preferred_surname,
        middle_names=pupil.middle_names,
        ethnicity=pupil.ethnicity,
        in_care=pupil.in_care,
    )
    _present(year, year_group=_year_group(pupil.year_group, context.year_shift))
    _language(pupil, fields)
    _fsm(pupil.fsm if pupil.fsm is not None or not context.full_fsm else [], fields, day)
    _sen(pupil, year, rules, problems, day, full=context.full_sen)
    if pupil.contacts is not None and rules.sync_contacts:
        fields["contacts"] = [_contact(c) for c in _by_order(pupil.contacts)]
    _attendance(pupil, year, problems, context.attendance_year)
    for note in pupil.notes:
        problems.add("unreadable_value", note)
    record = PupilRecord(
        identity, PupilFields.of(_fit(fields)), YearFields.of(_fit(year)), on_roll=True
    )
    rows = [row_for(result) for result in pupil.assessments or []]
    return Mapped(record, problems.items, rows, fields.get("former_upn"), pupil.line)


class _Problems:
    def __init__(self, identity: Identity, name: str) -> None:
        self.identity, self.name = identity, name
        self.items: list[Problem] = []

    def add(self, code: str, message: str, severity: str = "warning") -> None:
        self.items.append(Problem(code, message, severity, self.identity, self.name))


def _fit(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value[: WIDTHS[name]] if name in WIDTHS and isinstance(value, str) else value
        for name, value in values.items()
    }


def _present(target: dict[str, Any], **values: Any) -> None:
    """Only what the file carries: an absent value was not sent, and changes nothing."""
    target.update({name: value for name, value in values.items() if value is not None})


def _check_upns(pupil: CtfPupil, upn: str | None, problems: _Problems) -> None:
    if upn is None:
        problems.add(
            "invalid_upn",
            f"has a UPN ({pupil.upn}) whose format or check letter is wrong; it was not used "
            "to match or stored",
            "error",
        )
    elif not la_codes.is_known(upn[1:4]):
        problems.add("unknown_la_code", f"has a UPN ({upn}) with an LA code we do not know")
    if pupil.former_upn and not census.is_valid_upn(pupil.former_upn):
        problems.add(
            "invalid_former_upn",
            f"has a former UPN ({pupil.former_upn}) whose format or check letter is wrong",
        )


def _language(pupil: CtfPupil, fields: dict[str, Any]) -> None:
    language = pupil.first_language
    if not pupil.languages_sent or language is None:
        return
    fields["first_language"] = language
    fields["eal"] = None if language in UNKNOWN_LANGUAGE else language not in ENGLISH


def _fsm(periods: list[Period] | None, fields: dict[str, Any], today: dt.date) -> None:
    if periods is None:
        return
    six_years_ago = _years_before(today, 6)
    fields["fsm"] = any(_covers(p, today, today) for p in periods)
    fields["fsm_ever6"] = any(_covers(p, six_years_ago, today) for p in periods)


def _covers(period: Period, start: dt.date, end: dt.date) -> bool:
    """Whether the period overlaps start..end (an open period runs on)."""
    began = period.start or dt.date.min
    ended = period.end or dt.date.max
    return began <= end and ended >= start


def _year_group(code: str | None, shift: int) -> str | None:
    return years.move_on(code, shift) if code is not None and shift else code


def _sen(
    pupil: CtfPupil,
    year: dict[str, Any],
    rules: SyncOptions,
    problems: _Problems,
    today: dt.date,
    *,
    full: bool,
) -> None:
    if not pupil.sen and not full:
        return  # a partial file without provision history: the SEN we hold stands
    # A full file that has no SEN period for the pupil says they have none (SIMS leaves
    # <SENhistory> out for such pupils): provision N, no needs.
    open_periods = [p for p in pupil.sen or [] if p.end is None or p.end >= today]
    if not open_periods:
        provision: str | None = "N"
    else:
        current = max(open_periods, key=lambda p: p.start or dt.date.min)
        provision = rules.sen_provision(current.code)
        if provision is None:
            problems.add(
                "unknown_sen_code",
                f"has the SEN code '{current.code}', which is not a standard code, so their "
                "SEN was left as it was.",  # the pages add where to map it (labels.py)
            )
            return
    if rules.sync_sen_provision:
        year["sen_provision"] = provision
    if rules.sync_sen_types:
        needs = [{"type": n.type, "rank": n.rank} for n in pupil.needs or []]
        year["sen_needs"] = (
            []
            if provision == "N"
            else sorted(needs, key=lambda n: (n["rank"] is None, n["rank"] or 0, n["type"]))
        )


def _attendance(
    pupil: CtfPupil, year: dict[str, Any], problems: _Problems, wanted: int | None
) -> None:
    """The file's academic year's sessions, added up over the schools that recorded them."""
    rows = [row for row in pupil.attendance or [] if wanted is not None and row.year == wanted]
    if not rows:
        return
    totals = {
        "att_possible": sum(r.possible or 0 for r in rows),
        "att_present": sum(r.attended or 0 for r in rows),
        "att_authorised": sum(r.authorised or 0 for r in rows),
        "att_unauthorised": sum(r.unauthorised or 0 for r in rows),
    }
    year.update(totals)
    counted = totals["att_present"] + totals["att_authorised"] + totals["att_unauthorised"]
    if counted != totals["att_possible"]:
        problems.add(
            "attendance_mismatch",
            f"has {totals['att_possible']} possible sessions but {counted} attended or absent; "
            "imported as sent",
            "info",
        )


def _contact(contact: Contact) -> dict[str, Any]:
    parts = (contact.title, contact.forename, contact.surname)
    return {
        "name": " ".join(p for p in parts if p),
        "relationship": RELATIONSHIPS.get(contact.relationship or "", contact.relationship),
        "email": contact.email,
        "priority": contact.order,
        "parental_responsibility": contact.responsibility,
    }


def _by_order(contacts: list[Contact]) -> list[Contact]:
    """`Order` is priority, not document order: SIMS writes 3, 4, 2, 1."""
    return sorted(contacts, key=lambda c: (c.order is None, c.order or 0))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
