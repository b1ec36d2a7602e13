"""Compare what we hold with what came in, and say what to change. Pure: no I/O.

The plan names only rows that change, so a sync with no MIS change writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pupilsync.sync.options import DEFAULT_OPTIONS, SyncOptions
from pupilsync.sync.records import (
    EMPTY_PUPIL,
    EMPTY_YEAR,
    NO_FIELDS,
    NO_YEAR,
    Departure,
    Identity,
    Incoming,
    Problem,
    PupilFields,
    PupilRecord,
    YearFields,
    known,
)

Moves = dict[str, tuple[object, object]]  # field -> (old, new)
EMPTY_PUPIL_ROW, EMPTY_YEAR_ROW = EMPTY_PUPIL.sent(), EMPTY_YEAR.sent()


@dataclass(frozen=True, slots=True)
class HeldPupil:
    """A pupil as we hold them: synced fields (every one set), and this academic year's row if
    there is one."""

    id: int
    on_roll: bool
    fields: PupilFields
    year: YearFields | None = None

    @property
    def identity(self) -> Identity:
        f = self.fields
        return Identity(upi=known(f.upi), mis_id=known(f.mis_id), wonde_id=known(f.wonde_id))

    @property
    def name(self) -> str:
        return self.fields.name


@dataclass(frozen=True, slots=True)
class NewPupil:
    """A pupil to create from their record: a value it did not send starts empty."""

    record: PupilRecord

    @property
    def fields(self) -> PupilFields:
        return self.record.fields.over(EMPTY_PUPIL)

    @property
    def year(self) -> YearFields:
        return self.record.year.over(EMPTY_YEAR)  # EMPTY_YEAR is on roll; a record never says

    def rows(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """The pupil's row and this year's, for the database driver (no copy of the record)."""
        return EMPTY_PUPIL_ROW | self.record.fields.sent(), EMPTY_YEAR_ROW | self.record.year.sent()


@dataclass(frozen=True, slots=True)
class Change:
    """One pupil we hold, before and after: their row, and this academic year's (None: no row).

    The rows are whole, and what changes is read off them (`fields`, `year`): `new` is `old`
    itself when the pupil's row does not change, so a change copies no more than it must."""

    pupil_id: int
    old: PupilFields = NO_FIELDS
    new: PupilFields = NO_FIELDS
    old_year: YearFields | None = None
    new_year: YearFields | None = None
    restored: bool = False
    archived: bool = False
    name: str = ""

    @property
    def fields(self) -> Moves:
        """What changes in the pupil's row: field -> (old, new)."""
        return _moves(self.old, self.new)

    @property
    def year(self) -> Moves:
        """What changes in the year's row: field -> (old, new); a new row changes every value."""
        if self.new_year is None:
            return {}
        if self.old_year is None:
            return {name: (None, value) for name, value in self.new_year.sent().items()}
        return _moves(self.old_year, self.new_year)

    def new_fields(self) -> dict[str, Any]:
        """The pupil's values that change, as they will be."""
        return {name: new for name, (_, new) in self.fields.items()}

    @property
    def moves(self) -> Moves:
        """Every value that changes: the pupil's, then the year's."""
        return self.fields | self.year


def _moves(old: PupilFields | YearFields, new: PupilFields | YearFields) -> Moves:
    if old is new:
        return {}
    return {
        name: (before, after)
        for name in new.NAMES
        if (before := getattr(old, name)) != (after := getattr(new, name))
    }


@dataclass
class Plan:
    creates: list[NewPupil] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    # The full year rows to write for pupils we hold (pupil id -> values), changed ones only.
    year_rows: dict[int, YearFields] = field(default_factory=dict)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    remove_photos: bool = False  # the school turned photos off: we keep none

    @property
    def updated(self) -> int:
        return sum(1 for c in self.changes if not (c.archived or c.restored))

    @property
    def archived(self) -> int:
        return sum(1 for c in self.changes if c.archived)

    @property
    def restored(self) -> int:
        return sum(1 for c in self.changes if c.restored)

    @property
    def is_empty(self) -> bool:
        return not (self.creates or self.changes)


