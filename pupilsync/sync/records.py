"""Our records: what a source (Wonde or a CTF) says about pupils, in our own terms.

A record carries only the values its source provided. A value that is absent was not sent (a
withheld scope, a partial file) and leaves what we hold alone; a value that is None was sent as
empty and clears ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Final, Literal, Self, TypeAlias, TypeVar, final

T = TypeVar("T")


@final
class UnsetType:
    """The type of UNSET: the source did not send this value (httpx's UseClientDefault is the
    model). It is falsy, and typed so, so that `if fields.upn:` narrows to a str."""

    __slots__ = ()
    _instance: ClassVar[UnsetType | None] = None

    def __new__(cls) -> UnsetType:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"  # a copy or a pickle is the one instance


UNSET: Final = UnsetType()
_set = object.__setattr__  # how a frozen dataclass sets its own fields
Sent: TypeAlias = T | UnsetType  # a value, or UNSET when the source did not send one


def known(value: Sent[T]) -> T | None:
    """The value, with "not sent" read as "empty" (for a value that only says who it is)."""
    return None if isinstance(value, UnsetType) else value


def display_name(forename: object, surname: object) -> str:
    """How a pupil is named to a person: the names we show, without the ones that are empty."""
    return " ".join(str(part) for part in (forename, surname) if part)


Contacts = list[dict[str, Any]]  # name, relationship, email, priority, parental_responsibility
Needs = list[dict[str, Any]]  # type, rank


@dataclass(frozen=True, slots=True, repr=False)
class _Values:
    """What the two value classes share: the values that were sent, and laying one over another."""

    NAMES: ClassVar[tuple[str, ...]]
    NO_VALUES: ClassVar[Self]

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> Self:
        """The named values, every other UNSET (a name that is not a field is a TypeError)."""
        return cls(**values) if values else cls.NO_VALUES

    def sent(self) -> dict[str, Any]:
        """The values the source sent, by name: a row for the database driver."""
        return {name: value for name in self.NAMES if (value := getattr(self, name)) is not UNSET}

    def changes_to(self, current: Self) -> dict[str, Any]:
        """What this sent that differs from `current`, by name."""
        return {
            name: value
            for name in self.NAMES
            if (value := getattr(self, name)) is not UNSET and getattr(current, name) != value
        }

    def over(self, base: Self) -> Self:
        """`base` with what this sent in place of its values."""
        values = self.sent()
        return base.but(values) if values else base

    def but(self, values: Mapping[str, object]) -> Self:
        """A copy with `values` in place of ours: `dataclasses.replace`, without its checks.

        A diff builds a few of these per pupil, and `replace` (or `__init__`, which a frozen
        class runs through `object.__setattr__` field by field) costs several times this. A
        name that is not a field has no slot: AttributeError."""
        copy = object.__new__(type(self))
        for name in self.NAMES:
            _set(copy, name, getattr(self, name))
        for name, value in values.items():
            _set(copy, name, value)
        return copy

    def __repr__(self) -> str:
        sent = ", ".join(f"{name}={value!r}" for name, value in self.sent().items())
        return f"{type(self).__name__}({sent})"


@dataclass(frozen=True, slots=True, repr=False)
class PupilFields(_Values):
    """A pupil's synced columns (Pupil); a value left UNSET was not sent and changes nothing."""

    upi: Sent[str | None] = UNSET
    wonde_id: Sent[str | None] = UNSET
    mis_id: Sent[str | None] = UNSET
    upn: Sent[str | None] = UNSET
    former_upn: Sent[str | None] = UNSET
    forename: Sent[str | None] = UNSET
    middle_names: Sent[str | None] = UNSET
    surname: Sent[str | None] = UNSET
    legal_forename: Sent[str | None] = UNSET
    legal_surname: Sent[str | None] = UNSET
    date_of_birth: Sent[dt.date | None] = UNSET
    gender: Sent[str | None] = UNSET
    admission_date: Sent[dt.date | None] = UNSET
    leaving_date: Sent[dt.date | None] = UNSET
    ethnicity: Sent[str | None] = UNSET
    first_language: Sent[str | None] = UNSET
    eal: Sent[bool | None] = UNSET
    fsm: Sent[bool | None] = UNSET
    fsm_ever6: Sent[bool | None] = UNSET
    in_care: Sent[bool | None] = UNSET
    contacts: Sent[Contacts] = UNSET

    @property
    def name(self) -> str:
        return display_name(self.forename, self.surname)


