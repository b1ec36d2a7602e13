"""One CTF pupil, read from its element into plain values. Pure: no database.

A block the file does not carry stays None ("not sent"); an empty list means the block was sent
with nothing in it. A core field that is missing or unreadable refuses the pupil; any other
unreadable value is dropped with a note, and the rest of the pupil still imports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.nodes import BadValue, Node, bool_of, date_of, int_of, text_of
from pupilsync.sync.records import display_name

T = TypeVar("T")


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    code: str | None = None  # the SEN provision of a SEN period


@dataclass(frozen=True)
class Need:
    type: str
    rank: int | None


@dataclass(frozen=True)
class Contact:
    order: int | None
    title: str | None
    forename: str | None
    surname: str | None
    relationship: str | None
    responsibility: bool | None
    email: str | None


@dataclass(frozen=True)
class YearData:
    year: int | None
    possible: int | None
    attended: int | None
    authorised: int | None
    unauthorised: int | None


@dataclass(frozen=True)
class StageResult:
    stage: str
    subject: str | None
    method: str | None
    component: str | None
    year: int | None
    result: str | None
    qualifier: str | None
    date: dt.date | None


@dataclass
class CtfPupil:
    line: int
    upn: str
    surname: str
    forename: str
    date_of_birth: dt.date
    sex: str
    former_upn: str | None = None
    preferred_surname: str | None = None
    preferred_forename: str | None = None
    middle_names: str | None = None
    year_group: str | None = None
    ethnicity: str | None = None
    first_language: str | None = None
    languages_sent: bool = False
    fsm: list[Period] | None = None
    in_care: bool | None = None
    sen: list[Period] | None = None
    needs: list[Need] | None = None
    contacts: list[Contact] | None = None
    attendance: list[YearData] | None = None
    assessments: list[StageResult] | None = None
    notes: list[str] = field(default_factory=list)  # values we could not read, with their line

    @property
    def name(self) -> str:
        forename = self.preferred_forename or self.forename
        return display_name(forename, self.preferred_surname or self.surname)


CORE = ("UPN", "Surname", "Forename", "DOB")


def read_pupil(node: Node) -> CtfPupil:
    """The pupil, or a CtfError naming the core field that is missing or unreadable."""
    missing = [name for name in CORE if node.value(name) is None]
    sex_node = node.child("Sex") or node.child("Gender")
    if text_of(sex_node) is None:
        missing.append("Sex (or Gender)")
    if missing:
        raise CtfError(
            f"the pupil has no {', '.join(missing)}, which every CTF pupil must have",
            line=node.line,
            element=node.tag,
        )
    try:
        born = date_of(node.child("DOB"))
    except BadValue as error:
        raise CtfError(str(error), line=error.node.line, element=error.node.tag) from None
    assert born is not None and sex_node is not None
    pupil = CtfPupil(
        line=node.line,
        upn=_code(node.value("UPN")),
        surname=str(node.value("Surname")),
        forename=str(node.value("Forename")),
        date_of_birth=born,
        sex=_code(sex_node.text),
    )
    _basic(pupil, node.child("BasicDetails"))
    _supplier_language(pupil, node)
    _blocks(pupil, node)
    return pupil


def _basic(pupil: CtfPupil, basic: Node | None) -> None:
    if basic is None:
        return
    pupil.former_upn = _upper(basic.value("FormerUPN"))
    pupil.preferred_surname = basic.value("PreferredSurname")
    pupil.preferred_forename = basic.value("PreferredForename")
    pupil.middle_names = basic.value("MiddleNames")
    pupil.year_group = _upper(basic.value("NCyearActual"))
    pupil.ethnicity = _upper(basic.value("Ethnicity"))
    languages = basic.child("Languages")
    if languages is not None:
        pupil.languages_sent = True
        for kind in languages.all("Type"):
            if (_upper(kind.value("LanguageType")) or "F") == "F":
                pupil.first_language = _upper(kind.value("Language"))
                break


def _supplier_language(pupil: CtfPupil, node: Node) -> None:
    """SIMS may put the first language only in its supplier block, at either level; the rest
    of that block is the supplier's own and stays unread."""
    if pupil.languages_sent:
        return
    basic = node.child("BasicDetails")
    for holder in (basic, node):
        supp = holder.child("SuppInfo") if holder is not None else None
        language = _upper(supp.value("Language")) if supp is not None else None
        if language:
            pupil.first_language, pupil.languages_sent = language, True
            return