class _Index:
    """Held pupils by each identifier, for matching in the order upi, mis_id, Wonde id, UPN."""

    def __init__(self, held: Iterable[HeldPupil], roll_upis: frozenset[str] | None = None) -> None:
        self.by_upi: dict[str, HeldPupil] = {}
        self.by_mis: dict[str, HeldPupil] = {}
        self.by_wonde: dict[str, HeldPupil] = {}
        self.by_upn: dict[str, HeldPupil | None] = {}  # None: two held pupils share the UPN
        self.roll_upis = roll_upis
        self.by_id: dict[int, HeldPupil] = {}
        for pupil in held:
            upn = pupil.fields.upn
            if upn:
                self.by_upn[upn] = None if upn in self.by_upn else pupil
            ident = pupil.identity
            self.by_id[pupil.id] = pupil
            if ident.upi:
                self.by_upi[ident.upi] = pupil
            if ident.mis_id:
                self.by_mis.setdefault(ident.mis_id, pupil)
            if ident.wonde_id:
                self.by_wonde[ident.wonde_id] = pupil

    def match(self, identity: Identity) -> HeldPupil | None:
        if identity.held_id is not None:  # a step before the plan (CTF matching) decided
            return self.by_id.get(identity.held_id)
        if identity.upi and identity.upi in self.by_upi:
            return self.by_upi[identity.upi]
        if identity.mis_id and identity.mis_id in self.by_mis:
            held = self.by_mis[identity.mis_id]
            # An MIS id names the same pupil only if the UPIs do not say otherwise.
            if not (identity.upi and held.identity.upi and identity.upi != held.identity.upi):
                return held
        if identity.wonde_id and not (identity.upi or identity.mis_id):
            return self.by_wonde.get(identity.wonde_id)
        return self._by_upn(identity)

    def match_any(self, identity: Identity) -> HeldPupil | None:
        """The held pupil any one of the identities names (for a record we cannot use)."""
        for value, pupils in (
            (identity.upi, self.by_upi),
            (identity.mis_id, self.by_mis),
            (identity.wonde_id, self.by_wonde),
            (identity.upn, self.by_upn),
        ):
            if value and pupils.get(value) is not None:
                return pupils[value]
        return None

    def _by_upn(self, identity: Identity) -> HeldPupil | None:
        """The UPN, a national number, may be all that names a pupil: one a CTF created (no MIS
        ids yet), or, after an MIS change, one whose upi is gone. A held upi counts as gone only
        when a full roll no longer carries it (`roll_upis` is None for a partial read)."""
        held = self.by_upn.get(identity.upn or "")
        if held is None or not held.identity.upi:
            return held
        if self.roll_upis is None or held.identity.upi in self.roll_upis:
            return None
        return held


def make_plan(
    held: list[HeldPupil],
    incoming: Incoming,
    *,
    today: dt.date,
    rules: SyncOptions = DEFAULT_OPTIONS,
) -> Plan:
    plan = Plan(problems=list(incoming.problems), remove_photos=not rules.sync_photos)
    roll, extras = _merge(incoming.pupils, plan.problems)
    roll_upis = frozenset(r.identity.upi for r in roll if r.identity.upi)
    index = _Index(held, roll_upis if incoming.complete else None)
    plan.problems.extend(_duplicate_upns(roll))
    seen: set[int] = set()
    for record in roll:
        match = index.match(record.identity)
        if match is None:
            plan.creates.append(NewPupil(record))
            continue
        if match.id in seen:
            plan.problems.append(_duplicate(record))
            continue
        seen.add(match.id)
        _compare(plan, match, record, restore=not match.on_roll)
    _sighted(plan, index, incoming.sightings, seen)
    archived = _archive(plan, held, incoming, index, seen, today)
    for record in extras:
        match = index.match(record.identity)
        if match is not None and match.id not in seen and match.id not in archived:
            seen.add(match.id)
            _compare(plan, match, record, restore=False)
    if not rules.sync_contacts:
        _drop_contacts(plan, held, seen)
    return plan


def _sighted(plan: Plan, index: _Index, sightings: list[Identity], seen: set[int]) -> None:
    """A record we could not use still shows its pupil is on the roll: they keep every value."""
    for identity in sightings:
        match = index.match_any(identity)
        if match is not None and match.id not in seen:
            seen.add(match.id)
            plan.unchanged += 1


def _drop_contacts(plan: Plan, held: list[HeldPupil], seen: set[int]) -> None:
    """Contacts are off: remove every pupil's, including those this (delta) run did not read."""
    positions = {change.pupil_id: n for n, change in enumerate(plan.changes)}
    for pupil in held:
        contacts = pupil.fields.contacts
        if not contacts:
            continue
        if (n := positions.get(pupil.id)) is not None:
            change = plan.changes[n]
            if change.new.contacts == contacts:  # the change leaves them: it takes them away
                plan.changes[n] = replace(change, new=change.new.but({"contacts": []}))
            continue
        without = pupil.fields.but({"contacts": []})
        plan.changes.append(Change(pupil.id, pupil.fields, without, name=pupil.name))
        if pupil.id in seen:
            plan.unchanged -= 1


