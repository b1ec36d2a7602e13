"""Who each CTF pupil is among the pupils we hold. Pure: no database.

UPN first, then former UPN (either way round). A pupil who matches only on name and date of
birth is flagged for a person to check, never merged; a pupil who matches nobody is new. The
match is written into the record's identity, so the sync's plan takes it as it stands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pupilsync.ctf.mapping import Mapped
from pupilsync.sync.diff import HeldPupil
from pupilsync.sync.records import UNSET, Identity, PupilFields, PupilRecord, known

NAMES = ("forename", "surname", "legal_forename", "legal_surname", "middle_names")


@dataclass(frozen=True)
class Flagged:
    """A pupil who looks like one we hold (same name and date of birth) but shares no UPN."""

    mapped: Mapped
    candidates: tuple[HeldPupil, ...]

    @property
    def reason(self) -> str:
        names = ", ".join(f"{c.name} (#{c.id})" for c in self.candidates)
        return (
            f"has the name and date of birth of {names} but a different UPN; check the UPNs "
            "and import again. Not imported."
        )


@dataclass
class Matching:
    records: list[PupilRecord] = field(default_factory=list)  # matched or new, for the plan
    sources: list[Mapped] = field(default_factory=list)  # what each record came from
    held_ids: dict[int, int] = field(default_factory=dict)  # record position -> held pupil id
    flagged: list[Flagged] = field(default_factory=list)
    unidentified: list[Mapped] = field(default_factory=list)  # no usable UPN, and no match


class _Index:
    def __init__(self, held: Iterable[HeldPupil]) -> None:
        self.by_upn: dict[str, HeldPupil] = {}
        self.by_former: dict[str, HeldPupil] = {}
        self.by_name: dict[tuple[str, str, dt.date], list[HeldPupil]] = {}
        for pupil in held:
            f = pupil.fields
            if f.upn:
                self.by_upn.setdefault(f.upn.upper(), pupil)
            if f.former_upn:
                self.by_former.setdefault(f.former_upn.upper(), pupil)
            for key in _name_keys(f):
                self.by_name.setdefault(key, []).append(pupil)

    def match(self, mapped: Mapped) -> HeldPupil | None:
        upn, former = mapped.record.identity.upn, mapped.former_upn
        return (
            (self.by_upn.get(upn) if upn else None)
            or (self.by_upn.get(former) if former else None)
            or (self.by_former.get(upn) if upn else None)
        )

    def look_alikes(self, mapped: Mapped) -> tuple[HeldPupil, ...]:
        found: dict[int, HeldPupil] = {}
        for key in _name_keys(mapped.record.fields):
            found.update((p.id, p) for p in self.by_name.get(key, []))
        return tuple(found.values())


def match(held: list[HeldPupil], pupils: list[Mapped]) -> Matching:
    index = _Index(held)
    out = Matching()
    for mapped in pupils:
        pupil = index.match(mapped)
        if pupil is not None:
            out.held_ids[len(out.records)] = pupil.id
            out.records.append(_as_held(mapped.record, pupil))
            out.sources.append(mapped)
        elif candidates := index.look_alikes(mapped):
            out.flagged.append(Flagged(mapped, candidates))
        elif mapped.record.identity.upn is None:
            out.unidentified.append(mapped)
        else:
            out.records.append(_as_new(mapped.record))
            out.sources.append(mapped)
    return out


def _as_held(record: PupilRecord, pupil: HeldPupil) -> PupilRecord:
    """The record aimed at the pupil we hold, without name changes that are only case."""
    held = pupil.identity
    identity = Identity(
        upi=held.upi,
        mis_id=held.mis_id,
        wonde_id=held.wonde_id,
        upn=record.identity.upn or known(pupil.fields.upn),
        held_id=pupil.id,
    )
    same = {
        name: UNSET
        for name in NAMES
        if _same_name(getattr(record.fields, name), _held_name(pupil.fields, name))
    }
    fields = replace(record.fields, **same)
    # An archived pupil's file updates what we hold, and does not put them back on roll.
    return replace(record, identity=identity, fields=fields, on_roll=pupil.on_roll or None)


def _as_new(record: PupilRecord) -> PupilRecord:
    """A new pupil is shown by their legal names when the file has no preferred ones."""
    f = record.fields
    forename = known(f.legal_forename) if f.forename is UNSET else f.forename
    surname = known(f.legal_surname) if f.surname is UNSET else f.surname
    return replace(record, fields=replace(f, forename=forename, surname=surname))


def _held_name(fields: PupilFields, name: str) -> object:
    """A CTF's legal name is compared with the legal name we hold, else the name we show."""
    value = getattr(fields, name)
    if name.startswith("legal_") and not value:
        return getattr(fields, name.removeprefix("legal_"))
    return value


def _same_name(new: object, old: object) -> bool:
    return isinstance(new, str) and isinstance(old, str) and new.casefold() == old.casefold()


def _name_keys(fields: PupilFields) -> set[tuple[str, str, dt.date]]:
    born = fields.date_of_birth
    if not isinstance(born, dt.date):
        return set()
    keys = set()
    for fore, sur in (
        (fields.forename, fields.surname),
        (fields.legal_forename, fields.legal_surname),
    ):
        if fore and sur:
            keys.add((fore.casefold(), sur.casefold(), born))
    return keys