def _blocks(pupil: CtfPupil, node: Node) -> None:
    fsm = node.child("FSMhistory")
    if fsm is not None:
        pupil.fsm = _each(pupil, fsm.all("FSMinstance"), _fsm)
    looked_after = node.child("LookedAfter")
    if looked_after is not None:
        pupil.in_care = _safe(pupil, lambda: bool_of(looked_after.child("InCare")))
    sen = node.child("SENhistory")
    if sen is not None:
        pupil.sen = _each(pupil, sen.all("SEN"), _sen)
        needs = sen.child("SENneeds")
        pupil.needs = _each(pupil, needs.all("SENneed"), _need) if needs is not None else []
    contacts = node.child("Contacts")
    if contacts is not None:
        pupil.contacts = _each(pupil, contacts.all("Contact"), _contact)
    attendance = node.child("Attendance")
    if attendance is not None:
        pupil.attendance = _each(pupil, attendance.all("YearData"), _year_data)
    stages = node.child("StageAssessments")
    if stages is not None:
        pupil.assessments = [
            result
            for stage in stages.all("KeyStage")
            for result in _each(
                pupil, stage.all("StageAssessment"), _stage_result(_upper(stage.value("Stage")))
            )
        ]


def _each(pupil: CtfPupil, nodes: Iterable[Node], read: Callable[[Node], T | None]) -> list[T]:
    out: list[T] = []
    for node in nodes:
        value = _safe(pupil, partial(read, node))
        if value is not None:
            out.append(value)
    return out


def _safe(pupil: CtfPupil, read: Callable[[], T]) -> T | None:
    try:
        return read()
    except BadValue as error:
        pupil.notes.append(f"line {error.node.line}: {error}; that value was ignored")
        return None


def _fsm(node: Node) -> Period:
    return Period(date_of(node.child("FSMstartDate")), date_of(node.child("FSMendDate")))


def _sen(node: Node) -> Period | None:
    code = node.value("SENprovision")
    if code is None:
        return None
    return Period(date_of(node.child("StartDate")), date_of(node.child("EndDate")), code)


def _need(node: Node) -> Need | None:
    kind = _upper(node.value("SENtype"))
    return Need(kind, int_of(node.child("SENtypeRank"))) if kind else None


def _contact(node: Node) -> Contact:
    return Contact(
        order=int_of(node.child("Order")),
        title=node.value("Title"),
        forename=node.value("Forename"),
        surname=node.value("Surname"),
        relationship=_upper(node.value("Relationship")),
        responsibility=bool_of(node.child("Responsibility")),
        email=node.value("Email"),
    )


def _year_data(node: Node) -> YearData:
    return YearData(
        year=int_of(node.child("Year")),
        possible=int_of(node.child("SessionsPossible")),
        attended=int_of(node.child("SessionsAttended")),
        authorised=int_of(node.child("SessionsAuthorised")),
        unauthorised=int_of(node.child("SessionsUnauthorised")),
    )


def _stage_result(stage: str | None) -> Callable[[Node], StageResult | None]:
    def read(node: Node) -> StageResult | None:
        result = node.value("Result")
        if stage is None or result is None:
            return None
        return StageResult(
            stage=stage,
            subject=_upper(node.value("Subject")),
            method=_upper(node.value("Method")),
            component=_upper(node.value("Component")),
            year=int_of(node.child("Year")),
            result=result,
            qualifier=_upper(node.value("ResultQualifier")),
            date=date_of(node.child("ResultDate")),
        )

    return read


def _code(value: str | None) -> str:
    return (value or "").replace(" ", "").upper()


def _upper(value: str | None) -> str | None:
    return value.upper() if value else None