@dataclass(frozen=True, slots=True, repr=False)
class YearFields(_Values):
    """A pupil's synced columns for one academic year (PupilYear); UNSET: not sent."""

    year_group: Sent[str | None] = UNSET
    registration_group: Sent[str | None] = UNSET
    classes: Sent[list[str]] = UNSET
    pupil_premium: Sent[bool | None] = UNSET
    sen_provision: Sent[str | None] = UNSET
    sen_needs: Sent[Needs] = UNSET
    att_possible: Sent[int | None] = UNSET
    att_present: Sent[int | None] = UNSET
    att_authorised: Sent[int | None] = UNSET
    att_unauthorised: Sent[int | None] = UNSET
    att_unexplained: Sent[int | None] = UNSET
    # Whether they are on the roll in that year: ours to say (a source sends the roll).
    on_roll: Sent[bool] = UNSET


for _class in (PupilFields, YearFields):
    _class.NAMES = tuple(f.name for f in fields(_class))
    _class.NO_VALUES = _class()
# Synced columns of Pupil, and of PupilYear for the academic year a sync writes.
PUPIL_FIELDS = PupilFields.NAMES
YEAR_FIELDS = tuple(name for name in YearFields.NAMES if name != "on_roll")
# Nothing sent: a record that leaves every value of ours alone.
NO_FIELDS: Final = PupilFields.NO_VALUES
NO_YEAR: Final = YearFields.NO_VALUES
# A pupil and a year row with every value empty: what a new pupil starts from.
_EMPTY: dict[str, Any] = {name: None for name in (*PUPIL_FIELDS, *YEAR_FIELDS)} | {
    "contacts": [],
    "classes": [],
    "sen_needs": [],
}
EMPTY_PUPIL: Final = PupilFields(**{name: _EMPTY[name] for name in PUPIL_FIELDS})
EMPTY_YEAR: Final = YearFields(**{name: _EMPTY[name] for name in YEAR_FIELDS}, on_roll=True)


@dataclass(frozen=True)
class Identity:
    """How a source names a pupil. Matching tries `upi`, then `mis_id`, then the Wonde id."""

    upi: str | None = None
    mis_id: str | None = None
    wonde_id: str | None = None
    upn: str | None = None  # not a match key for Wonde records, but how a school knows a pupil
    # The pupil we hold, when a step before the plan has matched them already (a CTF import
    # matches on UPN): the plan then takes that pupil and looks no further.
    held_id: int | None = None

    def label(self) -> str:
        """How to name the pupil to a person: the UPN if there is one."""
        return self.upn or self.upi or self.mis_id or self.wonde_id or "unknown pupil"


@dataclass(frozen=True)
class PupilRecord:
    identity: Identity
    fields: PupilFields = NO_FIELDS
    year: YearFields = NO_YEAR
    on_roll: bool | None = None  # True: on the roll now; None: the source does not say

    @property
    def name(self) -> str:
        return self.fields.name or self.identity.label()


@dataclass(frozen=True)
class Departure:
    """A pupil the source says has left (a Wonde deletion or leaver)."""

    identity: Identity
    leaving_date: dt.date | None = None


@dataclass(frozen=True)
class PhotoRecord:
    wonde_id: str  # the pupil's Wonde id
    hash: str
    content: str  # base64, as Wonde sends it


@dataclass(frozen=True)
class Problem:
    """Something wrong with one record or with the run; it becomes a sync issue."""

    code: str
    message: str
    severity: str = "warning"  # error | warning | info
    identity: Identity | None = None
    pupil_name: str = ""


@dataclass
class Incoming:
    """Everything one fetch brought, mapped to our records."""

    pupils: list[PupilRecord] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)
    photos: list[PhotoRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Pupils on the roll whose record could not be used: a held pupil named here stays as is.
    sightings: list[Identity] = field(default_factory=list)
    # A full roll shown complete: a pupil we hold on roll who is not in it has left.
    complete: bool = False