def _merge(
    records: list[PupilRecord], problems: list[Problem]
) -> tuple[list[PupilRecord], list[PupilRecord]]:
    """The roll (one record a pupil), and partial records for pupils not on it.

    Partial records (attendance summaries) name a pupil by Wonde id only: fold each into the
    roll record with that id, so a new pupil arrives with their attendance.
    """
    roll: list[PupilRecord] = []
    keys: set[str] = set()
    by_wonde: dict[str, int] = {}
    partial: list[PupilRecord] = []
    for record in records:
        if not record.on_roll:
            partial.append(record)
            continue
        key = _key(record.identity)
        if key in keys:
            problems.append(_duplicate(record))
            continue
        keys.add(key)
        if record.identity.wonde_id:
            by_wonde[record.identity.wonde_id] = len(roll)
        roll.append(record)
    extras: list[PupilRecord] = []
    for record in partial:
        position = by_wonde.get(record.identity.wonde_id or "")
        if position is None:
            extras.append(record)
        else:
            target = roll[position]
            year = record.year.over(target.year)  # (the constructor: `replace` costs thrice)
            roll[position] = PupilRecord(target.identity, target.fields, year, target.on_roll)
    return roll, extras


def _key(identity: Identity) -> str:
    if identity.upi:
        return identity.upi
    if identity.mis_id or not (identity.held_id or identity.upn):
        return f"mis:{identity.mis_id}"
    return f"held:{identity.held_id}" if identity.held_id else f"upn:{identity.upn}"


def _compare(plan: Plan, held: HeldPupil, record: PupilRecord, *, restore: bool) -> None:
    ours = held.fields
    new = record.fields.changes_to(ours)
    if restore and ours.leaving_date is not None:
        new.setdefault("leaving_date", None)
    year = _year(held.year, record, restore=restore)
    if not (new or year is not held.year or restore):
        plan.unchanged += 1
        return
    after = ours.but(new) if new else ours
    plan.changes.append(
        Change(held.id, ours, after, held.year, year, restored=restore, name=held.name)
    )
    if year is not None and year is not held.year:
        plan.year_rows[held.id] = year


def _year(current: YearFields | None, record: PupilRecord, *, restore: bool) -> YearFields | None:
    """This year's row as it should be: `current` itself when nothing in it changes.

    Only what the record sent (and being on roll) can differ from the row we hold, so only
    that is compared: a pupil's row is read field by field, never copied whole."""
    if current is None:
        if record.year == NO_YEAR and not restore:
            return None  # a record with nothing for this year (a CTF of core fields): no row
        return record.year.over(EMPTY_YEAR)  # on roll: a new row is for a year they are in
    new = record.year.changes_to(current)
    if (restore or record.on_roll) and current.on_roll is not True:
        new["on_roll"] = True
    return current.but(new) if new else current


def _archive(
    plan: Plan,
    held: list[HeldPupil],
    incoming: Incoming,
    index: _Index,
    seen: set[int],
    today: dt.date,
) -> set[int]:
    """Archive pupils who left: gone from a full roll, or named by a deletion or leaver."""
    leaving: dict[int, dt.date | None] = {}
    for departure in incoming.departures:
        match = _match_departure(index, departure)
        if match is not None and match.on_roll and match.id not in seen:
            leaving[match.id] = leaving.get(match.id) or departure.leaving_date
    if incoming.complete:
        for pupil in held:
            if pupil.on_roll and pupil.id not in seen:
                leaving.setdefault(pupil.id, None)
    by_id = {pupil.id: pupil for pupil in held}
    for pupil_id, date in leaving.items():
        pupil = by_id[pupil_id]
        # The leavers list or deletion knows best; then a date the MIS set ahead; then today.
        ours = pupil.fields
        left_on = date or known(ours.leaving_date) or today
        after = ours if ours.leaving_date == left_on else ours.but({"leaving_date": left_on})
        year = None
        if pupil.year is not None:  # a year they were never on roll in gets no row
            year = plan.year_rows[pupil_id] = pupil.year.but({"on_roll": False})
        change = Change(pupil_id, ours, after, pupil.year, year, archived=True, name=pupil.name)
        plan.changes.append(change)
    return set(leaving)


def _match_departure(index: _Index, departure: Departure) -> HeldPupil | None:
    ident = departure.identity
    if ident.upi and ident.upi in index.by_upi:
        return index.by_upi[ident.upi]
    if ident.wonde_id and ident.wonde_id in index.by_wonde:
        return index.by_wonde[ident.wonde_id]
    return index.by_mis.get(ident.mis_id) if ident.mis_id else None


def _duplicate_upns(roll: list[PupilRecord]) -> list[Problem]:
    owners: dict[str, PupilRecord] = {}
    problems: list[Problem] = []
    for record in roll:
        upn = record.fields.upn
        if not upn:
            continue
        if upn in owners:
            other = owners[upn]
            message = f"has the same UPN ({upn}) as {other.name}; check the MIS"
            problems.append(
                Problem("duplicate_upn", message, "warning", record.identity, record.name)
            )
        else:
            owners[upn] = record
    return problems


def _duplicate(record: PupilRecord) -> Problem:
    message = "appears twice in the MIS data; the second record was skipped"
    return Problem("duplicate_record", message, "error", record.identity, record.name)
